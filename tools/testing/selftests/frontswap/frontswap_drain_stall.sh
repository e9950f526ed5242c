#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A long drain does not stall swap management: while a backend is being
# drained, /proc/swaps answers and another device can be swapped on and
# off.  The drain is made long by throttling the writes to the swap
# device (cgroup v2 io.max): its writes are charged to the cgroup that
# owns the pages.  The test proves the drain was long (or fails, saying
# the throttle did not work) and that swapon and /proc/swaps did not wait
# for it.  Every page reads back intact; the backend saw no bad call.
. "$(dirname "$0")/lib.sh"
require 2
cg_require io memory
mib=${FRONTSWAP_STALL_MIB:-32}
wiops=${FRONTSWAP_STALL_WIOPS:-500}
pages=$((mib * 256))
dev1=$(device 1)
dev2=$(device 2)

cg_create stall
cg=$cg_dir
[ -e "$cg/io.max" ] || skip "no io.max (CONFIG_BLK_DEV_THROTTLING)"
echo "$(cat /sys/class/block/"$(basename "$dev1")"/dev) wiops=$wiops" > "$cg/io.max" ||
	fail "cannot throttle $dev1"
log "io.max: $(cat "$cg/io.max")"

swap_on 1
mkswap "$dev2" > /dev/null || fail "mkswap $dev2"
tfs_load
swaptest_cgroup=$cg
start_swaptest held --kind compressible --pageout $mib
held=$(tfs_stat stored_pages)
check "the backend holds the pages" [ "$held" -ge $((pages * 9 / 10)) ]

draining() { [ "$(fs_status backend)" = draining ]; }
drained=$(fs_counter drained_pages)
t0=$(now_ms)
(tfs_unregister; echo $? > "$tmp/drain.rc"; now_ms > "$tmp/drain.end") &
drain=$!
wait_until 5 draining || fail "the drain did not start, or was over at once"

# A task that waits for the drain in the kernel cannot be killed: the
# times measured tell.
rc=0
run_timed 2 cat /proc/swaps > /dev/null || rc=$?
log "cat /proc/swaps took $elapsed_ms ms (status $rc)"
check "/proc/swaps answered in 2 s during the drain" [ $rc = 0 -a $elapsed_ms -lt 2000 ]
rc=0
run_timed 3 "$here/swapon_prio" 10 "$dev2" || rc=$?
log "swapon $dev2 took $elapsed_ms ms (status $rc)"
check "swapon during the drain worked" [ $rc = 0 ]
check "swapon took less than 3 s" [ $elapsed_ms -lt 3000 ]
check "the drain was still running" draining
rc=0
run_timed 2 grep -q "^$dev2 " /proc/swaps || rc=$?
check "/proc/swaps shows $dev2 in 2 s" [ $rc = 0 -a $elapsed_ms -lt 2000 ]
rc=0
run_timed 10 swapoff "$dev2" || rc=$?
log "swapoff $dev2 took $elapsed_ms ms (status $rc)"
check "swapoff during the drain worked" [ $rc = 0 ]
check "swapoff took less than 10 s" [ $elapsed_ms -lt 10000 ]
draining || log "the drain ended during the swapoff"

wait $drain
took=$(($(cat "$tmp/drain.end") - t0))
log "the drain of $held pages took $took ms"
check "the drain succeeded" [ "$(cat "$tmp/drain.rc")" = 0 ]
[ $took -ge 5000 ] ||
	fail "the drain took $took ms: the io.max throttle did not slow it, the test proves nothing"
check "backend gone" [ "$(fs_status backend)" = none ]
check "every held page was drained" \
	[ $(($(fs_counter drained_pages) - drained)) -ge "$held" ]
tfs_check_errors
evict_swap_cache
finish_swaptest held
tfs_unload
