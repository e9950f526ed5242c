#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Pool-limit writeback takes the oldest pages first, but gives a page that
# was read since it was stored a second chance (exclusive_loads=0, so the
# pool keeps read pages): pages read once survive a writeback pass that
# takes older-stored pages, and are read back from the pool, not from the
# swap device.  Every page is verified.
. "$(dirname "$0")/lib.sh"
require 1
zc_require

swap_on 1
# A pool of 4% of RAM; writeback brings it back to 90% of that.  lz4
# keeps compressible pages in about 0.6 of their size: the hot pages take
# a quarter of the pool and the newer ones about all of it, so writeback
# runs, and what it takes (at most about a third of the pool) can come
# from the newer pages stored ahead of the hot ones.
limit_mib=$(awk '/MemTotal/ { print int($2 / 1024 * 4 / 100) }' /proc/meminfo)
hot_mib=$((limit_mib * 2 / 5 > 0 ? limit_mib * 2 / 5 : 1))
new_mib=$((limit_mib * 7 / 4))
zc_load exclusive_loads=0 compressor=lz4 max_pool_percent=4

# The hot pages are stored first, so they are the oldest, then read once
# and paged out again: the pool keeps them, marked as read.
start_swaptest hot --kind compressible --pageout --passes 2 $hot_mib
hot=$(zc_stat stored_pages)
check "hot pages stored" [ "$hot" -ge $((hot_mib * 256 * 9 / 10)) ]
touch "$tmp/hot.go"
hot_read() { test -e "$tmp/hot.go.1.ready" || ! swaptest_alive hot; }
wait_until 120 hot_read && swaptest_alive hot || fail "hot pages not read back"
check "read pages stay in the pool" [ "$(zc_stat stored_pages)" -ge $((hot * 9 / 10)) ]

# Newer pages fill the pool past its limit.
log "pool: $(zc_stat pool_total_size) bytes for $hot pages, limit $limit_mib MiB"
written=$(zc_stat written_back_pages)
run_swaptest --kind compressible --pageout $new_mib
log "written back: $(($(zc_stat written_back_pages) - written)) pages," \
	"pool $(zc_stat pool_total_size) bytes"
check "writeback ran at the pool limit" \
	[ "$(zc_stat written_back_pages)" -gt "$written" ]

# Every hot page still comes from the pool.
loads=$(zc_stat loads)
touch "$tmp/hot.go.1"
finish_swaptest hot
log "hot pages read from the pool: $(($(zc_stat loads) - loads)) of $hot"
check "read pages survived writeback" \
	[ $(($(zc_stat loads) - loads)) -ge $((hot * 9 / 10)) ]
zc_unload
