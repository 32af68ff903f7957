// escape.c — the escape lab's benchmark: what a verdict costs at run time.
//
//   build/<impl>/bench/escape --out DIR [--objects N] [--no-go]
//
// writes DIR/cost.csv, one row per (method, object size):
//   method, size (bytes), ns per object (median), min (ns), max (ns),
//   allocations per object (count)
// for three ways to get a short-lived object of SIZE bytes, written and read
// once:
//   stack     an automatic array in the C frame — what "does not escape" buys;
//   malloc    malloc + free;
//   gc-heap   the core's garbage-collected heap (memlab/gcheap.h, GOGC 100,
//             no poisoning):
//             ml_gc_alloc, with the collections the allocations trigger
//             counted in the time — what "escapes to heap" costs in Go;
// and, when Go is installed, the same contrast measured in Go itself with
// testing.B: a constructor returning *T (escapes: one heap allocation per
// call) against one returning T (stays on the stack), rows "go-escaping" and
// "go-stack" with Go's ns/op and allocs/op. Each C number is the median of
// 5 runs (min and max kept). The summary on stdout gives the ratios. When
// the Go rows are missing, the CSV's first line says why (`# left out: Go:
// REASON`, printed under the chart by scripts/plots.sh).
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memlab/clock.h"
#include "memlab/gcheap.h"
#include "memlab/outfile.h"

#define RUNS 5
static const size_t sizes[] = { 16, 64, 256, 1024, 4096 };
#define NSIZES (sizeof sizes / sizeof sizes[0])

typedef struct sample {
    double median, min, max;
} sample_t;

static sample_t summarize(double *v, size_t n)
{
    sample_t s = { .median = ml_median(v, n), .min = v[0], .max = v[0] };
    for (size_t i = 1; i < n; i++) {
        s.min = v[i] < s.min ? v[i] : s.min;
        s.max = v[i] > s.max ? v[i] : s.max;
    }
    return s;
}

static volatile uint64_t sink;

// touch — write the object and read it back, as a constructor and its
// caller would.
static inline uint64_t touch(unsigned char *p, size_t size, uint64_t i)
{
    memset(p, (int)(i & 0xff), size);
    p[size - 1] = (unsigned char)i;
    return p[0] + p[size - 1];
}

__attribute__((noinline)) static uint64_t on_stack(size_t size, uint64_t i)
{
    unsigned char buf[4096];
    return touch(buf, size, i);
}

static double run_stack(size_t size, long n)
{
    uint64_t t0 = ml_now_ns(), s = 0;
    for (long i = 0; i < n; i++)
        s += on_stack(size, (uint64_t)i);
    sink = s;
    return (double)(ml_now_ns() - t0) / (double)n;
}

static double run_malloc(size_t size, long n)
{
    uint64_t t0 = ml_now_ns(), s = 0;
    for (long i = 0; i < n; i++) {
        unsigned char *p = malloc(size);
        if (!p)
            abort();
        s += touch(p, size, (uint64_t)i);
        free(p);
    }
    sink = s;
    return (double)(ml_now_ns() - t0) / (double)n;
}

static double run_gc(size_t size, long n, double *allocs)
{
    ml_gc_config_t cfg = ml_gc_default_config();
    cfg.poison = false; // measure allocation and collection, not the debug fill
    cfg.count_stores = false;
    ml_gc_heap_t *h = ml_gc_new(&cfg);
    if (!h) {
        fprintf(stderr, "escape bench: cannot create the GC heap\n");
        exit(1);
    }
    static const uint64_t no_pointers[8]; // the bitmap of a type over 512 bytes
    ml_type_t t = ML_TYPE("obj", size, 0);
    if (size > 512)
        t.ptrmask_ext = no_pointers;
    uint64_t t0 = ml_now_ns(), s = 0;
    for (long i = 0; i < n; i++) {
        unsigned char *p = ml_gc_alloc(h, &t);
        s += touch(p, size, (uint64_t)i);
    }
    double ns = (double)(ml_now_ns() - t0) / (double)n;
    sink = s;
    ml_gc_destroy(h);
    *allocs = 1.0;
    return ns;
}

// ---- Go's own contrast -----------------------------------------------------

static const char go_test_src[] =
    "package escbench\n"
    "\n"
    "import \"testing\"\n"
    "\n"
    "type T struct{ a [8]int } // 64 bytes\n"
    "\n"
    "var sinkP *T\n"
    "var sinkV int\n"
    "\n"
    "//go:noinline\n"
    "func newEscaping(i int) *T { t := &T{}; t.a[0] = i; t.a[7] = i; return t }\n"
    "\n"
    "//go:noinline\n"
    "func newValue(i int) T { var t T; t.a[0] = i; t.a[7] = i; return t }\n"
    "\n"
    "func BenchmarkEscaping(b *testing.B) {\n"
    "\tfor i := 0; i < b.N; i++ {\n"
    "\t\tsinkP = newEscaping(i)\n"
    "\t}\n"
    "}\n"
    "\n"
    "func BenchmarkStack(b *testing.B) {\n"
    "\ts := 0\n"
    "\tfor i := 0; i < b.N; i++ {\n"
    "\t\tt := newValue(i)\n"
    "\t\ts += t.a[7]\n"
    "\t}\n"
    "\tsinkV = s\n"
    "}\n";

typedef struct gorow {
    double ns, allocs, bytes;
    bool ok;
} gorow_t;

// run_go — the two testing.B benchmarks, or ok=false with the reason in
// why (also printed) when Go is missing or fails.
static void run_go(const char *outdir, gorow_t *esc, gorow_t *stk, char *why, size_t len)
{
    esc->ok = stk->ok = false;
    snprintf(why, len, "could not write its benchmark into %.200s/go-bench", outdir);
    if (system("command -v go >/dev/null 2>&1") != 0) {
        snprintf(why, len, "Go is not installed (scripts/deps.sh --test installs golang-go)");
        printf("escape bench: %s; the Go rows are skipped\n", why);
        return;
    }
    char dir[4096], path[4200], cmd[16384];
    snprintf(dir, sizeof dir, "%.2000s/go-bench", outdir);
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/esc_test.go", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fputs(go_test_src, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/go.mod", dir);
    f = fopen(path, "w");
    if (!f)
        return;
    fputs("module escbench\n\ngo 1.19\n", f);
    fclose(f);
    char cwd[2048];
    if (!getcwd(cwd, sizeof cwd))
        return;
    snprintf(cmd, sizeof cmd,
             "cd '%s' && GOCACHE='%s/build/go-cache' GOPATH='%s/build/go-path' GOFLAGS=-mod=mod "
             "go test -run '^$' -bench . -benchmem -count 1 2>&1",
             dir, cwd, cwd);
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    char line[1024];
    while (fgets(line, sizeof line, p)) {
        char name[256];
        long iters;
        double ns, bytes, allocs;
        if (sscanf(line, "%255s %ld %lf ns/op %lf B/op %lf allocs/op", name, &iters, &ns, &bytes,
                   &allocs) == 5) {
            gorow_t *r = !strncmp(name, "BenchmarkEscaping", 17) ? esc
                         : !strncmp(name, "BenchmarkStack", 14)  ? stk
                                                                 : NULL;
            if (r)
                *r = (gorow_t){ ns, allocs, bytes, true };
        }
    }
    if (pclose(p) != 0 || !esc->ok || !stk->ok) {
        snprintf(why, len, "go test did not give both benchmarks");
        fprintf(stderr, "escape bench: %s; the Go rows are skipped\n", why);
    }
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    long n = 200000;
    bool go = true;
    static const struct option longs[] = { { "out", required_argument, 0, 'o' },
                                           { "objects", required_argument, 0, 'n' },
                                           { "no-go", no_argument, 0, 'G' },
                                           { "help", no_argument, 0, 'h' },
                                           { 0, 0, 0, 0 } };
    int c;
    while ((c = getopt_long(argc, argv, "o:n:h", longs, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'n': {
            char *end;
            errno = 0;
            n = strtol(optarg, &end, 10);
            if (errno || *end || n < 1) {
                fprintf(stderr, "escape bench: --objects wants a positive number, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        }
        case 'G': go = false; break;
        case 'h':
            printf("usage: escape-bench --out DIR [--objects N] [--no-go]\n"
                   "Stack vs malloc/free vs the core's GC heap per object size, and Go's own\n"
                   "escaping vs non-escaping constructor (testing.B), to DIR/cost.csv.\n");
            return 0;
        default: return 2;
        }
    }
    if (!out) {
        fprintf(stderr, "escape bench: --out DIR is required\n");
        return 2;
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "escape bench: cannot create %s: %s\n", out, strerror(errno));
        return 1;
    }
    ml_outfile_t o;
    FILE *f = ml_outfile_open_in(&o, out, "cost.csv");
    if (!f)
        return ml_outfile_fail(&o, "escape bench");
    printf("escape bench: %ld objects per run, median of %d runs (ns per object)\n", n, RUNS);
    printf("  %8s %11s %11s %12s %10s\n", "size (B)", "stack (ns)", "malloc (ns)", "gc-heap (ns)",
           "gc/stack");
    sample_t res[3][NSIZES];
    for (size_t s = 0; s < NSIZES; s++) {
        double v[3][RUNS], allocs = 1;
        for (int r = 0; r < RUNS; r++) {
            v[0][r] = run_stack(sizes[s], n);
            v[1][r] = run_malloc(sizes[s], n);
            v[2][r] = run_gc(sizes[s], n, &allocs);
        }
        for (int m = 0; m < 3; m++)
            res[m][s] = summarize(v[m], RUNS);
        printf("  %8zu %11.2f %11.2f %12.2f %9.1fx\n", sizes[s], res[0][s].median, res[1][s].median,
               res[2][s].median, res[2][s].median / (res[0][s].median > 0 ? res[0][s].median : 1));
    }
    // Go first: a peer left out is named at the top of the CSV (plots.sh
    // prints it under the chart).
    gorow_t e = { 0 }, k = { 0 };
    char why[512] = "not measured (--no-go)";
    if (go)
        run_go(out, &e, &k, why, sizeof why);
    if (!e.ok || !k.ok)
        fprintf(f, "# left out: Go: %s\n", why);
    fprintf(f, "method,size (bytes),ns per object (median),min (ns),max (ns),"
               "allocations per object (count)\n");
    // grouped by method, so that each method's points are consecutive rows
    static const char *names[3] = { "stack", "malloc", "gc-heap" };
    for (int m = 0; m < 3; m++)
        for (size_t s = 0; s < NSIZES; s++)
            fprintf(f, "%s,%zu,%.3f,%.3f,%.3f,%d\n", names[m], sizes[s], res[m][s].median,
                    res[m][s].min, res[m][s].max, m == 0 ? 0 : 1);
    if (e.ok && k.ok) {
        fprintf(f, "go-escaping,64,%.3f,%.3f,%.3f,%.0f\n", e.ns, e.ns, e.ns, e.allocs);
        fprintf(f, "go-stack,64,%.3f,%.3f,%.3f,%.0f\n", k.ns, k.ns, k.ns, k.allocs);
        printf("  Go, 64-byte T: escaping constructor %.2f ns/op %.0f allocs/op, "
               "non-escaping %.2f ns/op %.0f allocs/op: %.1fx\n",
               e.ns, e.allocs, k.ns, k.allocs, e.ns / (k.ns > 0 ? k.ns : 1));
    } else {
        printf("  left out of the chart: Go: %s\n", why);
    }
    if (ml_outfile_commit(&o) != 0)
        return ml_outfile_fail(&o, "escape bench");
    return 0;
}
