#!/bin/sh
# Guest: stress-ng's verifying vm stressor on top of swap.
# usage (host): tools/vm/run -f /usr/bin/stress-ng tests/guest/stress-ng-vm.sh [SECS]
. /lib/guest.sh
[ -x /usr/bin/stress-ng ] || skip "stress-ng not in the guest (-f /usr/bin/stress-ng)"
swapon_disks
stress-ng --vm 1 --vm-bytes 64M --vm-method all --verify -t "${1:-10}s" --metrics-brief
