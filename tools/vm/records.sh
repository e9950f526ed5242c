# shellcheck shell=bash
# Source it: reading the records a guest sends over tools/vm/run's
# channel.  A records file (build/logs/NAME.records next to the console
# log, or tools/vm/run -r FILE) holds one record a line, "NAME KEY=VALUE
# ...", values without spaces; it grows while the VM runs.

# record_value FILE NAME KEY: KEY's value in the last record NAME.
record_value() {
	awk -v r="$2" -v k="$3=" '$1 == r {
		for (i = 2; i <= NF; i++) if (index($i, k) == 1) v = substr($i, length(k) + 1)
	} END { print v }' "$1" 2>/dev/null
}

# record_sum FILE NAME KEY: the sum of KEY over the records NAME.
record_sum() {
	awk -v r="$2" -v k="$3=" '$1 == r {
		for (i = 2; i <= NF; i++) if (index($i, k) == 1) n += substr($i, length(k) + 1)
	} END { print n + 0 }' "$1" 2>/dev/null
}

# record_columns FILE NAME KEY...: the KEYs of each record NAME, one line
# each, "-" where a record lacks one.
record_columns() {
	local file=$1 name=$2

	shift 2
	awk -v r="$name" -v keys="$*" '$1 == r {
		delete v
		for (i = 2; i <= NF; i++) { j = index($i, "="); v[substr($i, 1, j - 1)] = substr($i, j + 1) }
		n = split(keys, k, " "); line = ""
		for (i = 1; i <= n; i++) line = line (i > 1 ? " " : "") ((k[i] in v) ? v[k[i]] : "-")
		print line
	}' "$file" 2>/dev/null
}

# record_pairs FILE NAME: "KEY VALUE" lines of the last record NAME.
record_pairs() {
	awk -v r="$2" '$1 == r { last = $0 } END {
		n = split(last, f, " ")
		for (i = 2; i <= n; i++) { j = index(f[i], "="); print substr(f[i], 1, j - 1), substr(f[i], j + 1) }
	}' "$1" 2>/dev/null
}
