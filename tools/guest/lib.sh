# shellcheck shell=dash
# Helpers for guest scripts, installed as /lib/guest.sh:
#   . /lib/guest.sh
# TAP output: plan N; tap_ok NAME; tap_not_ok NAME; tap_check NAME CMD...;
# tap_done exits 1 if any test failed.  swap_disks: the swap disks.
# record NAME KEY=VALUE...: one record for the host (tools/vm/run).

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

# The records channel: a virtio-serial port named "records", found by
# name in sysfs (BusyBox's mdev makes no /dev/virtio-ports links).  init
# opens it once as fd 9 for every process: the port takes one opener
# at a time.
records_open() {
	local n

	for n in /sys/class/virtio-ports/*/name; do
		[ "$(cat "$n" 2>/dev/null)" = records ] || continue
		n=${n%/name}
		exec 9> "/dev/${n##*/}"
		return
	done
	echo "guest: no virtio-serial port named records" >&2
}

# record NAME KEY=VALUE...: one line "NAME KEY=VALUE ..." on the records
# channel (values must not hold spaces); on stdout when there is none.
# A blocking write: the host has the record when it returns.
record() {
	if { true >&9; } 2>/dev/null; then
		echo "$*" >&9
	else
		echo "record: $*"
	fi
}

# kv_records: copy stdin to stdout, and send each line that is a tag and
# KEY=VALUE pairs only, under any "# " of TAP nesting, as the record
# "TAG KEY=VALUE ..." ("swaptest: pages=9 verified=9 ..." becomes the
# record "swaptest pages=9 verified=9 ...").  No other line is parsed.
kv_records() {
	local sink='cat >&9'

	{ true >&9; } 2>/dev/null || sink='sed "s/^/record: /"'
	awk -v sink="$sink" '{
		print; fflush()
		l = $0
		sub(/^(# )+/, "", l)
		if (l !~ /^[a-z_]+(\[[a-z]+\])?: [a-z_]+=[^ ]+( [a-z_]+=[^ ]+)*$/)
			next
		tag = l; sub(/[^a-z_].*/, "", tag)
		print tag " " substr(l, index(l, ": ") + 2) | sink
		fflush(sink)
	}'
}

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
