# shellcheck shell=bash
# TAP helpers: each check is one "ok N - name" line; its output goes to a
# log under build/logs/check/, whose path is printed when it fails.  A
# comment line with the time since the command started announces each
# check as it starts.
# Source after common.sh; call tap_done at the end.

tap_n=0 tap_pass=0 tap_fail=0
tap_logs=$logs/check
rm -rf "$tap_logs"; mkdir -p "$tap_logs"

# tap NAME COMMAND...: run one check.
tap() {
	local name=$1 log rc=0 start

	shift
	tap_n=$((tap_n + 1))
	log=$tap_logs/$(printf '%03d' $tap_n)-$(echo "$name" | tr -c 'A-Za-z0-9_.-' '_').log
	start=$(date +%s)
	printf '# [%4ss] %s ...\n' $((start - t0)) "$name"
	"$@" > "$log" 2>&1 || rc=$?
	if [ $rc = 0 ]; then
		tap_pass=$((tap_pass + 1))
		echo "ok $tap_n - $name ($(( $(date +%s) - start ))s)"
	else
		tap_fail=$((tap_fail + 1))
		echo "not ok $tap_n - $name (exit $rc, log: $log)"
		tail -n 15 "$log" | sed 's/^/#   /'
	fi
	return 0
}

# Only the checks whose name matches $T, when it is set.
tap_matched=0
selected() {
	[ -z "${T:-}" ] && return 0
	echo "$1" | grep -Eq -- "$T" || return 1
	tap_matched=$((tap_matched + 1))
}

tap_done() {
	if [ -n "${T:-}" ] && [ "$tap_matched" = 0 ]; then
		echo "not ok - no check matches T='$T'"
		tap_fail=$((tap_fail + 1))
	fi
	echo "1..$tap_n"
	echo "$tap_pass passed, $tap_fail failed"
	[ $tap_fail = 0 ]
}
