#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Exclusive loads: a backend that drops its copy when a page is loaded
# leaves the page as the only copy, so frontswap must forget the slot and
# dirty the page.  Pages loaded that way are paged out again (stored
# again, never dropped as clean) and read back intact, with the slot
# shared by a forked child too; a drain racing with such loads, a swapoff
# and a writeback lose nothing.  On a SWP_SYNCHRONOUS_IO device (brd) the
# fault path that skips the swap cache never loads exclusively: it may
# still drop the page unmapped.
. "$(dirname "$0")/lib.sh"
require 1

# delta NAME OLD: how much frontswap counter NAME grew since OLD.
delta() { echo $(($(fs_counter "$1") - $2)); }

swap_on 1
tfs_load
echo Y > $tfsparam/exclusive || fail "exclusive=Y refused"
check "test backend drops its copies" [ "$(cat $tfsparam/exclusive)" = Y ]

# Three page-outs and reads of the same 4096 pages: a page loaded
# exclusively and paged out again unchanged must be stored again.
loads=$(fs_counter exclusive_loads)
stores=$(fs_counter succ_stores)
run_swaptest --kind mixed --pageout --passes 3 16
excl=$(delta exclusive_loads "$loads")
log "exclusive loads: $excl, stores: $(delta succ_stores "$stores")"
check "loads were exclusive" [ "$excl" -ge $((3 * 4096 * 9 / 10)) ]
# frontswap's counters are statistics (racy increments): 1% slack.
check "the backend counted them too" \
	[ "$(tfs_stat exclusive_loads)" -ge $((excl * 99 / 100)) ]
check "pages loaded exclusively were stored again" \
	[ "$(delta succ_stores "$stores")" -ge $((3 * 4096 * 9 / 10)) ]
check "nothing left in the backend" [ "$(tfs_stat stored_pages)" = 0 ]

# A forked child shares the slots: the first reader's load is exclusive,
# the other finds the page in the swap cache.
loads=$(fs_counter exclusive_loads)
run_swaptest --kind mixed --pageout --fork 16
check "shared slots loaded exclusively" \
	[ "$(delta exclusive_loads "$loads")" -ge $((4096 * 9 / 10)) ]
tfs_check_errors

# A drain while the pages are being read back, exclusively, at once.
start_swaptest race --kind mixed --pageout 32
held=$(tfs_stat stored_pages)
loads=$(fs_counter exclusive_loads)
drained=$(fs_counter drained_pages)
check "backend holds the workload" [ "$held" -ge 4096 ]
touch "$tmp/race.go"	# finish_swaptest waits for it below
tfs_unregister || fail "drain failed while pages were loaded"
check "backend gone" [ "$(fs_status backend)" = none ]
check "nothing left in the backend" [ "$(tfs_stat stored_pages)" = 0 ]
# Every held page was either loaded (and left) or drained; see
# zcache_basic.sh for the slots a CPU's swap slots cache holds.
got=$(($(delta exclusive_loads "$loads") + $(delta drained_pages "$drained")))
log "held $held: $(delta exclusive_loads "$loads") loaded," \
	"$(delta drained_pages "$drained") drained"
check "every held page loaded or drained" [ "$got" -ge $((held - 64 * $(nproc))) ]
finish_swaptest race
tfs_register || fail "register again"

# swapoff reads every page back through exclusive loads.
start_swaptest off --kind mixed --pageout 16
loads=$(fs_counter exclusive_loads)
swapoff "$(device 1)" || fail "swapoff"
check "swapoff loaded exclusively" [ "$(delta exclusive_loads "$loads")" -ge 2048 ]
check "nothing left after swapoff" [ "$(tfs_stat stored_pages)" = 0 ]
finish_swaptest off
swap_on 1

# Writeback on the backend's request, with exclusive loads on: it loads
# non-exclusively and invalidates the copy itself.
start_swaptest wb --kind random --pageout 16
written=$(fs_counter written_back_pages)
held=$(tfs_stat stored_pages)
echo 100 > $tfsdir/writeback || fail "writeback request failed"
check "100 pages written back" [ "$(delta written_back_pages "$written")" = 100 ]
check "they left the backend" [ "$(tfs_stat stored_pages)" = $((held - 100)) ]
# Read them from the disk: the balloon needs the backend gone, since it
# keeps whole pages.
tfs_unregister || fail "drain failed"
evict_swap_cache
finish_swaptest wb
tfs_register || fail "register again"

# A RAM disk is a SWP_SYNCHRONOUS_IO device: a slot with one user is read
# without the swap cache, and that load must keep the backend's copy.
if grep -q "^brd " /proc/modules; then
	log "brd is in use here: not testing the path that skips the swap cache"
elif modprobe brd rd_nr=1 rd_size=65536; then
	swapoff "$(device 1)" || fail "swapoff"
	mkswap /dev/ram0 >/dev/null || fail "mkswap /dev/ram0"
	"$here/swapon_prio" 10 /dev/ram0 || fail "swapon /dev/ram0"
	at_cleanup "swapoff /dev/ram0; rmmod brd"
	loads=$(fs_counter loads)
	excl=$(fs_counter exclusive_loads)
	run_swaptest --kind mixed --pageout --passes 2 16
	log "loads: $(delta loads "$loads"), exclusive: $(delta exclusive_loads "$excl")"
	check "pages loaded from the backend" [ "$(delta loads "$loads")" -ge 4096 ]
	check "no exclusive load without the swap cache" \
		[ "$(delta exclusive_loads "$excl")" -le 64 ]
	swapoff /dev/ram0 || fail "swapoff /dev/ram0"
	rmmod brd || fail "rmmod brd"
else
	fail "modprobe brd (CONFIG_BLK_DEV_RAM)"
fi
tfs_check_errors
tfs_unload
