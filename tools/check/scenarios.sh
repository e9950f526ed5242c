# shellcheck shell=bash
# The table of VM scenarios, tools/check/scenarios, and how to run one.
# Source after common.sh (make check, make stress, make demo).

scenario_table=$top/tools/check/scenarios

# scenario_rows SUITE [KERNEL]: the table's lines in SUITE (on KERNEL).
scenario_rows() {
	awk -v s="$1" -v k="${2:-}" '
		/^[ \t]*(#|$)/ { next }
		index("," $7 ",", "," s ",") && (k == "" || $2 == k)
	' "$scenario_table"
}

# scenario NAME KERNEL DISKS SIZE MEM TIMEOUT SUITES [ARGS...]: one line of
# the table as the tools/vm/run command that runs it, in two arrays:
# scenario_opts (VM options) and scenario_script (script and arguments),
# so that a caller can add options of its own in between.  Sets
# scenario_name too ("NAME" or "NAME (debug)"), scenario_kernel, and
# scenario_vm (the table's VM options as text, for messages).
# shellcheck disable=SC2034 # the callers use them
scenario() {
	[ $# -ge 7 ] || die "$scenario_table: $1: fewer than 7 fields"
	local name=$1 kernel=$2 disks=$3 size=$4 mem=$5 timeout=$6 kb vm
	shift 7
	scenario_kernel=$kernel
	case $kernel in
	normal) kb=$kbuild scenario_name=$name ;;
	debug) kb=$kbuild_debug scenario_name="$name (debug)" ;;
	*) die "$scenario_table: $name: kernel $kernel is neither normal nor debug" ;;
	esac
	vm=(-d "$disks")
	[ "$size" = - ] || vm+=(-s "$size")
	[ "$mem" = - ] || vm+=(-m "$mem")
	[ "$timeout" = - ] || vm+=(-t "$timeout")
	scenario_vm=${vm[*]}
	scenario_opts=(-k "$kb/arch/x86/boot/bzImage" -M "$kb/modroot" "${vm[@]}")
	if [ -f "$top/tools/testing/selftests/frontswap/$name" ]; then
		# kselftest's own timeout fires first, so that a test that
		# hangs still shows its output (its runner buffers it).
		scenario_script=("$top/tools/guest/selftest" "$name"
				 "KSFT_TIMEOUT=$(( ${timeout/#-/600} - 90 ))")
	elif [ -f "$top/tests/guest/$name" ]; then
		scenario_opts+=(-f /usr/bin/stress-ng)
		scenario_script=("$top/tests/guest/$name")
	elif [ -f "$top/tools/guest/$name" ]; then
		scenario_script=("$top/tools/guest/$name")
	else
		die "$scenario_table: $name: no such selftest or guest script"
	fi
	scenario_script+=("$@")
}

# scenario_of SUITE: the first line of SUITE, as scenario() sets it.
scenario_of() {
	local row
	read -ra row <<< "$(scenario_rows "$1" | head -n 1)"
	[ ${#row[@]} -gt 0 ] || die "$scenario_table: no scenario in suite $1"
	scenario "${row[@]}"
}

# kernel_build KERNEL: build the normal or the debug kernel.
kernel_build() {
	DEBUG=$([ "$1" = debug ] && echo 1 || echo 0) "$top/tools/kernel/make-kernel"
}

# scenarios_selected SUITE KERNEL: whether T selects any of its lines.
scenarios_selected() {
	local lines line row any=1
	mapfile -t lines < <(scenario_rows "$1" "$2")
	for line in ${lines[@]+"${lines[@]}"}; do
		read -ra row <<< "$line"
		scenario "${row[@]}"
		selected "$scenario_name" && any=0
	done
	return $any
}

# scenario_taps SUITE KERNEL: run the lines T selects, one TAP check each.
scenario_taps() {
	local lines line row
	mapfile -t lines < <(scenario_rows "$1" "$2")
	for line in ${lines[@]+"${lines[@]}"}; do
		read -ra row <<< "$line"
		scenario "${row[@]}"
		selected "$scenario_name" || continue
		tap "vm: $scenario_name" "$top/tools/vm/run" "${scenario_opts[@]}" \
			"${scenario_script[@]}"
	done
}
