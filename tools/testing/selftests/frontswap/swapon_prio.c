// SPDX-License-Identifier: GPL-2.0
/*
 * swapon_prio [--fail-nth N] PRIO DEVICE: swapon with a priority.  Swap
 * devices of equal priority share the swap entries round-robin, which the
 * tests need to reach every device; BusyBox's swapon cannot set a
 * priority.  With --fail-nth N, the N-th allocation that fault injection
 * sees during the swapon call fails (/proc/thread-self/fail-nth).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>
#include <unistd.h>

static void fail_nth(const char *n)
{
	int fd = open("/proc/thread-self/fail-nth", O_WRONLY);

	if (fd < 0 || write(fd, n, strlen(n)) != (ssize_t)strlen(n)) {
		perror("/proc/thread-self/fail-nth");
		exit(2);
	}
	close(fd);
}

int main(int argc, char **argv)
{
	const char *nth = NULL;
	int prio;

	if (argc == 5 && !strcmp(argv[1], "--fail-nth")) {
		nth = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: swapon_prio [--fail-nth N] PRIO DEVICE\n");
		return 2;
	}
	prio = atoi(argv[1]);
	if (nth)
		fail_nth(nth);
	if (swapon(argv[2], SWAP_FLAG_PREFER |
		   ((prio << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK))) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
