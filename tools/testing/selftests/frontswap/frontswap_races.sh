#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# For a bounded time, at once: swapon/swapoff loops on several devices,
# register/unregister loops with and without exclusive loads, and
# workloads that verify every page
# (private, forked copy-on-write and shmem).  No page may be corrupted and
# the backend must never see a call it should not.
. "$(dirname "$0")/lib.sh"
require 3
secs=${FRONTSWAP_RACE_SECONDS:-60}

swap_on 1	# always on, so the workloads always have swap
tfs_load
end=$(($(date +%s) + secs))

register_loop() {
	local n=0 failed=0

	while [ "$(date +%s)" -lt $end ]; do
		# A drain may fail (busy entries); then the backend stays usable.
		tfs_unregister 2>/dev/null || failed=$((failed + 1))
		tfs_register 2>/dev/null
		# Exclusive loads every other cycle.
		echo $((n % 2)) > $tfsparam/exclusive || fail "exclusive"
		n=$((n + 1))
	done
	echo "$n $failed" > "$tmp/register_cycles"
}

race_workloads "$secs"
register_loop &
reg_pid=$!
race_wait
wait $reg_pid
read -r reg_cycles reg_failed < "$tmp/register_cycles"
log "races: register_cycles=$reg_cycles failed_drains=$reg_failed"
check "register cycles ran" [ "$reg_cycles" -gt 0 ]
tfs_registered || tfs_register
tfs_check_errors
tfs_unload
swap_off_all
