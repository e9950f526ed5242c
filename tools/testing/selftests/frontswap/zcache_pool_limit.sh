#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# When zcache's pool reaches max_pool_percent, it writes its coldest pages
# back to the swap device, or with writeback_enabled=0 sends new pages
# there; every page still reads back intact.
. "$(dirname "$0")/lib.sh"
require 1
zc_require

swap_on 1
zc_load max_pool_percent=2
start_swaptest big --kind compressible --pageout 96
limit=$(($(awk '/MemTotal/ { print $2 }' /proc/meminfo) * 1024 * 2 / 100))
log "pool $(zc_stat pool_total_size) bytes, limit $limit bytes"
check "pool limit hit" [ "$(zc_stat pool_limit_hit)" -gt 0 ]
check "coldest pages written back" [ "$(zc_stat written_back_pages)" -gt 0 ]
check "pool within its limit" [ "$(zc_stat pool_total_size)" -le $((limit + limit / 10)) ]
finish_swaptest big

# With writeback off, a full pool sends new pages to swap instead.
zc_set writeback_enabled 0
written=$(zc_stat written_back_pages)
hits=$(zc_stat pool_limit_hit)
start_swaptest cold --kind compressible --seed 2 --pageout 96
log "pool $(zc_stat pool_total_size) bytes, limit $limit bytes"
check "pool limit hit with writeback off" [ "$(zc_stat pool_limit_hit)" -gt "$hits" ]
check "nothing written back with writeback off" \
	[ "$(zc_stat written_back_pages)" = "$written" ]
check "pool within its limit" [ "$(zc_stat pool_total_size)" -le $((limit + limit / 10)) ]
finish_swaptest cold
zc_unload
