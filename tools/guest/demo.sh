#!/bin/sh
# Guest side of `make demo`: compressed swap switched on and off under a
# running workload, without losing a page.  For the host, on the records
# channel: "sample" records (the plot) and one "result" record (the table).
. /lib/guest.sh
disk=$(swap_disks | head -n 1)
st=/selftests/frontswap/swaptest
fs=/sys/kernel/debug/frontswap
zc=/sys/kernel/debug/zcache
zp=/sys/module/zcache/parameters
zsw=/sys/module/zswap/parameters
zswd=/sys/kernel/debug/zswap
mib=${1:-160}

# The kernel's messages come on another channel than ours: a step shows
# those of the step before it, under it.
kernel_says() { dmesg -c | sed 's/^/   kernel: /'; }
say() { kernel_says; echo; echo "== $*"; }
die() { echo "demo: $*"; exit 1; }
fsc() { cat $fs/"$1"; }
zcc() { cat $zc/"$1" 2>/dev/null || echo 0; }
csec() { cut -d" " -f1 /proc/uptime | tr -d .; }	# centiseconds since boot

counters() {
	echo "   frontswap: succ_stores=$(fsc succ_stores) loads=$(fsc loads)" \
		"failed_stores=$(fsc failed_stores) drained_pages=$(fsc drained_pages)"
	echo "   frontswap status: $(tr '\n' ' ' < $fs/status)"
	if [ -d $zc ]; then
		echo "   zcache: stored_pages=$(zcc stored_pages)" \
			"pool_total_size=$(zcc pool_total_size)" \
			"same_filled_pages=$(zcc same_filled_pages)" \
			"pool_limit_hit=$(zcc pool_limit_hit)" \
			"written_back_pages=$(zcc written_back_pages)"
	fi
	if [ -d $zswd ]; then
		echo "   zswap: enabled=$(cat $zsw/enabled)" \
			"stored_pages=$(cat $zswd/stored_pages)" \
			"pool_total_size=$(cat $zswd/pool_total_size)"
	fi
	echo "   swap used: $(awk 'NR > 1 { print $1 " " $4 " KiB" }' /proc/swaps)"
}

# sample LABEL: one point of the plot.
sample() {
	record sample csec="$(csec)" stored_pages="$(zcc stored_pages)" \
		pool_total_size="$(zcc pool_total_size)" label="$1"
}

# Run the workload in the background until it has paged everything out.
start_work() {
	rm -f /tmp/go /tmp/go.ready
	$st --kind "$1" --seed "$2" --pageout --evict 64 --wait /tmp/go "$mib" > /tmp/work.log 2>&1 &
	work=$!
	while [ ! -e /tmp/go.ready ]; do
		kill -0 $work 2>/dev/null || { cat /tmp/work.log; die "workload died"; }
		usleep 100000
		sample fill
	done
}

finish_work() {
	touch /tmp/go
	wait $work || { cat /tmp/work.log; die "PAGES CORRUPTED"; }
	tail -n 1 /tmp/work.log
}

dmesg -c > /dev/null	# the boot's
say "swapon $disk ($(cat /proc/sys/kernel/osrelease))"
mkswap "$disk" > /dev/null || die "mkswap"
swapon "$disk" || die "swapon"
counters

say "memory pressure without a backend: ${mib} MiB paged out"
start_work compressible 1
counters
finish_work

if [ -d $zsw ]; then
	say "zswap is built in and off, as in Debian 12: enable it after swapon"
	echo 1 > $zsw/enabled || die "enabling zswap"
	start_work compressible 3
	counters
	[ "$(cat $zswd/stored_pages)" -gt 0 ] || die "zswap stored nothing"

	say "modprobe zcache while zswap is enabled: refused, one backend at a time"
	if modprobe zcache 2>/dev/null; then die "zcache loaded next to zswap"; fi

	say "disable zswap: its pool is written back to the swap device"
	echo 0 > $zsw/enabled || die "disabling zswap"
	counters
	[ "$(cat $zswd/stored_pages)" = 0 ] || die "zswap still holds pages"
	$st --kind zero 96 > /dev/null || die "balloon"
	finish_work
fi

say "modprobe zcache (after swapon)"
modprobe zcache || die "modprobe zcache"
counters

say "memory pressure with zcache: ${mib} MiB paged out"
start_work compressible 2
sample stored
counters
stored=$(zcc stored_pages) pool=$(zcc pool_total_size)
[ "$stored" -gt 0 ] || die "zcache stored nothing"
echo "   compression ratio: $(awk "BEGIN { printf \"%.2f\", $stored * 4096 / ($pool ? $pool : 1) }")"

say "disable zcache (drain to the swap device) and rmmod, workload still holding its pages"
( while :; do sample drain; usleep 200000; done ) &
sampler=$!
before=$(fsc drained_pages)
t0=$(csec)
echo 0 > $zp/enabled || die "drain failed"
t1=$(csec)
kill $sampler
rmmod zcache || die "rmmod zcache"
sample drained
drained=$(($(fsc drained_pages) - before))
echo "   drained $drained pages in $(( (t1 - t0) * 10 )) ms"
counters

if [ -d $zsw ]; then
	say "zcache is gone: enable zswap again, workload still holding its pages"
	echo 1 > $zsw/enabled || die "enabling zswap again"
	$st --kind zero 96 > /dev/null || die "balloon"
	counters
fi

say "read every page back (a balloon first pushes pages out of the swap cache)"
$st --kind zero 96 > /dev/null || die "balloon"
finish_work
if [ -d $zsw ]; then
	echo 0 > $zsw/enabled || die "disabling zswap"
fi

record result stored_pages="$stored" pool_total_size="$pool" \
	drained_pages="$drained" drain_ms=$(( (t1 - t0) * 10 ))
say "demo passed: every page read back intact"
kernel_says
