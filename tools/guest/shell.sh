#!/bin/sh
# `make vm`: a shell in the test VM.  The swap disks are /dev/vd*, the
# selftests are in /selftests/frontswap; `reboot -f` (or exit) ends it.
echo "test VM: swap disks $(ls /dev/vd* | tr '\n' ' '); selftests in /selftests/frontswap"
setsid cttyhack sh -l
