#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every zcache parameter rejects bad values and changes nothing; every
# compressor and zpool the kernel has works; switching them at runtime
# under a workload keeps old pages readable.
. "$(dirname "$0")/lib.sh"
require 1
zc_require

swap_on 1
for v in max_pool_percent=500 compressor=nosuch zpool=nosuch enabled=maybe \
	exclusive_loads=2; do
	if modprobe zcache $v 2>/dev/null; then
		fail "zcache loaded with $v"
	fi
	check "zcache not loaded with $v" not zc_loaded
	check "no backend after the refused load" [ "$(fs_status backend)" = none ]
done
zc_load

# bad NAME VALUE: the write must fail and leave the value as it was.
bad() {
	local before

	before=$(zc_param "$1")
	if echo "$2" > $zcparam/"$1" 2>/dev/null; then
		fail "zcache $1='$2' accepted"
	fi
	check "zcache $1='$2' refused, still '$before'" [ "$(zc_param "$1")" = "$before" ]
}

long=$(printf '%0200d' 0)
for v in "" nosuch "$long" "lzo lz4"; do bad compressor "$v"; done
for v in "" nosuch "$long" zram; do bad zpool "$v"; done
for v in "" -1 101 abc 1x 99999999999; do bad max_pool_percent "$v"; done
for v in "" 0 101 abc; do bad compress_limit_percent "$v"; done
for v in "" 2 maybe; do bad same_filled_pages_enabled "$v"; done
for v in "" 2 maybe; do bad writeback_enabled "$v"; done
for v in "" 2 maybe; do bad exclusive_loads "$v"; done
for v in "" 2 maybe; do bad enabled "$v"; done
check "zcache still registered after the bad writes" [ "$(fs_status backend)" = registered ]

# Each compressor and zpool, switched at runtime while older pages stay
# stored in the pools they went to.
i=0
for comp in lzo lz4 lz4hc zstd deflate; do
	for pool in zsmalloc zbud z3fold; do
		i=$((i + 1))
		zc_set compressor $comp
		zc_set zpool $pool
		stores=$(zc_stat stores)
		start_swaptest p$i --kind compressible --seed $i --pageout 4
		check "$comp/$pool stored pages" [ "$(zc_stat stores)" -gt "$stores" ]
	done
done
log "live pools: $(zc_stat pools)"
check "old pools kept while they hold pages" [ "$(zc_stat pools)" -gt 1 ]
while [ $i -gt 0 ]; do
	finish_swaptest p$i
	i=$((i - 1))
done

# Each compressor gives up on incompressible pages, which count as
# compressing badly, not as failures of the compressor.
for comp in lzo lz4 lz4hc zstd deflate; do
	zc_set compressor $comp
	poor=$(zc_stat reject_compress_poor)
	failed=$(zc_stat reject_compress_fail)
	run_swaptest --kind random --seed 9 --pageout 4
	check "$comp rejects incompressible pages" \
		[ $(($(zc_stat reject_compress_poor) - poor)) -ge 1000 ]
	check "$comp: no compressor failure" [ "$(zc_stat reject_compress_fail)" = "$failed" ]
done
zc_unload
