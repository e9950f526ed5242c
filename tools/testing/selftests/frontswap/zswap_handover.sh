#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Built-in zswap and zcache take turns as the frontswap backend while
# workloads hold their pages.  zswap registers only while enabled (and is
# then initialised for the swap device already on), and disabling it
# drains its pool to the swap device; while one of the two is enabled the
# other cannot register (modprobe zcache, enabling zswap fail with EBUSY)
# and nothing changes.  Every page of every workload reads back intact.
. "$(dirname "$0")/lib.sh"
require 1
zc_require
zswparam=/sys/module/zswap/parameters
zswdir=/sys/kernel/debug/zswap
[ -d /sys/module/zswap ] || skip "no zswap (CONFIG_ZSWAP)"
[ -e $zswdir/stored_pages ] || skip "$zswdir/stored_pages missing"

zsw_enabled() { [ "$(cat $zswparam/enabled)" = Y ]; }
kmsg_has() { dmesg | grep -q "$1"; }
zsw_stored() { cat $zswdir/stored_pages; }
at_cleanup "echo 0 > $zswparam/enabled"

# zsw_disable: drain zswap to the swap device, which must work.
zsw_disable() {
	local held drained

	held=$(zsw_stored)
	drained=$(fs_counter drained_pages)
	echo 0 > $zswparam/enabled || fail "disabling zswap (its drain) failed"
	log "zswap held $held pages, $(($(fs_counter drained_pages) - drained)) drained"
	check "zswap disabled" not zsw_enabled
	check "no backend after zswap" [ "$(fs_status backend)" = none ]
	check "zswap holds nothing after its drain" [ "$(zsw_stored)" = 0 ]
	# Less only by freed slots still in the swap slot caches.
	check "zswap's pages were drained" \
		[ $(($(fs_counter drained_pages) - drained)) -ge $((held - 256)) ]
}

# zsw_enable: register zswap after swapon; it must store pages.
zsw_enable() {
	local stores held

	stores=$(fs_counter succ_stores)
	held=$(zsw_stored)

	echo 1 > $zswparam/enabled || fail "enabling zswap failed"
	check "zswap enabled" zsw_enabled
	check "zswap registered with frontswap" [ "$(fs_status backend)" = registered ]
	check "zswap initialised for the active swap device" \
		[ "$(fs_status backend_types)" = 0 ]
	start_swaptest "$1" --kind compressible --seed "$2" --pageout 24
	log "zswap holds $(zsw_stored) pages"
	check "zswap stored pages" [ "$(zsw_stored)" -gt $((held + 3000)) ]
	check "frontswap counted the stores" \
		[ $(($(fs_counter succ_stores) - stores)) -ge 3000 ]
}

check "zswap is off at boot" not zsw_enabled
check "no backend at boot" [ "$(fs_status backend)" = none ]
swap_on 1
# Pages on the disk before any backend.
stores=$(fs_counter succ_stores)
start_swaptest disk --kind mixed --seed 1 --pageout 16
check "nothing stored without a backend" [ "$(fs_counter succ_stores)" = "$stores" ]

# 1. zswap enabled after swapon; zcache cannot load beside it.
zsw_enable zswap1 2
held=$(zsw_stored)
if modprobe zcache 2>/dev/null; then
	fail "modprobe zcache succeeded while zswap is enabled"
fi
check "zcache not loaded" not zc_loaded
check "zcache said why" kmsg_has "another frontswap backend"
check "zswap still the backend" [ "$(fs_status backend)" = registered ]
check "zswap still holds its pages" [ "$(zsw_stored)" -ge "$held" ]
zsw_disable

# 2. zcache after zswap; zswap cannot be enabled beside it.
zc_load
check "zcache registered" [ "$(fs_status backend)" = registered ]
start_swaptest zcache --kind compressible --seed 3 --pageout 24
check "zcache stored pages" [ "$(zc_stat stored_pages)" -gt 3000 ]
check "zswap stored nothing" [ "$(zsw_stored)" = 0 ]
held=$(zc_stat stored_pages)
if echo 1 > $zswparam/enabled; then
	fail "zswap enabled while zcache is registered"
fi 2>/dev/null
check "zswap stays disabled" not zsw_enabled
check "zcache still enabled" zc_enabled
check "zcache still the backend" [ "$(fs_status backend)" = registered ]
check "zcache still holds its pages" [ "$(zc_stat stored_pages)" = "$held" ]
run_swaptest --kind compressible --seed 4 --pageout 8
check "zswap still stored nothing" [ "$(zsw_stored)" = 0 ]
zc_unload

# 3. zswap again, after zcache is gone.
zsw_enable zswap2 5
zsw_disable

# Nothing reaches a backend any more; every page comes back from disk.
stores=$(fs_counter succ_stores)
evict_swap_cache
for w in disk zswap1 zcache zswap2; do
	finish_swaptest $w
done
check "no store reached a gone backend" [ "$(fs_counter succ_stores)" = "$stores" ]
