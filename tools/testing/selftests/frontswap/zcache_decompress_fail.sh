#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A page zcache holds but cannot decompress is lost, and the kernel must
# say so rather than read the swap slot, which was never written: the
# task that touches it gets SIGBUS, on that page only.  Failures are
# injected into zcache_pool_decompress (fail_function) at a swap-in, once
# without and twice with swap readahead (frontswap counts load errors),
# and during the drain of "enabled=0" (which skips the page, counts it
# unreadable and succeeds; the page then gives SIGBUS when touched).
# Every other page reads back intact.  fail_function's task-filter cannot
# be used (its kprobe handler runs from int3, where no task matches), so
# the workload's pages must be the only ones zcache holds: no balloon
# pushes other tasks' pages out before a failure, MADV_PAGEOUT alone
# takes the workload's.
. "$(dirname "$0")/lib.sh"
require 1
zc_require
ff=/sys/kernel/debug/fail_function
[ -d $ff ] || skip "no $ff (CONFIG_FAIL_FUNCTION)"
for c in load_errors unreadable_pages; do
	[ -e $fsdir/$c ] || skip "frontswap has no $c counter"
done
pc=/proc/sys/vm/page-cluster
at_cleanup "echo $(cat $pc) > $pc"
at_cleanup "echo > $ff/inject"

swap_on 1
zc_load
grep -q "^zcache_pool_decompress" $ff/injectable ||
	skip "zcache_pool_decompress is not error-injectable"

# arm [N]: the next N decompressions (default 1) fail with EIO.
arm() {
	echo zcache_pool_decompress > $ff/inject ||
		fail "cannot inject into zcache_pool_decompress"
	printf %#x -5 > $ff/zcache_pool_decompress/retval
	echo N > $ff/task-filter
	echo 0 > $ff/interval
	echo 0 > $ff/verbose
	echo 0 > $ff/space
	echo "${1:-1}" > $ff/times
	echo 100 > $ff/probability
}
disarm() {
	check "the injected failure was used" [ "$(cat $ff/times)" = 0 ]
	echo 0 > $ff/probability
	echo '!zcache_pool_decompress' > $ff/inject
}
# Counters: snapshot, then counts() sets d_* to what changed since.
snapshot() {
	s_load_errors=$(fs_counter load_errors)
	s_unreadable=$(fs_counter unreadable_pages)
	s_drained=$(fs_counter drained_pages)
	s_decompress_fail=$(zc_stat decompress_fail)
	s_loads=$(zc_stat loads)
}
counts() {
	d_load_errors=$(($(fs_counter load_errors) - s_load_errors))
	d_unreadable=$(($(fs_counter unreadable_pages) - s_unreadable))
	d_drained=$(($(fs_counter drained_pages) - s_drained))
	d_decompress_fail=$(($(zc_stat decompress_fail) - s_decompress_fail))
	d_loads=$(($(zc_stat loads) - s_loads))
	log "frontswap: load_errors +$d_load_errors, unreadable_pages" \
		"+$d_unreadable, drained_pages +$d_drained; zcache:" \
		"decompress_fail +$d_decompress_fail, loads +$d_loads"
}

# Compressible: not same-filled, each page is really decompressed.
st="--kind compressible --pageout"

# 1. A swap-in whose decompression fails.  No swap readahead: the
# failing load is the faulting page's own.
echo 0 > $pc
start_swaptest load $st --sigbus-ok 1 --sigbus-min 1 --seed 1 16
check "zcache holds the pages" [ "$(zc_stat stored_pages)" -ge 3000 ]
snapshot
arm
finish_swaptest load
disarm
counts
check "the pages were read from zcache, not the swap cache" \
	[ "$(swaptest_field load resident_before_verify)" -le 64 ]
check "frontswap counted one load error" [ "$d_load_errors" = 1 ]
check "zcache counted one decompression failure" [ "$d_decompress_fail" = 1 ]
check "the other pages came from zcache" [ "$d_loads" -ge 3000 ]
check "nothing unreadable" [ "$d_unreadable" = 0 ]

# 1b. With swap readahead (8 pages): pages read ahead whose decompression
# fails give SIGBUS when touched; they are not read from the disk.
echo 3 > $pc
start_swaptest readahead $st --sigbus-ok 2 --sigbus-min 2 --seed 3 16
snapshot
arm 2
finish_swaptest readahead
disarm
counts
check "frontswap counted two load errors" [ "$d_load_errors" = 2 ]
check "zcache counted two decompression failures" [ "$d_decompress_fail" = 2 ]

# 2. The drain meets a page it cannot decompress (swap readahead on).
start_swaptest drain $st --sigbus-ok 1 --sigbus-min 1 --seed 2 16
held=$(zc_stat stored_pages)
check "zcache holds the pages" [ "$held" -ge 3000 ]
snapshot
arm
echo 0 > $zcparam/enabled || fail "the drain failed on an unreadable page"
disarm
counts
log "zcache held $held pages"
check "zcache disabled" not zc_enabled
check "no backend" [ "$(fs_status backend)" = none ]
check "frontswap counted one unreadable page" [ "$d_unreadable" = 1 ]
check "zcache counted one decompression failure" [ "$d_decompress_fail" = 1 ]
check "the other pages were drained" [ "$d_drained" -ge 3000 -a "$d_drained" -lt "$held" ]
zc_unload
evict_swap_cache
finish_swaptest drain
