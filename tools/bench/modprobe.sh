#!/bin/sh
# Guest side of `make bench`: how long zcache takes to start working when
# it is loaded on a busy machine with many swap devices.
# usage: modprobe.sh COMPRESSOR ZPOOL MIB
# Every swap disk is swapped on, a workload of MIB MiB (more than RAM)
# keeps the guest reclaiming, then zcache is loaded, and a 1 MiB swaptest
# pages out as soon as modprobe returns.  Times come from the kernel log
# (microseconds): modprobe itself, and modprobe to the first successful
# frontswap store (polled every millisecond).
# Sends one result record to the host (result(), over the records
# channel).
comp=$1 pool=$2 mib=$3
# shellcheck source=/dev/null # the guest's copies of tools/guest/lib.sh and
# the selftests' lib.sh (start_swaptest, finish_swaptest, cg_*)
. /lib/guest.sh
# shellcheck source=/dev/null
. /selftests/frontswap/lib.sh
# shellcheck disable=SC2034 # lib.sh's: its copy of swaptest, its cgroup
swaptest=/selftests/frontswap/swaptest
mkdir -p "$tmp"
# The one way a result leaves the guest: the record "result KEY=VALUE ...".
result() { record result "$@"; }
mark() { echo "bench-mark $1" > /dev/kmsg; }
# Kernel time of a mark, in seconds.
stamp() { dmesg | sed -n "s/^\[ *\([0-9.]*\)\] bench-mark $1\$/\1/p" | tail -n 1; }
ms() { awk -v a="$(stamp "$1")" -v b="$(stamp "$2")" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }

swapon_disks
n=$(swap_disks | wc -l)
"$swaptest" --kind compressible --loop 600 "$mib" > "$tmp/busy.out" 2>&1 &
busy=$!
# Wait until the workload is paging out.
until [ "$(swap_used_kb)" -gt 0 ]; do
	kill -0 $busy 2>/dev/null || { cat "$tmp/busy.out"; die "swaptest died"; }
	sleep 0.01
done

f=/sys/kernel/debug/frontswap/succ_stores
[ "$(cat $f)" = 0 ] || die "stores before modprobe"
mark load
modprobe zcache compressor="$comp" zpool="$pool" || die "modprobe zcache"
mark loaded
# start_swaptest returns once the pages are out; poll for the first store
# meanwhile.
(until [ "$(cat $f)" != 0 ]; do sleep 0.001; done; mark stored) &
poll=$!
start_swaptest one --kind compressible --pageout 1
wait $poll
finish_swaptest one
kill $busy
wait $busy
result "backend=zcache:$comp:$pool kind=modprobe devices=$n" \
	"modprobe_ms=$(ms load loaded) first_store_ms=$(ms load stored)"
