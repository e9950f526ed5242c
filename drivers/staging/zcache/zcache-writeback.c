// SPDX-License-Identifier: GPL-2.0
/*
 * zcache writeback: the pool limit
 *
 * When the pools grow past max_pool_percent of RAM, stores are refused and
 * a worker writes the coldest compressed pages back to their swap slots
 * with frontswap_writeback_pages(), in batches, until the pools are back
 * under 90% of the limit.  "Coldest" is the order of an LRU list kept
 * here, oldest store first, with a second chance: an entry loaded since
 * the worker last passed it goes back to the hot end once instead of being
 * written, so pages that are read again stay (a load with exclusive_loads
 * set takes the entry out instead).  It works with any zpool, including
 * zsmalloc, which cannot evict on its own.  Same-filled pages use no
 * pool memory and are not listed.
 *
 * The worker holds no lock of ours while it calls into frontswap, because
 * frontswap calls back into ->load() and ->invalidate_page().  It only
 * takes the swap type and offset of an entry under the LRU lock; the entry
 * may be gone by the time frontswap looks, which frontswap handles.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/frontswap.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/swapops.h>

#include "zcache.h"

/* Write back until the pools are this much of the limit (percent). */
#define ZCACHE_WRITEBACK_TARGET	90
/* Pages written back at once: their writes are issued together. */
#define ZCACHE_WRITEBACK_BATCH	32
/* Referenced entries passed over per pick, to bound the lock hold time. */
#define ZCACHE_LRU_SCAN		64

/*
 * zcache_lru_lock protects the LRU list, its length and the "allowed"
 * flag.  Callers of the LRU functions may hold the swap device's lock
 * (->invalidate_page() does), so nothing here sleeps.
 */
static DEFINE_SPINLOCK(zcache_lru_lock);
static LIST_HEAD(zcache_lru);
static unsigned long zcache_lru_len;
static bool zcache_writeback_allowed;

static void zcache_writeback_work_fn(struct work_struct *work);
static DECLARE_WORK(zcache_writeback_work, zcache_writeback_work_fn);

/*********************************
 * the LRU
 *********************************/
/**
 * zcache_lru_add() - list a compressed entry as the most recent
 * @entry: the entry, already in the index
 */
void zcache_lru_add(struct zcache_entry *entry)
{
	spin_lock(&zcache_lru_lock);
	list_add_tail(&entry->lru, &zcache_lru);
	zcache_lru_len++;
	spin_unlock(&zcache_lru_lock);
}

/**
 * zcache_lru_del() - take an entry off the LRU before it is freed
 * @entry: the entry
 */
void zcache_lru_del(struct zcache_entry *entry)
{
	spin_lock(&zcache_lru_lock);
	list_del(&entry->lru);
	zcache_lru_len--;
	spin_unlock(&zcache_lru_lock);
}

/*********************************
 * the limit
 *********************************/
static u64 zcache_pool_limit(unsigned int percent)
{
	return div_u64((u64)totalram_pages() * percent, 100) << PAGE_SHIFT;
}

/*
 * Set when the pools reach the limit, cleared when writeback has brought
 * them back under the target: in between, stores are refused, so that the
 * worker makes room in one go instead of a page at a time.
 */
static bool zcache_pool_full;

/**
 * zcache_pool_limit_hit() - must a new compressed page be refused?
 *
 * Return: true from the moment the pools reach max_pool_percent until
 * they are back under ZCACHE_WRITEBACK_TARGET percent of it.
 */
bool zcache_pool_limit_hit(void)
{
	u64 limit = zcache_pool_limit(READ_ONCE(zcache_max_pool_percent));
	u64 size = zcache_pool_total_size();

	if (size >= limit)
		WRITE_ONCE(zcache_pool_full, true);
	else if (size <= div_u64(limit * ZCACHE_WRITEBACK_TARGET, 100))
		WRITE_ONCE(zcache_pool_full, false);
	return READ_ONCE(zcache_pool_full);
}

/*********************************
 * the worker
 *********************************/
/*
 * Take the coldest entry that was not loaded since the last pass (the
 * loaded ones lose their mark and go to the hot end) and rotate it to the
 * hot end at once, so that an entry that cannot be written now (busy, or
 * its slot being freed) is not picked again in this pass.  Return false if
 * there is nothing to do.
 */
static bool zcache_lru_pick(swp_entry_t *swpentry, unsigned int *length)
{
	struct zcache_entry *entry;
	bool picked = false;
	unsigned int scan;

	spin_lock(&zcache_lru_lock);
	if (zcache_writeback_allowed && !list_empty(&zcache_lru)) {
		for (scan = 0; scan < ZCACHE_LRU_SCAN; scan++) {
			entry = list_first_entry(&zcache_lru,
						 struct zcache_entry, lru);
			if (!READ_ONCE(entry->referenced))
				break;
			WRITE_ONCE(entry->referenced, false);
			list_move_tail(&entry->lru, &zcache_lru);
		}
		entry = list_first_entry(&zcache_lru, struct zcache_entry, lru);
		*swpentry = entry->swpentry;
		*length = entry->length;
		list_move_tail(&entry->lru, &zcache_lru);
		picked = true;
	}
	spin_unlock(&zcache_lru_lock);
	return picked;
}

static void zcache_writeback_work_fn(struct work_struct *work)
{
	unsigned int percent = READ_ONCE(zcache_max_pool_percent);
	u64 target = div_u64(zcache_pool_limit(percent) * ZCACHE_WRITEBACK_TARGET,
			     100);
	u64 size = zcache_pool_total_size();
	swp_entry_t batch[ZCACHE_WRITEBACK_BATCH];
	unsigned int nr, done;
	unsigned long tries, written = 0;
	u64 excess, picked = 0;
	int ret = 0;

	if (size <= target)
		return;
	/*
	 * A zpool gives memory back only when whole pages empty, so its size
	 * lags behind the frees: stop once the compressed bytes picked for
	 * writeback cover the excess, and never look at an entry twice in
	 * one pass.
	 */
	excess = size - target;
	spin_lock(&zcache_lru_lock);
	tries = zcache_lru_len;
	spin_unlock(&zcache_lru_lock);

	while (tries && picked < excess && zcache_pool_total_size() > target &&
	       READ_ONCE(zcache_writeback_enabled)) {
		unsigned int length;

		for (nr = 0; nr < ZCACHE_WRITEBACK_BATCH && tries &&
		     picked < excess; nr++, tries--) {
			if (!zcache_lru_pick(&batch[nr], &length))
				break;
			picked += length;
		}
		if (!nr)
			break;
		ret = frontswap_writeback_pages(batch, nr, &done);
		written += done;
		if (ret)
			break;	/* out of memory or I/O error: try again later */
		cond_resched();
	}
	zcache_stat_add(ZCACHE_WRITTEN_BACK_PAGES, written);
	if (ret)
		pr_warn_ratelimited("writeback stopped after %lu pages: %d\n",
				    written, ret);
}

/**
 * zcache_writeback_kick() - ask the worker to make room
 *
 * Does nothing while writeback is stopped or switched off by the
 * writeback_enabled parameter.  Context: Any context.
 */
void zcache_writeback_kick(void)
{
	spin_lock(&zcache_lru_lock);
	if (zcache_writeback_allowed && READ_ONCE(zcache_writeback_enabled))
		queue_work(zcache_wq, &zcache_writeback_work);
	spin_unlock(&zcache_lru_lock);
}

/**
 * zcache_writeback_stop() - stop the worker and keep it from being queued
 *
 * Called before unregistering: frontswap_writeback_pages() must not race
 * with the drain, and the worker must not outlive the entries.
 *
 * Context: Process context; waits for a running worker to return, so the
 * caller must hold no lock the worker's frontswap calls may need.
 */
void zcache_writeback_stop(void)
{
	spin_lock(&zcache_lru_lock);
	zcache_writeback_allowed = false;
	spin_unlock(&zcache_lru_lock);
	cancel_work_sync(&zcache_writeback_work);
}

/**
 * zcache_writeback_start() - allow the worker again
 *
 * Called once zcache is registered, and when unregistering failed.
 */
void zcache_writeback_start(void)
{
	spin_lock(&zcache_lru_lock);
	zcache_writeback_allowed = true;
	spin_unlock(&zcache_lru_lock);
}

/**
 * zcache_writeback_sync() - wait until no worker is queued or running
 *
 * Called when writeback_enabled is switched off, so that no page is
 * written back once the parameter write returns.
 *
 * Context: Process context; may sleep.
 */
void zcache_writeback_sync(void)
{
	cancel_work_sync(&zcache_writeback_work);
}
