# Every user-facing command of the project.  Each recipe calls one script
# under tools/; `make help` lists them.
#
#   make demo      the whole story, end to end, from a fresh clone
#   make check     the whole test suite (what CI runs)
#
# Knobs: DEBUG=1 (debug kernel), KERNEL_SRC=DIR [BASE=REF] (your own kernel
# git clone as base), AUTHOR="Name <mail>" (the series' author),
# DURATION=SECONDS (make stress), T=PATTERN (make check: only these tests).

export DEBUG KERNEL_SRC BASE AUTHOR DURATION T

.PHONY: help deps tree series kernel initramfs vm check demo bench stress clean

help:
	@sed -n 's/^#   //p' Makefile
	@echo "targets: deps tree series kernel initramfs vm check demo bench stress clean"

deps:
	@tools/deps/install

tree: deps
	@tools/tree/make-tree

series:
	@tools/tree/export

kernel: tree
	@tools/kernel/make-kernel

initramfs: kernel
	@tools/vm/mkinitramfs

vm: initramfs
	@tools/vm/run -i

check:
	@tools/check/run

demo:
	@tools/demo/run

bench:
	@tools/bench/run

stress:
	@tools/check/stress

clean:
	rm -rf build
