// alignment.c — the alignment lab's benchmarks: what layout costs in time.
//
//   build/<impl>/bench/alignment --out DIR   writes three CSV files:
//   false-sharing.csv  two threads each incrementing its own counter, the
//                      counters in one cache line or 64 bytes apart;
//   aos-soa.csv        summing one field of 2M particles stored as an array
//                      of structs (declared order, smallest order) or as a
//                      struct of arrays;
//   list.csv           summing N numbers from an array, a linked list laid
//                      out in order, and the same list with its nodes
//                      shuffled, for N from 1 Ki to 4 Mi.
// Each number is the median of repeated runs (min and max kept for error
// bars); the summary on stdout prints them with the ratios the charts show.
// The struct sizes are also computed with the lab's structlayout.c (so a
// student sees their layout next to the compiler's) — the timings never
// depend on it.
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/cdecl/cdecl.h"
#include "memlab/clock.h"
#include "memlab/outfile.h"
#include "memlab/rng.h"
#include "structlayout.h"

#define RUNS 7

typedef struct sample {
    double median, min, max;
} sample_t;

// summarize — median, min and max of v[0..n) (sorts v).
static sample_t summarize(double *v, size_t n)
{
    sample_t s = { .median = ml_median(v, n), .min = v[0], .max = v[0] };
    for (size_t i = 1; i < n; i++) {
        s.min = v[i] < s.min ? v[i] : s.min;
        s.max = v[i] > s.max ? v[i] : s.max;
    }
    return s;
}

// ---- false sharing ---------------------------------------------------------------

#define INCREMENTS 20000000L

struct same_line { // both counters in one 64-byte cache line
    volatile long a;
    volatile long b;
};

struct padded { // each counter in a cache line of its own
    _Alignas(64) volatile long a;
    _Alignas(64) volatile long b;
};

typedef struct worker {
    volatile long *counter;
    int cpu;
    pthread_barrier_t *start;
    uint64_t cpu_ns; // CPU time the thread spent incrementing
} worker_t;

static void *increment(void *arg)
{
    worker_t *w = arg;
    if (w->cpu >= 0) { // one thread per core, so the line really moves
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(w->cpu, &set);
        pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    }
    pthread_barrier_wait(w->start);
    uint64_t t0 = ml_thread_cpu_ns();
    for (long i = 0; i < INCREMENTS; i++)
        (*w->counter)++;
    w->cpu_ns = ml_thread_cpu_ns() - t0;
    return NULL;
}

// race — CPU nanoseconds per increment (the threads' mean) with one thread
// on each of a and b (b NULL: one thread alone). CPU time, not wall time,
// so that another program taking a core does not count; a cache line
// moving between cores does, because the core stalls waiting for it.
static double race(volatile long *a, volatile long *b, int ncpu)
{
    pthread_barrier_t start;
    int n = b ? 2 : 1;
    pthread_barrier_init(&start, NULL, (unsigned)n + 1);
    worker_t w[2] = { { a, ncpu >= 2 ? 0 : -1, &start, 0 }, { b, ncpu >= 2 ? 1 : -1, &start, 0 } };
    pthread_t t[2];
    for (int i = 0; i < n; i++)
        if (pthread_create(&t[i], NULL, increment, &w[i]) != 0) {
            fprintf(stderr, "alignment bench: cannot create a thread\n");
            exit(1);
        }
    pthread_barrier_wait(&start);
    uint64_t ns = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(t[i], NULL);
        ns += w[i].cpu_ns;
    }
    pthread_barrier_destroy(&start);
    return (double)ns / n / INCREMENTS;
}

static int bench_false_sharing(const char *dir)
{
    int ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
    static struct same_line same;
    static struct padded pad;
    double v[3][RUNS];
    for (int r = 0; r < RUNS; r++) { // interleaved, so drift hits all alike
        v[0][r] = race(&same.a, &same.b, ncpu);
        v[1][r] = race(&pad.a, &pad.b, ncpu);
        v[2][r] = race(&pad.a, NULL, ncpu);
    }
    sample_t s[3] = { summarize(v[0], RUNS), summarize(v[1], RUNS), summarize(v[2], RUNS) };
    static const char *const names[3] = { "two threads: one cache line",
                                          "two threads: padded to 64 B", "one thread" };
    ml_outfile_t out;
    FILE *f = ml_outfile_open_in(&out, dir, "false-sharing.csv");
    if (!f)
        return ml_outfile_fail(&out, "alignment bench");
    fprintf(f, "case,CPU ns per increment (median),min (ns),max (ns),ratio to padded (x)\n");
    for (int i = 0; i < 3; i++)
        fprintf(f, "%s,%.3f,%.3f,%.3f,%.2f\n", names[i], s[i].median, s[i].min, s[i].max,
                s[i].median / s[1].median);
    printf("false sharing (%ld increments per thread, %d runs, %d cpus):\n", INCREMENTS, RUNS,
           ncpu);
    for (int i = 0; i < 3; i++)
        printf("  %-30s %7.2f CPU ns/increment (min %.2f, max %.2f)\n", names[i], s[i].median,
               s[i].min, s[i].max);
    double ratio = s[0].median / s[1].median;
    printf("  one cache line takes %.1fx the time of padded%s\n", ratio,
           ncpu < 2 ? " (one cpu: the threads never run at once)" : "");
    if (ncpu >= 2 && ratio < 1.5)
        printf(
            "  (little penalty: the two CPUs seem to share one core's cache here — hyperthreads,\n"
            "   or virtual CPUs backed by one physical core; on separate physical cores the\n"
            "   line moves between caches on every increment and the gap is several times)\n");
    return ml_outfile_commit(&out) == 0 ? 0 : ml_outfile_fail(&out, "alignment bench");
}

// ---- array of structs and struct of arrays ---------------------------------------

#define PARTICLES (2L << 20)

#define PARTICLE_DECLARED \
    struct particle {     \
        char alive;       \
        double x;         \
        char tag;         \
        double vx;        \
        int id;           \
    };
#define PARTICLE_SMALLEST \
    struct particle2 {    \
        double x;         \
        double vx;        \
        int id;           \
        char alive;       \
        char tag;         \
    };
#define STR_(...) #__VA_ARGS__
#define STR(...) STR_(__VA_ARGS__)
PARTICLE_DECLARED
PARTICLE_SMALLEST

// student_size — sizeof a struct declared in `text`, by the lab's structlayout.c.
static size_t student_size(const char *text, const char *name)
{
    char err[256];
    cdecl_file_t *f = cdecl_parse("bench.h", text, strlen(text), 0, err, sizeof err);
    const cdecl_type_t *t = f ? cdecl_find(f, name) : NULL;
    size_t size = t ? sl_type(t).size : 0;
    cdecl_free(f);
    return size;
}

static double sum_declared(const struct particle *p, long n)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0; // four sums: memory, not adds, is the limit
    for (long i = 0; i + 3 < n; i += 4) {
        s0 += p[i].x;
        s1 += p[i + 1].x;
        s2 += p[i + 2].x;
        s3 += p[i + 3].x;
    }
    return s0 + s1 + s2 + s3;
}

static double sum_smallest(const struct particle2 *p, long n)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0; // four sums: memory, not adds, is the limit
    for (long i = 0; i + 3 < n; i += 4) {
        s0 += p[i].x;
        s1 += p[i + 1].x;
        s2 += p[i + 2].x;
        s3 += p[i + 3].x;
    }
    return s0 + s1 + s2 + s3;
}

static double sum_array(const double *x, long n)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0; // four sums: memory, not adds, is the limit
    for (long i = 0; i + 3 < n; i += 4) {
        s0 += x[i];
        s1 += x[i + 1];
        s2 += x[i + 2];
        s3 += x[i + 3];
    }
    return s0 + s1 + s2 + s3;
}

static volatile double sink; // keeps the sums from being optimized away

static int bench_aos_soa(const char *dir)
{
    struct particle *a = calloc(PARTICLES, sizeof(*a));
    struct particle2 *b = calloc(PARTICLES, sizeof(*b));
    double *x = calloc(PARTICLES, sizeof(*x));
    if (!a || !b || !x) {
        fprintf(stderr, "alignment bench: out of memory\n");
        return -1;
    }
    for (long i = 0; i < PARTICLES; i++)
        a[i].x = b[i].x = x[i] = (double)(i % 1000);
    double v[3][RUNS];
    for (int r = 0; r < RUNS; r++) {
        uint64_t t0 = ml_now_ns();
        sink = sum_declared(a, PARTICLES);
        uint64_t t1 = ml_now_ns();
        sink = sum_smallest(b, PARTICLES);
        uint64_t t2 = ml_now_ns();
        sink = sum_array(x, PARTICLES);
        uint64_t t3 = ml_now_ns();
        v[0][r] = (double)(t1 - t0) / PARTICLES;
        v[1][r] = (double)(t2 - t1) / PARTICLES;
        v[2][r] = (double)(t3 - t2) / PARTICLES;
    }
    free(a);
    free(b);
    free(x);
    sample_t s[3] = { summarize(v[0], RUNS), summarize(v[1], RUNS), summarize(v[2], RUNS) };
    size_t bytes[3] = { sizeof(struct particle), sizeof(struct particle2), sizeof(double) };
    size_t mine[2] = { student_size(STR(PARTICLE_DECLARED), "particle"),
                       student_size(STR(PARTICLE_SMALLEST), "particle2") };
    char names[3][64];
    snprintf(names[0], 64, "AoS: declared order (%zu B)", bytes[0]);
    snprintf(names[1], 64, "AoS: smallest order (%zu B)", bytes[1]);
    snprintf(names[2], 64, "SoA (%zu B per x)", bytes[2]);
    ml_outfile_t out;
    FILE *f = ml_outfile_open_in(&out, dir, "aos-soa.csv");
    if (!f)
        return ml_outfile_fail(&out, "alignment bench");
    fprintf(f, "layout,ns per element (median),min (ns),max (ns),ratio to struct of arrays (x),"
               "bytes per element (B)\n");
    for (int i = 0; i < 3; i++)
        fprintf(f, "%s,%.3f,%.3f,%.3f,%.2f,%zu\n", names[i], s[i].median, s[i].min, s[i].max,
                s[i].median / s[2].median, bytes[i]);
    printf("summing x over %ld particles, as an array of structs (AoS) or a struct of "
           "arrays (SoA), %d runs:\n",
           PARTICLES, RUNS);
    for (int i = 0; i < 3; i++)
        printf("  %-30s %6.3f ns/element  %.2fx SoA\n", names[i], s[i].median,
               s[i].median / s[2].median);
    printf("  sizes by your structlayout.c: %zu and %zu bytes (the compiler: %zu and %zu)\n",
           mine[0], mine[1], bytes[0], bytes[1]);
    return ml_outfile_commit(&out) == 0 ? 0 : ml_outfile_fail(&out, "alignment bench");
}

// ---- array and linked list -----------------------------------------------------------

typedef struct node {
    long value;
    struct node *next;
} node_t;

static long sum_list(const node_t *n)
{
    long s = 0;
    for (; n; n = n->next)
        s += n->value;
    return s;
}

static long sum_longs(const long *v, size_t n)
{
    long s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

static volatile long lsink;

// TIMED — `out` = ns per element of `reps` evaluations of expr over n
// elements: median, min and max of LIST_RUNS runs.
#define LIST_RUNS 5
#define TIMED(out, reps, n, expr)                                                  \
    do {                                                                           \
        double v_[LIST_RUNS];                                                      \
        for (int r_ = 0; r_ < LIST_RUNS; r_++) {                                   \
            uint64_t t0_ = ml_now_ns();                                            \
            for (size_t k_ = 0; k_ < (reps); k_++)                                 \
                lsink = (expr);                                                    \
            v_[r_] = (double)(ml_now_ns() - t0_) / ((double)(reps) * (double)(n)); \
        }                                                                          \
        (out) = summarize(v_, LIST_RUNS);                                          \
    } while (0)

static int bench_list(const char *dir)
{
    const size_t max = (size_t)4 << 20;
    long *array = malloc(max * sizeof(*array));
    node_t *nodes = malloc(max * sizeof(*nodes));
    size_t *perm = malloc(max * sizeof(*perm));
    if (!array || !nodes || !perm) {
        fprintf(stderr, "alignment bench: out of memory\n");
        return -1;
    }
    ml_outfile_t out;
    FILE *f = ml_outfile_open_in(&out, dir, "list.csv");
    if (!f)
        return ml_outfile_fail(&out, "alignment bench");
    fprintf(f, "elements (count),array (ns),linked list: nodes in order (ns),"
               "linked list: nodes shuffled (ns)\n");
    printf("summing N longs (ns per element, median of %d runs):\n", LIST_RUNS);
    printf("  %12s %10s %16s %19s\n", "N (elements)", "array (ns)", "list, order (ns)",
           "list, shuffled (ns)");
    ml_rng_t rng;
    ml_rng_seed(&rng, 42);
    sample_t last[3] = { { 0 } };
    for (size_t n = 1024; n <= max; n *= 4) {
        for (size_t i = 0; i < n; i++) {
            array[i] = (long)i;
            perm[i] = i;
        }
        size_t reps = ((size_t)2 << 20) / n; // about 2 Mi elements per run
        reps = reps ? reps : 1;
        sample_t s[3];
        TIMED(s[0], reps, n, sum_longs(array, n));
        for (size_t i = 0; i < n; i++) // in address order
            nodes[i] = (node_t){ (long)i, i + 1 < n ? &nodes[i + 1] : NULL };
        TIMED(s[1], reps, n, sum_list(&nodes[0]));
        ml_rng_shuffle(&rng, perm, n, sizeof(*perm)); // the same list, scattered
        for (size_t i = 0; i < n; i++)
            nodes[perm[i]] = (node_t){ (long)i, i + 1 < n ? &nodes[perm[i + 1]] : NULL };
        TIMED(s[2], reps, n, sum_list(&nodes[perm[0]]));
        fprintf(f, "%zu,%.3f,%.3f,%.3f\n", n, s[0].median, s[1].median, s[2].median);
        printf("  %12zu %10.3f %16.3f %19.3f\n", n, s[0].median, s[1].median, s[2].median);
        memcpy(last, s, sizeof last);
    }
    printf("  at %zu elements the shuffled list is %.0fx slower than the array\n", max,
           last[2].median / last[0].median);
    free(array);
    free(nodes);
    free(perm);
    return ml_outfile_commit(&out) == 0 ? 0 : ml_outfile_fail(&out, "alignment bench");
}

static void usage(FILE *out)
{
    fprintf(out, "usage: alignment-bench --out DIR [--only false-sharing|aos-soa|list]\n"
                 "Measures false sharing, array of structs vs struct of arrays, and array vs\n"
                 "linked list traversal; writes DIR/<chart>.csv and prints a summary.\n");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "out", required_argument, NULL, 'o' },
        { "only", required_argument, NULL, 'O' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *dir = NULL, *only = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o': dir = optarg; break;
        case 'O': only = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (!dir || optind != argc) {
        usage(stderr);
        return 2;
    }
    if (mkdir(dir, 0777) && errno != EEXIST) {
        fprintf(stderr, "alignment bench: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    int rc = 0;
    if (!only || !strcmp(only, "false-sharing"))
        rc |= bench_false_sharing(dir);
    if (!only || !strcmp(only, "aos-soa"))
        rc |= bench_aos_soa(dir);
    if (!only || !strcmp(only, "list"))
        rc |= bench_list(dir);
    return rc ? 1 : 0;
}
