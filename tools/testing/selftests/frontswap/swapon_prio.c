// SPDX-License-Identifier: GPL-2.0
/*
 * swapon_prio PRIO DEVICE: swapon with a priority.  Swap devices of equal
 * priority share the swap entries round-robin, which the tests need to
 * reach every device; BusyBox's swapon cannot set a priority.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/swap.h>

int main(int argc, char **argv)
{
	int prio;

	if (argc != 3) {
		fprintf(stderr, "usage: swapon_prio PRIO DEVICE\n");
		return 2;
	}
	prio = atoi(argv[1]);
	if (swapon(argv[2], SWAP_FLAG_PREFER |
		   ((prio << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK))) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
