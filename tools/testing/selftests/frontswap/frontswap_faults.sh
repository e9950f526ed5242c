#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A drain that cannot finish (page allocations fail, the swap device fails
# writes) returns an error and leaves the backend registered and usable
# with nothing lost; once the fault is gone the drain succeeds.  Faults
# come from the kernel's fault injection (fail_page_alloc,
# fail_make_request).
. "$(dirname "$0")/lib.sh"
require 1
fi=/sys/kernel/debug
[ -d $fi/fail_page_alloc ] && [ -d $fi/fail_make_request ] ||
	skip "fault injection not configured (FAIL_PAGE_ALLOC, FAIL_MAKE_REQUEST)"
dev=$(device 1)
disk=/sys/block/$(basename "$dev")

# A drain that must fail: the backend stays registered with its pages.
drain_must_fail() {
	local held=$(tfs_stat stored_pages) failures=$(fs_counter drain_failures)

	if "$@"; then
		fail "drain succeeded under $1"
	fi
	check "backend still registered" [ "$(fs_status backend)" = registered ]
	check "failure counted" [ "$(fs_counter drain_failures)" -gt "$failures" ]
	check "backend kept pages" [ "$(tfs_stat stored_pages)" -gt 0 ]
	log "backend held $held pages, still holds $(tfs_stat stored_pages)"
}

swap_on 1
tfs_load

# 1. Page allocations fail in the task that drains.
start_swaptest nomem --kind mixed --pageout 32
echo N > $fi/fail_page_alloc/ignore-gfp-wait
echo 0 > $fi/fail_page_alloc/min-order
echo Y > $fi/fail_page_alloc/task-filter
fault_setup $fi/fail_page_alloc
# Let the write(2) itself through; fail the drain's page allocations.
echo 64 > $fi/fail_page_alloc/space	# in pages
drain_must_fail sh -c "echo 1 > /proc/self/make-it-fail; echo N > $tfsparam/registered"
echo 0 > $fi/fail_page_alloc/probability
stores=$(fs_counter succ_stores)
run_swaptest --kind compressible --pageout 8
check "backend still takes stores" [ "$(fs_counter succ_stores)" -gt "$stores" ]
finish_swaptest nomem

# 2. The swap device fails every write of the drain.  Only the draining
# task's I/O fails (task-filter): a swap-in by any other task, this shell
# included, would otherwise get an I/O error and SIGBUS meanwhile.
start_swaptest eio --kind mixed --pageout 32
echo Y > $fi/fail_make_request/task-filter
fault_setup $fi/fail_make_request
echo 1 > "$disk/make-it-fail"
drain_must_fail sh -c "echo 1 > /proc/self/make-it-fail; echo N > $tfsparam/registered"
echo 0 > "$disk/make-it-fail"
echo 0 > $fi/fail_make_request/probability
finish_swaptest eio

# 3. Without faults the drain succeeds and every page is intact.
start_swaptest after --kind mixed --pageout 32
tfs_unregister || fail "drain without faults"
check "backend gone" [ "$(fs_status backend)" = none ]
evict_swap_cache
finish_swaptest after
tfs_check_errors
tfs_unload
