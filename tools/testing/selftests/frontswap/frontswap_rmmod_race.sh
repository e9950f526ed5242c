#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Registration racing with rmmod.  One loop registers and unregisters the
# test backend through its parameter, another removes and reloads the
# module.  frontswap pins a registered backend's module, so rmmod fails
# while it is registered, and a registration that lands while the module
# is going away fails: after every successful rmmod frontswap has no
# backend.  Then pages go out and come back through frontswap, which
# would call freed module code if a registration had slipped through.
. "$(dirname "$0")/lib.sh"
require 1
secs=${FRONTSWAP_RACE_SECONDS:-30}

swap_on 1
tfs_load
# frontswap pins a registered backend's module.
if rmmod test_frontswap 2>/dev/null; then
	fail "rmmod of a registered backend succeeded"
fi
check "the refused rmmod left the backend registered" tfs_registered
tfs_unload
tfs_load register_at_load=0
end=$(($(date +%s) + secs))

# The parameter file comes and goes with the module: a failed
# redirection must not end the loop, so each write has its own subshell.
register_loop() {
	while [ "$(date +%s)" -lt $end ]; do
		(echo Y > $tfsparam/registered) 2>/dev/null
		(echo N > $tfsparam/registered) 2>/dev/null
	done
}

register_loop &
reg_pid=$!
removed=0 refused=0
while [ "$(date +%s)" -lt $end ]; do
	if rmmod test_frontswap 2>/dev/null; then
		removed=$((removed + 1))
		backend=$(fs_status backend)
		[ "$backend" = none ] ||
			fail "test_frontswap removed, frontswap backend: $backend"
		modprobe test_frontswap register_at_load=0 ||
			fail "modprobe test_frontswap"
		# Vary the gap, so that registrations land before, during
		# and after the next removal.
		sleep "0.0$((removed % 4))"
	else
		refused=$((refused + 1))
	fi
done
wait $reg_pid
log "rmmod: $removed removed, $refused refused while registered"
check "rmmod succeeded at least once" [ "$removed" -gt 0 ]

# Whatever state the loops left, frontswap must work on it.
tfs_loaded || tfs_load register_at_load=0
tfs_registered || tfs_register
stores=$(fs_counter succ_stores)
run_swaptest --kind compressible --pageout --evict 64 32
check "the backend took pages after the race" [ "$(fs_counter succ_stores)" -gt "$stores" ]
tfs_unload
check "no backend after the last rmmod" [ "$(fs_status backend)" = none ]
run_swaptest --kind mixed --pageout --evict 64 16
swap_off_all
