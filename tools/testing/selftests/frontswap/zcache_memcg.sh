#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# zcache and memory cgroups (v2).  The compressed memory zcache holds is
# charged to the cgroup of each page: memory.zswap.current and the zswap
# (compressed bytes) and zswapped (the pages' bytes) lines of memory.stat
# grow while a cgroup's pages are in zcache and fall back to zero once
# they are gone.  A cgroup with memory.zswap.max = 0 gets nothing
# stored: zcache refuses its pages (reject_memcg) and they go to the disk.
# Disabling zcache while a cgroup sits at its memory.max OOM-kills nobody:
# the drain succeeds, or fails and zcache stays enabled.  Every page reads
# back intact.
. "$(dirname "$0")/lib.sh"
require 1
zc_require
cg_require memory
mib=${ZCACHE_MEMCG_MIB:-80}
pages=$((mib * 256))
# Freed swap slots wait in per-CPU caches before zcache hears of them.
slack=$((64 * $(nproc) * 2))

cg_create zcache
cg=$cg_dir
cg_create nozswap
cg0=$cg_dir
[ -e "$cg/memory.zswap.max" ] || skip "no memory.zswap.max (CONFIG_ZSWAP, CONFIG_MEMCG)"
echo 64M > "$cg/memory.max"
echo 64M > "$cg0/memory.max"
echo 0 > "$cg0/memory.zswap.max"

swap_on 1
zc_load
[ -e $zcdir/reject_memcg ] || skip "zcache has no reject_memcg counter"

zsw_cur() { cat "$1/memory.zswap.current"; }
# memory.stat's zswapped, in pages (memory.stat shows bytes).
zswapped() { echo $(($(cg_stat "$1" zswapped) / 4096)); }
# uncharged CGROUP PAGES: at most PAGES left charged to CGROUP.
uncharged() {
	[ "$(zsw_cur "$1")" -le $(($2 * 4096)) ] && [ "$(zswapped "$1")" -le "$2" ]
}
no_oom_kill() { [ "$(cg_event "$1" oom_kill)" = 0 ]; }

# 1. A cgroup's pages in zcache are charged to it.
swaptest_cgroup=$cg
start_swaptest charged --kind compressible --seed 1 --pageout $mib
sleep 2.5	# the periodic flush of memcg statistics
held=$(zc_stat stored_pages)
cur=$(zsw_cur "$cg")
zb=$(cg_stat "$cg" zswap)
zp=$(zswapped "$cg")
log "zcache holds $held pages; the cgroup: zswap.current $cur, zswap $zb," \
	"zswapped $zp pages, memory.current $(cat "$cg/memory.current")"
check "zcache stored the cgroup's pages" [ "$held" -ge $((pages / 4)) ]
check "memory.zswap.current grew" [ "$cur" -gt 0 ]
check "memory.stat zswap grew" [ "$zb" -gt 0 ]
check "memory.stat zswapped grew" [ "$zp" -gt 0 ]
check "zswapped counts the pages zcache holds" \
	[ "$zp" -ge $((held * 9 / 10 - slack)) -a "$zp" -le $((held + slack)) ]
check "zswap counts compressed bytes" \
	[ "$zb" -ge $((zp * 1024)) -a "$zb" -le $((zp * 4096)) ]
check "memory.zswap.current is memory.stat's zswap" \
	[ "$cur" -ge $((zb - zb / 10)) -a "$cur" -le $((zb + zb / 10)) ]
check "no OOM kill in the cgroup" no_oom_kill "$cg"
finish_swaptest charged
check "the charges went with the pages" wait_until 5 uncharged "$cg" $slack
log "left charged: zswap.current $(zsw_cur "$cg"), zswapped $(zswapped "$cg") pages"

# 2. memory.zswap.max = 0: zcache stores nothing from the cgroup.
swaptest_cgroup=$cg0
held=$(zc_stat stored_pages)
rejected=$(zc_stat reject_memcg)
stores=$(fs_counter succ_stores)
start_swaptest refused --kind compressible --seed 2 --pageout $mib
out=$(swapped_pages refused)
d_rejected=$(($(zc_stat reject_memcg) - rejected))
d_stores=$(($(fs_counter succ_stores) - stores))
log "$out pages out; zcache refused $d_rejected, frontswap stored $d_stores," \
	"zcache holds $(($(zc_stat stored_pages) - held)) more"
check "the pages were swapped out" [ "$out" -ge $((pages / 2)) ]
check "zcache refused them" [ "$d_rejected" -ge $((out - 64)) ]
check "they went to the disk: frontswap stored none" [ "$d_stores" -le 64 ]
check "zcache holds none of them" [ "$(zc_stat stored_pages)" -le $((held + 64)) ]
check "nothing charged to the cgroup" [ "$(zsw_cur "$cg0")" = 0 ]
check "memory.stat zswapped is 0" [ "$(zswapped "$cg0")" = 0 ]
evict_swap_cache
finish_swaptest refused

# 3. Disable zcache while the cgroup is at its memory.max: the drain's
# swap cache pages are charged to the cgroup, which must reclaim, not
# OOM-kill, to make room.
swaptest_cgroup=$cg
start_swaptest held --kind compressible --seed 3 --pageout 48
start_swaptest filler --kind compressible --seed 4 48
log "before the drain: memory.current $(cat "$cg/memory.current"), zcache holds" \
	"$(zc_stat stored_pages), zswap.current $(zsw_cur "$cg")"
check "the cgroup is at its limit" \
	[ "$(cat "$cg/memory.current")" -ge $(((64 << 20) * 9 / 10)) ]
if echo 0 > $zcparam/enabled; then
	log "drained at the limit"
else
	log "the drain failed at the limit"
	check "a failed drain left zcache enabled" zc_enabled
	check "and registered" [ "$(fs_status backend)" = registered ]
fi
check "no OOM kill in the cgroup" no_oom_kill "$cg"
check "the held workload survived" swaptest_alive held
check "the filler survived" swaptest_alive filler
if zc_enabled; then
	echo max > "$cg/memory.max"
	zc_set enabled 0
fi
check "zcache empty" [ "$(zc_stat stored_pages)" = 0 ]
check "nothing charged after the drain" wait_until 5 uncharged "$cg" 0
check "nothing charged to the other cgroup" uncharged "$cg0" 0
evict_swap_cache
finish_swaptest held
finish_swaptest filler
check "no OOM kill in the cgroup" no_oom_kill "$cg"
zc_unload
