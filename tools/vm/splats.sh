# Source it: kernel_splats, shared by tools/vm/run and tools/check/stress.

# kernel_splats LOG: the lines of a console log that show a kernel splat
# ("Call Trace:" on x86, "Call trace:" on arm64).
kernel_splats() {
	local re='WARNING:|BUG:|Oops|KASAN|possible circular locking|inconsistent lock state|kmemleak: .*suspected memory leak|unreferenced object|UBSAN|Call [Tt]race:'
	local ts='^\[ *[0-9]+\.[0-9]+\] '

	grep -Eq "$ts" "$1" || ts=
	grep -E "$ts.*($re)" "$1"
}
