#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Disabling and unloading zcache while its swap device is being swapped
# off, and swapping off the last swap device while zcache drains.
# Whichever gets to a page first, every page reads back intact, swapoff
# succeeds, and zcache ends empty and unloads.  A drain that finds pages
# busy with the swapoff may fail; then zcache stays enabled and a second
# disable succeeds.
. "$(dirname "$0")/lib.sh"
require 1
zc_require
rounds=${ZCACHE_SWAPOFF_ROUNDS:-3}
dev=$(device 1)

i=0
while [ $i -lt "$rounds" ]; do
	i=$((i + 1))
	for order in swapoff-first drain-first; do
		log "round $i: $order"
		swap_on 1
		zc_load
		start_swaptest $order$i --kind mixed --seed $i --pageout 48
		held=$(zc_stat stored_pages)
		drained=$(fs_counter drained_pages)
		check "zcache holds pages" [ "$held" -gt 0 ]

		if [ $order = swapoff-first ]; then
			swapoff "$dev" &
			other=$!
			zc_set enabled 0
			check "zcache empty after its drain" \
				[ "$(zc_stat stored_pages)" = 0 ]
			rmmod zcache || fail "rmmod zcache during swapoff"
		else
			echo 0 > $zcparam/enabled &
			other=$!
			swapoff "$dev" || fail "swapoff during the drain"
		fi
		if ! wait $other; then
			# Only the drain may fail (entries busy with swapoff),
			# and then zcache must be as it was: enabled.
			[ $order = drain-first ] || fail "swapoff failed"
			check "a failed drain left zcache enabled" zc_enabled
			zc_set enabled 0
		fi
		log "zcache held $held pages, drained" \
			"$(($(fs_counter drained_pages) - drained)), swapoff took the rest"

		check "swap device off" not grep -q "^$dev " /proc/swaps
		check "frontswap backend gone" [ "$(fs_status backend)" = none ]
		if zc_loaded; then
			zc_unload
		fi
		finish_swaptest $order$i
	done
done
