#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# zcache sets up a compressor context for each online CPU and pool, not
# for each possible CPU (compressor_contexts).  cpu1 goes offline and
# online over and over while workloads store and load verified pages and
# the compressor is switched: no page is lost, the contexts follow the
# CPU, and disabling and rmmod free every one.  Enabling loads the
# compressor's module while cpu1 goes up and down, without deadlock.  Best run with possible
# CPUs that are not online (qemu -smp 2,maxcpus=4); skips without cpu1.
. "$(dirname "$0")/lib.sh"
require 1
zc_require
secs=${FRONTSWAP_CPUHP_SECONDS:-30}
cpu1=/sys/devices/system/cpu/cpu1/online
states=/sys/devices/system/cpu/hotplug/states

online_cpus() { grep -c '^processor' /proc/cpuinfo; }
possible_cpus() {
	awk -F, '{ for (i = 1; i <= NF; i++) n += split($i, r, "-") == 2 ?
		r[2] - r[1] + 1 : 1; print n }' /sys/devices/system/cpu/possible
}
# contexts_match: one context per pool and online CPU; what was read is
# left in $counts.
contexts_match() {
	local contexts pools online

	contexts=$(zc_stat compressor_contexts)
	pools=$(zc_stat pools)
	online=$(online_cpus)
	counts="compressor_contexts=$contexts pools=$pools online=$online"
	[ "$contexts" = $((pools * online)) ]
}
# check_contexts WHAT: contexts_match, once pool releases queued by the
# workloads are done.
check_contexts() {
	wait_until 5 contexts_match || fail "$1: $counts"
	log "ok: $1: $counts"
}
pools_gone() { [ "$(zc_stat pools)" = 0 ]; }
cpu1_set() { echo "$1" > $cpu1 || fail "cpu1 online=$1"; }

swap_on 1
zc_load
[ -e $zcdir/compressor_contexts ] || fail "zcache has no compressor_contexts counter"
log "possible CPUs $(possible_cpus), online $(online_cpus)"
[ "$(possible_cpus)" -gt "$(online_cpus)" ] ||
	log "every possible CPU is online: the test cannot tell them apart"
check "one pool after modprobe" [ "$(zc_stat pools)" = 1 ]
check_contexts "contexts for the online CPUs only"

# An x86 guest needs ACPI to have a second CPU, and CONFIG_HOTPLUG_CPU.
[ -w $cpu1 ] || skip "cpu1 cannot go offline (no cpu1, or no CPU hotplug)"
[ "$(cat $cpu1)" = 1 ] || echo 1 > $cpu1 || skip "cannot bring cpu1 online"
echo 0 > $cpu1 || skip "cpu1 refuses to go offline"
at_cleanup "echo 1 > $cpu1"
cpu1_set 1

# Pages stored before the hotplug and switches, read back after them.
start_swaptest held --kind mixed --pageout 24
stores=$(zc_stat stores)
loads=$(zc_stat loads)
end=$(($(date +%s) + secs))
"$swaptest" --kind compressible --pageout --loop "$secs" 24 > "$tmp/loop.out" &
echo $! > "$tmp/loop.pid"

# Switch the compressor every third cycle, while cpu1 is offline or
# online in turn, so that new pools start with either count.
n=0
switches=0
# switch_at K: the next compressor in turn when the cycle is K mod 6.
switch_at() {
	[ $((n % 6)) = "$1" ] || return 0
	zc_set compressor "$(echo "lz4 zstd lzo" | cut -d' ' -f$((switches % 3 + 1)))"
	switches=$((switches + 1))
}
while [ "$(date +%s)" -lt $end ]; do
	cpu1_set 0
	switch_at 0
	check_contexts "cpu1 offline, cycle $n"
	cpu1_set 1
	switch_at 3
	check_contexts "cpu1 online, cycle $n"
	n=$((n + 1))
done
wait "$(cat "$tmp/loop.pid")" || { cat "$tmp/loop.out"; fail "workload found bad pages"; }
rm -f "$tmp/loop.pid"
cat "$tmp/loop.out"
finish_swaptest held
log "hotplug cycles $n, compressor switches $switches"
log "stores $(($(zc_stat stores) - stores)), loads $(($(zc_stat loads) - loads))"
check "hotplug cycles ran" [ $n -ge 2 ]
check "the compressor was switched" [ $switches -ge 1 ]
check "pages were stored" [ "$(zc_stat stores)" -gt "$stores" ]
check "pages were loaded" [ "$(zc_stat loads)" -gt "$loads" ]
check "no compression failed" [ "$(zc_stat reject_compress_fail)" = 0 ]
check "no decompression failed" [ "$(zc_stat decompress_fail)" = 0 ]
check_contexts "after the workloads"

# A pool created while cpu1 is offline gets its context when it comes up.
zc_set enabled 0
check "disabling frees every pool" wait_until 5 pools_gone
check "disabling frees every context" [ "$(zc_stat compressor_contexts)" = 0 ]
cpu1_set 0
zc_set enabled 1
check_contexts "enabled with cpu1 offline"
cpu1_set 1
check_contexts "cpu1 back online"
check "hotplug state registered" grep -q zcache $states

# Enabling with a compressor whose module is not loaded loads it.  That
# must happen before the CPU hotplug locks are taken: under them, a CPU
# going offline meanwhile and the module's load wait for each other, and
# the write below never returns (the test times out).
zc_set compressor lz4
zc_set enabled 0
(while :; do echo 0 > $cpu1; echo 1 > $cpu1; done) 2>/dev/null &
echo $! > "$tmp/hotplug.pid"
loads=0
while [ $loads -lt 20 ] && rmmod lz4 2>/dev/null; do
	zc_set enabled 1
	zc_set enabled 0
	loads=$((loads + 1))
done
kill "$(cat "$tmp/hotplug.pid")"
wait "$(cat "$tmp/hotplug.pid")" 2>/dev/null
rm -f "$tmp/hotplug.pid"
cpu1_set 1
log "enabled $loads times with lz4 to load while cpu1 went up and down"
check "lz4 is a module here, loaded by each enable" [ $loads = 20 ]
zc_set enabled 1
check_contexts "enabled with lz4"

zc_unload
check "rmmod removes the hotplug state" not grep -q zcache $states
# No callback is left behind to run.
cpu1_set 0
cpu1_set 1
swap_off_all
