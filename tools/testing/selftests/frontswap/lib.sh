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
cleanup_cmds=
# start_swaptest and run_swaptest run the workload in this cgroup v2
# directory when it is set.
swaptest_cgroup=

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

# at_cleanup COMMAND: eval COMMAND on exit, after the workloads are gone
# and before the backends are unloaded; the last one added runs first.
at_cleanup() { cleanup_cmds="$*
$cleanup_cmds"; }

# swaptest_exec ARGS...: exec swaptest, in $swaptest_cgroup if set.  Run
# it in a subshell: writing 0 to cgroup.procs moves the writer itself.
swaptest_exec() {
	if [ -n "$swaptest_cgroup" ]; then
		echo 0 > "$swaptest_cgroup/cgroup.procs" ||
			{ echo "# cannot join $swaptest_cgroup"; exit 2; }
	fi
	exec "$swaptest" "$@"
}

# run_swaptest ARGS...: fill, page out and verify in one go.
run_swaptest() { (swaptest_exec "$@") || fail "swaptest $* found bad pages ($?)"; }

# start_swaptest NAME ARGS...: fill and page out, then wait, holding the
# pages, until finish_swaptest NAME tells it to verify them.  Its output
# goes to $tmp/NAME.out (see swaptest_field) and is shown by
# finish_swaptest.
start_swaptest() {
	local name=$1

	shift
	rm -f "$tmp/$name.go" "$tmp/$name".go.*
	(swaptest_exec --wait "$tmp/$name.go" "$@") > "$tmp/$name.out" &
	echo $! > "$tmp/$name.pid"
	while [ ! -e "$tmp/$name.go.ready" ]; do
		if ! kill -0 "$(cat "$tmp/$name.pid")" 2>/dev/null; then
			cat "$tmp/$name.out"
			fail "swaptest $name died before it was ready"
		fi
		sleep 0.02
	done
}

# swaptest_alive NAME: the workload started as NAME still runs.
swaptest_alive() { kill -0 "$(cat "$tmp/$1.pid")" 2>/dev/null; }

# swaptest_field NAME FIELD: FIELD=N from the first report of workload
# NAME (after finish_swaptest, or during it for anon_huge_kb).
swaptest_field() {
	sed -n "s/.*[ :]$2=\([0-9-]*\).*/\1/p" "$tmp/$1.out" | head -n 1
}

# Push clean pages out of the swap cache, so that what is read back next
# comes from the swap device: fill and free a balloon as large as RAM.
evict_swap_cache() {
	"$swaptest" --kind zero "$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)" \
		>/dev/null || fail "balloon"
}

finish_swaptest() {
	local rc=0

	touch "$tmp/$1.go"
	wait "$(cat "$tmp/$1.pid")" || rc=$?
	rm -f "$tmp/$1.pid"
	cat "$tmp/$1.out"
	[ $rc = 0 ] || fail "swaptest $1 found bad pages ($rc)"
	log "ok: every page of $1 read back intact"
}

cleanup() {
	local pid dev

	for pid in "$tmp"/*.pid; do
		[ -e "$pid" ] && kill "$(cat "$pid")" 2>/dev/null
	done
	wait
	eval "$cleanup_cmds" 2>/dev/null
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
	log "races: swap_cycles=$(cat "$tmp/swap_cycles")"
	log "races: $(awk 'match($0, /verified=[0-9]+/) {
		n += substr($0, RSTART + 9, RLENGTH - 9); p++ }
		END { print "forked_processes=" p + 0 " forked_verified=" n + 0 }' \
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

# Timing and polling

# now_ms: milliseconds since boot (10 ms resolution).
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# wait_until SECONDS COMMAND...: poll COMMAND every 0.1 s until it
# succeeds; false if it did not within SECONDS.
wait_until() {
	local end

	end=$(($(now_ms) + $1 * 1000))
	shift
	until "$@"; do
		[ "$(now_ms)" -lt $end ] || return 1
		sleep 0.1
	done
}

# run_timed SECONDS COMMAND...: run COMMAND, killed after SECONDS if
# still running (a task blocked in the kernel dies only once it gets out);
# its status is returned and the time it took set in $elapsed_ms.
run_timed() {
	local limit=$1 t0 rc=0 pid killer

	shift
	t0=$(now_ms)
	if command -v timeout >/dev/null; then
		timeout "$limit" "$@" || rc=$?
	else
		"$@" &
		pid=$!
		( sleep "$limit"; kill "$pid" 2>/dev/null ) &
		killer=$!
		wait $pid || rc=$?
		kill $killer 2>/dev/null
		wait $killer 2>/dev/null
	fi
	elapsed_ms=$(($(now_ms) - t0))
	return $rc
}

# vm_stat NAME: NAME from /proc/vmstat; empty for the event counters
# (pswpout, thp_swpout...) without CONFIG_VM_EVENT_COUNTERS.
vm_stat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }

# swapped_pages NAME: pages of workload NAME that are out, unmapped to
# swap entries (Swap in its smaps_rollup): each was stored by frontswap
# or written to the swap device.
swapped_pages() {
	awk '$1 == "Swap:" { print int($2 / 4) }' \
		/proc/"$(cat "$tmp/$1.pid")"/smaps_rollup
}

# cgroup v2

cgroot=/sys/fs/cgroup

# cg_require CONTROLLER...: cgroup v2 mounted at $cgroot (mounted here if
# need be) with CONTROLLERs enabled for its children; skip otherwise.
cg_require() {
	local c

	if ! grep -q "^[^ ]* $cgroot cgroup2 " /proc/mounts; then
		grep -q cgroup2 /proc/filesystems || skip "no cgroup v2 (CONFIG_CGROUPS)"
		mkdir -p $cgroot 2>/dev/null
		mount -t cgroup2 none $cgroot || skip "cannot mount cgroup2 on $cgroot"
		at_cleanup "umount $cgroot"
	fi
	for c in "$@"; do
		grep -qw "$c" $cgroot/cgroup.controllers ||
			skip "cgroup v2 has no $c controller"
		echo "+$c" > $cgroot/cgroup.subtree_control ||
			fail "cannot enable the $c controller"
	done
}

# cg_create NAME: make a child cgroup of $cgroot, removed on exit, and
# set $cg_dir to its directory.
cg_create() {
	cg_dir=$cgroot/$1.$$
	mkdir "$cg_dir" || fail "mkdir $cg_dir"
	at_cleanup "rmdir $cg_dir"
}

# cg_stat CGROUP KEY: KEY from CGROUP's memory.stat.
cg_stat() { awk -v k="$2" '$1 == k { print $2 }' "$1/memory.stat"; }

# cg_event CGROUP KEY: KEY from CGROUP's memory.events.
cg_event() { awk -v k="$2" '$1 == k { print $2 }' "$1/memory.events"; }
