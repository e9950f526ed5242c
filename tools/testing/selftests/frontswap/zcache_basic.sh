#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# zcache loaded after swapon stores compressed pages, same-filled pages
# as a value and rejects incompressible ones; rmmod is refused while it
# is enabled; disabling drains every page to the swap device; loaded
# with no swap at all, it works once a swapon comes.  Every page is
# verified.
. "$(dirname "$0")/lib.sh"
require 2
zc_require

swap_on 1
zc_load
check "zcache registered after swapon" [ "$(fs_status backend)" = registered ]
check "replayed for the active type" [ "$(fs_status backend_types)" = 0 ]

# Compressible pages are stored in the pool.
start_swaptest comp --kind compressible --pageout 32
stored=$(zc_stat stored_pages)
pool=$(zc_stat pool_total_size)
log "stored $stored pages in $pool bytes"
check "compressible pages stored" [ "$stored" -ge 8000 ]
check "pool smaller than the pages" [ "$pool" -lt $((stored * 4096 * 3 / 4)) ]
loads=$(zc_stat exclusive_loads)
finish_swaptest comp
check "pages read back left the pool (exclusive_loads=1)" \
	[ $(($(zc_stat exclusive_loads) - loads)) -ge $((stored * 9 / 10)) ]

# Same-filled pages: one value each, no pool space.
same=$(zc_stat same_filled_pages)
start_swaptest same --kind same --pageout 16
check "same-filled pages counted" \
	[ $(($(zc_stat same_filled_pages) - same)) -ge 4000 ]
finish_swaptest same
start_swaptest zero --kind zero --pageout 16
check "zero pages are same-filled too" \
	[ $(($(zc_stat same_filled_pages) - same)) -ge 4000 ]
finish_swaptest zero

# Incompressible pages go to the swap device.
poor=$(zc_stat reject_compress_poor)
run_swaptest --kind random --pageout 16
check "incompressible pages rejected" \
	[ $(($(zc_stat reject_compress_poor) - poor)) -ge 4000 ]

# rmmod while enabled is refused and changes nothing.
start_swaptest held --kind mixed --pageout 32
held=$(zc_stat stored_pages)
if rmmod zcache 2>/dev/null; then
	fail "rmmod zcache succeeded while enabled"
fi
check "refused rmmod changed nothing" [ "$(zc_stat stored_pages)" = "$held" ]
drained=$(zc_stat drained_pages)
zc_set enabled 0
check "disabling unregisters" [ "$(fs_status backend)" = none ]
# A slot freed into a CPU's swap slots cache (up to 64 per CPU) keeps its
# copy until the cache returns it; the drain skips such dead copies.
check "every stored page drained" \
	[ $(($(zc_stat drained_pages) - drained)) -ge $((held - 64 * $(nproc))) ]
check "pool empty after the drain" [ "$(zc_stat stored_pages)" = 0 ]
evict_swap_cache
finish_swaptest held
zc_set enabled 1
check "enabling registers again" [ "$(fs_status backend)" = registered ]
zc_unload

# Loaded with no swap at all: registered with nothing to serve, and a
# disable has nothing to drain.  A swapon then initialises it directly.
swap_off_all
zc_load
check "zcache registered without swap" [ "$(fs_status backend)" = registered ]
check "no swap type initialised" [ -z "$(fs_status backend_types | tr -d ' ')" ]
zc_set enabled 0
zc_set enabled 1
swap_on 1 2
check "swapons initialise zcache" [ "$(fs_status backend_types)" = 0-1 ]
start_swaptest early --kind mixed --fork --pageout 32
check "pages stored" [ "$(zc_stat stored_pages)" -gt 0 ]
finish_swaptest early
zc_unload
