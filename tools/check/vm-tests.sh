# The scenarios in the test VM, sourced by tools/check/run: the frontswap
# selftests of the series, run by tools/vm/run on the normal kernel, and
# the concurrency ones again on the DEBUG=1 kernel (lockdep, KASAN,
# DEBUG_VM, kmemleak), where any splat in the log fails the test.

# selftest [-k KBUILD] NAME [VM OPTIONS...] [-- VAR=VALUE...]
selftest() {
	local kb=$kbuild tag= name opts=() env=()

	if [ "$1" = -k ]; then kb=$2; tag=" (debug)"; shift 2; fi
	name=$1
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
	[ $# -gt 0 ] && shift && env=("$@")
	selected "$name$tag" || return 0
	tap "vm: $name$tag" "$top/tools/vm/run" -k "$kb/arch/x86/boot/bzImage" \
		-M "$kb/modroot" ${opts[@]+"${opts[@]}"} \
		"$top/tools/guest/selftest" "$name" ${env[@]+"${env[@]}"}
}

vm_tests() {
	selected harness && tap "harness reports failures, timeouts, splats" \
		"$top/tests/harness-selftest.sh"

	selftest frontswap_lazy_init.sh -d 2
	selftest frontswap_preloaded.sh -d 2
	selftest frontswap_unregister.sh -d 1
	selftest frontswap_many_types.sh -d 20 -s 32M
	selftest frontswap_faults.sh -d 1
	selftest frontswap_races.sh -d 4 -s 256M -- FRONTSWAP_RACE_SECONDS=60
	selftest zcache_basic.sh -d 2
	selftest zcache_params.sh -d 1
	selftest zcache_pool_limit.sh -d 1
	selftest zcache_cycles.sh -d 1
	selftest zcache_races.sh -d 4 -s 256M -- FRONTSWAP_RACE_SECONDS=45
	selftest zcache_faults.sh -d 1
	selftest zcache_swapoff.sh -d 1
	selftest zswap_handover.sh -d 1
	# 6.1 boots with THP "never" below 512 MiB; the balloon that pushes
	# whole THPs out to disk needs room on it.
	selftest zcache_thp.sh -d 1 -m 512M -s 1G -t 900
	selftest zcache_memcg.sh -d 1
	selftest zcache_decompress_fail.sh -d 1
	selftest frontswap_drain_stall.sh -d 2
	selftest frontswap_no_map.sh -d 1 -s 64M
	selftest frontswap_rmmod_race.sh -d 1 -- FRONTSWAP_RACE_SECONDS=30
	local sng="vm: stress-ng with zcache reloaded under it"
	selected "$sng" && tap "$sng" "$top/tools/vm/run" -k "$kbuild/arch/x86/boot/bzImage" \
		-M "$kbuild/modroot" -f "$(command -v stress-ng)" -d 2 \
		"$top/tests/guest/stress-ng-zcache.sh" 60

	if selected debug; then
		tap "debug kernel builds" env DEBUG=1 "$top/tools/kernel/make-kernel"
		# One drain cycle: under KASAN each takes ~4 minutes of TCG.
		selftest -k "$kbuild_debug" frontswap_unregister.sh -d 1 -t 900 \
			-- FRONTSWAP_CYCLES=1
		selftest -k "$kbuild_debug" frontswap_races.sh -d 4 -s 256M -t 900 \
			-- FRONTSWAP_RACE_SECONDS=60
		selftest -k "$kbuild_debug" zcache_basic.sh -d 2 -t 900
		selftest -k "$kbuild_debug" zcache_cycles.sh -d 1 -t 900 -- ZCACHE_CYCLES=20
		selftest -k "$kbuild_debug" zcache_races.sh -d 4 -s 256M -t 900 \
			-- FRONTSWAP_RACE_SECONDS=60
		selftest -k "$kbuild_debug" zcache_swapoff.sh -d 1 -t 900 \
			-- ZCACHE_SWAPOFF_ROUNDS=1
		selftest -k "$kbuild_debug" frontswap_drain_stall.sh -d 2 -t 900
		selftest -k "$kbuild_debug" frontswap_rmmod_race.sh -d 1 -t 900 \
			-- FRONTSWAP_RACE_SECONDS=60
		# Not zcache_decompress_fail.sh: fail_function's kprobe handler
		# takes the crng lock from int3, which lockdep reports (6.1).
	fi
}
