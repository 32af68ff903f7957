// tri-color.c — benchmarks of the tri-color lab's marker (mark.c, linked as
// the student's file or the reference solution).
//
//   mark-throughput.csv  marking throughput (objects and bytes per second)
//                        against the size of the live heap: GCBench binary
//                        trees of depth 8..20, for this marker and for the
//                        core's own stop-the-world marker, same run;
//   gcbench.csv          one full collection (mark + sweep) of GCBench's heap
//                        shape — a long-lived tree of depth d, a temporary
//                        tree of depth d-2 still in use, and the garbage
//                        tree of the previous iteration — with this marker,
//                        against the Boehm GC's GC_gcollect() on the same
//                        shape (Boehm's GCBench Node {left, right, i, j},
//                        GC_MALLOC), single-marker and with its default
//                        parallel markers; long-lived depths 4 to 20,
//                        so the small heaps show each collector's fixed
//                        cost per cycle.
// Medians of repeated runs; each timed collection starts from a freshly
// built garbage tree, so sweeping has the same work every time. Boehm is
// loaded with dlopen("libgc.so.1"): when it is missing the comparison is
// skipped with a note.
//
//   build/<impl>/bench/tri-color --out DIR [--quick] [--reps N]
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support/mark_hooks.h"
#include "mark.h"
#include "memlab/clock.h"
#include "memlab/gcheap.h"
#include "memlab/outfile.h"
#include "memlab/stats.h"

// GCBench's node: two pointers and two ints (here two words).
typedef struct node {
    struct node *left, *right;
    long i, j;
} node_t;

static const ml_type_t NODE = ML_TYPE("Node", sizeof(node_t), 0x3);

// ---- our heap -------------------------------------------------------------------

typedef struct ours {
    ml_gc_heap_t *h;
    tc_marker_t *m;
    ml_gc_collector_t table;
    int root, temp; // globals: the long-lived and the temporary tree
} ours_t;

// populate_ours — GCBench's Populate: give `node` two fresh children and
// recurse into each, to `depth` more levels (allocation order: both
// children, then the left subtree, then the right one). Recursion depth is
// the tree depth (≤ 22). Returns 0, or -1 when the heap is full.
static int populate_ours(ours_t *o, node_t *node, int depth)
{
    if (depth <= 0)
        return 0;
    node_t *l = ml_gc_alloc(o->h, &NODE);
    if (!l)
        return -1;
    node->left = l; // no cycle runs: plain stores are fine
    node_t *r = ml_gc_alloc(o->h, &NODE);
    if (!r)
        return -1;
    node->right = r;
    return populate_ours(o, l, depth - 1) || populate_ours(o, r, depth - 1) ? -1 : 0;
}

// tree_ours — a full binary tree of `depth` (2^(depth+1) - 1 nodes) stored
// into global `g` first, so it is rooted while it grows. 0, or -1.
static int tree_ours(ours_t *o, int g, int depth)
{
    node_t *root = ml_gc_alloc(o->h, &NODE);
    if (!root)
        return -1;
    ml_gc_write_global(o->h, g, root);
    return populate_ours(o, root, depth);
}

static int ours_open(ours_t *o, bool reference_marker)
{
    ml_gc_config_t cfg = ml_gc_default_config();
    cfg.arena_bytes = (size_t)3 << 30;
    cfg.gc_percent = -1;
    cfg.poison = false;
    memset(o, 0, sizeof *o);
    o->h = ml_gc_new(&cfg);
    if (!o->h)
        return -1;
    ml_gc_set_manual(o->h, true);
    o->m = tc_marker_new(o->h);
    if (!o->m)
        return -1;
    o->table = tc_collector(o->m);
    ml_gc_set_collector(o->h, reference_marker ? NULL : &o->table);
    o->root = ml_gc_global_add(o->h, "longLivedTree");
    o->temp = ml_gc_global_add(o->h, "tempTree");
    return o->root < 0 || o->temp < 0 ? -1 : 0;
}

static void ours_close(ours_t *o)
{
    tc_marker_free(o->m);
    ml_gc_destroy(o->h);
}

// ---- the Boehm GC, loaded at run time ----------------------------------------------

typedef struct boehm {
    void *lib;
    void (*init)(void);
    void *(*malloc_)(size_t);
    void (*gcollect)(void);
    size_t (*heap_size)(void);
    int (*get_parallel)(void);
} boehm_t;

static boehm_t bgc;
// Roots of the Boehm trees: globals, which Boehm scans in the data segment.
static node_t *volatile boehm_long_lived, *volatile boehm_temp, *volatile boehm_garbage;

static int boehm_load(int markers)
{
    if (markers > 0) {
        char v[16];
        snprintf(v, sizeof v, "%d", markers);
        setenv("GC_MARKERS", v, 1); // read once, by GC_init
    }
    bgc.lib = dlopen("libgc.so.1", RTLD_NOW | RTLD_GLOBAL);
    if (!bgc.lib)
        return -1;
    bgc.init = (void (*)(void))dlsym(bgc.lib, "GC_init");
    bgc.malloc_ = (void *(*)(size_t))dlsym(bgc.lib, "GC_malloc");
    bgc.gcollect = (void (*)(void))dlsym(bgc.lib, "GC_gcollect");
    bgc.heap_size = (size_t(*)(void))dlsym(bgc.lib, "GC_get_heap_size");
    bgc.get_parallel = (int (*)(void))dlsym(bgc.lib, "GC_get_parallel");
    if (!bgc.init || !bgc.malloc_ || !bgc.gcollect || !bgc.heap_size)
        return -1;
    bgc.init();
    return 0;
}

// populate_boehm, tree_boehm — the same trees in Boehm's heap, in the same
// allocation order. Each new node is linked before the next allocation, so
// Boehm always sees it.
static int populate_boehm(node_t *node, int depth)
{
    if (depth <= 0)
        return 0;
    if (!(node->left = bgc.malloc_(sizeof(node_t))) || !(node->right = bgc.malloc_(sizeof(node_t))))
        return -1;
    return populate_boehm(node->left, depth - 1) || populate_boehm(node->right, depth - 1) ? -1 : 0;
}

static node_t *tree_boehm(node_t *volatile *root_slot, int depth)
{
    node_t *root = bgc.malloc_(sizeof(node_t));
    *root_slot = root;
    return root && populate_boehm(root, depth) == 0 ? root : NULL;
}

// ---- measurements -------------------------------------------------------------------

static int reps = 7;

// mark_time — median nanoseconds of marking (mark_begin + all mark steps) the
// live heap of `o`, and the bytes marked.
static double mark_time(ours_t *o, size_t *marked, size_t *bytes)
{
    double t[64];
    ml_gc_collect(o->h); // warm up, free anything unreachable
    for (int r = 0; r < reps; r++) {
        uint64_t t0 = ml_thread_cpu_ns();
        ml_gc_cycle_begin(o->h);
        ml_gc_cycle_step(o->h, SIZE_MAX);
        t[r] = (double)(ml_thread_cpu_ns() - t0);
        *marked = ml_gc_count_marked(o->h);
        ml_memstats_t st;
        ml_gc_read_memstats(o->h, &st);
        *bytes = st.heap_alloc; // every object is live here
        ml_gc_cycle_finish(o->h);
    }
    return ml_median(t, (size_t)reps);
}

static int bench_throughput(const char *dir, int max_depth)
{
    ml_outfile_t out;
    FILE *f = ml_outfile_open_in(&out, dir, "mark-throughput.csv");
    if (!f)
        return ml_outfile_fail(&out, "tri-color bench");
    fprintf(
        f,
        "live objects (count),live MiB,tri-color Mobj/s,core STW marker Mobj/s,tri-color MiB/s,core STW marker MiB/s\n");
    printf("marking throughput, GCBench binary trees (median of %d)\n", reps);
    printf("  %5s %11s %9s %14s %14s %12s\n", "depth", "objects (n)", "live MiB", "tri-color",
           "core marker", "tri-color");
    for (int d = 8; d <= max_depth; d += 2) {
        double ns[2], mb = 0;
        size_t marked[2] = { 0, 0 }, bytes = 0;
        for (int k = 0; k < 2; k++) {
            ours_t o;
            if (ours_open(&o, k == 1) || tree_ours(&o, o.root, d)) {
                fprintf(stderr, "tri-color bench: cannot build a tree of depth %d\n", d);
                return -1;
            }
            ns[k] = mark_time(&o, &marked[k], &bytes);
            ours_close(&o);
        }
        mb = (double)bytes / (1 << 20);
        double mobj[2] = { (double)marked[0] / ns[0] * 1e3, (double)marked[1] / ns[1] * 1e3 };
        double mbs[2] = { mb / (ns[0] / 1e9), mb / (ns[1] / 1e9) };
        fprintf(f, "%zu,%.3f,%.3f,%.3f,%.2f,%.2f\n", marked[1], mb, mobj[0], mobj[1], mbs[0],
                mbs[1]);
        printf("  %5d %11zu %9.2f %9.1f Mobj/s %9.1f Mobj/s %7.0f MiB/s%s\n", d, marked[1], mb,
               mobj[0], mobj[1], mbs[0],
               marked[0] != marked[1] ? "  (marked a different number of objects!)" : "");
    }
    return ml_outfile_commit(&out) == 0 ? 0 : ml_outfile_fail(&out, "tri-color bench");
}

// gcbench_run — median ns of a full collection of the GCBench shape in our
// heap (*ours) and in Boehm's (*boehm, -1 without Boehm). The two collectors
// take turns, repetition by repetition, so a noisy machine slows both alike.
// Returns 0, or -1 when a heap cannot be built.
static int gcbench_run(int d, bool have_boehm, double *ours_ns, double *boehm_ns, size_t *live)
{
    ours_t o;
    int garbage = -1;
    double t[64], tb[64];
    if (ours_open(&o, false) || (garbage = ml_gc_global_add(o.h, "garbage")) < 0 ||
        tree_ours(&o, o.root, d) || tree_ours(&o, o.temp, d - 2))
        return -1;
    ml_gc_collect(o.h);
    if (have_boehm) {
        boehm_long_lived = boehm_temp = NULL;
        bgc.gcollect();
        if (!tree_boehm(&boehm_long_lived, d) || !tree_boehm(&boehm_temp, d - 2))
            return -1;
        bgc.gcollect();
    }
    for (int r = 0; r < reps; r++) {
        // Last iteration's temporary tree, now garbage, then one full collection.
        if (tree_ours(&o, garbage, d - 2))
            return -1;
        ml_gc_write_global(o.h, garbage, NULL);
        uint64_t t0 = ml_thread_cpu_ns();
        ml_gc_collect(o.h);
        t[r] = (double)(ml_thread_cpu_ns() - t0);
        if (have_boehm) {
            if (!tree_boehm(&boehm_garbage, d - 2))
                return -1;
            boehm_garbage = NULL;
            t0 = ml_thread_cpu_ns();
            bgc.gcollect();
            tb[r] = (double)(ml_thread_cpu_ns() - t0);
        }
    }
    *live = ml_gc_num_objects(o.h);
    ours_close(&o);
    boehm_long_lived = boehm_temp = NULL;
    *ours_ns = ml_median(t, (size_t)reps);
    *boehm_ns = have_boehm ? ml_median(tb, (size_t)reps) : -1;
    return 0;
}

static int bench_gcbench(const char *dir, int max_depth, bool have_boehm)
{
    ml_outfile_t out;
    FILE *f = ml_outfile_open_in(&out, dir, "gcbench.csv");
    if (!f)
        return ml_outfile_fail(&out, "tri-color bench");
    if (!have_boehm)
        fprintf(f, "# left out: Boehm GC: libgc.so.1 is not installed (scripts/deps.sh installs "
                   "libgc-dev)\n");
    fprintf(f, "long-lived depth (levels),live objects (count),tri-color (ms),Boehm GC (ms),"
               "ratio tri-color / Boehm (x)\n");
    printf("full collection, GCBench shape (long-lived tree depth d, temporary tree d-2, "
           "garbage tree d-2; median of %d)\n",
           reps);
    if (have_boehm)
        printf("  Boehm GC %s marker(s)\n",
               bgc.get_parallel && bgc.get_parallel() > 0 ? "parallel" : "1");
    printf("  %5s %10s %12s %12s %8s\n", "depth", "live (n)", "tri-color", "Boehm GC", "ratio (x)");
    double worst = 0;
    // From small heaps up, where a collector's fixed cost per cycle (roots,
    // clearing state, setting up worklists) shows against the live heap.
    for (int d = 4; d <= max_depth; d += 2) {
        size_t live = 0;
        double ours, boehm;
        if (gcbench_run(d, have_boehm, &ours, &boehm, &live)) {
            fprintf(stderr, "tri-color bench: cannot build the GCBench heap of depth %d\n", d);
            return -1;
        }
        double ratio = boehm > 0 ? ours / boehm : 0;
        if (ratio > worst)
            worst = ratio;
        if (have_boehm)
            fprintf(f, "%d,%zu,%.4f,%.4f,%.3f\n", d, live, ours / 1e6, boehm / 1e6, ratio);
        else
            fprintf(f, "%d,%zu,%.4f,,\n", d, live, ours / 1e6);
        if (have_boehm)
            printf("  %5d %10zu %9.3f ms %9.3f ms %7.2fx\n", d, live, ours / 1e6, boehm / 1e6,
                   ratio);
        else
            printf("  %5d %10zu %9.3f ms %12s %8s\n", d, live, ours / 1e6, "left out", "-");
    }
    if (have_boehm)
        printf("  worst ratio tri-color / Boehm GC: %.2fx (target ≤ 1.00x)\n", worst);
    return ml_outfile_commit(&out) == 0 ? 0 : ml_outfile_fail(&out, "tri-color bench");
}

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: tri-color-bench --out DIR [--quick] [--reps N] [--boehm-markers N]\n"
        "Marking throughput vs heap size, and a GCBench full collection against the\n"
        "Boehm GC. Writes DIR/mark-throughput.csv and DIR/gcbench.csv.\n"
        "  --quick            smaller heaps and 3 repetitions\n"
        "  --reps N           repetitions per measurement (default 7, at most 64)\n"
        "  --boehm-markers N  Boehm's marker threads (default 1, as this marker; 0 = Boehm's default)\n");
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    int max_depth = 20, markers = 1;
    static const struct option longopts[] = {
        { "out", required_argument, NULL, 'o' },  { "quick", no_argument, NULL, 'q' },
        { "reps", required_argument, NULL, 'r' }, { "boehm-markers", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },       { NULL, 0, NULL, 0 },
    };
    for (int c; (c = getopt_long(argc, argv, "o:qr:m:h", longopts, NULL)) != -1;) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'q': max_depth = 16, reps = 3; break;
        case 'r':
            reps = atoi(optarg);
            if (reps < 1 || reps > 64) {
                fprintf(stderr, "tri-color bench: --reps must be 1..64\n");
                return 2;
            }
            break;
        case 'm': markers = atoi(optarg); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (!out || optind < argc) {
        usage(stderr);
        return 2;
    }
    if (mkdir(out, 0777) && errno != EEXIST) {
        fprintf(stderr, "tri-color bench: %s: %s\n", out, strerror(errno));
        return 1;
    }
    bool have_boehm = boehm_load(markers) == 0;
    if (!have_boehm)
        printf("left out of the gcbench chart: Boehm GC: libgc.so.1 is not installed "
               "(scripts/deps.sh installs libgc-dev)\n");
    if (bench_throughput(out, max_depth) || bench_gcbench(out, max_depth, have_boehm))
        return 1;
    return 0;
}
