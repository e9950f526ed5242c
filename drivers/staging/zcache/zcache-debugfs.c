// SPDX-License-Identifier: GPL-2.0
/*
 * zcache counters
 *
 * One read-only file per counter in /sys/kernel/debug/zcache/.  The
 * counters are atomic so that tests can compare them exactly.
 */

#include <linux/debugfs.h>
#include <linux/fs.h>

#include "zcache.h"

atomic64_t zcache_stats[ZCACHE_NR_STATS];

static const char * const zcache_stat_names[ZCACHE_NR_STATS] = {
	[ZCACHE_STORED_PAGES]		= "stored_pages",
	[ZCACHE_SAME_FILLED_PAGES]	= "same_filled_pages",
	[ZCACHE_POOL_TOTAL_SIZE]	= "pool_total_size",
	[ZCACHE_POOLS]			= "pools",
	[ZCACHE_COMPRESSOR_CONTEXTS]	= "compressor_contexts",
	[ZCACHE_STORES]			= "stores",
	[ZCACHE_LOADS]			= "loads",
	[ZCACHE_EXCLUSIVE_LOADS]	= "exclusive_loads",
	[ZCACHE_DUPLICATE_ENTRY]	= "duplicate_entry",
	[ZCACHE_REJECT_COMPRESS_POOR]	= "reject_compress_poor",
	[ZCACHE_REJECT_COMPRESS_FAIL]	= "reject_compress_fail",
	[ZCACHE_REJECT_ALLOC_FAIL]	= "reject_alloc_fail",
	[ZCACHE_REJECT_MEMCG]		= "reject_memcg",
	[ZCACHE_POOL_LIMIT_HIT]		= "pool_limit_hit",
	[ZCACHE_WRITTEN_BACK_PAGES]	= "written_back_pages",
	[ZCACHE_DRAINED_PAGES]		= "drained_pages",
	[ZCACHE_DECOMPRESS_FAIL]	= "decompress_fail",
};

static struct dentry *zcache_debugfs_root;

static int zcache_stat_get(void *data, u64 *val)
{
	*val = atomic64_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(zcache_stat_fops, zcache_stat_get, NULL, "%llu\n");

/**
 * zcache_debugfs_init() - create /sys/kernel/debug/zcache/
 *
 * Counting goes on without debugfs; failures here are not fatal.
 */
void zcache_debugfs_init(void)
{
	int i;

	zcache_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	for (i = 0; i < ZCACHE_NR_STATS; i++)
		debugfs_create_file_unsafe(zcache_stat_names[i], 0444,
					   zcache_debugfs_root,
					   &zcache_stats[i], &zcache_stat_fops);
}

/**
 * zcache_debugfs_exit() - remove /sys/kernel/debug/zcache/
 */
void zcache_debugfs_exit(void)
{
	debugfs_remove_recursive(zcache_debugfs_root);
}
