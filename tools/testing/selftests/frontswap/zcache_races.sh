#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# For a bounded time, at once: swapon/swapoff loops, zcache enable/disable
# and compressor/zpool switches, zcache module unload/reload, and
# workloads that verify every page (private, forked copy-on-write,
# shmem).  No page may be corrupted.
. "$(dirname "$0")/lib.sh"
require 3
zc_require
secs=${FRONTSWAP_RACE_SECONDS:-60}
ndev=$(echo $SWAP_DEVICES | wc -w)

swap_on 1	# always on, so the workloads always have swap
zc_load
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

# Toggle, switch and reload zcache; a drain may fail (busy), then zcache
# stays enabled and usable.
zcache_loop() {
	local n=0 failed=0 comp pool

	while [ "$(date +%s)" -lt $end ]; do
		for comp in lz4 zstd lzo; do
			for pool in zbud zsmalloc z3fold; do
				echo $comp > $zcparam/compressor || fail "compressor $comp"
				echo $pool > $zcparam/zpool || fail "zpool $pool"
			done
		done
		if echo 0 > $zcparam/enabled; then
			if [ $((n % 3)) = 0 ]; then
				rmmod zcache || fail "rmmod after disable"
				modprobe zcache || fail "modprobe zcache again"
			else
				echo 1 > $zcparam/enabled || fail "enable again"
			fi
		else
			failed=$((failed + 1))
		fi
		n=$((n + 1))
	done
	echo "$n $failed" > "$tmp/zcache_cycles"
}

forked_loop() {
	local seed=0

	while [ "$(date +%s)" -lt $end ]; do
		seed=$((seed + 1))
		"$swaptest" --kind compressible --seed $seed --fork --pageout 16 >/dev/null ||
			fail "forked workload found bad pages (seed $seed)"
	done
}

swap_loop &
swap_pid=$!
zcache_loop &
zc_pid=$!
"$swaptest" --kind mixed --pageout --loop "$secs" 24 &
w1=$!
forked_loop &
w2=$!
"$swaptest" --kind compressible --shmem --pageout --loop "$secs" 16 &
w3=$!

wait $w1 || fail "private workload found bad pages"
wait $w2 || fail "forked workload found bad pages"
wait $w3 || fail "shmem workload found bad pages"
wait $swap_pid || fail "swapon/swapoff loop failed"
wait $zc_pid || fail "zcache loop failed"
log "swap cycles: $(cat "$tmp/swap_cycles")"
log "zcache cycles, failed drains: $(cat "$tmp/zcache_cycles")"
check "swapon/swapoff cycles ran" [ "$(cat "$tmp/swap_cycles")" -gt 0 ]
check "zcache cycles ran" [ "$(cut -d' ' -f1 "$tmp/zcache_cycles")" -gt 0 ]
zc_unload
swap_off_all
