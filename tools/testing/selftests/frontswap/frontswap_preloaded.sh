#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A backend registered before any swapon is initialised by swapon itself,
# and a swapon/swapoff cycle with the backend holding pages loses nothing.
. "$(dirname "$0")/lib.sh"
require 2

tfs_load
check "registered without swap" [ "$(fs_status backend)" = registered ]
check "no type initialised yet" [ "$(tfs_stat init_calls)" = 0 ]
swap_on 1 2
check "both swapons initialised the backend" [ "$(fs_status backend_types)" = 0-1 ]

# Swap off one device while the backend holds pages of both.
start_swaptest held --kind mixed --pageout 48
check "backend holds pages" [ "$(tfs_stat stored_pages)" -gt 0 ]
swapoff "$(device 2)" || fail "swapoff with pages in the backend"
check "the swapped-off type left the backend" [ "$(fs_status backend_types)" = 0 ]
swap_on 2
check "swapon again initialises it again" [ "$(fs_status backend_types)" = 0-1 ]
finish_swaptest held
tfs_check_errors
tfs_unload
