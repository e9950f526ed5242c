/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zcache - a compressed swap cache that can be loaded and unloaded
 *
 * Declarations shared by the files of the module.  Each file does one job:
 *
 *   zcache-main.c       parameters, the index, the frontswap ops, init/exit
 *   zcache-pool.c       pools: a compressor and a zpool, per-CPU contexts
 *   zcache-writeback.c  the LRU and the pool-limit writeback worker
 *   zcache-debugfs.c    the counters and /sys/kernel/debug/zcache/
 */
#ifndef _ZCACHE_H
#define _ZCACHE_H

#include <linux/atomic.h>
#include <linux/crypto.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/memcontrol.h>
#include <linux/swap.h>
#include <linux/types.h>
#include <linux/workqueue.h>

/*********************************
 * counters (zcache-debugfs.c)
 *********************************/
enum zcache_stat {
	/* what is held now */
	ZCACHE_STORED_PAGES,
	ZCACHE_SAME_FILLED_PAGES,
	ZCACHE_POOL_TOTAL_SIZE,
	ZCACHE_POOLS,
	ZCACHE_COMPRESSOR_CONTEXTS,
	/* events since load */
	ZCACHE_STORES,
	ZCACHE_LOADS,
	ZCACHE_EXCLUSIVE_LOADS,
	ZCACHE_DUPLICATE_ENTRY,
	ZCACHE_REJECT_COMPRESS_POOR,
	ZCACHE_REJECT_COMPRESS_FAIL,
	ZCACHE_REJECT_ALLOC_FAIL,
	ZCACHE_REJECT_MEMCG,
	ZCACHE_POOL_LIMIT_HIT,
	ZCACHE_WRITTEN_BACK_PAGES,
	ZCACHE_DRAINED_PAGES,
	ZCACHE_DECOMPRESS_FAIL,
	ZCACHE_NR_STATS
};

extern atomic64_t zcache_stats[ZCACHE_NR_STATS];

static inline void zcache_stat_add(enum zcache_stat item, s64 delta)
{
	atomic64_add(delta, &zcache_stats[item]);
}

static inline void zcache_stat_inc(enum zcache_stat item)
{
	atomic64_inc(&zcache_stats[item]);
}

static inline void zcache_stat_dec(enum zcache_stat item)
{
	atomic64_dec(&zcache_stats[item]);
}

static inline s64 zcache_stat_read(enum zcache_stat item)
{
	return atomic64_read(&zcache_stats[item]);
}

void zcache_debugfs_init(void);
void zcache_debugfs_exit(void);

/*********************************
 * pools (zcache-pool.c)
 *********************************/
struct zcache_ctx;

/**
 * struct zcache_pool - where compressed pages go
 * @zpool: the allocator holding the compressed data
 * @ctx: per-CPU compression contexts; only online CPUs' have a compressor
 * @node: instance of zcache's CPU hotplug state, which sets up @ctx
 * @kref: one reference while the pool is current, one per stored entry
 * @list: on the list of live pools, for the size sum (RCU)
 * @release_work: frees the pool in process context after the last put
 * @pin: a compressor held for the pool's life, allocated before the CPU
 *	hotplug locks are taken, so that its module is loaded and pinned
 *	outside them
 * @compressor: crypto name of the compressor
 * @driver: the driver @pin got, which every CPU's context uses too
 * @name: name given to the zpool; some zpools keep the pointer
 */
struct zcache_pool {
	struct zpool *zpool;
	struct zcache_ctx __percpu *ctx;
	struct hlist_node node;
	struct kref kref;
	struct list_head list;
	struct work_struct release_work;
	struct crypto_acomp *pin;
	char compressor[CRYPTO_MAX_ALG_NAME];
	char driver[CRYPTO_MAX_ALG_NAME];
	char name[16];
};

int zcache_pool_init(void);
void zcache_pool_exit(void);
struct zcache_pool *zcache_pool_create(const char *compressor,
				       const char *zpool_type);
struct zcache_pool *zcache_pool_current_get(void);
void zcache_pool_set_current(struct zcache_pool *pool);
void zcache_pool_put(struct zcache_pool *pool);
int zcache_pool_compress(struct zcache_pool *pool, struct page *page,
			 unsigned int max_len, unsigned long *handle,
			 unsigned int *length);
int zcache_pool_decompress(struct zcache_pool *pool, unsigned long handle,
			   unsigned int length, struct page *page);
void zcache_pool_free_handle(struct zcache_pool *pool, unsigned long handle);
u64 zcache_pool_total_size(void);

/*********************************
 * entries (zcache-main.c)
 *********************************/
/**
 * struct zcache_entry - one stored page
 * @lru: on the writeback LRU, for compressed entries only
 * @swpentry: swap type and offset, so the LRU can name the page
 * @pool: the pool holding the data, NULL for a same-filled page
 * @objcg: the cgroup charged for the entry (memory.zswap.*), or NULL
 * @handle: zpool handle of the compressed data
 * @value: the repeated word of a same-filled page
 * @length: compressed length in bytes, 0 for a same-filled page
 * @referenced: loaded since the writeback worker last passed it
 */
struct zcache_entry {
	struct list_head lru;
	swp_entry_t swpentry;
	struct zcache_pool *pool;
	struct obj_cgroup *objcg;
	union {
		unsigned long handle;
		unsigned long value;
	};
	unsigned int length;
	bool referenced;
};

/* Work items of the module: writeback and pool release. */
extern struct workqueue_struct *zcache_wq;
extern unsigned int zcache_max_pool_percent;
extern bool zcache_writeback_enabled;

/*********************************
 * writeback (zcache-writeback.c)
 *********************************/
void zcache_lru_add(struct zcache_entry *entry);
void zcache_lru_del(struct zcache_entry *entry);
bool zcache_pool_limit_hit(void);
void zcache_writeback_kick(void);
void zcache_writeback_stop(void);
void zcache_writeback_start(void);
void zcache_writeback_sync(void);

#endif /* _ZCACHE_H */
