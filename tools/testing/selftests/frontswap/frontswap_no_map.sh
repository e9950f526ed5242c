#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A swapon whose frontswap map cannot be allocated still works, without
# frontswap: the backend is never told about that type, so it must never
# get a store, load or invalidation for it.  Fault injection fails one
# slab allocation of the swapon call (fail-nth), the k-th for k = 1, 2,
# ... until a swapon succeeds without the map ("FS" missing from its log
# line).
# Pages then go through that device and come back intact, and the test
# backend counts no call for a type it was not initialised for.
. "$(dirname "$0")/lib.sh"
require 1
fi=/sys/kernel/debug/failslab
[ -d $fi ] || skip "failslab not configured"
dev=$(device 1)
mkswap "$dev" > /dev/null || fail "mkswap $dev"
tfs_load

# fail-nth counts the allocations that pass failslab's filters.
echo N > $fi/ignore-gfp-wait
echo N > $fi/task-filter
echo 0 > $fi/verbose
echo 0 > $fi/probability
# The other failed allocations warn (vmalloc): keep that off the console.
printk=$(cut -f1 /proc/sys/kernel/printk)
echo 1 > /proc/sys/kernel/printk
found=
for k in $(seq 1 80); do
	dmesg -c > /dev/null
	"$here/swapon_prio" --fail-nth "$k" 10 "$dev" 2>/dev/null || continue
	line=$(dmesg | grep "swap on $dev")
	case $line in
	*FS) swapoff "$dev" || fail "swapoff $dev" ;;
	*) found=$k; break ;;
	esac
done
echo "$printk" > /proc/sys/kernel/printk
[ -n "$found" ] || skip "no single failed allocation left swapon without a frontswap map"
log "allocation $found failed: $line"
check "the backend was not told about the type" [ -z "$(fs_status backend_types)" ]

stores=$(fs_counter succ_stores)
refused=$(fs_counter failed_stores)
run_swaptest --kind compressible --pageout --evict 160 32
check "frontswap refused the type's stores" [ "$(fs_counter failed_stores)" -gt "$refused" ]
check "frontswap stored nothing for the type" [ "$(fs_counter succ_stores)" = "$stores" ]
tfs_check_errors
swapoff "$dev" || fail "swapoff $dev"
tfs_unload
