#!/bin/sh
# Guest side of `make bench`: how long zcache takes to start working when
# it is loaded on a busy machine with many swap devices.
# usage: modprobe.sh COMPRESSOR ZPOOL MIB
# Every /dev/vd? is swapped on, a workload of MIB MiB (more than RAM)
# keeps the guest reclaiming, then zcache is loaded, and a 1 MiB swaptest
# pages out as soon as modprobe returns.  Times come from the kernel log
# (microseconds): modprobe itself, and modprobe to the first successful
# frontswap store (polled every millisecond).
# Prints "@@RESULT key=value ..." for the host.
comp=$1 pool=$2 mib=$3
die() { echo "bench: $*"; exit 1; }
mark() { echo "bench-mark $1" > /dev/kmsg; }
# Kernel time of a mark, in seconds.
stamp() { dmesg | sed -n "s/^\[ *\([0-9.]*\)\] bench-mark $1\$/\1/p" | tail -n 1; }
ms() { awk -v a="$(stamp "$1")" -v b="$(stamp "$2")" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }

n=0
for d in /dev/vd?; do
	mkswap "$d" > /dev/null && swapon "$d" || die "swapon $d"
	n=$((n + 1))
done
swaptest --kind compressible --loop 600 "$mib" > /tmp/st.log 2>&1 &
pid=$!
# Wait until the workload is paging out.
until awk 'NR > 1 && $4 > 0 { f = 1 } END { exit !f }' /proc/swaps; do
	kill -0 $pid 2>/dev/null || { cat /tmp/st.log; die "swaptest died"; }
	usleep 10000
done

f=/sys/kernel/debug/frontswap/succ_stores
[ "$(cat $f)" = 0 ] || die "stores before modprobe"
mark load
modprobe zcache compressor="$comp" zpool="$pool" || die "modprobe zcache"
mark loaded
rm -f /tmp/go /tmp/go.ready
swaptest --kind compressible --pageout --wait /tmp/go 1 > /tmp/st1.log 2>&1 &
until [ "$(cat $f)" != 0 ]; do usleep 1000; done
mark stored
touch /tmp/go
wait $! || { cat /tmp/st1.log; die "PAGES CORRUPTED"; }
kill $pid
wait $pid
echo "@@RESULT backend=zcache:$comp:$pool kind=modprobe devices=$n" \
	"modprobe_ms=$(ms load loaded) first_store_ms=$(ms load stored)"
