#!/bin/sh
# Guest: swap MIB MiB (default 300) of KIND pages (default mixed) out to
# the swap disks with MADV_PAGEOUT (plus 64 MiB of pressure to empty the
# swap cache), check that swap was really used while the pages were out,
# then verify every page.
# usage (host): tools/vm/run tests/guest/swap-verify.sh [MIB [KIND]]
. /lib/guest.sh
mib=${1:-300} kind=${2:-mixed}
out=/tmp/swaptest.out

plan 3
swapon_disks
t0=$(cut -d' ' -f1 /proc/uptime)
swaptest --kind "$kind" --pageout --evict 64 --wait /tmp/go "$mib" > "$out" &
pid=$!
until [ -e /tmp/go.ready ]; do
	kill -0 $pid 2>/dev/null || break
	sleep 0.1
done
used=$(swap_used_kb)
touch /tmp/go
wait $pid
rc=$?
cat "$out"
echo "# swaptest took $(awk -v t0="$t0" '{ print $1 - t0 }' /proc/uptime)s"
echo "# swap used while the pages were out: ${used} kB"
tap_check "swap used while the pages were out" [ "$used" -gt $((mib * 1024 / 2)) ]
tap_check "swaptest exit status 0 (got $rc)" [ $rc -eq 0 ]
tap_check "no corrupted pages" grep -q ' corrupted=0 ' "$out"
tap_done
