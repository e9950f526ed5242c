#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# zcache under faults.  When its allocations fail during a page-out
# (failslab, fail_page_alloc), zcache refuses the stores, counts them, and
# the pages go to the swap device.  When the swap device fails writes,
# disabling zcache fails and leaves it enabled and holding its pages, and
# rmmod is refused.  Once the faults are gone all works again; every page
# reads back intact.  Faults hit only the test program's page-out or the
# drain's writes to the swap disk (task-filter).
. "$(dirname "$0")/lib.sh"
require 1
zc_require
fi=/sys/kernel/debug
for f in failslab fail_page_alloc fail_make_request; do
	[ -d $fi/$f ] || skip "fault injection not configured ($f)"
done
dev=$(device 1)
disk=/sys/block/$(basename "$dev")

# store_faults FAULT: half of FAULT's calls fail during a page-out.  Half,
# not all: the page-out also allocates swap cache nodes, and must get
# some pages as far as zcache.
store_faults() {
	local f=$fi/$1 rejected failed stored

	rejected=$(zc_stat reject_alloc_fail)
	failed=$(fs_counter failed_stores)
	stored=$(zc_stat stores)
	echo N > "$f/ignore-gfp-wait"
	echo Y > "$f/task-filter"
	if [ -e "$f/min-order" ]; then
		echo N > "$f/ignore-gfp-highmem"
		echo 0 > "$f/min-order"
	fi
	fault_setup "$f" 50
	start_swaptest "$1" --kind compressible --seed 3 --pageout --fail-pageout 16
	echo 0 > "$f/probability"
	log "$1: $(($(zc_stat reject_alloc_fail) - rejected)) stores refused," \
		"$(($(zc_stat stores) - stored)) taken"
	check "$1: zcache refused and counted stores" \
		[ "$(zc_stat reject_alloc_fail)" -gt "$rejected" ]
	check "$1: frontswap counted the failed stores" \
		[ "$(fs_counter failed_stores)" -gt "$failed" ]
	evict_swap_cache
	finish_swaptest "$1"
}

swap_on 1
zc_load

# 1. Allocation failures in the store path.
store_faults failslab
store_faults fail_page_alloc
stores=$(zc_stat stores)
run_swaptest --kind compressible --pageout 8
check "stores work again without faults" [ "$(zc_stat stores)" -gt "$stores" ]

# 2. The swap device fails every write of the drain.  Only the draining
# task's I/O fails (task-filter): a swap-in by any other task, this shell
# included, would otherwise get an I/O error and SIGBUS meanwhile.
start_swaptest eio --kind mixed --pageout 32
failures=$(fs_counter drain_failures)
echo Y > $fi/fail_make_request/task-filter
fault_setup $fi/fail_make_request
echo 1 > "$disk/make-it-fail"
if sh -c "echo 1 > /proc/self/make-it-fail; echo 0 > $zcparam/enabled"; then
	fail "zcache disabled although its pages could not be written"
fi
check "zcache still enabled" zc_enabled
check "frontswap backend still registered" [ "$(fs_status backend)" = registered ]
check "the drain failure was counted" [ "$(fs_counter drain_failures)" -gt "$failures" ]
check "zcache kept pages" [ "$(zc_stat stored_pages)" -gt 0 ]
if rmmod zcache 2>/dev/null; then
	fail "rmmod succeeded while zcache held pages"
fi
echo 0 > "$disk/make-it-fail"
echo 0 > $fi/fail_make_request/probability
stores=$(zc_stat stores)
run_swaptest --kind compressible --pageout 8
check "zcache still takes stores" [ "$(zc_stat stores)" -gt "$stores" ]

# 3. Without faults the drain succeeds; the pages come back from disk.
zc_set enabled 0
check "frontswap backend gone" [ "$(fs_status backend)" = none ]
evict_swap_cache
finish_swaptest eio
zc_unload
