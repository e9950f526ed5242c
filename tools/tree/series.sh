# shellcheck shell=bash
# Helpers shared by the series scripts.  Source after common.sh.

# Files the series adds, one per line: these have mirrors in the repo.
series_added_files() {
	local dir=${1:-$patches}
	[ -f "$dir/series" ] || return 0
	(cd "$dir" && xargs cat < series) | awk '
		/^diff --git / { file = substr($4, 3) }
		/^new file mode / { print file }' | sort -u
}

# The tree remembers which patches/ it was made from, and its HEAD then.
series_stamp=$tree/.git/frontswap-series
series_id() { (cd "$patches" && cat series ./*.patch) | sha1sum | cut -d' ' -f1; }
series_stamp_write() { echo "$(series_id) $(git -C "$tree" rev-parse HEAD)" > "$series_stamp"; }
