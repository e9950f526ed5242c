// SPDX-License-Identifier: GPL-2.0
/*
 * zcache - a compressed swap cache that can be loaded and unloaded
 *
 * zcache is a frontswap backend: pages on their way to a swap device are
 * compressed and kept in RAM instead, and read back from there.  Unlike
 * zswap it is a module.  It can be loaded after swapon (frontswap replays
 * ->init() for every active swap device) and unloaded at any time:
 * disabling it writes every page it holds back to its slot on the swap
 * device first, so no page is lost.
 *
 * While registered with frontswap, zcache's module is pinned by frontswap,
 * so rmmod refuses to unload it.  Writing 0 to the "enabled" parameter
 * drains and unregisters it, which drops the pin; rmmod then works.
 *
 * The index is an XArray per swap type, mapping a swap offset to an entry.
 * frontswap calls store, load and invalidate_page for one offset with the
 * page locked in the swap cache, or once the slot is free, so they never
 * run at the same time for the same offset; entries need no reference
 * count.  The writeback worker only ever names an entry by its offset.
 * The load is lock-free for that reason too: in 6.1.y the fault path that
 * skips the swap cache (SWP_SYNCHRONOUS_IO devices) claims the entry with
 * swapcache_prepare() before it reads, so no second load or invalidation
 * of the offset can run at the same time.  A kernel without that claim
 * would need a reference on the entry across the decompression.  A load
 * frees its entry (exclusive_loads) only when frontswap allows it, for a
 * page in the swap cache.
 *
 * Compressed memory is charged to the cgroup of the page it came from and
 * counts in its memory.zswap.current, within memory.zswap.max, like zswap.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/frontswap.h>
#include <linux/highmem.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/xarray.h>
#include <linux/zpool.h>
#include <crypto/acompress.h>

#include "zcache.h"

#define ZCACHE_NAME_LEN		CRYPTO_MAX_ALG_NAME

struct workqueue_struct *zcache_wq;
static struct kmem_cache *zcache_entry_cache;

/* One index per swap type, from ->init() to ->invalidate_area(). */
static struct xarray *zcache_trees[MAX_SWAPFILES];

/*********************************
 * tunables
 *********************************/
/*
 * zcache_param_mutex serialises parameter writes with each other and with
 * module init and exit.  It is never taken by the frontswap ops, so it may
 * be held while calling frontswap_register_ops() and
 * frontswap_unregister_ops(), which call those ops.
 */
static DEFINE_MUTEX(zcache_param_mutex);

/*
 * Parameters given to modprobe are set before zcache_init() runs: they are
 * validated and recorded, and zcache_init() acts on them.
 */
enum zcache_state {
	ZCACHE_LOADING,
	ZCACHE_LIVE,
	ZCACHE_GONE,
};

static enum zcache_state zcache_state = ZCACHE_LOADING;

/* True while registered with frontswap. */
static bool zcache_enabled = true;
static char zcache_compressor[ZCACHE_NAME_LEN] = "lzo";
static char zcache_zpool_type[ZCACHE_NAME_LEN] = "zsmalloc";
unsigned int zcache_max_pool_percent = 20;
bool zcache_writeback_enabled = true;
static unsigned int zcache_compress_limit_percent = 80;
static bool zcache_same_filled_pages_enabled = true;
static bool zcache_exclusive_loads = true;

/*********************************
 * entries and the index
 *********************************/
static void zcache_entry_uncharge(struct zcache_entry *entry)
{
	if (entry->objcg) {
		obj_cgroup_uncharge_zswap(entry->objcg, entry->length);
		obj_cgroup_put(entry->objcg);
	}
}

static void zcache_entry_free(struct zcache_entry *entry)
{
	zcache_entry_uncharge(entry);
	if (entry->pool) {
		zcache_lru_del(entry);
		zcache_pool_free_handle(entry->pool, entry->handle);
		zcache_pool_put(entry->pool);
	} else {
		zcache_stat_dec(ZCACHE_SAME_FILLED_PAGES);
	}
	zcache_stat_dec(ZCACHE_STORED_PAGES);
	kmem_cache_free(zcache_entry_cache, entry);
}

/* Free an index and every entry in it.  Nothing else may use it. */
static void zcache_tree_free(struct xarray *tree)
{
	struct zcache_entry *entry;
	unsigned long offset;

	xa_for_each(tree, offset, entry) {
		zcache_entry_free(entry);
		cond_resched();
	}
	xa_destroy(tree);
	kfree(tree);
}

/* After unregistering: nothing calls in any more. */
static void zcache_free_trees(void)
{
	unsigned int type;

	for (type = 0; type < MAX_SWAPFILES; type++) {
		if (zcache_trees[type]) {
			zcache_tree_free(zcache_trees[type]);
			zcache_trees[type] = NULL;
		}
	}
}

/*********************************
 * same-filled pages
 *********************************/
static bool zcache_page_same_filled(struct page *page, unsigned long *value)
{
	unsigned long *data = kmap_local_page(page);
	unsigned int i;
	bool same = true;

	for (i = 1; i < PAGE_SIZE / sizeof(*data); i++) {
		if (data[i] != data[0]) {
			same = false;
			break;
		}
	}
	*value = data[0];
	kunmap_local(data);
	return same;
}

static void zcache_fill_page(struct page *page, unsigned long value)
{
	unsigned long *data = kmap_local_page(page);

	memset_l(data, value, PAGE_SIZE / sizeof(*data));
	kunmap_local(data);
}

/*********************************
 * frontswap ops
 *********************************/
/* Called with frontswap's mutex held: take none of our sleeping locks. */
static void zcache_frontswap_init(unsigned int type)
{
	struct xarray *tree, *old;

	/* On failure, stores for this type are refused and go to disk. */
	tree = kmalloc(sizeof(*tree), GFP_KERNEL);
	if (!tree)
		return;
	xa_init(tree);

	/* frontswap initialises a type only once; be safe anyway. */
	old = zcache_trees[type];
	if (WARN_ON_ONCE(old))
		zcache_tree_free(old);
	/* Publish the index after its initialisation. */
	smp_store_release(&zcache_trees[type], tree);
}

static struct xarray *zcache_tree(unsigned int type)
{
	return READ_ONCE(zcache_trees[type]);
}

/* Compress @page into the current pool, or say why not. */
static int zcache_compress_entry(struct zcache_entry *entry, struct page *page)
{
	unsigned int limit = READ_ONCE(zcache_compress_limit_percent);
	int ret;

	if (zcache_pool_limit_hit()) {
		zcache_stat_inc(ZCACHE_POOL_LIMIT_HIT);
		zcache_writeback_kick();
		return -ENOMEM;
	}
	entry->pool = zcache_pool_current_get();
	if (!entry->pool)
		return -ENODEV;

	ret = zcache_pool_compress(entry->pool, page, PAGE_SIZE * limit / 100,
				   &entry->handle, &entry->length);
	switch (ret) {
	case 0:
		return 0;
	case -E2BIG:
	case -ENOSPC:
		zcache_stat_inc(ZCACHE_REJECT_COMPRESS_POOR);
		break;
	case -ENOMEM:
		zcache_stat_inc(ZCACHE_REJECT_ALLOC_FAIL);
		break;
	default:
		zcache_stat_inc(ZCACHE_REJECT_COMPRESS_FAIL);
		break;
	}
	zcache_pool_put(entry->pool);
	entry->pool = NULL;
	return ret;
}

static int zcache_frontswap_store(unsigned int type, pgoff_t offset,
				  struct page *page)
{
	struct xarray *tree = zcache_tree(type);
	struct zcache_entry *entry, *old;
	int ret;

	if (!tree)
		return -ENODEV;

	entry = kmem_cache_alloc(zcache_entry_cache, GFP_KERNEL);
	if (!entry) {
		zcache_stat_inc(ZCACHE_REJECT_ALLOC_FAIL);
		return -ENOMEM;
	}
	entry->swpentry = swp_entry(type, offset);
	entry->pool = NULL;
	entry->length = 0;
	entry->referenced = false;

	/* The cgroup's memory.zswap.max says whether it may store at all. */
	entry->objcg = get_obj_cgroup_from_page(page);
	if (entry->objcg && !obj_cgroup_may_zswap(entry->objcg)) {
		zcache_stat_inc(ZCACHE_REJECT_MEMCG);
		ret = -ENOMEM;
		goto free;
	}

	if (!READ_ONCE(zcache_same_filled_pages_enabled) ||
	    !zcache_page_same_filled(page, &entry->value)) {
		ret = zcache_compress_entry(entry, page);
		if (ret)
			goto free;
	}

	old = xa_store(tree, offset, entry, GFP_KERNEL);
	if (xa_is_err(old)) {
		ret = xa_err(old);
		zcache_stat_inc(ZCACHE_REJECT_ALLOC_FAIL);
		if (entry->pool) {
			zcache_pool_free_handle(entry->pool, entry->handle);
			zcache_pool_put(entry->pool);
		}
		goto free;
	}
	if (old) {
		/* frontswap invalidates before storing again; be safe. */
		zcache_stat_inc(ZCACHE_DUPLICATE_ENTRY);
		zcache_entry_free(old);
	}

	if (entry->objcg)
		obj_cgroup_charge_zswap(entry->objcg, entry->length);
	if (entry->pool)
		zcache_lru_add(entry);
	else
		zcache_stat_inc(ZCACHE_SAME_FILLED_PAGES);
	zcache_stat_inc(ZCACHE_STORED_PAGES);
	zcache_stat_inc(ZCACHE_STORES);
	return 0;

free:
	if (entry->objcg)
		obj_cgroup_put(entry->objcg);
	kmem_cache_free(zcache_entry_cache, entry);
	return ret;
}

static int zcache_frontswap_load(unsigned int type, pgoff_t offset,
				 struct page *page, bool *exclusive)
{
	struct xarray *tree = zcache_tree(type);
	struct zcache_entry *entry;
	int ret;

	if (!tree)
		return -ENOENT;
	entry = xa_load(tree, offset);
	if (!entry)
		return -ENOENT;

	if (!entry->pool) {
		zcache_fill_page(page, entry->value);
	} else {
		ret = zcache_pool_decompress(entry->pool, entry->handle,
					     entry->length, page);
		if (ret) {
			/* The disk has no copy of this page: it is lost. */
			zcache_stat_inc(ZCACHE_DECOMPRESS_FAIL);
			pr_err_ratelimited("cannot decompress swap page %u:%lu\n",
					   type, offset);
			return ret;
		}
	}
	zcache_stat_inc(ZCACHE_LOADS);

	/*
	 * The page is back in RAM: keeping a copy would only save
	 * compressing it again if it is swapped out unchanged.  Give it up
	 * if frontswap allows; it then dirties the page so that it is
	 * stored again.
	 */
	if (*exclusive && READ_ONCE(zcache_exclusive_loads) &&
	    xa_cmpxchg(tree, offset, entry, NULL, 0) == entry) {
		zcache_entry_free(entry);
		zcache_stat_inc(ZCACHE_EXCLUSIVE_LOADS);
		return 0;
	}
	*exclusive = false;
	/* A second chance against writeback: see zcache_lru_pick(). */
	if (entry->pool)
		WRITE_ONCE(entry->referenced, true);
	return 0;
}

/* May be called with the swap device's spinlock held: must not sleep. */
static void zcache_frontswap_invalidate_page(unsigned int type,
					     pgoff_t offset)
{
	struct xarray *tree = zcache_tree(type);
	struct zcache_entry *entry;

	if (!tree)
		return;
	entry = xa_erase(tree, offset);
	if (entry)
		zcache_entry_free(entry);
}

/* swapoff: every page was read back, free what is left of the type. */
static void zcache_frontswap_invalidate_area(unsigned int type)
{
	struct xarray *tree = zcache_tree(type);

	if (!tree)
		return;
	WRITE_ONCE(zcache_trees[type], NULL);
	zcache_tree_free(tree);
}

static const struct frontswap_ops zcache_frontswap_ops = {
	.init = zcache_frontswap_init,
	.store = zcache_frontswap_store,
	.load = zcache_frontswap_load,
	.invalidate_page = zcache_frontswap_invalidate_page,
	.invalidate_area = zcache_frontswap_invalidate_area,
	.owner = THIS_MODULE,
};

/*********************************
 * enabling and disabling
 *********************************/
/* Create a pool and register with frontswap.  Needs zcache_param_mutex. */
static int zcache_enable(void)
{
	struct zcache_pool *pool;
	int ret;

	lockdep_assert_held(&zcache_param_mutex);
	pool = zcache_pool_create(zcache_compressor, zcache_zpool_type);
	if (IS_ERR(pool))
		return PTR_ERR(pool);
	zcache_pool_set_current(pool);

	ret = frontswap_register_ops(&zcache_frontswap_ops);
	if (ret) {
		zcache_pool_set_current(NULL);
		flush_workqueue(zcache_wq);
		if (ret == -EBUSY)
			pr_err("cannot register: another frontswap backend (zswap?) is registered\n");
		else
			pr_err("cannot register with frontswap: %pe\n",
			       ERR_PTR(ret));
		return ret;
	}
	zcache_enabled = true;
	zcache_writeback_start();
	pr_info("enabled: compressor %s, zpool %s, max_pool_percent %u\n",
		zcache_compressor, zcache_zpool_type,
		READ_ONCE(zcache_max_pool_percent));
	return 0;
}

/*
 * Write every page back to swap and unregister.  On failure zcache stays
 * registered and keeps working.  Needs zcache_param_mutex.
 */
static int zcache_disable(void)
{
	ktime_t start = ktime_get();
	long drained;

	lockdep_assert_held(&zcache_param_mutex);
	zcache_writeback_stop();
	drained = frontswap_unregister_ops(&zcache_frontswap_ops);
	if (drained < 0) {
		zcache_writeback_start();
		pr_warn("cannot disable, writing pages back to swap failed: %pe; zcache stays enabled\n",
			ERR_PTR(drained));
		return drained;
	}

	/* frontswap will not call in any more: free what is left. */
	zcache_free_trees();
	zcache_pool_set_current(NULL);
	flush_workqueue(zcache_wq);
	zcache_stat_add(ZCACHE_DRAINED_PAGES, drained);
	zcache_enabled = false;
	pr_info("disabled: %ld pages written back to swap in %lld ms\n",
		drained, ktime_ms_delta(ktime_get(), start));
	return 0;
}

/*********************************
 * parameter callbacks
 *********************************/
/*
 * Each .set validates the new value completely before anything changes,
 * so that a rejected write leaves zcache as it was.
 */
static int zcache_enabled_set(const char *val, const struct kernel_param *kp)
{
	bool enable;
	int ret;

	if (kstrtobool(val, &enable))
		return -EINVAL;

	mutex_lock(&zcache_param_mutex);
	switch (zcache_state) {
	case ZCACHE_LOADING:
		zcache_enabled = enable;
		ret = 0;
		break;
	case ZCACHE_LIVE:
		ret = 0;
		if (enable != zcache_enabled)
			ret = enable ? zcache_enable() : zcache_disable();
		break;
	default:
		ret = -ENODEV;
		break;
	}
	mutex_unlock(&zcache_param_mutex);
	return ret;
}

/* Copy a name parameter without surrounding white space. */
static char *zcache_param_name(const char *val, char *buf, size_t size)
{
	char *name;

	if (strscpy(buf, val, size) < 0)
		return ERR_PTR(-EINVAL);
	name = strim(buf);
	if (!*name)
		return ERR_PTR(-EINVAL);
	return name;
}

/*
 * "compressor" and "zpool": while enabled, a change takes effect through a
 * new current pool; the old pool stays until its last entry is gone.
 */
static int zcache_pool_param_set(const char *val,
				 const struct kernel_param *kp)
{
	bool is_compressor = kp->arg == zcache_compressor;
	char buf[ZCACHE_NAME_LEN];
	struct zcache_pool *pool;
	char *name;
	int ret = 0;

	name = zcache_param_name(val, buf, sizeof(buf));
	if (IS_ERR(name))
		return PTR_ERR(name);
	/* These may load a module: do it before taking the mutex. */
	if (is_compressor ? !crypto_has_acomp(name, 0, 0) :
			    !zpool_has_pool(name)) {
		pr_err("%s %s is not available\n", kp->name, name);
		/* At modprobe time, -ENOENT would read "Unknown parameter". */
		if (READ_ONCE(zcache_state) == ZCACHE_LOADING)
			return -EINVAL;
		return -ENOENT;
	}

	mutex_lock(&zcache_param_mutex);
	if (zcache_state == ZCACHE_GONE) {
		ret = -ENODEV;
	} else if (zcache_state == ZCACHE_LIVE && zcache_enabled &&
		   strcmp(name, kp->arg)) {
		pool = zcache_pool_create(is_compressor ? name : zcache_compressor,
					  is_compressor ? zcache_zpool_type : name);
		if (IS_ERR(pool))
			ret = PTR_ERR(pool);
		else
			zcache_pool_set_current(pool);
	}
	if (!ret)
		strscpy(kp->arg, name, ZCACHE_NAME_LEN);
	mutex_unlock(&zcache_param_mutex);
	return ret;
}

static int zcache_pool_param_get(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%s\n", (const char *)kp->arg);
}

static int zcache_percent_set(const char *val, const struct kernel_param *kp,
			      unsigned int min)
{
	unsigned int percent;
	int ret = 0;

	if (kstrtouint(val, 10, &percent) || percent < min || percent > 100)
		return -EINVAL;

	mutex_lock(&zcache_param_mutex);
	if (zcache_state == ZCACHE_GONE)
		ret = -ENODEV;
	else
		WRITE_ONCE(*(unsigned int *)kp->arg, percent);
	mutex_unlock(&zcache_param_mutex);
	return ret;
}

static int zcache_max_pool_percent_set(const char *val,
				       const struct kernel_param *kp)
{
	int ret = zcache_percent_set(val, kp, 0);

	/* A lower limit applies at once, not at the next store. */
	if (!ret && zcache_pool_limit_hit())
		zcache_writeback_kick();
	return ret;
}

static int zcache_compress_limit_set(const char *val,
				     const struct kernel_param *kp)
{
	return zcache_percent_set(val, kp, 1);
}

static int zcache_bool_set(const char *val, const struct kernel_param *kp)
{
	bool value;
	int ret = 0;

	if (kstrtobool(val, &value))
		return -EINVAL;

	mutex_lock(&zcache_param_mutex);
	if (zcache_state == ZCACHE_GONE)
		ret = -ENODEV;
	else
		WRITE_ONCE(*(bool *)kp->arg, value);
	mutex_unlock(&zcache_param_mutex);
	return ret;
}

static int zcache_writeback_enabled_set(const char *val,
					const struct kernel_param *kp)
{
	int ret = zcache_bool_set(val, kp);

	/* Once the write returns, no page is written back any more. */
	if (!ret && !READ_ONCE(zcache_writeback_enabled))
		zcache_writeback_sync();
	return ret;
}

static const struct kernel_param_ops zcache_enabled_ops = {
	.set = zcache_enabled_set,
	.get = param_get_bool,
};

static const struct kernel_param_ops zcache_pool_param_ops = {
	.set = zcache_pool_param_set,
	.get = zcache_pool_param_get,
};

static const struct kernel_param_ops zcache_max_pool_percent_ops = {
	.set = zcache_max_pool_percent_set,
	.get = param_get_uint,
};

static const struct kernel_param_ops zcache_compress_limit_ops = {
	.set = zcache_compress_limit_set,
	.get = param_get_uint,
};

static const struct kernel_param_ops zcache_bool_ops = {
	.set = zcache_bool_set,
	.get = param_get_bool,
};

static const struct kernel_param_ops zcache_writeback_enabled_ops = {
	.set = zcache_writeback_enabled_set,
	.get = param_get_bool,
};

module_param_cb(enabled, &zcache_enabled_ops, &zcache_enabled, 0644);
MODULE_PARM_DESC(enabled,
		 "Cache swap pages (default: 1). Writing 0 writes every page back to swap first; then zcache can be unloaded.");

module_param_cb(compressor, &zcache_pool_param_ops, zcache_compressor, 0644);
MODULE_PARM_DESC(compressor,
		 "Crypto compressor for new pages: lzo (default), lz4, lz4hc, zstd, deflate, ...");

module_param_cb(zpool, &zcache_pool_param_ops, zcache_zpool_type, 0644);
MODULE_PARM_DESC(zpool,
		 "Allocator for compressed pages: zsmalloc (default), zbud, z3fold");

module_param_cb(max_pool_percent, &zcache_max_pool_percent_ops,
		&zcache_max_pool_percent, 0644);
MODULE_PARM_DESC(max_pool_percent,
		 "Largest pool size in percent of RAM, 0-100 (default: 20); past it, the coldest pages are written back to swap");

module_param_cb(writeback_enabled, &zcache_writeback_enabled_ops,
		&zcache_writeback_enabled, 0644);
MODULE_PARM_DESC(writeback_enabled,
		 "Write the coldest pages back to swap when the pool is full (default: 1); with 0, new pages go to swap instead");

module_param_cb(compress_limit_percent, &zcache_compress_limit_ops,
		&zcache_compress_limit_percent, 0644);
MODULE_PARM_DESC(compress_limit_percent,
		 "Send a page to swap if it compresses to more than this percent of a page, 1-100 (default: 80)");

module_param_cb(exclusive_loads, &zcache_bool_ops, &zcache_exclusive_loads,
		0644);
MODULE_PARM_DESC(exclusive_loads,
		 "Drop a page from the pool when it is swapped in; it is compressed again if swapped out again (default: 1)");

module_param_cb(same_filled_pages_enabled, &zcache_bool_ops,
		&zcache_same_filled_pages_enabled, 0644);
MODULE_PARM_DESC(same_filled_pages_enabled,
		 "Keep pages filled with one repeated word as that word only (default: 1)");

/*********************************
 * module init and exit
 *********************************/
static int __init zcache_init(void)
{
	int ret = 0;

	zcache_entry_cache = KMEM_CACHE(zcache_entry, 0);
	if (!zcache_entry_cache)
		return -ENOMEM;
	/* Writeback runs under memory pressure: give it a rescuer. */
	zcache_wq = alloc_workqueue("zcache", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!zcache_wq) {
		ret = -ENOMEM;
		goto err_cache;
	}
	ret = zcache_pool_init();
	if (ret)
		goto err_wq;
	zcache_debugfs_init();

	mutex_lock(&zcache_param_mutex);
	if (zcache_enabled) {
		zcache_enabled = false;
		ret = zcache_enable();
	}
	WRITE_ONCE(zcache_state, ret ? ZCACHE_GONE : ZCACHE_LIVE);
	mutex_unlock(&zcache_param_mutex);
	if (ret)
		goto err_debugfs;

	if (!zcache_enabled)
		pr_info("loaded, disabled\n");
	pr_info("to unload, write 0 to /sys/module/zcache/parameters/enabled, then rmmod zcache\n");
	return 0;

err_debugfs:
	zcache_debugfs_exit();
	zcache_pool_exit();
err_wq:
	destroy_workqueue(zcache_wq);
err_cache:
	kmem_cache_destroy(zcache_entry_cache);
	return ret;
}

static void __exit zcache_exit(void)
{
	mutex_lock(&zcache_param_mutex);
	WRITE_ONCE(zcache_state, ZCACHE_GONE);
	/* Only a forced unload gets here registered; try not to crash. */
	if (WARN_ON(zcache_enabled))
		zcache_disable();
	mutex_unlock(&zcache_param_mutex);

	/* Waits for pool releases still queued. */
	destroy_workqueue(zcache_wq);
	zcache_pool_exit();
	zcache_debugfs_exit();
	kmem_cache_destroy(zcache_entry_cache);
}

module_init(zcache_init);
module_exit(zcache_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Frontswap Modules <frontswap-modules@example.org>");
MODULE_DESCRIPTION("Compressed swap cache that can be loaded and unloaded");
