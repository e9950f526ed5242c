# Source it: the settings of the guest architecture, from ARCH (x86_64,
# the default, arm64 or i386 with HIGHMEM), for tools/kernel/build and
# make-kernel, tools/vm/run and mkinitramfs, and tools/check/arch.
#   arch       the architecture name used in paths (build/kbuild-$arch)
#   kbuild_dir build directory of the guest kernel, relative to build/
#   cross      CROSS_COMPILE prefix for the kernel and the test programs
#   kimage     the kernel image, relative to the build directory
#   deb_arch   Debian architecture of the guest's busybox-static
#   qemu_sys   QEMU command and machine; qemu_pkg, its Debian package
#   console    the serial console's device in the guest
arch=${ARCH:-x86_64}
case $arch in
x86|x86_64)
	arch=x86_64
	kbuild_dir=kbuild cross= kimage=arch/x86/boot/bzImage deb_arch=
	qemu_sys=(qemu-system-x86_64 -cpu max) qemu_pkg=qemu-system-x86 console=ttyS0 ;;
arm64)
	# pauth-impdef: QEMU's own pointer-auth hash, much cheaper under TCG.
	kbuild_dir=kbuild-arm64 cross=aarch64-linux-gnu- kimage=arch/arm64/boot/Image
	deb_arch=arm64 qemu_sys=(qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on)
	qemu_pkg=qemu-system-arm console=ttyAMA0 ;;
i386)
	kbuild_dir=kbuild-i386 cross=i686-linux-gnu- kimage=arch/x86/boot/bzImage
	deb_arch=i386 qemu_sys=(qemu-system-i386 -cpu max) qemu_pkg=qemu-system-x86
	console=ttyS0 ;;
*)
	echo "ARCH=$arch: not one of x86_64, arm64, i386" >&2
	exit 2 ;;
esac
