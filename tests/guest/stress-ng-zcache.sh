#!/bin/sh
# Guest: Debian's stress-ng, with its own verification, swaps through
# zcache while zcache is loaded, switched, disabled (drained) and unloaded
# over and over.  stress-ng must report no failure and zcache must have
# both stored and drained pages on the way.
# usage (host): tools/vm/run -f /usr/bin/stress-ng -d 2 tests/guest/stress-ng-zcache.sh [SECS]
[ -x /usr/bin/stress-ng ] || { echo "SKIP: stress-ng not in the guest"; exit 4; }
SWAP_DEVICES=$(ls /dev/vd* | tr '\n' ' ')
. /selftests/frontswap/lib.sh
# lib.sh looks for its programs next to the script that sources it.
here=/selftests/frontswap
swaptest=$here/swaptest
require 1
zc_require
secs=${1:-60}
out=$tmp/stress-ng.out

swap_on 1 "$(echo $SWAP_DEVICES | wc -w)"
stores=$(fs_counter succ_stores)
drained=$(fs_counter drained_pages)

# Private anonymous memory (every vm method) and mmap'd areas, both
# verified by stress-ng itself, in more memory than the guest has.
stress-ng --vm 2 --vm-bytes 96M --vm-method all --mmap 1 --mmap-bytes 64M \
	--verify -t "${secs}s" --metrics-brief > "$out" 2>&1 &
stress=$!

cycles=0
while kill -0 $stress 2>/dev/null; do
	for setup in "lzo zsmalloc" "lz4 zbud" "zstd z3fold"; do
		set -- $setup
		kill -0 $stress 2>/dev/null || break
		zc_load compressor="$1" zpool="$2"
		sleep 3
		# A drain may find pages busy and fail; zcache then stays
		# enabled, and the next try must do.
		echo 0 > $zcparam/enabled || zc_set enabled 0
		rmmod zcache || fail "rmmod zcache after its drain"
		cycles=$((cycles + 1))
	done
done
wait $stress
rc=$?
cat "$out"
log "zcache load/drain/unload cycles: $cycles," \
	"stores: $(($(fs_counter succ_stores) - stores))," \
	"drained: $(($(fs_counter drained_pages) - drained))"
check "stress-ng reports success (exit $rc)" [ $rc = 0 ]
check "stress-ng saw no verification failure" not grep -qi "fail" "$out"
check "zcache took stores" [ "$(fs_counter succ_stores)" -gt "$stores" ]
check "zcache drained pages" [ "$(fs_counter drained_pages)" -gt "$drained" ]
check "zcache cycled" [ $cycles -gt 0 ]
