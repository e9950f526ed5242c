// SPDX-License-Identifier: GPL-2.0
/*
 * swaptest - fill anonymous memory with verifiable content, push it out
 * to swap and check that every page comes back intact.
 *
 * Each page's content is a pure function of (seed, page index, kind), so
 * nothing is kept aside to verify against.  Exit status: 0 all pages
 * intact, 1 corruption seen, 2 usage or system error (including a failed
 * MADV_PAGEOUT: a test that pages nothing out proves nothing, and --thp
 * memory that no huge page backs).
 *
 * With --sigbus-ok, a page whose read gives SIGBUS (the kernel could not
 * bring it back from swap) is counted apart and verification goes on with
 * the next page; such pages are allowed up to a limit.
 *
 * With --hotcold N, N single-page accesses follow the page-out: every
 * fifth page (--hot-every) is hot and takes 80% of them, the rest share
 * 20% (a working set that comes back to its recent pages, as a benchmark
 * needs).  Each access verifies the page; every second one then rewrites
 * it with a new version, so pages are stored again.  --warmup W accesses
 * come first and are not timed, so that the time is that of a steady
 * state.  The full pass verifies the latest version of each page.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <getopt.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MADV_HUGEPAGE
#define MADV_HUGEPAGE 14
#endif

#define HUGE_SIZE (2UL << 20)	/* a PMD-sized THP on x86-64 */

#define MAX_BAD_SHOWN 8

enum kind { K_ZERO, K_SAME, K_COMPRESSIBLE, K_RANDOM, K_MIXED, NR_KINDS };

static const char *const kind_names[NR_KINDS] = {
	"zero", "same", "compressible", "random", "mixed",
};

struct opts {
	enum kind kind;
	uint64_t seed;
	size_t mib;
	int pageout;
	int fail_pageout;
	int passes;
	int hold;
	int fork;
	int shmem;
	int loop;
	long corrupt;	/* page to damage on purpose, -1 for none */
	const char *wait;	/* verify only once this file exists */
	size_t evict;	/* MiB of pressure to apply after page-out */
	int thp;	/* 2 MiB aligned, MADV_HUGEPAGE, must get huge pages */
	long sigbus_ok;	/* pages allowed to SIGBUS, -1: SIGBUS kills */
	long sigbus_min;	/* pages that must SIGBUS */
	long hotcold;	/* verified random reads before the full pass */
	long warmup;	/* untimed --hotcold accesses before those */
	long hot_every;	/* every hot_every-th page is hot */
};

struct stats {
	size_t pages;
	size_t verified;
	size_t corrupted;
	size_t resident;
	size_t sigbus;
	long access_ms;	/* time the --hotcold reads took, -1 if none */
	long anon_huge_kb;	/* after the first fill, -1 if not asked */
	size_t bad[MAX_BAD_SHOWN];
	size_t bus[MAX_BAD_SHOWN];
};

static size_t page_size;
static const char *role = "";

/* ---------------------------------------------------------------------
 * Page content
 */

/* splitmix64: a tiny PRNG whose state is just a counter */
static uint64_t mix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t page_key(uint64_t seed, size_t idx, enum kind kind)
{
	uint64_t s = seed * 0x100000001b3ULL ^ idx;

	mix64(&s);
	return mix64(&s) ^ kind;
}

static enum kind page_kind(enum kind kind, size_t idx)
{
	return kind == K_MIXED ? (enum kind)(idx % K_MIXED) : kind;
}

static void fill_words(uint64_t *w, size_t n, uint64_t key)
{
	size_t i;

	for (i = 0; i < n; i++)
		w[i] = mix64(&key);
}

/* Write the expected content of page @idx into @page. */
static void make_page(void *page, uint64_t seed, size_t idx, enum kind kind)
{
	size_t nwords = page_size / sizeof(uint64_t);
	uint64_t key, *w = page;
	size_t i;

	kind = page_kind(kind, idx);
	key = page_key(seed, idx, kind);
	switch (kind) {
	case K_ZERO:
		memset(page, 0, page_size);
		break;
	case K_SAME:
		/*
		 * Never the zero page, and both halves alike, so that a
		 * 32-bit kernel sees a same-filled page too.
		 */
		key = (uint32_t)(key | 1) * 0x100000001ULL;
		for (i = 0; i < nwords; i++)
			w[i] = key;
		break;
	case K_COMPRESSIBLE:
		/* ~2:1 with lzo: half random, half zeros */
		fill_words(w, nwords / 2, key);
		memset(w + nwords / 2, 0, page_size / 2);
		break;
	default:
		fill_words(w, nwords, key);
		break;
	}
}

/* ---------------------------------------------------------------------
 * Fill, page out, verify
 */

static void *map_area(size_t len, int shmem)
{
	int flags = MAP_ANONYMOUS | (shmem ? MAP_SHARED : MAP_PRIVATE);
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "swaptest: mmap %zu bytes: %s\n", len, strerror(errno));
		exit(2);
	}
	return p;
}

/*
 * Private anonymous memory that huge pages can back: map 2 MiB more than
 * asked, keep the 2 MiB aligned part and ask for huge pages before the
 * first touch.  @len is a multiple of 2 MiB (whole MiB, even).
 */
static void *map_area_thp(size_t len)
{
	char *p = map_area(len + HUGE_SIZE, 0);
	char *start = (char *)(((uintptr_t)p + HUGE_SIZE - 1) & ~(HUGE_SIZE - 1));
	size_t head = start - p, tail = HUGE_SIZE - head;

	if (head)
		munmap(p, head);
	if (tail)
		munmap(start + len, tail);
	if (madvise(start, len, MADV_HUGEPAGE)) {
		fprintf(stderr, "swaptest: madvise(MADV_HUGEPAGE): %s (errno %d)\n",
			strerror(errno), errno);
		exit(2);
	}
	return start;
}

/* AnonHugePages of the whole process, in kB, from smaps_rollup. */
static long anon_huge_kb(void)
{
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	char line[256];
	long kb = -1;

	if (!f) {
		perror("swaptest: /proc/self/smaps_rollup");
		exit(2);
	}
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	fclose(f);
	if (kb < 0) {
		fprintf(stderr, "swaptest: no AnonHugePages in smaps_rollup\n");
		exit(2);
	}
	return kb;
}

static void fill(char *area, size_t pages, const struct opts *o, uint64_t seed)
{
	size_t i;

	for (i = 0; i < pages; i++)
		make_page(area + i * page_size, seed, i, o->kind);
}

/*
 * Arm or disarm the fault injection that has task-filter set.  The file
 * is opened before arming: once armed, opening it could fail.
 */
static void make_it_fail(int fd, const char *on)
{
	if (write(fd, on, 1) != 1) {
		perror("swaptest: /proc/self/make-it-fail");
		exit(2);
	}
}

static void pageout(char *area, size_t len, const struct opts *o)
{
	int fd = -1, ret;

	if (o->fail_pageout) {
		fd = open("/proc/self/make-it-fail", O_WRONLY);
		if (fd < 0) {
			perror("swaptest: /proc/self/make-it-fail");
			exit(2);
		}
		make_it_fail(fd, "1");
	}
	ret = madvise(area, len, MADV_PAGEOUT);
	if (fd >= 0) {
		make_it_fail(fd, "0");
		close(fd);
	}
	if (ret) {
		fprintf(stderr, "swaptest: madvise(MADV_PAGEOUT): %s (errno %d)\n",
			strerror(errno), errno);
		exit(2);
	}
}

/*
 * Page-out leaves the pages in the swap cache until reclaim gets to
 * them; touching and freeing a balloon of memory pushes them out so that
 * verify really reads back from swap.
 */
static void evict(size_t mib)
{
	size_t len = mib << 20, i;
	char *p;

	if (!mib)
		return;
	p = map_area(len, 0);
	for (i = 0; i < len; i += page_size)
		p[i] = 1;
	munmap(p, len);
}

/* Pages still in memory (or in the swap cache) before we touch them. */
static size_t count_resident(char *area, size_t pages)
{
	unsigned char *vec = malloc(pages);
	size_t i, n = 0;

	if (!vec || mincore(area, pages * page_size, vec)) {
		free(vec);
		return (size_t)-1;
	}
	for (i = 0; i < pages; i++)
		n += vec[i] & 1;
	free(vec);
	return n;
}

/*
 * SIGBUS while reading a page: the kernel could not bring it back.  With
 * --sigbus-ok, the handler jumps back into verify(), which counts the page
 * and goes on; a SIGBUS anywhere else still kills the process.
 */
static sigjmp_buf sigbus_env;
/* Atomic: the handler must see the store at once, not after the read. */
static atomic_int sigbus_armed;

static void on_sigbus(int sig)
{
	if (sigbus_armed) {
		sigbus_armed = 0;
		siglongjmp(sigbus_env, 1);
	}
	signal(SIGBUS, SIG_DFL);
	raise(SIGBUS);
}

static void catch_sigbus(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, NULL)) {
		perror("swaptest: sigaction(SIGBUS)");
		exit(2);
	}
}

/*
 * Compare @page with @want: 1 if equal, 0 if not, -1 if reading @page gave
 * SIGBUS (caught only if @catch).
 */
static int compare_page(const char *page, const char *want, int catch)
{
	int same;

	if (catch) {
		if (sigsetjmp(sigbus_env, 1))
			return -1;
		sigbus_armed = 1;
	}
	same = !memcmp(page, want, page_size);
	sigbus_armed = 0;
	return same;
}

static void verify(char *area, size_t pages, const struct opts *o,
		   uint64_t seed, struct stats *st)
{
	char *want = malloc(page_size);
	size_t i;
	int ret;

	if (!want) {
		perror("swaptest: malloc");
		exit(2);
	}
	st->resident = count_resident(area, pages);
	for (i = 0; i < pages; i++) {
		make_page(want, seed, i, o->kind);
		st->pages++;
		ret = compare_page(area + i * page_size, want, o->sigbus_ok >= 0);
		if (ret > 0) {
			st->verified++;
			continue;
		}
		if (ret < 0) {
			if (st->sigbus < MAX_BAD_SHOWN)
				st->bus[st->sigbus] = i;
			st->sigbus++;
			continue;
		}
		if (st->corrupted < MAX_BAD_SHOWN)
			st->bad[st->corrupted] = i;
		st->corrupted++;
	}
	free(want);
}

/* Hot pages (every): 80% of the reads, scattered over the area. */
#define HOT_SHARE	80

static size_t pick_page(uint64_t *rng, size_t pages, size_t every)
{
	uint64_t r = mix64(rng);
	size_t hot = (pages + every - 1) / every;

	if (r % 100 < HOT_SHARE || hot == pages)
		return (r >> 8) % hot * every;
	for (;;) {
		size_t i = (r >> 8) % pages;

		if (i % every)
			return i;
		r = mix64(rng);
	}
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The seed of version @v of a page's content. */
static uint64_t version_seed(uint64_t seed, uint8_t v)
{
	return seed ^ (uint64_t)v << 56;
}

static void check_page(char *area, size_t i, uint64_t seed, enum kind kind,
		       char *want, struct stats *st)
{
	make_page(want, seed, i, kind);
	st->pages++;
	if (compare_page(area + i * page_size, want, 0)) {
		st->verified++;
		return;
	}
	if (st->corrupted < MAX_BAD_SHOWN)
		st->bad[st->corrupted] = i;
	st->corrupted++;
}

/*
 * --hotcold: verify single pages, hot ones more often, rewriting every
 * second one; then verify every page at its latest version.
 */
static void hotcold(char *area, size_t pages, const struct opts *o,
		    uint64_t seed, struct stats *st)
{
	uint8_t *version = calloc(pages, 1);
	char *want = malloc(page_size);
	uint64_t rng = seed;
	long n, start = 0;
	size_t i;

	if (!want || !version) {
		perror("swaptest: malloc");
		exit(2);
	}
	for (n = 0; n < o->warmup + o->hotcold; n++) {
		if (n == o->warmup)
			start = now_ms();
		i = pick_page(&rng, pages, o->hot_every);
		check_page(area, i, version_seed(seed, version[i]), o->kind,
			   want, st);
		if (n & 1) {
			version[i]++;
			make_page(area + i * page_size,
				  version_seed(seed, version[i]), i, o->kind);
		}
	}
	st->access_ms = now_ms() - start;
	st->resident = count_resident(area, pages);
	for (i = 0; i < pages; i++)
		check_page(area, i, version_seed(seed, version[i]), o->kind,
			   want, st);
	free(want);
	free(version);
}

/* 0 if every page is as it should be and SIGBUS pages are as allowed. */
static int verdict(const struct stats *st, const struct opts *o)
{
	if (st->corrupted)
		return 1;
	if (o->sigbus_ok >= 0 && st->sigbus > (size_t)o->sigbus_ok) {
		printf("swaptest%s: %zu pages gave SIGBUS, at most %ld allowed\n",
		       role, st->sigbus, o->sigbus_ok);
		return 1;
	}
	if (st->sigbus < (size_t)o->sigbus_min) {
		printf("swaptest%s: %zu pages gave SIGBUS, at least %ld expected\n",
		       role, st->sigbus, o->sigbus_min);
		return 1;
	}
	return 0;
}

static void report(const struct stats *st, const struct opts *o)
{
	size_t i;

	for (i = 0; i < st->corrupted && i < MAX_BAD_SHOWN; i++)
		printf("swaptest%s: bad page %zu\n", role, st->bad[i]);
	for (i = 0; i < st->sigbus && i < MAX_BAD_SHOWN; i++)
		printf("swaptest%s: SIGBUS on page %zu\n", role, st->bus[i]);
	printf("swaptest%s: pages=%zu verified=%zu corrupted=%zu kind=%s seed=%llu",
	       role, st->pages, st->verified, st->corrupted, kind_names[o->kind],
	       (unsigned long long)o->seed);
	printf(" resident_before_verify=%zd", (ssize_t)st->resident);
	if (o->sigbus_ok >= 0)
		printf(" sigbus=%zu", st->sigbus);
	if (o->thp)
		printf(" anon_huge_kb=%ld", st->anon_huge_kb);
	if (st->access_ms >= 0)
		printf(" hotcold_accesses=%ld hotcold_ms=%ld", o->hotcold,
		       st->access_ms);
	printf("\n");
	fflush(stdout);
}

/*
 * Tell the caller the pages are out (FILE.ready appears), then wait until
 * it creates FILE: meanwhile it can act on the swapped-out pages.
 */
static void wait_for_go(const char *file)
{
	char ready[4096];
	int fd;

	snprintf(ready, sizeof(ready), "%s.ready", file);
	fd = open(ready, O_CREAT | O_WRONLY, 0644);
	if (fd < 0) {
		fprintf(stderr, "swaptest: %s: %s\n", ready, strerror(errno));
		exit(2);
	}
	close(fd);
	while (access(file, F_OK))
		usleep(10000);
}

/* Verify @passes times; page out again before each later pass. */
static void verify_passes(char *area, size_t pages, const struct opts *o,
			  uint64_t seed, struct stats *st)
{
	int pass;

	for (pass = 0; pass < o->passes; pass++) {
		if (pass && o->pageout) {
			pageout(area, pages * page_size, o);
			evict(o->evict);
		}
		if (pass && o->wait && seed == o->seed) {
			char go[4096];

			snprintf(go, sizeof(go), "%s.%d", o->wait, pass);
			wait_for_go(go);
		}
		if (o->hold) {
			printf("swaptest%s: holding %ds\n", role, o->hold);
			sleep(o->hold);
		}
		verify(area, pages, o, seed, st);
	}
}

/* Parent and child both verify the COW-shared pages. */
static int verify_forked(char *area, size_t pages, const struct opts *o,
			 struct stats *st)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("swaptest: fork");
		exit(2);
	}
	if (!pid)
		role = "[child]";
	verify_passes(area, pages, o, o->seed, st);
	report(st, o);
	if (!pid)
		_exit(verdict(st, o));
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status)) {
		fprintf(stderr, "swaptest: child died (status %#x)\n", status);
		return 2;
	}
	return WEXITSTATUS(status) ? WEXITSTATUS(status) : verdict(st, o);
}

static int run(const struct opts *o)
{
	size_t pages = o->mib * (1024 * 1024 / page_size);
	size_t len = pages * page_size;
	time_t end = time(NULL) + o->loop;
	char *area = o->thp ? map_area_thp(len) : map_area(len, o->shmem);
	struct stats st = { .anon_huge_kb = -1, .access_ms = -1 };
	uint64_t seed = o->seed;

	if (o->sigbus_ok >= 0)
		catch_sigbus();
	do {
		fill(area, pages, o, seed);
		if (o->thp && seed == o->seed) {
			st.anon_huge_kb = anon_huge_kb();
			printf("swaptest: anon_huge_kb=%ld after filling %zu kB\n",
			       st.anon_huge_kb, len >> 10);
			if (!st.anon_huge_kb) {
				fprintf(stderr,
					"swaptest: --thp but no huge page backs the memory\n");
				exit(2);
			}
		}
		if (o->corrupt >= 0 && (size_t)o->corrupt < pages)
			area[o->corrupt * page_size] ^= 0x5a;
		if (o->pageout)
			pageout(area, len, o);
		evict(o->evict);
		if (o->wait && seed == o->seed)
			wait_for_go(o->wait);
		if (o->hotcold) {
			hotcold(area, pages, o, seed, &st);
			break;
		}
		if (o->fork)
			return verify_forked(area, pages, o, &st);
		verify_passes(area, pages, o, seed, &st);
		seed++;
	} while (!st.corrupted && time(NULL) < end);
	report(&st, o);
	return verdict(&st, o);
}

/* ---------------------------------------------------------------------
 * Command line
 */

static void usage(void)
{
	fprintf(stderr,
		"Usage: swaptest [options] MIB\n"
		"  --kind K     zero|same|compressible|random|mixed (default mixed)\n"
		"  --seed S     content seed (default 1)\n"
		"  --pageout    madvise(MADV_PAGEOUT) after filling\n"
		"  --fail-pageout  set /proc/self/make-it-fail during the page-out,\n"
		"               so that task-filtered fault injection hits it\n"
		"  --passes N   verify N times, paging out before each (default 1)\n"
		"  --hold SEC   sleep before each verify pass\n"
		"  --fork       fork after page-out; parent and child both verify\n"
		"  --shmem      MAP_SHARED|MAP_ANONYMOUS (shmem) instead of private\n"
		"  --loop SEC   refill with a new seed and verify until SEC elapsed\n"
		"  --evict MIB  after page-out, touch and free MIB MiB so the pages\n"
		"               leave the swap cache and verify reads from swap\n"
		"  --corrupt I  damage page I after filling (tests the checker)\n"
		"  --wait FILE  after page-out create FILE.ready, verify once FILE exists;\n"
		"               before each later pass the same with FILE.PASS\n"
		"  --thp        2 MiB aligned private memory with MADV_HUGEPAGE; report\n"
		"               AnonHugePages after filling (anon_huge_kb=), error if 0\n"
		"               (MIB must be even)\n"
		"  --sigbus-ok N   a page whose read gives SIGBUS is counted (sigbus=)\n"
		"               and skipped; more than N such pages is a failure\n"
		"  --sigbus-min N  fewer than N SIGBUS pages is a failure\n"
		"  --hotcold N  before the full verify, N verified single-page accesses,\n"
		"               every second one rewriting the page: every fifth page\n"
		"               is hot and gets 80%% of them; reports their time\n"
		"               (hotcold_ms=)\n"
		"  --hot-every K   with --hotcold, every K-th page is hot (default 5)\n"
		"  --warmup W   with --hotcold, W untimed accesses before the N\n"
		"exit: 0 intact, 1 corrupted (or SIGBUS pages out of bounds), 2 error\n");
	exit(2);
}

static enum kind parse_kind(const char *s)
{
	int k;

	for (k = 0; k < NR_KINDS; k++)
		if (!strcmp(s, kind_names[k]))
			return k;
	usage();
	return K_MIXED;
}

static long parse_num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*s == '\0' || *end || v < 0)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kind",    required_argument, NULL, 'k' },
		{ "seed",    required_argument, NULL, 's' },
		{ "pageout", no_argument,       NULL, 'p' },
		{ "fail-pageout", no_argument,  NULL, 'F' },
		{ "passes",  required_argument, NULL, 'n' },
		{ "hold",    required_argument, NULL, 'h' },
		{ "fork",    no_argument,       NULL, 'f' },
		{ "shmem",   no_argument,       NULL, 'S' },
		{ "loop",    required_argument, NULL, 'l' },
		{ "corrupt", required_argument, NULL, 'c' },
		{ "wait",    required_argument, NULL, 'w' },
		{ "evict",   required_argument, NULL, 'e' },
		{ "thp",     no_argument,       NULL, 'H' },
		{ "sigbus-ok",  required_argument, NULL, 'B' },
		{ "sigbus-min", required_argument, NULL, 'M' },
		{ "hotcold", required_argument, NULL, 'C' },
		{ "hot-every", required_argument, NULL, 'K' },
		{ "warmup",  required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { .kind = K_MIXED, .seed = 1, .passes = 1, .corrupt = -1,
			  .sigbus_ok = -1, .hot_every = 5 };
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			o.kind = parse_kind(optarg);
			break;
		case 's':
			o.seed = parse_num(optarg);
			break;
		case 'p':
			o.pageout = 1;
			break;
		case 'F':
			o.fail_pageout = 1;
			break;
		case 'n':
			o.passes = parse_num(optarg);
			break;
		case 'h':
			o.hold = parse_num(optarg);
			break;
		case 'f':
			o.fork = 1;
			break;
		case 'S':
			o.shmem = 1;
			break;
		case 'l':
			o.loop = parse_num(optarg);
			break;
		case 'c':
			o.corrupt = parse_num(optarg);
			break;
		case 'w':
			o.wait = optarg;
			break;
		case 'e':
			o.evict = parse_num(optarg);
			break;
		case 'H':
			o.thp = 1;
			break;
		case 'B':
			o.sigbus_ok = parse_num(optarg);
			break;
		case 'M':
			o.sigbus_min = parse_num(optarg);
			break;
		case 'C':
			o.hotcold = parse_num(optarg);
			break;
		case 'K':
			o.hot_every = parse_num(optarg);
			break;
		case 'W':
			o.warmup = parse_num(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || o.passes < 1)
		usage();
	o.mib = parse_num(argv[optind]);
	if (!o.mib || (o.fork && o.loop) || (o.fail_pageout && !o.pageout) ||
	    (o.hotcold && (o.fork || o.loop || o.passes > 1)) ||
	    o.hot_every < 1 || (o.warmup && !o.hotcold))
		usage();
	/* A huge page is private anonymous memory here, 2 MiB each. */
	if (o.thp && (o.shmem || o.mib % 2))
		usage();
	/* SIGBUS pages are counted only when they are caught. */
	if (o.sigbus_min && o.sigbus_ok < o.sigbus_min)
		usage();
	page_size = sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	return run(&o);
}
