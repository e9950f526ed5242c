# Every user-facing command of the project, and the only dependency graph:
# deps -> tree -> kernel -> the VM commands.  The scripts under tools/
# that the recipes call do not run the steps before them themselves.
# `make help` prints the "##" lines below, one per target and per knob.
#
## targets:
##   make demo        the whole story in a test VM, end to end, from a fresh clone
##   make check       the whole test suite, TAP, last line "N passed, N failed" (CI)
##   make tree        build/linux: the base tree (tag base) with patches/ as commits
##   make series      write build/linux's commits back to patches/ and the mirrors
##   make kernel      build the guest kernel (build/kbuild; DEBUG=1: build/kbuild-debug)
##   make initramfs   build the test VM's BusyBox initramfs
##   make vm          a shell in the test VM (Ctrl-A X or reboot -f ends it)
##   make bench       the benchmarks: BENCHMARKS.md and bench.png
##   make stress      the soak on the debug kernel, with a summary every minute
##   make deps        install the Debian packages the project needs
##   make clean       remove build/
##   make help        this list
## knobs:
##   T=REGEX          make check: only the checks whose name matches (none: failure)
##   DEBUG=1          make kernel: the debug kernel (lockdep, KASAN, DEBUG_VM, kmemleak)
##   ARCH=arm64|i386  make check: only the arch smoke (tools/check/arch); make kernel, vm: that arch
##   DURATION=SECONDS make stress: how long the soak runs (default 1800)
##   KERNEL_SRC=DIR   make tree: your own kernel git clone as the base (default: Debian's)
##   BASE=REF         make tree: the commit in KERNEL_SRC (default: its newest v6.1.y tag)
##   AUTHOR="N <m>"   make series: the series' author (From:, Signed-off-by:, ...)
##   FS_CACHE=DIR     where Debian's kernel source is kept (default: ~/.cache/frontswap-series)
##   VM_ACCEL=kvm|tcg every VM: the accelerator (default: kvm if a probe finds it works)
##   BENCH_*          make bench: BENCH_ICOUNT, BENCH_JOBS, BENCH_BUILD (see tools/bench/run)

export DEBUG KERNEL_SRC BASE AUTHOR DURATION T VM_ACCEL

.PHONY: help deps tree series kernel debug-kernel initramfs vm check demo bench stress clean

help:
	@sed -n 's/^## \{0,1\}//p' $(firstword $(MAKEFILE_LIST))

deps:
	@tools/deps/install
	@$(if $(filter-out x86 x86_64,$(ARCH)),tools/deps/install arch)

tree: deps
	@tools/tree/make-tree

series:
	@tools/tree/export

kernel: tree
	@tools/kernel/make-kernel

# make stress's kernel, whatever DEBUG says.
debug-kernel: tree
	@DEBUG=1 tools/kernel/make-kernel

initramfs: kernel
	@tools/vm/mkinitramfs

vm: initramfs
	@tools/vm/run -i

# make check builds its kernels itself: each build is one of its checks.
check: tree
	@tools/check/$(if $(filter-out x86 x86_64,$(ARCH)),arch,run)

demo: kernel
	@tools/deps/install plot
	@tools/demo/run

bench:
	@tools/bench/run

stress: debug-kernel
	@tools/check/stress

clean:
	rm -rf build
