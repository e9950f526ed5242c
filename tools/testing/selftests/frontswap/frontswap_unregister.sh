#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Unregistering a backend that holds pages drains every page to the swap
# device; the pages read back intact from disk; re-registering works, and
# the cycle repeats.  A backend asked to write back some pages does so.
. "$(dirname "$0")/lib.sh"
require 1
cycles=${FRONTSWAP_CYCLES:-4}

swap_on 1
tfs_load
i=0
while [ $i -lt "$cycles" ]; do
	i=$((i + 1))
	log "cycle $i"
	start_swaptest c$i --kind mixed --seed $i --pageout 32
	held=$(tfs_stat stored_pages)
	check "backend holds pages before the drain" [ "$held" -gt 0 ]
	drained=$(fs_counter drained_pages)

	if rmmod test_frontswap 2>/dev/null; then
		fail "rmmod succeeded while the backend was registered"
	fi
	check "a refused rmmod changed nothing" [ "$(tfs_stat stored_pages)" = "$held" ]

	tfs_unregister || fail "unregister (drain) failed"
	check "backend gone" [ "$(fs_status backend)" = none ]
	check "nothing left in the backend" [ "$(tfs_stat stored_pages)" = 0 ]
	check "every held page was drained" \
		[ $(($(fs_counter drained_pages) - drained)) -ge "$held" ]
	stores=$(fs_counter succ_stores)
	evict_swap_cache
	finish_swaptest c$i
	check "no store reached a gone backend" [ "$(fs_counter succ_stores)" = "$stores" ]
	tfs_register || fail "register again"
	check "re-registration replays init" [ "$(fs_status backend_types)" = 0 ]
	tfs_check_errors
done

# Write back part of the pool on the backend's request.
start_swaptest wb --kind random --pageout 16
written=$(fs_counter written_back_pages)
echo 100 > $tfsdir/writeback || fail "writeback request failed"
check "100 pages written back" [ $(($(fs_counter written_back_pages) - written)) = 100 ]
finish_swaptest wb
tfs_check_errors
tfs_unload
