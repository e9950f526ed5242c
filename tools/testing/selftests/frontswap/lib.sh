# SPDX-License-Identifier: GPL-2.0
# Helpers for the frontswap selftests, sourced by each test.
#
# The tests need root, debugfs, the test_frontswap module (or zcache for
# the zcache tests) and spare block devices for swap, listed in
# SWAP_DEVICES.  Their contents are destroyed.  Without them a test skips.

ksft_skip=4
here=$(cd "$(dirname "$0")" && pwd)
swaptest=$here/swaptest
fsdir=/sys/kernel/debug/frontswap
tfsdir=/sys/kernel/debug/test_frontswap
tfsparam=/sys/module/test_frontswap/parameters
tmp=${TMPDIR:-/tmp}/frontswap.$$
zc_cleanup=

log() { echo "# $*"; }
skip() { echo "# SKIP: $*"; exit $ksft_skip; }
fail() { echo "# FAIL: $*"; exit 1; }

# check DESCRIPTION COMMAND...: the test fails unless COMMAND succeeds.
check() {
	local what=$1

	shift
	if "$@"; then log "ok: $what"; else fail "$what"; fi
}

not() { ! "$@"; }

# require N: root, frontswap, swaptest and at least N swap devices.
require() {
	local want=${1:-1}

	[ "$(id -u)" = 0 ] || skip "must be run as root"
	[ -d $fsdir ] || skip "$fsdir missing (CONFIG_FRONTSWAP, debugfs)"
	[ -x "$swaptest" ] && [ -x "$here/swapon_prio" ] || skip "test programs not built"
	set -- $SWAP_DEVICES
	[ $# -ge "$want" ] || skip "SWAP_DEVICES lists $# devices, need $want"
	mkdir -p "$tmp"
	trap cleanup EXIT
}

# device N: the Nth device of SWAP_DEVICES, from 1.
device() { echo $SWAP_DEVICES | cut -d' ' -f"$1"; }

# swap_on FIRST [LAST]: mkswap and swapon devices FIRST..LAST, one
# priority for all so that swap entries are spread over all of them.
swap_on() {
	local i dev

	for i in $(seq "$1" "${2:-$1}"); do
		dev=$(device "$i")
		mkswap "$dev" >/dev/null || fail "mkswap $dev"
		"$here/swapon_prio" 10 "$dev" || fail "swapon $dev"
	done
}

swap_off_all() {
	local dev

	for dev in $(awk 'NR > 1 { print $1 }' /proc/swaps); do
		swapoff "$dev" || fail "swapoff $dev"
	done
}

fs_counter() { cat $fsdir/"$1"; }
fs_status() { sed -n "s/^$1: //p" $fsdir/status; }
tfs_stat() { sed -n "s/^$1: //p" $tfsdir/stats; }

tfs_load() { modprobe test_frontswap "$@" || fail "modprobe test_frontswap"; }
tfs_registered() { [ "$(cat $tfsparam/registered)" = Y ]; }
tfs_register() { echo Y > $tfsparam/registered; }
tfs_unregister() { echo N > $tfsparam/registered; }

# The backend never saw a call it should not have seen.
tfs_check_errors() { check "backend saw no bad call" [ "$(tfs_stat errors)" = 0 ]; }

tfs_loaded() { grep -q "^test_frontswap " /proc/modules; }

tfs_unload() {
	tfs_loaded || return 0
	if tfs_registered; then
		tfs_unregister || fail "test_frontswap drain failed"
	fi
	tfs_check_errors
	rmmod test_frontswap || fail "rmmod test_frontswap"
}

# fault_setup DIR [PERCENT]: make the fault injection in DIR fail that
# share of calls (default every call), quietly, until told otherwise.
# Set its filters first: this arms it.
fault_setup() {
	echo -1 > "$1/times"
	echo 0 > "$1/interval"
	echo 0 > "$1/verbose"
	echo 0 > "$1/space"
	echo "${2:-100}" > "$1/probability"
}

# run_swaptest ARGS...: fill, page out and verify in one go.
run_swaptest() { "$swaptest" "$@" || fail "swaptest $* found bad pages ($?)"; }

# start_swaptest NAME ARGS...: fill and page out, then wait, holding the
# pages, until finish_swaptest NAME tells it to verify them.
start_swaptest() {
	local name=$1

	shift
	rm -f "$tmp/$name.go" "$tmp/$name.go.ready"
	"$swaptest" --wait "$tmp/$name.go" "$@" &
	echo $! > "$tmp/$name.pid"
	while [ ! -e "$tmp/$name.go.ready" ]; do
		kill -0 "$(cat "$tmp/$name.pid")" 2>/dev/null ||
			fail "swaptest $name died before it was ready"
		usleep 20000
	done
}

# Push clean pages out of the swap cache, so that what is read back next
# comes from the swap device: fill and free a balloon as large as RAM.
evict_swap_cache() {
	"$swaptest" --kind zero "$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)" \
		>/dev/null || fail "balloon"
}

finish_swaptest() {
	touch "$tmp/$1.go"
	wait "$(cat "$tmp/$1.pid")" || fail "swaptest $1 found bad pages"
	log "ok: every page of $1 read back intact"
}

cleanup() {
	local pid dev

	for pid in "$tmp"/*.pid; do
		[ -e "$pid" ] && kill "$(cat "$pid")" 2>/dev/null
	done
	wait
	# Leave the machine as found, quietly: the verdict is already out.
	if tfs_loaded; then
		tfs_unregister
		rmmod test_frontswap
	fi 2>/dev/null
	if [ -n "$zc_cleanup" ] && grep -q "^zcache " /proc/modules; then
		echo 0 > /sys/module/zcache/parameters/enabled
		rmmod zcache
	fi 2>/dev/null
	for dev in $(awk 'NR > 1 { print $1 }' /proc/swaps); do
		swapoff "$dev"
	done 2>/dev/null
	rm -rf "$tmp"
}

# Race tests: loops that run until $end (seconds since the epoch).

# race_swap_loop: swapon and swapoff devices 2..N over and over; the count
# of cycles goes to $tmp/swap_cycles.
race_swap_loop() {
	local n=0 i ndev

	ndev=$(echo $SWAP_DEVICES | wc -w)
	while [ "$(date +%s)" -lt "$end" ]; do
		for i in $(seq 2 "$ndev"); do
			swap_on "$i"
		done
		for i in $(seq 2 "$ndev"); do
			swapoff "$(device "$i")" || fail "swapoff $(device "$i")"
		done
		n=$((n + 1))
	done
	echo "$n" > "$tmp/swap_cycles"
}

# race_forked_loop: forked children share the pages copy-on-write;
# swaptest forks once per run, so run it over and over.
race_forked_loop() {
	local seed=0

	while [ "$(date +%s)" -lt "$end" ]; do
		seed=$((seed + 1))
		"$swaptest" --kind compressible --seed $seed --fork --pageout 16 \
			>> "$tmp/forked.out" ||
			fail "forked workload found bad pages (seed $seed)"
	done
}

# race_workloads SECONDS: start the verifying workloads (private, forked,
# shmem) and the swap loop in the background; race_wait waits for them.
race_workloads() {
	: > "$tmp/forked.out"
	race_swap_loop &
	race_pids="$!"
	"$swaptest" --kind mixed --pageout --loop "$1" 24 &
	race_pids="$race_pids $!"
	race_forked_loop &
	race_pids="$race_pids $!"
	"$swaptest" --kind compressible --shmem --pageout --loop "$1" 16 &
	race_pids="$race_pids $!"
}

race_wait() {
	local pid

	for pid in $race_pids; do
		wait "$pid" || fail "a workload found bad pages or the swap loop failed"
	done
	log "swap cycles: $(cat "$tmp/swap_cycles")"
	log "forked workload: $(awk 'match($0, /verified=[0-9]+/) {
		n += substr($0, RSTART + 9, RLENGTH - 9); p++ }
		END { print p + 0 " processes, " n + 0 " pages verified" }' \
		"$tmp/forked.out")"
	check "swapon/swapoff cycles ran" [ "$(cat "$tmp/swap_cycles")" -gt 0 ]
}

# zcache
zcdir=/sys/kernel/debug/zcache
zcparam=/sys/module/zcache/parameters

zc_require() {
	[ -n "$(find /lib/modules/"$(uname -r)" -name 'zcache.ko*')" ] ||
		skip "zcache module not built (CONFIG_ZCACHE=m)"
}
zc_loaded() { grep -q "^zcache " /proc/modules; }
zc_load() {
	modprobe zcache "$@" || fail "modprobe zcache $*"
	zc_cleanup=1
}
zc_stat() { cat $zcdir/"$1"; }
zc_param() { cat $zcparam/"$1"; }
# zc_set NAME VALUE: must be accepted.
zc_set() { echo "$2" > $zcparam/"$1" || fail "zcache $1=$2 refused"; }
zc_enabled() { [ "$(zc_param enabled)" = Y ]; }
zc_unload() {
	zc_loaded || return 0
	if zc_enabled; then
		echo 0 > $zcparam/enabled || fail "zcache drain failed"
	fi
	check "zcache holds nothing after its drain" [ "$(zc_stat stored_pages)" = 0 ]
	check "zcache pools all freed" [ "$(zc_stat pool_total_size)" = 0 ]
	rmmod zcache || fail "rmmod zcache"
}
