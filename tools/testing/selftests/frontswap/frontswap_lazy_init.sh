#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A backend loaded after swapon is initialised for the active swap type
# (replay), a later swapon reaches it directly, and pages stored in it
# read back intact.
. "$(dirname "$0")/lib.sh"
require 2

swap_on 1
check "no backend yet" [ "$(fs_status backend)" = none ]
check "swap type recorded without a backend" [ "$(fs_status swap_types)" = 0 ]

tfs_load
check "backend registered" [ "$(fs_status backend)" = registered ]
check "init replayed for the active type" [ "$(fs_status backend_types)" = 0 ]
check "backend saw one init" [ "$(tfs_stat init_calls)" = 1 ]

stores=$(fs_counter succ_stores)
run_swaptest --kind mixed --pageout 32
check "stores reached the backend" [ "$(fs_counter succ_stores)" -gt "$stores" ]
check "loads came from the backend" [ "$(fs_counter loads)" -gt 0 ]

swap_on 2
check "swapon after registration initialises directly" \
	[ "$(fs_status backend_types)" = 0-1 ]
check "each type initialised once" [ "$(tfs_stat init_calls)" = 2 ]
run_swaptest --kind compressible --pageout 32 --fork

swap_off_all
check "swapoff reached the backend" [ -z "$(fs_status backend_types)" ]
check "no pages left after swapoff" [ "$(tfs_stat stored_pages)" = 0 ]
tfs_unload
check "backend gone" [ "$(fs_status backend)" = none ]
