// allocator.c — the allocator lab's benchmarks: the data behind its charts
// (plots/allocator-*.gp), measured on the lab's traces.
//
//   throughput.csv     operations per second of CPU time per trace (median
//                      of --reps runs): this build's mm, the reference
//                      solution (when a build of it is found or given with
//                      --ref), glibc malloc (timed in this process, in
//                      alternation with mm), jemalloc, mimalloc, tcmalloc
//                      (runner processes with LD_PRELOAD; a missing one is
//                      skipped with a note). Each runner also times this
//                      build's mm in alternation with its allocator: the
//                      summary's ratios to the real allocators come from
//                      those same-process pairs, since two processes can
//                      land on cores of different speeds.
//   utilization.csv    utilization per trace: for mm (this build and the
//                      reference) peak live bytes / peak HeapInuse, exact,
//                      from the page heap; for glibc peak live bytes / peak
//                      of arena + mmapped - trimmable top (mallinfo2),
//                      sampled, in a fresh process per trace.
//   tradeoff.csv       per trace, utilization (%) and throughput (Mops/s)
//                      side by side, for the chart of one against the
//                      other: mm, glibc as above, jemalloc and tcmalloc
//                      with their own in-use figures read after every
//                      operation, from before the trace was read (lower
//                      bounds; see allocators.h). mimalloc publishes no
//                      in-use figure and is left out of this chart.
//   fragmentation.csv  per size class: the worst-case waste of Go's table
//                      (ml_class_max_waste) and the waste measured on one
//                      trace (object size - request, over every request mm
//                      sends to the class)
//   footprint.csv      one trace over time: live payload bytes, mm's
//                      HeapInuse and glibc's footprint (arena + mmapped)
//
// A peer left out of a chart (not installed, failed, or without the figure
// the chart shows) is named with the reason in the chart's CSV, as a line
// `# left out: PEER: REASON` (scripts/plots.sh prints it under the chart),
// and in the summary on stdout.
//
// The reference is measured by running the solution's own bench binary in
// runner mode (`--runner mm`): one chart then shows the student's code and
// the reference side by side, each measured by the code that built it.
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/allocators.h"
#include "support/checker.h"
#include "memlab/clock.h"
#include "memlab/outfile.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "support/replay.h"
#include "support/traceset.h"

#define NEXT 3 // jemalloc, mimalloc, tcmalloc
#define FOOTPRINT_POINTS 400

static const char *const ext_names[NEXT] = { "jemalloc", "mimalloc", "tcmalloc" };
// Whether the real allocator publishes an in-use figure (allocators.h).
static const bool ext_util[NEXT] = { true, false, true };

typedef struct opts {
    const char *out, *ref, *dir, *trace;
    int reps;
    bool no_vs;
} opts_t;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: bench/allocator --out DIR [options]\n"
            "Measure the allocator lab on its traces and write chart data to DIR:\n"
            "throughput.csv, utilization.csv, tradeoff.csv, fragmentation.csv,\n"
            "footprint.csv.\n"
            "\n"
            "  -o, --out DIR       where the CSV files go (required)\n"
            "  -r, --reps N        timed runs per trace and allocator, median kept (default 11)\n"
            "      --ref PATH      the reference solution's bench binary, measured as\n"
            "                      'reference' (default: build/solution/bench/allocator\n"
            "                      when it exists and is not this program)\n"
            "      --no-vs         skip jemalloc, mimalloc and tcmalloc\n"
            "  -t, --traces DIR    the traces (default: labs/allocator/data/traces)\n"
            "      --trace NAME    the trace for the footprint and waste charts\n"
            "                      (default: program-mix.rep)\n"
            "  -h, --help          this text\n"
            "Exit status: 0 done, 1 a trace or output file failed, 2 bad usage.\n");
}

static int parse(int argc, char **argv, opts_t *o)
{
    static const struct option longopts[] = {
        { "out", required_argument, NULL, 'o' },    { "reps", required_argument, NULL, 'r' },
        { "ref", required_argument, NULL, 'R' },    { "no-vs", no_argument, NULL, 'n' },
        { "traces", required_argument, NULL, 't' }, { "trace", required_argument, NULL, 'T' },
        { "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 },
    };
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "o:r:t:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->out = optarg; break;
        case 'r':
            o->reps = (int)strtol(optarg, &end, 10);
            if (*end || o->reps < 1 || o->reps > 1000) {
                fprintf(stderr, "bench: --reps wants 1..1000, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'R': o->ref = optarg; break;
        case 'n': o->no_vs = true; break;
        case 't': o->dir = optarg; break;
        case 'T': o->trace = optarg; break;
        case 'h': usage(stdout); return -1;
        default: fprintf(stderr, "bench: try --help\n"); return 2;
        }
    }
    if (optind < argc || !o->out) {
        fprintf(stderr,
                optind < argc ? "bench: unexpected argument '%s'\n"
                              : "bench: --out DIR is required%s\n",
                optind < argc ? argv[optind] : "");
        return 2;
    }
    return 0;
}

// default_ref — build/solution/bench/allocator next to this program's build
// directory, when it exists and is another program (*is_self tells when
// this program is that build).
static const char *default_ref(bool *is_self)
{
    *is_self = false;
    static char path[PATH_MAX];
    const char *self = allocators_self_exe();
    if (!self)
        return NULL;
    snprintf(path, sizeof path, "%s", self);
    for (int up = 0; up < 3; up++) { // strip bench/allocator and <impl>
        char *slash = strrchr(path, '/');
        if (!slash)
            return NULL;
        *slash = '\0';
    }
    size_t len = strlen(path);
    snprintf(path + len, sizeof path - len, "/solution/bench/allocator");
    char a[PATH_MAX], b[PATH_MAX];
    if (realpath(path, a) && realpath(self, b) && strcmp(a, b) == 0)
        *is_self = true;
    if (*is_self || !realpath(path, a))
        return NULL;
    return access(path, X_OK) == 0 ? path : NULL;
}

// commit_csv — publish a chart's CSV (ml_outfile_commit). Returns 0, or 1
// after "bench: cannot write PATH: reason" on stderr.
static int commit_csv(ml_outfile_t *out)
{
    if (ml_outfile_commit(out) == 0)
        return 0;
    ml_outfile_fail(out, "bench");
    return 1;
}

static void short_name(const ml_trace_t *t, char *buf, size_t len)
{
    snprintf(buf, len, "%s", checker_trace_name(t));
    buf[strcspn(buf, ".")] = '\0';
}

// ---- fragmentation and footprint probes ---------------------------------------

typedef struct waste {
    double requested[ML_NUM_SIZE_CLASSES], held[ML_NUM_SIZE_CLASSES];
} waste_t;

static void waste_probe(void *ctx, size_t opno, const ml_trace_op_t *op, void *block, size_t live,
                        ml_pageheap_t *h)
{
    (void)opno, (void)live, (void)h;
    waste_t *w = ctx;
    if (op->kind == ML_OP_FREE || !block)
        return;
    int c = mm_size_class(op->size);
    if (c <= 0 || c >= ML_NUM_SIZE_CLASSES)
        return;
    w->requested[c] += (double)op->size;
    w->held[c] += (double)ml_class_size(c);
}

// One trace sampled every `every` operations. The operation numbers, live
// payload and glibc's footprint come from the trace alone (n samples); mm's
// HeapInuse from the checker's probe (nmm samples, fewer when mm fails).
typedef struct series {
    size_t every, n, nmm;
    size_t *op, *live, *mm, *glibc;
} series_t;

static void footprint_probe(void *ctx, size_t opno, const ml_trace_op_t *op, void *block,
                            size_t live, ml_pageheap_t *h)
{
    (void)op, (void)block;
    (void)live;
    series_t *s = ctx;
    if (opno % s->every != 0 || s->nmm >= FOOTPRINT_POINTS + 1)
        return;
    s->mm[s->nmm++] = ml_pageheap_stats(h).inuse;
}

// glibc_series — glibc's footprint (arena + mmapped - trimmable top, over
// what it held before) at the operations the mm series samples. Run before
// anything else in this process has used and freed glibc memory.
static void glibc_series(const ml_trace_t *t, series_t *s)
{
    void **ptrs = calloc(t->num_ids ? t->num_ids : 1, sizeof *ptrs);
    size_t *sizes = calloc(t->num_ids ? t->num_ids : 1, sizeof *sizes);
    if (!ptrs || !sizes) {
        free(ptrs);
        free(sizes);
        return;
    }
    struct mallinfo2 mi = mallinfo2();
    size_t base = mi.arena + mi.hblkhd - mi.keepcost, k = 0, live = 0;
    for (size_t i = 0; i < t->num_ops && k <= FOOTPRINT_POINTS; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        if (op->kind == ML_OP_ALLOC || op->kind == ML_OP_REALLOC) {
            // realloc is of NULL when the block is not live
            ptrs[op->id] =
                op->kind == ML_OP_ALLOC ? malloc(op->size) : realloc(ptrs[op->id], op->size);
            live = live - sizes[op->id] + op->size;
            sizes[op->id] = op->size;
        } else if (op->id != ML_TRACE_NULL_ID) { // `f -1`, free(NULL), does nothing
            free(ptrs[op->id]);
            ptrs[op->id] = NULL;
            live -= sizes[op->id];
            sizes[op->id] = 0;
        }
        if (i % s->every == 0) {
            mi = mallinfo2();
            size_t fp = mi.arena + mi.hblkhd - mi.keepcost;
            s->op[k] = i;
            s->live[k] = live;
            s->glibc[k++] = fp > base ? fp - base : 0;
        }
    }
    s->n = k;
    for (uint32_t id = 0; id < t->num_ids; id++)
        free(ptrs[id]);
    free(ptrs);
    free(sizes);
}

// ---- the benchmarks -----------------------------------------------------------

static double geomean_ratio(const double *a, const double *b, size_t n)
{
    double *r = calloc(n ? n : 1, sizeof *r);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] > 0 && b[i] > 0)
            r[k++] = a[i] / b[i];
    double g = ml_geomean(r, k);
    free(r);
    return g;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--runner") == 0)
        return allocators_runner_main(argc, argv);
    opts_t o = { .reps = 11, .trace = "program-mix.rep" };
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (mkdir(o.out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "bench: cannot create %s: %s\n", o.out, strerror(errno));
        return 1;
    }
    traceset_t ts = { 0 };
    char err[512];
    const char *dir = o.dir ? o.dir : traceset_default_dir();
    if (!dir || traceset_load_dir(&ts, dir, err, sizeof err) != 0) {
        fprintf(stderr, "bench: %s\n", dir ? err : "cannot find labs/allocator/data/traces");
        return 1;
    }
    size_t n = ts.n;

    // fragmentation.csv and footprint.csv, on one trace
    int status = 0;
    char name[128];
    ml_outfile_t out;
    int ti = traceset_find(&ts, o.trace);
    if (ti < 0) {
        fprintf(stderr, "bench: no trace %s in %s\n", o.trace, dir);
        status = 1;
    } else {
        const ml_trace_t *t = ts.trace[ti];
        series_t s = { .every = t->num_ops / FOOTPRINT_POINTS + 1 };
        s.op = calloc(FOOTPRINT_POINTS + 1, sizeof *s.op);
        s.live = calloc(FOOTPRINT_POINTS + 1, sizeof *s.live);
        s.mm = calloc(FOOTPRINT_POINTS + 1, sizeof *s.mm);
        s.glibc = calloc(FOOTPRINT_POINTS + 1, sizeof *s.glibc);
        glibc_series(t, &s); // first: glibc's heap is still fresh
        waste_t w = { 0 };
        checker_result_t r;
        checker_opts_t co = { .probe = waste_probe, .ctx = &w };
        checker_run(t, &co, &r);
        short_name(t, name, sizeof name);
        FILE *f = ml_outfile_open_in(&out, o.out, "fragmentation.csv");
        if (f) {
            fprintf(f, "object size (bytes),worst case in Go's table (%%),measured on %s (%%)\n",
                    name);
            for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
                fprintf(f, "%zu,%.2f,", ml_class_size(c), 100 * ml_class_max_waste(c));
                if (w.held[c] > 0)
                    fprintf(f, "%.2f\n", 100 * (1 - w.requested[c] / w.held[c]));
                else
                    fprintf(f, "NaN\n");
            }
            status |= commit_csv(&out);
        } else {
            ml_outfile_fail(&out, "bench");
            status = 1;
        }
        co = (checker_opts_t){ .probe = footprint_probe, .ctx = &s };
        checker_run(t, &co, &r);
        f = ml_outfile_open_in(&out, o.out, "footprint.csv");
        if (f) {
            fprintf(f, "operation,live payload (KiB),this build: HeapInuse (KiB),"
                       "glibc: arena + mmapped (KiB)\n");
            // mm's column is NaN (a gap in the chart) after it failed the trace.
            for (size_t k = 0; k < s.n; k++)
                fprintf(f, "%zu,%.1f,%.1f,%.1f\n", s.op[k], s.live[k] / 1024.0,
                        k < s.nmm ? s.mm[k] / 1024.0 : NAN, s.glibc[k] / 1024.0);
            status |= commit_csv(&out);
        } else {
            ml_outfile_fail(&out, "bench");
            status = 1;
        }
        free(s.op);
        free(s.live);
        free(s.mm);
        free(s.glibc);
    }

    // Columns: 0 mm, 1 reference, 2 glibc, 3.. the real allocators.
    enum { C_MM, C_REF, C_GLIBC, C_EXT };
    const char *names[C_EXT + NEXT] = { "this build", "reference", "glibc",
                                        "jemalloc",   "mimalloc",  "tcmalloc" };
    bool have[C_EXT + NEXT] = { true, false, true, false, false, false };
    // why_out[c]: why a real allocator is left out of every chart ("" when in).
    char why_out[C_EXT + NEXT][600] = { { 0 } };
    // mm_ops[c]: for a real allocator, this build's mm timed in alternation
    // with it in its runner process (the ratio to trust; see allocators.h).
    double *ops[C_EXT + NEXT], *util[C_EXT + NEXT], *mm_ops[C_EXT + NEXT];
    for (int c = 0; c < C_EXT + NEXT; c++) {
        ops[c] = calloc(n, sizeof(double));
        util[c] = calloc(n, sizeof(double));
        mm_ops[c] = calloc(n, sizeof(double));
    }

    // mm and glibc, in this process, in alternation; mm's utilization exact.
    replay_alloc_t *pair[2] = { allocators_mm(), allocators_libc("glibc") };
    for (size_t i = 0; i < n; i++) {
        checker_result_t r;
        if (checker_run(ts.trace[i], NULL, &r) != 0 || !r.valid) {
            fprintf(stderr, "bench: this build's mm fails %s; its numbers are 0\n", r.error);
            replay_time(ts.trace[i], &pair[1], 1, o.reps, &ops[C_GLIBC][i]);
        } else {
            double v[2];
            replay_time(ts.trace[i], pair, 2, o.reps, v);
            ops[C_MM][i] = v[0];
            ops[C_GLIBC][i] = v[1];
            util[C_MM][i] = r.utilization;
        }
    }
    // The reference and the real allocators, in runner processes.
    const char *self = allocators_self_exe();
    bool ref_is_self = false;
    const char *ref = o.ref ? o.ref : default_ref(&ref_is_self);
    allocators_result_t *res = calloc(n, sizeof *res);
    char why[512];
    if (ref) {
        have[C_REF] = allocators_run(ref, "mm", NULL, ts.path, n, ALLOCATORS_TIME | ALLOCATORS_UTIL,
                                     o.reps, res, why, sizeof why) == 0;
        if (!have[C_REF]) {
            fprintf(stderr, "bench: note: reference (%s): %s; skipped\n", ref, why);
            snprintf(why_out[C_REF], sizeof why_out[0], "%.500s", why);
        }
        for (size_t i = 0; have[C_REF] && i < n; i++) {
            ops[C_REF][i] = res[i].ops_per_sec;
            util[C_REF][i] = res[i].util;
        }
    } else if (!ref_is_self) {
        fprintf(stderr, "bench: note: no reference build (make bench IMPL=solution, or "
                        "--ref PATH); the reference column is left out\n");
        snprintf(why_out[C_REF], sizeof why_out[0],
                 "no build of it (make bench IMPL=solution, or --ref PATH)");
    }
    for (int e = 0; e < NEXT; e++) {
        const allocators_ext_t *x = allocators_find(ext_names[e]);
        have[C_EXT + e] = !o.no_vs && self &&
                          allocators_run(self, x->name, x->lib, ts.path, n, ALLOCATORS_TIME, o.reps,
                                         res, why, sizeof why) == 0;
        if (!have[C_EXT + e]) {
            snprintf(why_out[C_EXT + e], sizeof why_out[0], "%s",
                     o.no_vs ? "not measured (--no-vs)"
                     : self  ? why
                             : "no path to this program");
            fprintf(stderr, "bench: note: %s; skipped\n", why_out[C_EXT + e]);
        }
        for (size_t i = 0; have[C_EXT + e] && i < n; i++) {
            ops[C_EXT + e][i] = res[i].ops_per_sec;
            mm_ops[C_EXT + e][i] = res[i].mm_ops_per_sec;
        }
    }
    // Utilization of glibc: a fresh process per trace, so that memory an
    // earlier trace left in its arena does not count as free space here.
    for (size_t i = 0; i < n && self; i++) {
        allocators_result_t one;
        util[C_GLIBC][i] = allocators_run(self, "glibc", NULL, &ts.path[i], 1, ALLOCATORS_UTIL, 1,
                                          &one, why, sizeof why) == 0
                               ? one.util
                               : -1;
    }
    // Utilization of the real allocators that publish an in-use figure:
    // a fresh process per trace, too.
    for (int e = 0; e < NEXT; e++) {
        if (!have[C_EXT + e] || !ext_util[e])
            continue;
        const allocators_ext_t *x = allocators_find(ext_names[e]);
        for (size_t i = 0; i < n; i++) {
            allocators_result_t one;
            util[C_EXT + e][i] = allocators_run(self, x->name, x->lib, &ts.path[i], 1,
                                                ALLOCATORS_UTIL, 1, &one, why, sizeof why) == 0
                                     ? one.util
                                     : -1;
        }
    }
    free(res);

    // tradeoff.csv: utilization and throughput, a pair of columns for each
    // allocator with both figures.
    FILE *tf = ml_outfile_open_in(&out, o.out, "tradeoff.csv");
    if (tf) {
        for (int e = 0; e < NEXT; e++)
            if (!have[C_EXT + e])
                fprintf(tf, "# left out: %s: %s\n", ext_names[e], why_out[C_EXT + e]);
            else if (!ext_util[e])
                fprintf(tf, "# left out: %s: it publishes no in-use figure, so no utilization\n",
                        ext_names[e]);
        fprintf(tf, "trace");
        for (int c = 0; c < C_EXT + NEXT; c++)
            if (have[c] && (c < C_EXT || ext_util[c - C_EXT]))
                fprintf(tf, ",%s (%%%s),%s (Mops/s)", names[c], c >= C_EXT ? "; lower bound" : "",
                        names[c]);
        fprintf(tf, "\n");
        for (size_t i = 0; i < n; i++) {
            short_name(ts.trace[i], name, sizeof name);
            fprintf(tf, "%s", name);
            for (int c = 0; c < C_EXT + NEXT; c++) {
                if (!have[c] || (c >= C_EXT && !ext_util[c - C_EXT]))
                    continue;
                if (util[c][i] > 0 && ops[c][i] > 0)
                    fprintf(tf, ",%.2f,%.2f", 100 * util[c][i], ops[c][i] / 1e6);
                else
                    fprintf(tf, ",NaN,NaN");
            }
            fprintf(tf, "\n");
        }
        status |= commit_csv(&out);
    } else {
        ml_outfile_fail(&out, "bench");
        status = 1;
    }

    // throughput.csv and utilization.csv
    for (int which = 0; which < 2; which++) {
        FILE *f = ml_outfile_open_in(&out, o.out, which ? "utilization.csv" : "throughput.csv");
        if (!f) {
            ml_outfile_fail(&out, "bench");
            status = 1;
            continue;
        }
        int ncols = which ? C_EXT : C_EXT + NEXT; // no utilization for the real ones
        if (why_out[C_REF][0])
            fprintf(f, "# left out: reference: %s\n", why_out[C_REF]);
        for (int e = 0; e < NEXT; e++)
            if (!have[C_EXT + e])
                fprintf(f, "# left out: %s: %s\n", ext_names[e], why_out[C_EXT + e]);
            else if (which)
                fprintf(f, "# left out: %s: %s\n", ext_names[e],
                        ext_util[e] ? "only a lower bound of its utilization (its own in-use "
                                      "figure): see the tradeoff chart"
                                    : "it publishes no in-use figure, so no utilization");
        fprintf(f, "trace");
        for (int c = 0; c < ncols; c++)
            if (have[c])
                fprintf(f, ",%s (%s)", names[c], which ? "%" : "Mops/s");
        fprintf(f, "\n");
        for (size_t i = 0; i < n; i++) {
            short_name(ts.trace[i], name, sizeof name);
            fprintf(f, "%s", name);
            for (int c = 0; c < ncols; c++) {
                if (!have[c])
                    continue;
                double v = which ? util[c][i] : ops[c][i];
                if (which && v < 0)
                    fprintf(f, ",NaN");
                else
                    fprintf(f, ",%.2f", which ? 100 * v : v / 1e6);
            }
            fprintf(f, "\n");
        }
        status |= commit_csv(&out);
    }

    // The human summary.
    printf("%-18s", "Mops/s (CPU)");
    for (int c = 0; c < C_EXT + NEXT; c++)
        if (have[c])
            printf(" %11s", names[c]);
    printf("   util(this build)\n");
    for (size_t i = 0; i < n; i++) {
        short_name(ts.trace[i], name, sizeof name);
        printf("%-18s", name);
        for (int c = 0; c < C_EXT + NEXT; c++)
            if (have[c])
                printf(" %11.2f", ops[c][i] / 1e6);
        printf("   %5.1f%%\n", 100 * util[C_MM][i]);
    }
    double mean_util = 0;
    for (size_t i = 0; i < n; i++)
        mean_util += util[C_MM][i] / (double)n;
    printf("\nmean utilization over the traces it was measured on:");
    for (int c = 0; c < C_EXT + NEXT; c++) {
        double sum = 0;
        size_t k = 0;
        for (size_t i = 0; have[c] && i < n; i++)
            if (util[c][i] > 0) {
                sum += util[c][i];
                k++;
            }
        if (k)
            printf(" %s %.1f%%%s;", names[c], 100 * sum / (double)k,
                   c >= C_EXT ? " (lower bound)"
                   : k < n    ? " (some traces)"
                              : "");
    }
    printf("\n");
    printf("\nthis build: mean utilization %.1f%%; throughput (geometric mean of per-trace "
           "ratios, median of %d runs):\n",
           100 * mean_util, o.reps);
    for (int c = 1; c < C_EXT + NEXT; c++) {
        if (!have[c])
            continue;
        if (c < C_EXT)
            printf("  %.2fx %s\n", geomean_ratio(ops[C_MM], ops[c], n), names[c]);
        else
            printf("  %.2fx %s (timed in alternation with this build in one process; "
                   "%.2fx across processes)\n",
                   geomean_ratio(mm_ops[c], ops[c], n), names[c],
                   geomean_ratio(ops[C_MM], ops[c], n));
    }
    for (int e = 0; e < NEXT; e++)
        if (!have[C_EXT + e])
            printf("left out of every chart: %s: %s\n", ext_names[e], why_out[C_EXT + e]);
        else if (!ext_util[e])
            printf("left out of the utilization and tradeoff charts: %s: it publishes no in-use "
                   "figure\n",
                   ext_names[e]);
        else
            printf("left out of the utilization chart: %s: only a lower bound (the tradeoff "
                   "chart shows it)\n",
                   ext_names[e]);
    printf("data: %s/{throughput,utilization,tradeoff,fragmentation,footprint}.csv\n", o.out);
    for (int c = 0; c < C_EXT + NEXT; c++) {
        free(ops[c]);
        free(util[c]);
        free(mm_ops[c]);
    }
    traceset_free(&ts);
    return status;
}
