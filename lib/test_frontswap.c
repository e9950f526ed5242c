// SPDX-License-Identifier: GPL-2.0
/*
 * A frontswap backend for testing the frontswap core.
 *
 * It keeps a plain copy of every page it is given, in one XArray per swap
 * type, and counts every call that breaks the core's promises: an
 * operation on a type that was never initialised, a type initialised
 * twice, a page left behind after a successful drain.  The selftests in
 * tools/testing/selftests/frontswap check that those counters stay at
 * zero while the backend is registered and unregistered under load.
 *
 * The "registered" parameter registers (1) or drains and unregisters (0)
 * the backend at runtime; a failed drain fails the write.  While it is
 * registered frontswap pins the module, so rmmod fails until it has been
 * unregistered.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/frontswap.h>
#include <linux/highmem.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/xarray.h>

static struct xarray tfs_pages[MAX_SWAPFILES];
static DECLARE_BITMAP(tfs_types, MAX_SWAPFILES);

/* Counters; errors are calls the frontswap core must never make. */
static atomic_long_t tfs_stored;
static atomic_long_t tfs_type_stored[MAX_SWAPFILES];
static atomic_long_t tfs_init_calls;
static atomic_long_t tfs_errors;
static atomic_long_t tfs_drained;
static atomic_long_t tfs_written_back;
static atomic_long_t tfs_exclusive_loads;

/* Give up the copy when frontswap allows, as zcache does by default. */
static bool tfs_exclusive;
module_param_named(exclusive, tfs_exclusive, bool, 0644);
MODULE_PARM_DESC(exclusive, "Drop a page's copy when it is loaded (default: N)");

static void tfs_error(const char *what, unsigned int type)
{
	atomic_long_inc(&tfs_errors);
	pr_err("%s for swap type %u\n", what, type);
}

static bool tfs_type_ok(unsigned int type, const char *op)
{
	if (type < MAX_SWAPFILES && test_bit(type, tfs_types))
		return true;
	tfs_error(op, type);
	return false;
}

/* ----- frontswap operations ----- */

static void tfs_init(unsigned int type)
{
	atomic_long_inc(&tfs_init_calls);
	if (test_and_set_bit(type, tfs_types))
		tfs_error("init twice", type);
}

static int tfs_store(unsigned int type, pgoff_t offset, struct page *page)
{
	struct page *copy;
	void *old;

	if (!tfs_type_ok(type, "store on an uninitialised type"))
		return -EINVAL;
	copy = alloc_page(GFP_NOWAIT | __GFP_NOWARN);
	if (!copy)
		return -ENOMEM;
	copy_highpage(copy, page);
	old = xa_store(&tfs_pages[type], offset, copy, GFP_NOWAIT | __GFP_NOWARN);
	if (xa_is_err(old)) {
		__free_page(copy);
		return xa_err(old);
	}
	if (old) {
		/* The core invalidates a duplicate before storing it again. */
		tfs_error("store over a stored page", type);
		__free_page(old);
	} else {
		atomic_long_inc(&tfs_stored);
		atomic_long_inc(&tfs_type_stored[type]);
	}
	return 0;
}

static int tfs_load(unsigned int type, pgoff_t offset, struct page *page,
		    bool *exclusive)
{
	struct page *copy;

	if (!tfs_type_ok(type, "load on an uninitialised type"))
		return -EINVAL;
	copy = xa_load(&tfs_pages[type], offset);
	if (!copy)
		return -ENOENT;
	copy_highpage(page, copy);
	/* The core holds the page locked: nothing else uses the offset. */
	if (*exclusive && READ_ONCE(tfs_exclusive) &&
	    xa_cmpxchg(&tfs_pages[type], offset, copy, NULL, 0) == copy) {
		__free_page(copy);
		atomic_long_dec(&tfs_stored);
		atomic_long_dec(&tfs_type_stored[type]);
		atomic_long_inc(&tfs_exclusive_loads);
	} else {
		*exclusive = false;
	}
	return 0;
}

static void tfs_invalidate_page(unsigned int type, pgoff_t offset)
{
	struct page *copy;

	if (!tfs_type_ok(type, "invalidate_page on an uninitialised type"))
		return;
	copy = xa_erase(&tfs_pages[type], offset);
	if (copy) {
		__free_page(copy);
		atomic_long_dec(&tfs_stored);
		atomic_long_dec(&tfs_type_stored[type]);
	}
}

static void tfs_free_type(unsigned int type)
{
	struct page *copy;
	unsigned long offset;

	xa_for_each(&tfs_pages[type], offset, copy) {
		xa_erase(&tfs_pages[type], offset);
		__free_page(copy);
		atomic_long_dec(&tfs_stored);
		atomic_long_dec(&tfs_type_stored[type]);
	}
}

static void tfs_invalidate_area(unsigned int type)
{
	if (!tfs_type_ok(type, "invalidate_area on an uninitialised type"))
		return;
	tfs_free_type(type);
	clear_bit(type, tfs_types);
}

static const struct frontswap_ops tfs_ops = {
	.init = tfs_init,
	.store = tfs_store,
	.load = tfs_load,
	.invalidate_page = tfs_invalidate_page,
	.invalidate_area = tfs_invalidate_area,
	.owner = THIS_MODULE,
};

/* ----- registration ----- */

static DEFINE_MUTEX(tfs_mutex);
static bool tfs_registered;

static int tfs_register(void)
{
	int ret;

	ret = frontswap_register_ops(&tfs_ops);
	if (ret)
		return ret;
	tfs_registered = true;
	return 0;
}

static int tfs_unregister(void)
{
	unsigned int type;
	long drained;

	drained = frontswap_unregister_ops(&tfs_ops);
	if (drained < 0)
		return drained;
	atomic_long_add(drained, &tfs_drained);

	/* No call reaches us any more: whatever is left was never drained. */
	for_each_set_bit(type, tfs_types, MAX_SWAPFILES) {
		if (!xa_empty(&tfs_pages[type]))
			tfs_error("pages left after a drain", type);
		tfs_free_type(type);
		clear_bit(type, tfs_types);
	}
	tfs_registered = false;
	return 0;
}

static int tfs_registered_set(const char *val, const struct kernel_param *kp)
{
	bool want;
	int ret;

	ret = kstrtobool(val, &want);
	if (ret)
		return ret;
	mutex_lock(&tfs_mutex);
	if (want == tfs_registered)
		ret = 0;
	else if (want)
		ret = tfs_register();
	else
		ret = tfs_unregister();
	mutex_unlock(&tfs_mutex);
	return ret;
}

static int tfs_registered_get(char *buf, const struct kernel_param *kp)
{
	return sprintf(buf, "%c\n", READ_ONCE(tfs_registered) ? 'Y' : 'N');
}

static const struct kernel_param_ops tfs_registered_ops = {
	.set = tfs_registered_set,
	.get = tfs_registered_get,
};

/* Registration at load time is done by init, not by the parameter. */
static bool tfs_register_at_load = true;
module_param_named(register_at_load, tfs_register_at_load, bool, 0444);
MODULE_PARM_DESC(register_at_load, "Register the backend when loaded (default: Y)");
module_param_cb(registered, &tfs_registered_ops, NULL, 0644);
MODULE_PARM_DESC(registered, "Y while registered; write N to drain and unregister, Y to register");

/* ----- debugfs ----- */

static struct dentry *tfs_debugfs;

/* Write N to write back up to N stored pages with frontswap_writeback_pages(). */
static int tfs_writeback_set(void *data, u64 nr)
{
	unsigned int type, written;
	unsigned long offset;
	struct page *copy;
	int ret = 0;

	mutex_lock(&tfs_mutex);
	if (!tfs_registered) {
		ret = -ENODEV;
		goto out;
	}
	for_each_set_bit(type, tfs_types, MAX_SWAPFILES) {
		xa_for_each(&tfs_pages[type], offset, copy) {
			swp_entry_t entry = swp_entry(type, offset);

			if (!nr)
				goto out;
			/* One at a time, so that exactly N are written. */
			ret = frontswap_writeback_pages(&entry, 1, &written);
			atomic_long_add(written, &tfs_written_back);
			nr -= written;
			if (ret)
				goto out;
		}
	}
out:
	mutex_unlock(&tfs_mutex);
	return ret;
}
DEFINE_DEBUGFS_ATTRIBUTE(tfs_writeback_fops, NULL, tfs_writeback_set, "%llu\n");

/* One file with every counter, "name: value" per line. */
static int tfs_stats_show(struct seq_file *m, void *v)
{
	unsigned int type;

	seq_printf(m, "registered: %d\n", READ_ONCE(tfs_registered));
	seq_printf(m, "types: %*pbl\n", MAX_SWAPFILES, tfs_types);
	seq_printf(m, "stored_pages: %ld\n", atomic_long_read(&tfs_stored));
	seq_printf(m, "init_calls: %ld\n", atomic_long_read(&tfs_init_calls));
	seq_printf(m, "errors: %ld\n", atomic_long_read(&tfs_errors));
	seq_printf(m, "drained_pages: %ld\n", atomic_long_read(&tfs_drained));
	seq_printf(m, "written_back_pages: %ld\n",
		   atomic_long_read(&tfs_written_back));
	seq_printf(m, "exclusive_loads: %ld\n",
		   atomic_long_read(&tfs_exclusive_loads));
	for_each_set_bit(type, tfs_types, MAX_SWAPFILES)
		seq_printf(m, "type%u: %ld\n", type,
			   atomic_long_read(&tfs_type_stored[type]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tfs_stats);

static void tfs_debugfs_init(void)
{
	tfs_debugfs = debugfs_create_dir("test_frontswap", NULL);
	debugfs_create_file("stats", 0444, tfs_debugfs, NULL, &tfs_stats_fops);
	debugfs_create_file_unsafe("writeback", 0200, tfs_debugfs, NULL,
				   &tfs_writeback_fops);
}

/* ----- module ----- */

static int __init tfs_module_init(void)
{
	unsigned int type;
	int ret = 0;

	for (type = 0; type < MAX_SWAPFILES; type++)
		xa_init(&tfs_pages[type]);
	tfs_debugfs_init();
	if (tfs_register_at_load) {
		mutex_lock(&tfs_mutex);
		ret = tfs_register();
		mutex_unlock(&tfs_mutex);
		if (ret) {
			pr_err("cannot register: %d\n", ret);
			debugfs_remove_recursive(tfs_debugfs);
		}
	}
	return ret;
}

static void __exit tfs_module_exit(void)
{
	/*
	 * A registered backend pins its module, so only a forced unload
	 * gets here registered; a registration racing with rmmod fails.
	 */
	mutex_lock(&tfs_mutex);
	if (WARN_ON(tfs_registered))
		tfs_unregister();
	mutex_unlock(&tfs_mutex);
	debugfs_remove_recursive(tfs_debugfs);
}

module_init(tfs_module_init);
module_exit(tfs_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Frontswap test backend");
