#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Transparent huge pages and frontswap: the core never hands a backend a
# large folio.  A THP that swap takes whole (a non-rotational device, so
# swap has clusters) goes to the swap device whole, with zcache and with
# test_frontswap (which would store anything it is given: a core that let
# the folio through would lose 511 of its 512 pages); a THP split on the
# way out (a rotational device) reaches zcache page by page.  Huge pages
# must really back the memory (AnonHugePages); every page is verified
# after it comes back from zcache or the disk, also in a forked child.
. "$(dirname "$0")/lib.sh"
require 1
zc_require
thp=/sys/kernel/mm/transparent_hugepage
[ -e $thp/enabled ] || skip "no THP ($thp/enabled missing)"
mib=${ZCACHE_THP_MIB:-64}
dev=$(device 1)
rot=/sys/block/$(basename "$dev")/queue/rotational
[ -w "$rot" ] || skip "$rot missing"
# Without CONFIG_VM_EVENT_COUNTERS, what went to the disk is told by what
# frontswap did not store; with them, also by thp_swpout and pswpout.
events=
[ -n "$(vm_stat thp_swpout)" ] && [ -n "$(vm_stat pswpout)" ] && events=1
[ -n "$events" ] || log "no thp_swpout in /proc/vmstat (CONFIG_VM_EVENT_COUNTERS)"

old=$(sed 's/.*\[\(.*\)\].*/\1/' $thp/enabled)
at_cleanup "echo $old > $thp/enabled"
at_cleanup "echo $(cat "$rot") > $rot"

# The checker itself: without huge pages, --thp proves nothing and says so.
echo never > $thp/enabled
rc=0
"$swaptest" --thp --kind compressible 4 > /dev/null 2>&1 || rc=$?
check "swaptest --thp fails when no huge page backs it" [ $rc = 2 ]
# 6.1 sets "never" at boot below 512 MiB of RAM, whatever the config says.
echo always > $thp/enabled || fail "cannot set THP to always"

backend_stat() {
	case $backend in
	zcache) zc_stat "$1" ;;
	tfs) tfs_stat "$1" ;;
	esac
}
event() { if [ -n "$events" ]; then vm_stat "$1"; else echo 0; fi; }

# page_out NAME MIB [ARGS...]: hold a --thp workload whose pages are out;
# set $out to the number of its pages that are out, $d_stores to the
# pages frontswap stored meanwhile, and the other d_* to what else changed.
page_out() {
	local name=$1 mib=$2 huge s_thp s_fallback s_pswpout s_stores s_failed s_held s_excl

	shift 2
	s_thp=$(event thp_swpout)
	s_fallback=$(event thp_swpout_fallback)
	s_pswpout=$(event pswpout)
	s_stores=$(fs_counter succ_stores)
	s_failed=$(fs_counter failed_stores)
	s_held=$(backend_stat stored_pages)
	s_excl=$(fs_counter exclusive_loads)
	start_swaptest "$name" --thp --kind compressible --pageout "$@" "$mib"
	huge=$(swaptest_field "$name" anon_huge_kb)
	out=$(swapped_pages "$name")
	d_thp=$(($(event thp_swpout) - s_thp))
	d_fallback=$(($(event thp_swpout_fallback) - s_fallback))
	d_pswpout=$(($(event pswpout) - s_pswpout))
	d_stores=$(($(fs_counter succ_stores) - s_stores))
	d_failed=$(($(fs_counter failed_stores) - s_failed))
	# Pages other tasks loaded meanwhile may have left the backend.
	d_held=$(($(backend_stat stored_pages) - s_held +
		  $(fs_counter exclusive_loads) - s_excl))
	log "$name: AnonHugePages $huge kB, $out of $((mib * 256)) pages out;" \
		"frontswap stored $d_stores, failed $d_failed; $backend holds +$d_held"
	[ -z "$events" ] || log "$name: thp_swpout +$d_thp," \
		"thp_swpout_fallback +$d_fallback, pswpout +$d_pswpout"
	check "$name: huge pages backed the memory" [ "$huge" -gt 0 ]
	check "$name: most pages were swapped out" [ "$out" -ge $((mib * 128)) ]
	check "$name: the backend holds what frontswap stored" [ "$d_held" = "$d_stores" ]
	# A few other pages of the process may have gone out before.
	[ -z "$events" ] || check "$name: every page out was stored or written" \
		[ $((d_stores + d_pswpout + 64)) -ge "$out" ]
}

# whole NAME MIB [ARGS...]: THPs swapped out whole go to the disk whole,
# although the backend would take each of their pages.
whole() {
	page_out "$@"
	check "$1: the backend got (almost) none of the pages" \
		[ "$d_stores" -le $((out / 8)) ]
	if [ -n "$events" ]; then
		check "$1: THPs were swapped out whole" [ "$d_thp" -gt 0 ]
		check "$1: every whole THP was written to the disk" \
			[ "$d_pswpout" -ge $((d_thp * 512)) ]
		check "$1: the backend got none of their pages" \
			[ "$d_stores" -le $((out - d_thp * 512)) ]
	fi
	evict_swap_cache
	finish_swaptest "$1"
}

# 1. A non-rotational device: swap takes THPs whole.
echo 0 > "$rot"
swap_on 1
backend=tfs
tfs_load
whole thp-tfs "$mib"
tfs_check_errors
tfs_unload

backend=zcache
zc_load
whole thp-zcache "$mib"
# Forked after the page-out: parent and child share the swapped THPs.
whole thp-fork $((mib / 2)) --fork
zc_unload
swap_off_all

# 2. A rotational device: no swap clusters, THPs are split on the way
# out and zcache gets their pages one by one.
echo 1 > "$rot"
swap_on 1
zc_load
page_out thp-split "$mib"
check "thp-split: zcache stored most pages" [ "$d_stores" -ge $((out / 2)) ]
if [ -n "$events" ]; then
	check "thp-split: THPs were split to be swapped" [ "$d_fallback" -gt 0 ]
	check "thp-split: none went out whole" [ "$d_thp" = 0 ]
fi
evict_swap_cache
finish_swaptest thp-split
zc_unload
