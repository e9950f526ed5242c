# shellcheck shell=dash
# Helpers for guest scripts, installed as /lib/guest.sh:
#   . /lib/guest.sh
# TAP output: plan N; tap_ok NAME; tap_not_ok NAME; tap_check NAME CMD...;
# tap_done exits 1 if any test failed.  swap_disks: the swap disks.

KSFT_SKIP=4
tap_n=0
tap_failed=0

die() { echo "FATAL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit $KSFT_SKIP; }

plan() { echo "1..$1"; }
tap_ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
tap_not_ok() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $*"; }

# tap_check NAME CMD...: run CMD, report ok/not ok under NAME.
tap_check() {
	local name="$1"
	shift
	if "$@"; then tap_ok "$name"; else tap_not_ok "$name"; fi
}

tap_done() { [ "$tap_failed" -eq 0 ]; exit $?; }

# Swap disks are the virtio disks tools/vm/run attaches (vda, vdb, ...).
swap_disks() { ls /dev/vd? 2>/dev/null; }

# mkswap + swapon every swap disk; fails if there is none.
swapon_disks() {
	local d n=0
	for d in $(swap_disks); do
		mkswap "$d" >/dev/null || die "mkswap $d failed"
		swapon "$d" || die "swapon $d failed"
		n=$((n + 1))
	done
	[ $n -gt 0 ] || die "no swap disks (/dev/vd?)"
}

# meminfo FIELD: value in kB from /proc/meminfo.
meminfo() { awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo; }

# swap_used_kb: SwapTotal - SwapFree.
swap_used_kb() { echo $(($(meminfo SwapTotal) - $(meminfo SwapFree))); }
