#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# For a bounded time, at once: swapon/swapoff loops on several devices,
# register/unregister loops, and workloads that verify every page
# (private, forked copy-on-write and shmem).  No page may be corrupted and
# the backend must never see a call it should not.
. "$(dirname "$0")/lib.sh"
require 3
secs=${FRONTSWAP_RACE_SECONDS:-60}
ndev=$(echo $SWAP_DEVICES | wc -w)

swap_on 1	# always on, so the workloads always have swap
tfs_load
end=$(($(date +%s) + secs))

swap_loop() {
	local n=0 i

	while [ "$(date +%s)" -lt $end ]; do
		for i in $(seq 2 "$ndev"); do
			swap_on "$i"
		done
		for i in $(seq 2 "$ndev"); do
			swapoff "$(device "$i")" || fail "swapoff $(device "$i")"
		done
		n=$((n + 1))
	done
	echo "$n" > "$tmp/swap_cycles"
}

register_loop() {
	local n=0 failed=0

	while [ "$(date +%s)" -lt $end ]; do
		# A drain may fail (busy entries); then the backend stays usable.
		tfs_unregister 2>/dev/null || failed=$((failed + 1))
		tfs_register 2>/dev/null
		n=$((n + 1))
	done
	echo "$n $failed" > "$tmp/register_cycles"
}

swap_loop &
swap_pid=$!
register_loop &
reg_pid=$!
"$swaptest" --kind mixed --pageout --loop "$secs" 24 &
w1=$!
# Forked children share the pages copy-on-write; swaptest forks once.
forked_loop() {
	local seed=0

	while [ "$(date +%s)" -lt $end ]; do
		seed=$((seed + 1))
		"$swaptest" --kind compressible --seed $seed --fork --pageout 16 >/dev/null ||
			fail "forked workload found bad pages (seed $seed)"
	done
}

forked_loop &
w2=$!
"$swaptest" --kind random --shmem --pageout --loop "$secs" 16 &
w3=$!

wait $w1 || fail "private workload found bad pages"
wait $w2 || fail "forked workload found bad pages"
wait $w3 || fail "shmem workload found bad pages"
wait $swap_pid || fail "swapon/swapoff loop failed"
wait $reg_pid
log "swap cycles: $(cat "$tmp/swap_cycles")"
log "register cycles, failed drains: $(cat "$tmp/register_cycles")"
check "swapon/swapoff cycles ran" [ "$(cat "$tmp/swap_cycles")" -gt 0 ]
check "register cycles ran" [ "$(cut -d' ' -f1 "$tmp/register_cycles")" -gt 0 ]
tfs_registered || tfs_register
tfs_check_errors
tfs_unload
swap_off_all
