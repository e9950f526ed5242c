// SPDX-License-Identifier: GPL-2.0
/*
 * zcache pools
 *
 * A pool pairs a compressor (crypto acomp) with an allocator (zpool).  New
 * pages go to the current pool.  Changing the compressor or the zpool makes
 * a new current pool; the old one keeps serving loads of the entries it
 * holds, and is freed when the last of them is gone.
 *
 * Each entry holds a reference on its pool, and the current pool holds one
 * more.  The last put can come from ->invalidate_page(), which runs under a
 * spinlock, so the pool is freed from a work item.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/acompress.h>
#include <linux/atomic.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/error-injection.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/topology.h>
#include <linux/zpool.h>

#include "zcache.h"

/* Compressors may write past PAGE_SIZE on incompressible input. */
#define ZCACHE_BUF_SIZE		(2 * PAGE_SIZE)

/*
 * One per possible CPU and pool, but only an online CPU's has a compressor
 * and a buffer: the CPU hotplug callbacks set them up and free them.  A
 * mutex, not disabled preemption, protects it, because compressing may
 * sleep and the task may move to another CPU meanwhile; that CPU may even
 * go offline, so users check under the mutex that @acomp is still there.
 */
struct zcache_ctx {
	struct mutex lock;	/* serialises users of this context */
	struct crypto_acomp *acomp;	/* NULL while the CPU is offline */
	struct acomp_req *req;
	struct crypto_wait wait;
	u8 *buf;
};

/* The dynamic CPU hotplug state; each pool is an instance of it. */
static enum cpuhp_state zcache_cpuhp_state;

/* zcache_pools_lock protects the list of pools and the current pool. */
static DEFINE_SPINLOCK(zcache_pools_lock);
static LIST_HEAD(zcache_pools);
static struct zcache_pool __rcu *zcache_current_pool;
static atomic_t zcache_pool_serial = ATOMIC_INIT(0);

/*********************************
 * size accounting
 *********************************/
/**
 * zcache_pool_total_size() - memory used by all pools
 *
 * Return: the sum of the zpool sizes in bytes, as last computed.
 */
u64 zcache_pool_total_size(void)
{
	return zcache_stat_read(ZCACHE_POOL_TOTAL_SIZE);
}

/* Recompute the sum; called after every allocation and free. */
static void zcache_pool_update_total_size(void)
{
	struct zcache_pool *pool;
	u64 total = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(pool, &zcache_pools, list)
		total += zpool_get_total_size(pool->zpool);
	rcu_read_unlock();
	atomic64_set(&zcache_stats[ZCACHE_POOL_TOTAL_SIZE], total);
}

/*********************************
 * per-CPU contexts
 *********************************/
/*
 * CPU hotplug prepare callback: runs in process context before @cpu comes
 * online, and for every online CPU when a pool is created.
 */
static int zcache_cpu_prepare(unsigned int cpu, struct hlist_node *node)
{
	struct zcache_pool *pool = hlist_entry(node, struct zcache_pool, node);
	struct zcache_ctx *ctx = per_cpu_ptr(pool->ctx, cpu);
	int nid = cpu_to_node(cpu);
	struct crypto_acomp *acomp;
	struct acomp_req *req;
	u8 *buf;
	int ret;

	buf = kmalloc_node(ZCACHE_BUF_SIZE, GFP_KERNEL, nid);
	if (!buf)
		return -ENOMEM;
	acomp = crypto_alloc_acomp_node(pool->driver, 0, 0, nid);
	if (IS_ERR(acomp)) {
		ret = PTR_ERR(acomp);
		goto err_buf;
	}
	req = acomp_request_alloc(acomp);
	if (!req) {
		ret = -ENOMEM;
		goto err_acomp;
	}
	/* Synchronous compressors complete at once; async ones wake us. */
	acomp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG,
				   crypto_req_done, &ctx->wait);

	/*
	 * Publish under the lock: a task that took this context before the
	 * CPU last went down may still wait for it.  Allocate first, so that
	 * the lock is never held across an allocation that may reclaim into
	 * zcache.
	 */
	mutex_lock(&ctx->lock);
	crypto_init_wait(&ctx->wait);
	ctx->buf = buf;
	ctx->req = req;
	ctx->acomp = acomp;
	mutex_unlock(&ctx->lock);
	zcache_stat_inc(ZCACHE_COMPRESSOR_CONTEXTS);
	return 0;

err_acomp:
	crypto_free_acomp(acomp);
err_buf:
	kfree(buf);
	return ret;
}

/*
 * CPU hotplug dead callback: runs in process context after @cpu went
 * offline, and for every online CPU when a pool is destroyed.
 */
static int zcache_cpu_dead(unsigned int cpu, struct hlist_node *node)
{
	struct zcache_pool *pool = hlist_entry(node, struct zcache_pool, node);
	struct zcache_ctx *ctx = per_cpu_ptr(pool->ctx, cpu);
	struct crypto_acomp *acomp;
	struct acomp_req *req;
	u8 *buf;

	/*
	 * A task that took this context on @cpu and then moved may still be
	 * using it: wait for it.  Free outside the lock, because freeing a
	 * compressor takes locks that are held while allocating one, and
	 * that allocation may reclaim into zcache.
	 */
	mutex_lock(&ctx->lock);
	acomp = ctx->acomp;
	req = ctx->req;
	buf = ctx->buf;
	ctx->acomp = NULL;
	ctx->req = NULL;
	ctx->buf = NULL;
	mutex_unlock(&ctx->lock);

	if (!acomp)
		return 0;
	acomp_request_free(req);
	crypto_free_acomp(acomp);
	kfree(buf);
	zcache_stat_dec(ZCACHE_COMPRESSOR_CONTEXTS);
	return 0;
}

/*
 * Lock a context that has a compressor.  The current CPU's has one, but
 * the task may move before it gets the lock, and the CPU it left may go
 * offline: then try again with the CPU it is on now.  Migration stays
 * enabled, because disabling it would keep the CPU from going offline
 * for as long as compressing sleeps, and is not needed: the lock keeps
 * the context alive, whichever CPU the task runs on.  The loop ends as
 * soon as the task stays on an online CPU long enough to lock.
 */
static struct zcache_ctx *zcache_ctx_lock(struct zcache_pool *pool)
{
	struct zcache_ctx *ctx;

	for (;;) {
		ctx = raw_cpu_ptr(pool->ctx);
		mutex_lock(&ctx->lock);
		if (likely(ctx->acomp))
			return ctx;
		mutex_unlock(&ctx->lock);
	}
}

/**
 * zcache_pool_init() - set up the CPU hotplug state of the pools
 *
 * Context: Module init, before any pool is created.
 * Return: 0 on success or a negative errno.
 */
int zcache_pool_init(void)
{
	int ret;

	ret = cpuhp_setup_state_multi(CPUHP_BP_PREPARE_DYN, "mm/zcache:prepare",
				      zcache_cpu_prepare, zcache_cpu_dead);
	if (ret < 0)
		return ret;
	zcache_cpuhp_state = ret;
	return 0;
}

/**
 * zcache_pool_exit() - remove the CPU hotplug state of the pools
 *
 * Context: Module exit, after every pool is freed.
 */
void zcache_pool_exit(void)
{
	cpuhp_remove_multi_state(zcache_cpuhp_state);
}

/*********************************
 * pool life cycle
 *********************************/
static void zcache_pool_destroy(struct zcache_pool *pool)
{
	int cpu;

	/* Unhashed if it never became an instance: nothing to tear down. */
	if (!hlist_unhashed(&pool->node))
		cpuhp_state_remove_instance(zcache_cpuhp_state, &pool->node);
	if (pool->ctx) {
		for_each_possible_cpu(cpu)
			mutex_destroy(&per_cpu_ptr(pool->ctx, cpu)->lock);
		free_percpu(pool->ctx);
	}
	if (pool->zpool)
		zpool_destroy_pool(pool->zpool);
	if (!IS_ERR_OR_NULL(pool->pin))
		crypto_free_acomp(pool->pin);
	kfree(pool);
}

/**
 * zcache_pool_create() - make a pool and add it to the list of pools
 * @compressor: crypto name of the compressor, e.g. "lzo"
 * @zpool_type: zpool type, e.g. "zsmalloc"
 *
 * The new pool is not current yet; see zcache_pool_set_current().
 *
 * Context: Process context; may sleep.
 * Return: the pool, holding one reference, or an ERR_PTR().
 */
struct zcache_pool *zcache_pool_create(const char *compressor,
				       const char *zpool_type)
{
	gfp_t gfp = __GFP_NORETRY | __GFP_NOWARN | __GFP_KSWAPD_RECLAIM;
	struct zcache_pool *pool;
	int cpu, ret;

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	kref_init(&pool->kref);
	INIT_HLIST_NODE(&pool->node);
	strscpy(pool->compressor, compressor, sizeof(pool->compressor));
	/* zsmalloc names a debugfs directory after it: keep names unique. */
	snprintf(pool->name, sizeof(pool->name), "zcache%d",
		 atomic_inc_return(&zcache_pool_serial));

	/*
	 * Loading a module under the CPU hotplug locks, which the hotplug
	 * callbacks run under, could deadlock with a CPU going up or down.
	 */
	pool->pin = crypto_alloc_acomp(compressor, 0, 0);
	if (IS_ERR(pool->pin)) {
		ret = PTR_ERR(pool->pin);
		pr_err("cannot set up compressor %s: %d\n", compressor, ret);
		goto err;
	}
	strscpy(pool->driver,
		crypto_tfm_alg_driver_name(crypto_acomp_tfm(pool->pin)),
		sizeof(pool->driver));

	pool->zpool = zpool_create_pool(zpool_type, pool->name, gfp, NULL);
	if (!pool->zpool) {
		pr_err("cannot create a %s zpool\n", zpool_type);
		ret = -ENOMEM;
		goto err;
	}

	pool->ctx = alloc_percpu(struct zcache_ctx);
	if (!pool->ctx) {
		ret = -ENOMEM;
		goto err;
	}
	/*
	 * Every possible CPU's lock, so that a CPU coming online never
	 * initialises a lock that a task from its last time online may still
	 * wait for.  The rest stays zeroed until the CPU is online.
	 */
	for_each_possible_cpu(cpu)
		mutex_init(&per_cpu_ptr(pool->ctx, cpu)->lock);
	/* Sets up the contexts of the online CPUs; undoes them on failure. */
	ret = cpuhp_state_add_instance(zcache_cpuhp_state, &pool->node);
	if (ret) {
		pr_err("cannot set up compressor %s: %d\n", compressor, ret);
		goto err;
	}

	spin_lock(&zcache_pools_lock);
	list_add_rcu(&pool->list, &zcache_pools);
	spin_unlock(&zcache_pools_lock);
	zcache_stat_inc(ZCACHE_POOLS);
	pr_debug("created pool %s (%s, %s)\n", pool->name, compressor,
		 zpool_type);
	return pool;

err:
	zcache_pool_destroy(pool);
	return ERR_PTR(ret);
}

static void zcache_pool_release_work(struct work_struct *work)
{
	struct zcache_pool *pool = container_of(work, struct zcache_pool,
						release_work);

	spin_lock(&zcache_pools_lock);
	list_del_rcu(&pool->list);
	spin_unlock(&zcache_pools_lock);
	/* Wait for size readers walking the list. */
	synchronize_rcu();

	pr_debug("freeing pool %s\n", pool->name);
	zcache_pool_destroy(pool);
	zcache_stat_dec(ZCACHE_POOLS);
	zcache_pool_update_total_size();
}

static void zcache_pool_release(struct kref *kref)
{
	struct zcache_pool *pool = container_of(kref, struct zcache_pool, kref);

	INIT_WORK(&pool->release_work, zcache_pool_release_work);
	queue_work(zcache_wq, &pool->release_work);
}

/**
 * zcache_pool_put() - drop a reference to a pool
 * @pool: the pool
 *
 * Context: Any context but interrupts; the pool is freed later by a work
 * item on zcache_wq, so flushing it waits for the release.
 */
void zcache_pool_put(struct zcache_pool *pool)
{
	kref_put(&pool->kref, zcache_pool_release);
}

/**
 * zcache_pool_current_get() - take a reference to the current pool
 *
 * Return: the pool for new pages, or NULL if there is none.
 */
struct zcache_pool *zcache_pool_current_get(void)
{
	struct zcache_pool *pool;

	rcu_read_lock();
	pool = rcu_dereference(zcache_current_pool);
	if (pool && !kref_get_unless_zero(&pool->kref))
		pool = NULL;
	rcu_read_unlock();
	return pool;
}

/**
 * zcache_pool_set_current() - make a pool the one for new pages
 * @pool: the new current pool, or NULL for none
 *
 * The reference that zcache_pool_create() returned passes to the current
 * pointer; the reference of the previous current pool is dropped.
 */
void zcache_pool_set_current(struct zcache_pool *pool)
{
	struct zcache_pool *old;

	spin_lock(&zcache_pools_lock);
	old = rcu_replace_pointer(zcache_current_pool, pool,
				  lockdep_is_held(&zcache_pools_lock));
	spin_unlock(&zcache_pools_lock);
	if (old)
		zcache_pool_put(old);
}

/*********************************
 * compression
 *********************************/
/**
 * zcache_pool_compress() - compress a page into a pool
 * @pool: the pool, referenced by the caller
 * @page: the page to compress
 * @max_len: largest compressed size worth keeping
 * @handle: on success, the zpool handle of the data
 * @length: on success, the compressed length
 *
 * Context: Process context; may sleep.
 * Return: 0 on success, -E2BIG if the result is larger than @max_len
 * (compressors report this as -EINVAL or -ENOSPC, so those mean it too),
 * -ENOSPC if the zpool cannot hold an object that large, -ENOMEM if the
 * zpool is out of memory, or another error from the compressor.
 */
int zcache_pool_compress(struct zcache_pool *pool, struct page *page,
			 unsigned int max_len, unsigned long *handle,
			 unsigned int *length)
{
	gfp_t gfp = __GFP_NORETRY | __GFP_NOWARN | __GFP_KSWAPD_RECLAIM;
	struct scatterlist input, output;
	struct zcache_ctx *ctx;
	unsigned int dlen;
	void *dst;
	int ret;

	ctx = zcache_ctx_lock(pool);
	sg_init_table(&input, 1);
	sg_set_page(&input, page, PAGE_SIZE, 0);
	sg_init_one(&output, ctx->buf, ZCACHE_BUF_SIZE);
	/*
	 * Allow no more output than a result worth keeping: a compressor
	 * that checks for room then gives up on an incompressible page
	 * instead of writing, and copying out, more than a page only to have
	 * it rejected.  The buffer stays large enough for one that does not
	 * check.
	 */
	acomp_request_set_params(ctx->req, &input, &output, PAGE_SIZE,
				 min_t(unsigned int, max_len, ZCACHE_BUF_SIZE));
	ret = crypto_wait_req(crypto_acomp_compress(ctx->req), &ctx->wait);
	dlen = ctx->req->dlen;
	/* Out of room, as far as the compressors tell. */
	if (ret == -EINVAL || ret == -ENOSPC)
		ret = -E2BIG;
	if (ret)
		goto out;
	if (dlen > max_len) {
		ret = -E2BIG;
		goto out;
	}

	if (zpool_malloc_support_movable(pool->zpool))
		gfp |= __GFP_HIGHMEM | __GFP_MOVABLE;
	ret = zpool_malloc(pool->zpool, dlen, gfp, handle);
	if (ret)
		goto out;
	dst = zpool_map_handle(pool->zpool, *handle, ZPOOL_MM_WO);
	memcpy(dst, ctx->buf, dlen);
	zpool_unmap_handle(pool->zpool, *handle);
	*length = dlen;
out:
	mutex_unlock(&ctx->lock);
	if (!ret)
		zcache_pool_update_total_size();
	return ret;
}

/**
 * zcache_pool_decompress() - decompress stored data into a page
 * @pool: the pool holding the data
 * @handle: zpool handle of the data
 * @length: compressed length
 * @page: the page to fill
 *
 * Context: Process context; may sleep.
 * Return: 0 on success, -EIO if the data does not decompress to a page.
 * fail_function can make it fail (see the admin guide), to test what a
 * lost page does.
 */
int zcache_pool_decompress(struct zcache_pool *pool, unsigned long handle,
			   unsigned int length, struct page *page)
{
	bool sleep_mapped = zpool_can_sleep_mapped(pool->zpool);
	struct scatterlist input, output;
	struct zcache_ctx *ctx;
	u8 *src;
	int ret;

	ctx = zcache_ctx_lock(pool);
	src = zpool_map_handle(pool->zpool, handle, ZPOOL_MM_RO);
	if (!sleep_mapped) {
		/* zsmalloc maps atomically; the compressor may sleep. */
		memcpy(ctx->buf, src, length);
		zpool_unmap_handle(pool->zpool, handle);
		src = ctx->buf;
	}
	sg_init_one(&input, src, length);
	sg_init_table(&output, 1);
	sg_set_page(&output, page, PAGE_SIZE, 0);
	acomp_request_set_params(ctx->req, &input, &output, length, PAGE_SIZE);
	ret = crypto_wait_req(crypto_acomp_decompress(ctx->req), &ctx->wait);
	if (!ret && ctx->req->dlen != PAGE_SIZE)
		ret = -EIO;
	if (sleep_mapped)
		zpool_unmap_handle(pool->zpool, handle);
	mutex_unlock(&ctx->lock);
	return ret ? -EIO : 0;
}

ALLOW_ERROR_INJECTION(zcache_pool_decompress, ERRNO);

/**
 * zcache_pool_free_handle() - free compressed data
 * @pool: the pool holding the data
 * @handle: zpool handle of the data
 *
 * Context: Any context but interrupts; does not sleep.
 */
void zcache_pool_free_handle(struct zcache_pool *pool, unsigned long handle)
{
	zpool_free(pool->zpool, handle);
	zcache_pool_update_total_size();
}
