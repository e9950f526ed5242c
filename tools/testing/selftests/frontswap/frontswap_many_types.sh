#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A backend loaded after many swapons is initialised for every type, and
# stores reach each of them.
. "$(dirname "$0")/lib.sh"
n=${FRONTSWAP_TYPES:-20}
require "$n"

swap_on 1 "$n"
tfs_load
check "backend initialised for all $n types" \
	[ "$(fs_status backend_types)" = "0-$((n - 1))" ]
check "each type initialised once" [ "$(tfs_stat init_calls)" = "$n" ]
start_swaptest all --kind compressible --pageout 64
# Swap entries are spread over devices of equal priority.
for t in $(seq 0 $((n - 1))); do
	check "type $t holds stored pages" \
		[ "$(tfs_stat "type$t")" -gt 0 ]
done
finish_swaptest all
swap_off_all
check "no type left in the backend" [ -z "$(fs_status backend_types)" ]
tfs_unload
