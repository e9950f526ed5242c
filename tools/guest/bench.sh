#!/bin/sh
# Guest side of `make bench`: one measurement.
# usage: bench.sh BACKEND WORKLOAD DELAY_MS KBPS POOL_PERCENT [SORT_MD5]
#   BACKEND   disk | zswap | zcache[:PARAM=VALUE...] | zram
#             compressed backends use lz4 and zsmalloc, with a pool of at
#             most 20% of the workload's memory; zram is a swap device in
#             front of the disk, sized to hold about as much
#   WORKLOAD  stream:MIB         swaptest: fill, page out, read back
#             hotcold:MIB:N[:W[:K]]  swaptest --hotcold N over MIB
#                                (> memory), after W untimed accesses,
#                                every K-th page hot (default 5)
#             sort               GNU sort of the text on the read-only
#                                disk (copied to a RAM disk); its
#                                output's md5 must be SORT_MD5
#             calibrate          lz4 -1 of that text (from RAM), timed
#   DELAY_MS  dm-delay in front of the swap disk, in guest ms (0: none)
#   KBPS      bandwidth of the swap disk for the workload, KiB per guest
#             second, read and write (io.max; 0: none)
#   POOL_PERCENT  the pool limit, max_pool_percent of the guest's RAM;
#             the workload's cgroup is five times as much
# The swap disk is a RAM disk in the guest (brd), so that its I/O
# completes in guest time only; it says it is rotational, as the virtio
# disk did, so that huge pages are split and every page is offered to
# frontswap (6.1 writes a THP whole to a non-rotational swap device).
# The workload runs in a memory cgroup (memory.max) of 5 x POOL_PERCENT
# of the guest's RAM: the rest holds the RAM disks.
# The pool limit, max_pool_percent of the guest's RAM, is 20% of the
# cgroup's.  zswap and zcache charge their pool to the cgroup (memory.
# current); zram's memory is charged to no cgroup, so the zram cell's
# cgroup is smaller by the pool limit.
# Sends one result record to the host (result(), over the records
# channel); every workload
# verifies its data (swaptest every page, sort the hash of its output).
backend=$1 workload=$2 delay=$3 kbps=$4 pool_percent=$5 sort_md5=${6:-}
share=20
# shellcheck source=/dev/null # the guest's copies of tools/guest/lib.sh and
# the selftests' lib.sh (start_swaptest, finish_swaptest, cg_*)
. /lib/guest.sh
# shellcheck source=/dev/null
. /selftests/frontswap/lib.sh
# shellcheck disable=SC2034 # lib.sh's: its copy of swaptest, its cgroup
swaptest=/selftests/frontswap/swaptest
mkdir -p "$tmp"
now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
param() { echo "$2" > "/sys/module/$1/parameters/$3" || die "$1 $3=$2"; }
# The one way a result leaves the guest: the record "result KEY=VALUE ...".
result() { record result "$@"; }

# The text is on the read-only virtio disk (the only one); reading it
# must wait for no host, so it is copied to RAM first.
text=
for d in $(swap_disks); do
	[ "$(blockdev --getro "$d")" = 1 ] && text=$d
done
case $workload in
sort|calibrate) [ -n "$text" ] || die "no read-only text disk" ;;
esac

# lz4 -1 natively on the host took host_s for the same bytes, from the
# page cache.
if [ "$workload" = calibrate ]; then
	cp "$text" /tmp/text || die "copy the text"
	t=$(now)
	lz4 -1 -c < /tmp/text > /dev/null || die "lz4"
	result "backend=none workload=calibrate delay_ms=0 time_s=$(since "$t")"
	exit 0
fi

ram_kb=$(meminfo MemTotal)
pool_kb=$((ram_kb * pool_percent / 100))
mem_kb=$((pool_kb * 100 / share))
# ram0 the swap disk, ram1 the text (sort reads it through the page
# cache, charged to its cgroup, as it read the virtio disk before).
# A RAM disk keeps every page written to it, and a long run moves the
# swap allocator over the whole device: the disks at their full size,
# the cgroup, a pool outside it (zram) and 128 MiB for the rest of the
# guest must fit in its RAM, or the whole guest thrashes.
disk_kb=$((ram_kb - mem_kb - pool_kb - 128 * 1024))
text_kb=0
[ "$workload" = sort ] && text_kb=$(($(blockdev --getsize64 "$text") / 1024))
disk_kb=$((disk_kb - text_kb))
case $workload in
stream:*|hotcold:*)
	need=${workload#*:} need=${need%%:*}
	[ "$disk_kb" -ge $((need * 1024)) ] ||
		die "a ${disk_kb}K swap disk cannot hold ${need} MiB: more guest memory" ;;
esac
modprobe brd rd_nr=2 rd_size=$((disk_kb > text_kb ? disk_kb : text_kb)) ||
	die "no brd"
echo 1 > /sys/block/ram0/queue/rotational || die "rotational"
swap=/dev/ram0
if [ "$workload" = sort ]; then
	text_bytes=$(blockdev --getsize64 "$text")
	dd if="$text" of=/dev/ram1 bs=1M 2>/dev/null || die "copy the text"
	sync
	echo 1 > /proc/sys/vm/drop_caches
fi
if [ "$delay" != 0 ]; then
	modprobe dm-delay || die "no dm-delay"
	dmsetup create slow --noudevsync \
		--table "0 $(blockdev --getsz $swap) delay $swap 0 $delay" || die "dmsetup"
	swap=/dev/mapper/slow
	[ -b $swap ] || swap=/dev/dm-0
fi

cg_require memory io
cg_create bench
# shellcheck disable=SC2034
swaptest_cgroup=$cg_dir
limit_kb=$mem_kb
[ "$backend" = zram ] && limit_kb=$((mem_kb - pool_kb))
echo "${limit_kb}K" > "$cg_dir/memory.max" || die "memory.max"
if [ "$kbps" != 0 ]; then
	echo "$(cat /sys/block/"$(basename "$(readlink -f $swap)")"/dev)" \
		"rbps=$((kbps * 1024)) wbps=$((kbps * 1024))" > "$cg_dir/io.max" ||
		die "io.max"
fi

if [ "$backend" = zram ]; then
	# Sized in page bytes: twice the pool limit at about 2:1.  Swapped
	# on first, so it has the higher priority and the disk takes the
	# rest.
	modprobe zram || die "no zram"
	echo lz4 > /sys/block/zram0/comp_algorithm || die "zram lz4"
	echo $((pool_kb * 2))K > /sys/block/zram0/disksize
	mkswap /dev/zram0 > /dev/null && swapon /dev/zram0 || die "zram swapon"
fi
mkswap $swap > /dev/null || die "mkswap"
swapon $swap || die "swapon"

case $backend in
zswap)
	param zswap lz4 compressor
	param zswap zsmalloc zpool
	param zswap "$pool_percent" max_pool_percent
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

# Unload cost: pages held by the backend written to the disk by a drain,
# from the workload's cgroup (so under its io.max).
drain() {
	local n t
	case $backend in
	zcache*|zswap) n=$(cat /sys/kernel/debug/${backend%%:*}/stored_pages) ;;
	*) return ;;
	esac
	t=$(now)
	(echo 0 > "$cg_dir/cgroup.procs" && param "${backend%%:*}" 0 enabled) ||
		die "drain"
	echo "drain_pages=$n drain_s=$(since "$t")"
}

echo "bench: cgroup $cg_dir memory.max=${limit_kb}K io.max: $(cat "$cg_dir/io.max")"
case $workload in
stream:*)
	mib=${workload#stream:}
	t=$(now)
	start_swaptest stream --kind compressible --pageout --evict 192 "$mib"
	out=$(since "$t") s=$(stats) t=$(now)
	finish_swaptest stream
	in=$(since "$t")
	r="out_s=$out in_s=$in time_s=$(awk -v a="$out" -v b="$in" \
		'BEGIN { print a + b }') $s"
	case $backend in
	zcache*|zswap)
		# Fill again, then time the drain; the pages are verified
		# after it.
		start_swaptest refill --kind compressible --pageout --evict 192 "$mib"
		r="$r $(drain)"
		finish_swaptest refill ;;
	esac ;;
hotcold:*)
	IFS=: read -r _ mib n warmup every <<-EOT
	$workload
	EOT
	start_swaptest hotcold --kind compressible --hotcold "$n" \
		--warmup "${warmup:-0}" --hot-every "${every:-5}" "$mib"
	s=$(stats)
	finish_swaptest hotcold
	ms=$(swaptest_field hotcold hotcold_ms)
	[ -n "$ms" ] || die "no hotcold_ms"
	r="time_s=$(awk -v m="$ms" 'BEGIN { print m / 1000 }') $s" ;;
sort)
	# The backend's fullest moment, sampled every second.
	(while :; do stats; sleep 1; done) > /tmp/stats.log &
	sampler=$!
	t=$(now)
	got=$( (echo 0 > "$cg_dir/cgroup.procs" &&
		head -c "$text_bytes" /dev/ram1 | LC_ALL=C sort -S $((limit_kb * 9 / 10))K) |
		md5sum | cut -d' ' -f1)
	r="time_s=$(since "$t")"
	kill $sampler
	r="$r $(sort -t= -k2 -n /tmp/stats.log | tail -n 1)"
	[ "$got" = "$sort_md5" ] || die "SORT OUTPUT WRONG: $got, want $sort_md5" ;;
*) die "unknown workload $workload" ;;
esac
echo "bench: io.stat: $(cat "$cg_dir/io.stat")"
# written_back above is the backend's count at the moment the pages were
# measured; this is the whole run's.
wb_total=$(stats | sed -n 's/.*written_back=\([0-9]*\).*/\1/p')
result "backend=$backend workload=${workload%%:*} delay_ms=$delay kbps=$kbps" \
	"mem_kb=$limit_kb pool_limit_kb=$pool_kb $r $(disk_io)" \
	"written_back_total=$wb_total"
