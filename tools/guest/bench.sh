#!/bin/sh
# Guest side of `make bench`: one measurement.
# usage: bench.sh BACKEND KIND MIB
#   BACKEND  none | zcache:COMPRESSOR:ZPOOL[:WRITEBACK] | zswap |
#            zram:COMPRESSOR   (WRITEBACK: zcache's writeback_enabled)
#            (zswap is configured on the kernel command line)
#   KIND     a swaptest kind: same, compressible, random, mixed
# Prints "@@RESULT key=value ..." for the host.
backend=$1 kind=$2 mib=$3
st=swaptest
die() { echo "bench: $*"; exit 1; }
now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

swap_dev=/dev/vda
case $backend in
zram:*)
	modprobe zram || die "no zram"
	echo "${backend#zram:}" > /sys/block/zram0/comp_algorithm || die "zram comp"
	echo 1G > /sys/block/zram0/disksize
	swap_dev=/dev/zram0 ;;
esac
mkswap $swap_dev > /dev/null && swapon $swap_dev || die "swapon"
case $backend in
zcache:*)
	IFS=: read -r _ comp pool wb <<-EOT
	$backend
	EOT
	modprobe zcache compressor="$comp" zpool="$pool" \
		${wb:+writeback_enabled=$wb} || die "modprobe zcache" ;;
esac

# Counters while the pages are out: stored pages and the memory they use.
stats() {
	local d
	case $backend in
	zcache:*|zswap)
		d=/sys/kernel/debug/${backend%%:*}
		echo "stored=$(cat $d/stored_pages) pool=$(cat $d/pool_total_size)" \
			"same=$(cat $d/same_filled_pages)" \
			"written_back=$(cat $d/written_back_pages)" ;;
	zram:*)
		set -- $(cat /sys/block/zram0/mm_stat)
		echo "stored=$(($1 / 4096)) pool=$3 same=$6 written_back=0" ;;
	*)	echo "stored=0 pool=0 same=0 written_back=0" ;;
	esac
}

rm -f /tmp/go /tmp/go.ready
t0=$(now)
$st --kind "$kind" --pageout --evict 64 --wait /tmp/go "$mib" > /tmp/st.log 2>&1 &
pid=$!
while [ ! -e /tmp/go.ready ]; do
	kill -0 $pid 2>/dev/null || { cat /tmp/st.log; die "swaptest died"; }
	usleep 20000
done
out=$(since "$t0")
s=$(stats)
t1=$(now)
touch /tmp/go
wait $pid || { cat /tmp/st.log; die "PAGES CORRUPTED"; }
in=$(since "$t1")

drain=
# Random pages are all rejected: there would be nothing to drain.
if [ "${backend%%:*}" = zcache ] && [ "$kind" != random ]; then
	# Unload cost: drain the pages of a second fill, then compare with a
	# swapoff that reads the same number of pages back from the disk.
	rm -f /tmp/go /tmp/go.ready
	$st --kind "$kind" --pageout --evict 64 --wait /tmp/go "$mib" > /tmp/st.log 2>&1 &
	pid=$!
	while [ ! -e /tmp/go.ready ]; do usleep 20000; done
	n=$(cat /sys/kernel/debug/zcache/stored_pages)
	t2=$(now)
	echo 0 > /sys/module/zcache/parameters/enabled || die "drain"
	drain="drain_pages=$n drain_s=$(since "$t2")"
	t3=$(now)
	swapoff $swap_dev || die "swapoff"
	drain="$drain swapoff_s=$(since "$t3")"
	touch /tmp/go
	wait $pid || die "PAGES CORRUPTED after drain"
fi
echo "@@RESULT backend=$backend kind=$kind mib=$mib out_s=$out in_s=$in $s $drain"
