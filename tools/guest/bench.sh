#!/bin/sh
# Guest side of `make bench`: one measurement.
# usage: bench.sh BACKEND WORKLOAD DELAY_MS [SORT_MD5]
#   BACKEND   disk | zswap | zcache[:PARAM=VALUE...] | zram
#             compressed backends use lz4 and zsmalloc, with a pool of at
#             most 20% of RAM; zram is a swap device in front of the disk,
#             sized to hold about as much
#   WORKLOAD  stream:MIB         swaptest: fill, page out, read back
#             hotcold:MIB:N      swaptest --hotcold N over MIB (> RAM)
#             sort               GNU sort of the text on the read-only
#                                disk; its output's md5 must be SORT_MD5
#             calibrate          lz4 -1 of the text on that disk, timed
#   DELAY_MS  dm-delay in front of the swap disk (the writable one), in
#             guest ms (0: the disk as it is)
# Prints "@@RESULT key=value ..." for the host; every workload verifies
# its data (swaptest every page, sort the hash of its output).
backend=$1 workload=$2 delay=$3 sort_md5=${4:-}
pool_percent=20
die() { echo "bench: $*"; exit 1; }
now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
param() { echo "$2" > "/sys/module/$1/parameters/$3" || die "$1 $3=$2"; }

# The text is on the read-only disk, swap goes to the other one.
text= disk=
for d in /dev/vd?; do
	if [ "$(blockdev --getro "$d")" = 1 ]; then text=$d; else disk=$d; fi
done
[ -n "$disk" ] || die "no swap disk"

# lz4 -1 natively on the host took $calib_host_s for the same bytes.
if [ "$workload" = calibrate ]; then
	t=$(now)
	lz4 -1 -c < "$text" > /dev/null || die "lz4"
	echo "@@RESULT backend=none workload=calibrate delay_ms=0 time_s=$(since "$t")"
	exit 0
fi

swap=$disk
if [ "$delay" != 0 ]; then
	modprobe dm-delay || die "no dm-delay"
	sectors=$(blockdev --getsz "$disk")
	dmsetup create slow --noudevsync \
		--table "0 $sectors delay $disk 0 $delay" || die "dmsetup"
	swap=/dev/mapper/slow
	[ -b $swap ] || swap=/dev/dm-0
fi
ram_kb=$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)
if [ "$backend" = zram ]; then
	# Sized in page bytes: twice the pool limit at about 2:1.  Swapped
	# on first, so it has the higher priority and the disk takes the
	# rest.
	modprobe zram || die "no zram"
	echo lz4 > /sys/block/zram0/comp_algorithm || die "zram lz4"
	echo $((ram_kb * pool_percent / 100 * 2))K > /sys/block/zram0/disksize
	mkswap /dev/zram0 > /dev/null && swapon /dev/zram0 || die "zram swapon"
fi
mkswap $swap > /dev/null || die "mkswap"
swapon $swap || die "swapon"

case $backend in
zswap)
	param zswap lz4 compressor
	param zswap zsmalloc zpool
	param zswap $pool_percent max_pool_percent
	param zswap 1 enabled ;;
zcache*)
	# shellcheck disable=SC2086 # PARAM=VALUE words
	modprobe zcache compressor=lz4 zpool=zsmalloc \
		max_pool_percent=$pool_percent $(echo "${backend#zcache}" | tr : ' ') ||
		die "modprobe zcache" ;;
zram|disk) ;;
*) die "unknown backend $backend" ;;
esac

# What the backend holds now: pages, memory, pages written to the disk.
stats() {
	local d
	case $backend in
	zcache*|zswap)
		d=/sys/kernel/debug/${backend%%:*}
		echo "stored=$(cat $d/stored_pages) pool=$(cat $d/pool_total_size)" \
			"written_back=$(cat $d/written_back_pages)" ;;
	zram)
		set -- $(cat /sys/block/zram0/mm_stat)
		echo "stored=$(($1 / 4096)) pool=$3 written_back=0" ;;
	*)	echo "stored=0 pool=0 written_back=0" ;;
	esac
}
# Pages read from and written to the swap disk (not the backend, nor
# zram: its sectors are taken off the swap counts).
disk_io() {
	local zr=0 zw=0
	[ -e /sys/block/zram0/stat ] && read -r _ _ zr _ _ _ zw _ < /sys/block/zram0/stat
	awk -v zr=$((zr / 8)) -v zw=$((zw / 8)) '
		$1 == "pswpin" { i = $2 } $1 == "pswpout" { o = $2 }
		END { print "disk_in=" i - zr " disk_out=" o - zw }' /proc/vmstat
}

# swaptest in the background until it has paged out (FILE.ready).
start_swaptest() {
	rm -f /tmp/go /tmp/go.ready
	swaptest --kind compressible --wait /tmp/go "$@" > /tmp/st.log 2>&1 &
	pid=$!
	while [ ! -e /tmp/go.ready ]; do
		kill -0 $pid 2>/dev/null || { cat /tmp/st.log; die "swaptest died"; }
		sleep 0.05
	done
}
finish_swaptest() {
	touch /tmp/go
	wait $pid || { cat /tmp/st.log; die "PAGES CORRUPTED"; }
}

# Unload cost: pages held by the backend written to the disk by a drain,
# against a swapoff reading as many back from it.
drain() {
	local n t
	case $backend in
	zcache*) n=$(cat /sys/kernel/debug/zcache/stored_pages) ;;
	zswap) n=$(cat /sys/kernel/debug/zswap/stored_pages) ;;
	*) return ;;
	esac
	t=$(now)
	param "${backend%%:*}" 0 enabled
	echo "drain_pages=$n drain_s=$(since "$t")"
}

case $workload in
stream:*)
	mib=${workload#stream:}
	t=$(now)
	start_swaptest --pageout --evict 192 "$mib"
	out=$(since "$t") s=$(stats) t=$(now)
	finish_swaptest
	in=$(since "$t")
	result="out_s=$out in_s=$in time_s=$(awk -v a="$out" -v b="$in" \
		'BEGIN { print a + b }') $s"
	case $backend in
	zcache*|zswap)
		# Fill again, then time the drain; the pages are verified
		# after it.
		start_swaptest --pageout --evict 192 "$mib"
		result="$result $(drain)"
		finish_swaptest ;;
	esac ;;
hotcold:*)
	IFS=: read -r _ mib n <<-EOT
	$workload
	EOT
	start_swaptest --hotcold "$n" "$mib"
	s=$(stats)
	finish_swaptest
	ms=$(sed -n 's/.*hotcold_ms=\([0-9]*\).*/\1/p' /tmp/st.log)
	[ -n "$ms" ] || { cat /tmp/st.log; die "no hotcold_ms"; }
	result="time_s=$(awk -v m="$ms" 'BEGIN { print m / 1000 }')"
	result="$result $s" ;;
sort)
	# The backend's fullest moment, sampled every second.
	(while :; do stats; sleep 1; done) > /tmp/stats.log &
	sampler=$!
	t=$(now)
	got=$(LC_ALL=C sort -S 90% < "$text" | md5sum | cut -d' ' -f1)
	result="time_s=$(since "$t")"
	kill $sampler
	result="$result $(sort -t= -k2 -n /tmp/stats.log | tail -n 1)"
	[ "$got" = "$sort_md5" ] || die "SORT OUTPUT WRONG: $got, want $sort_md5" ;;
*) die "unknown workload $workload" ;;
esac
echo "@@RESULT backend=$backend workload=${workload%%:*} delay_ms=$delay $result $(disk_io)"
