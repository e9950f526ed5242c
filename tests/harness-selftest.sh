#!/bin/bash
# Controls for tools/vm/run: exit statuses, timeout, the --strict splat
# scan, a panic, swaptest's own corruption check, then a real 300 MiB
# swap-and-verify run and stress-ng from the host. Prints TAP.
# usage: tests/harness-selftest.sh [RUN-OPTIONS...]   (e.g. -k BZIMAGE)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
run=$top/tools/vm/run
opts=("$@")
n=0 failed=0

[ "${1:-}" != -h ] || { sed -n '2,5s/^# \{0,1\}//p' "$0"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# guest NAME COMMANDS: write a guest script, print its path.
guest() {
	printf '#!/bin/sh\n%s\n' "$2" > "$tmp/$1.sh"
	echo "$tmp/$1.sh"
}

# expect STATUS NAME RUN-ARGS...: tools/vm/run must exit with STATUS.
expect() {
	local want=$1 name=$2 rc=0
	shift 2
	"$run" ${opts[@]+"${opts[@]}"} "$@" > "$tmp/out" 2>&1 || rc=$?
	n=$((n + 1))
	if [ "$rc" = "$want" ]; then
		echo "ok $n - $name (exit $rc)"
	else
		echo "not ok $n - $name (exit $rc, want $want)"
		failed=1
	fi
	grep -E '^run: (script|status|timeout|kernel|no exit)|swaptest: pages|swaptest took|swap used|^(not )?ok|stress-ng: (info|fail|error)' "$tmp/out" | sed 's/^/# /'
}

echo "1..10"
expect 0 "exit 0 comes back" -q "$(guest true 'exit 0')"
expect 1 "exit 1 comes back" -q "$(guest false 'exit 1')"
expect 7 "arguments reach the script" -q \
	"$(guest args '[ "$1" = "a b" ] && [ "$2" = c ] && [ $# = 2 ] && exit 7')" "a b" c
expect 124 "timeout fires and kills QEMU" -q -t 20 "$(guest sleep 'sleep 600')"
expect 3 "--strict fails on a WARNING: splat" -q \
	"$(guest warn 'echo "WARNING: harness selftest" > /dev/kmsg')"
expect 0 "--no-strict ignores it" -q --no-strict "$tmp/warn.sh"
expect 125 "a panic gives no exit record" -q \
	"$(guest panic 'echo c > /proc/sysrq-trigger; sleep 60')"
expect 1 "swaptest detects a damaged page" -q \
	"$(guest corrupt 'exec swaptest --kind random --corrupt 3 4')"
expect 0 "300 MiB mixed swap-and-verify in 256M" -m 256M \
	"$top/tests/guest/swap-verify.sh" 300 mixed
if command -v stress-ng > /dev/null; then
	expect 0 "stress-ng --vm --verify from the host" -f "$(command -v stress-ng)" \
		"$top/tests/guest/stress-ng-vm.sh" 10
else
	n=$((n + 1)); echo "ok $n - stress-ng # SKIP not installed on the host"
fi
exit $failed
