#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# zcache loaded and unloaded many times under a workload leaks nothing;
# a second backend is refused while one is registered.
. "$(dirname "$0")/lib.sh"
require 1
zc_require
cycles=${ZCACHE_CYCLES:-100}

swap_on 1
tfs_load
if modprobe zcache 2>/dev/null; then
	fail "zcache registered while another backend was"
fi
check "the first backend is untouched" [ "$(fs_status backend)" = registered ]
tfs_unload

free0=$(awk '/MemFree/ { print $2 }' /proc/meminfo)
i=0
while [ $i -lt "$cycles" ]; do
	i=$((i + 1))
	zc_load
	[ $((i % 10)) = 1 ] && run_swaptest --kind mixed --seed $i --pageout 8 >/dev/null
	zc_unload >/dev/null
done
check "$cycles load/unload cycles" [ $i = "$cycles" ]
free1=$(awk '/MemFree/ { print $2 }' /proc/meminfo)
log "MemFree before $free0 kB, after $free1 kB"
check "no memory lost over the cycles (within 4 MiB)" [ $((free0 - free1)) -lt 4096 ]
