#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# For a bounded time, at once: swapon/swapoff loops, zcache enable/disable
# and compressor/zpool switches, zcache module unload/reload, pool-limit
# writeback (a small pool, writeback switched on and off), exclusive
# loads switched on and off, and workloads
# that verify every page (private, forked copy-on-write, shmem).  No page
# may be corrupted.
. "$(dirname "$0")/lib.sh"
require 3
zc_require
secs=${FRONTSWAP_RACE_SECONDS:-60}
# FRONTSWAP_RACE_FAULTS=1: every fourth disable drains while 2% of its
# page allocations fail (fail_page_alloc); the drain fails cleanly.
faults=${FRONTSWAP_RACE_FAULTS:-0}
fpa=/sys/kernel/debug/fail_page_alloc
fault_budget=1000000
# A pool this small (percent of RAM) keeps writeback busy throughout.
pool_limit=max_pool_percent=1

if [ "$faults" = 1 ]; then
	[ -d $fpa ] || skip "fault injection not configured (FAIL_PAGE_ALLOC)"
	echo N > $fpa/ignore-gfp-wait
	echo N > $fpa/ignore-gfp-highmem
	echo 0 > $fpa/min-order
	echo Y > $fpa/task-filter
	fault_setup $fpa 2
	echo $fault_budget > $fpa/times	# counts down as faults are injected
fi

swap_on 1	# always on, so the workloads always have swap
zc_load $pool_limit
written=$(fs_counter written_back_pages)
end=$(($(date +%s) + secs))

written_since() { [ "$(fs_counter written_back_pages)" -gt "$1" ]; }

# Toggle, switch and reload zcache; a drain may fail (busy), then zcache
# stays enabled and usable.  Every fourth cycle keeps zcache enabled until
# the pool has filled and some pages were written back (at most 10 s), so
# that writeback overlaps the swapoff loop however fast the cycles run.
zcache_loop() {
	local n=0 failed=0 comp pool wb

	while [ "$(date +%s)" -lt $end ]; do
		for comp in lz4 zstd lzo; do
			for pool in zbud zsmalloc z3fold; do
				echo $comp > $zcparam/compressor || fail "compressor $comp"
				echo $pool > $zcparam/zpool || fail "zpool $pool"
			done
		done
		# Off one cycle in four.
		echo $((n % 4 != 1)) > $zcparam/writeback_enabled ||
			fail "writeback_enabled"
		# Exclusive loads two cycles in three.
		echo $((n % 3 != 0)) > $zcparam/exclusive_loads ||
			fail "exclusive_loads"
		if [ $((n % 4)) = 0 ]; then
			wb=$(fs_counter written_back_pages)
			wait_until 10 written_since "$wb" || true
		fi
		if [ "$faults" = 1 ] && [ $((n % 4)) = 3 ]; then
			disable="echo 1 > /proc/self/make-it-fail; echo 0 > $zcparam/enabled"
		else
			disable="echo 0 > $zcparam/enabled"
		fi
		if sh -c "$disable"; then
			if [ $((n % 3)) = 0 ]; then
				rmmod zcache || fail "rmmod after disable"
				modprobe zcache $pool_limit || fail "modprobe zcache again"
			else
				echo 1 > $zcparam/enabled || fail "enable again"
			fi
		else
			zc_enabled || fail "a failed disable left zcache disabled"
			failed=$((failed + 1))
		fi
		n=$((n + 1))
	done
	echo "$n $failed" > "$tmp/zcache_cycles"
}

race_workloads "$secs"
zcache_loop &
zc_pid=$!
race_wait
wait $zc_pid || fail "zcache loop failed"
read -r zc_cycles zc_failed < "$tmp/zcache_cycles"
log "races: zcache_cycles=$zc_cycles failed_drains=$zc_failed"
check "zcache cycles ran" [ "$zc_cycles" -gt 0 ]
written=$(($(fs_counter written_back_pages) - written))
log "races: written_back=$written"
check "writeback ran during the races" [ $written -gt 0 ]
if [ "$faults" = 1 ]; then
	echo 0 > $fpa/probability
	log "races: faults_injected=$((fault_budget - $(cat $fpa/times)))"
fi
zc_unload
swap_off_all
