// pools.c — the pools lab's benchmarks: what each pool buys (time) and
// costs (memory held), against the allocators a C programmer would use
// instead, measured in one run.
//
//   churn.csv    ns per get+put for object sizes 16 B … 64 KiB, one and two
//                threads: the lab's fixpool, spool, bufpool and bpool, and
//                malloc/free of glibc, jemalloc and mimalloc. The real
//                allocators run in runner processes of this program started
//                with LD_PRELOAD (they cannot be loaded with dlopen), as the
//                allocator lab's bench runs them; each runner first checks
//                that a symbol only its allocator exports is there.
//   memory.csv   peak and still-held bytes of each pool after the workloads
//                of the lab's program (support/workloads.h)
//   victim.csv   objects an spool keeps across pool_gc calls, and the
//                new_fn calls that the victim cache saves, over bursty cycles
//   targets.txt  the reference's targets and whether this run meets them
//
//   build/<impl>/bench/pools --out DIR [--quick] [--reps N]
//
// Targets (DESIGN §8 and the lab's handout): fixpool ≥ 5× faster than a
// glibc malloc/free pair (16 objects held, the suite's loop), the arena
// within 2 ns per allocation, spool faster than mimalloc on churn (get,
// use, put).
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/clock.h"
#include "memlab/outfile.h"
#include "pools.h"
#include "support/workloads.h"

extern char **environ;

static const size_t sizes[] = { 16, 64, 256, 1024, 4096, 16384, 65536 };
#define NSIZES (sizeof sizes / sizeof sizes[0])

// The peers: a runner per allocator. glibc runs without a preload.
static const struct peer {
    const char *name, *lib, *symbol;
} peers[] = {
    { "glibc", NULL, NULL },
    { "jemalloc", "libjemalloc.so.2", "mallctl" },
    { "mimalloc", "libmimalloc.so.2", "mi_process_info" },
};
#define NPEERS 3

// The lab's pools timed in the churn loop (in the glibc runner).
static const pw_pool_t lab_pools[] = { PW_FIXPOOL, PW_SPOOL, PW_BUFPOOL, PW_BPOOL };
#define NLAB 4

static int reps = 5;
static size_t churn_ops = 200000;

// churn_ns — the median ns per get+put of pool p (malloc: this process's
// allocator) at `size`, `threads`: live 1 is the churn workload (get, use,
// put), live 16 the batch workload (get 16, put 16: the suite's loop).
static double churn_ns(pw_pool_t p, size_t size, int threads, size_t live)
{
    pw_work_t w = live == 1 ? PW_CHURN : PW_BATCH;
    pw_config_t cfg = pw_default_config();
    cfg.ops = churn_ops;
    cfg.size = size;
    cfg.threads = threads;
    cfg.live = live;
    double v[16];
    for (int r = 0; r < reps; r++) {
        pw_result_t res;
        if (pw_run(w, p, &cfg, &res) != 0)
            return -1;
        v[r] = res.ns_per_op;
    }
    return ml_median(v, (size_t)reps);
}

// ---- runner processes -------------------------------------------------------
//
// `pools-bench --runner NAME` prints, per size, thread count and live count,
//     result SIZE THREADS LIVE MALLOC_NS [LAB_NS ...]
// (the lab's pools only in the glibc runner), or `missing SYMBOL`.

static int runner_main(const char *name)
{
    const struct peer *pe = NULL;
    for (int i = 0; i < NPEERS; i++)
        if (strcmp(peers[i].name, name) == 0)
            pe = &peers[i];
    if (!pe) {
        printf("error unknown runner %s\n", name);
        return 2;
    }
    if (pe->symbol && !dlsym(RTLD_DEFAULT, pe->symbol)) {
        printf("missing %s\n", pe->symbol);
        return 1;
    }
    bool lab = pe->lib == NULL;
    static const size_t lives[] = { 1, 16 };
    for (size_t l = 0; l < 2; l++)
        for (int t = 1; t <= 2; t++)
            for (size_t i = 0; i < NSIZES; i++) {
                printf("result %zu %d %zu %.3f", sizes[i], t, lives[l],
                       churn_ns(PW_MALLOC, sizes[i], t, lives[l]));
                for (int k = 0; lab && k < NLAB; k++)
                    printf(" %.3f", churn_ns(lab_pools[k], sizes[i], t, lives[l]));
                printf("\n");
                fflush(stdout);
            }
    return 0;
}

// run_peer — start a runner for peer `pe` and read its lines into
// ns[live][threads-1][size][0 = malloc, 1.. = lab pools]. Returns 0, or -1
// with the reason in why.
static int run_peer(const struct peer *pe, double ns[2][2][NSIZES][1 + NLAB], char *why, size_t len)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        snprintf(why, len, "cannot find this program's path");
        return -1;
    }
    self[n] = '\0';
    char repsbuf[16], opsbuf[32];
    snprintf(repsbuf, sizeof repsbuf, "%d", reps);
    snprintf(opsbuf, sizeof opsbuf, "%zu", churn_ops);
    char *argv[] = { self, "--runner", (char *)pe->name, "--reps", repsbuf, "--ops", opsbuf, NULL };
    // The environment without LD_PRELOAD, plus the peer's library.
    size_t ne = 0;
    while (environ[ne])
        ne++;
    char **env = calloc(ne + 2, sizeof *env), preload[PATH_MAX + 16];
    size_t k = 0;
    for (size_t i = 0; i < ne; i++)
        if (strncmp(environ[i], "LD_PRELOAD=", 11) != 0)
            env[k++] = environ[i];
    if (pe->lib) {
        snprintf(preload, sizeof preload, "LD_PRELOAD=%s", pe->lib);
        env[k++] = preload;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        free(env);
        snprintf(why, len, "pipe: %s", strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int err = posix_spawn(&pid, self, &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    free(env);
    if (err) {
        close(fds[0]);
        snprintf(why, len, "cannot start a runner: %s", strerror(err));
        return -1;
    }
    FILE *in = fdopen(fds[0], "r");
    char line[512], missing[64] = "";
    size_t got = 0;
    while (fgets(line, sizeof line, in)) {
        size_t size, live;
        int t, off;
        double m;
        if (sscanf(line, "result %zu %d %zu %lf%n", &size, &t, &live, &m, &off) == 4) {
            size_t si = 0;
            while (si < NSIZES && sizes[si] != size)
                si++;
            if (si == NSIZES || t < 1 || t > 2 || (live != 1 && live != 16))
                continue;
            double *row = ns[live == 16][t - 1][si];
            row[0] = m;
            char *p = line + off;
            for (int j = 1; j <= NLAB; j++)
                row[j] = strtod(p, &p);
            got++;
        } else {
            sscanf(line, "missing %63s", missing);
        }
    }
    fclose(in);
    int st;
    waitpid(pid, &st, 0);
    if (missing[0]) {
        snprintf(why, len, "not installed (%s could not be preloaded)", pe->lib);
        return -1;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || got != 4 * NSIZES) {
        snprintf(why, len, "the runner failed");
        return -1;
    }
    return 0;
}

// ---- the arena's cost per allocation ------------------------------------------

static volatile uintptr_t sink;

static double arena_ns_per_alloc(void)
{
    ml_pageheap_t *h = ml_pageheap_new((size_t)1 << 30);
    arena_t a;
    double v[16];
    arena_init(&a, h, 1u << 20);
    for (int r = 0; r < reps; r++) {
        uint64_t t0 = ml_thread_cpu_ns();
        uintptr_t x = 0;
        for (int q = 0; q < 50; q++) {
            for (int i = 0; i < 20000; i++) {
                uintptr_t *p = arena_alloc(&a, 48, 8);
                x ^= (uintptr_t)p;
            }
            arena_reset(&a);
        }
        v[r] = (double)(ml_thread_cpu_ns() - t0) / (50.0 * 20000);
        sink = x;
    }
    arena_destroy(&a);
    ml_pageheap_destroy(h);
    return ml_median(v, (size_t)reps);
}

// ---- the victim cache -------------------------------------------------------------
//
// Bursty cycles: each cycle gets `burst[c]` objects, uses them, puts them
// back, then a collection runs (pool_gc). We count the new_fn calls (objects
// the pool could not give) and the objects the pool keeps after each gc.

static size_t made;
static void *vic_new(void *arg)
{
    (void)arg;
    made++;
    return malloc(64);
}
static void vic_free(void *p, void *arg)
{
    (void)arg;
    free(p);
}

static int write_victim(const char *dir)
{
    static const size_t burst[] = { 1000, 1000, 200, 200, 1000, 0, 0, 1000, 500, 0, 0, 0 };
    size_t nb = sizeof burst / sizeof burst[0];
    ml_pageheap_t *h = ml_pageheap_new((size_t)1 << 28);
    spool_t p;
    spool_init(&p, h, vic_new, vic_free, NULL);
    void **held = calloc(1000, sizeof *held);
    ml_outfile_t o;
    FILE *f = ml_outfile_open_in(&o, dir, "victim.csv");
    if (!f)
        return ml_outfile_fail(&o, "pools-bench");
    fprintf(f, "cycle (n),burst (objects),new_fn calls (count),kept after pool_gc (objects),"
               "in the victim after pool_gc (objects)\n");
    for (size_t c = 0; c < nb; c++) {
        size_t before = made;
        for (size_t i = 0; i < burst[c]; i++)
            held[i] = spool_get(&p);
        for (size_t i = 0; i < burst[c]; i++)
            spool_put(&p, held[i]);
        pool_gc();
        size_t v, kept = spool_count(&p, &v);
        fprintf(f, "%zu,%zu,%zu,%zu,%zu\n", c + 1, burst[c], made - before, kept, v);
    }
    spool_destroy(&p);
    ml_pageheap_destroy(h);
    free(held);
    if (ml_outfile_commit(&o) != 0)
        return ml_outfile_fail(&o, "pools-bench");
    return 0;
}

// ---- memory held ------------------------------------------------------------------

static int write_memory(const char *dir)
{
    ml_outfile_t o;
    FILE *f = ml_outfile_open_in(&o, dir, "memory.csv");
    if (!f)
        return ml_outfile_fail(&o, "pools-bench");
    fprintf(f, "run,live KiB the workload needed (malloc run),peak (KiB),"
               "held after the workload (KiB)\n");
    static const struct {
        pw_work_t w;
        size_t live, size;
        const char *label;
    } runs[] = {
        { PW_CHURN, 256, 256, "churn 256 x 256 B" },
        { PW_BUFFERS, 64, 0, "buffers, 64 in flight" },
        { PW_TREE, 0, 0, "tree, 1000 nodes" },
    };
    for (size_t k = 0; k < 3; k++)
        for (int p = 1; p < PW_NPOOLS; p++) {
            if (!pw_supported(runs[k].w, p))
                continue;
            pw_config_t cfg = pw_default_config();
            cfg.ops = 100000;
            if (runs[k].live)
                cfg.live = runs[k].live;
            if (runs[k].size)
                cfg.size = runs[k].size;
            pw_result_t r, m;
            if (pw_run(runs[k].w, p, &cfg, &r) != 0 || pw_run(runs[k].w, PW_MALLOC, &cfg, &m) != 0)
                continue;
            fprintf(f, "\"%s: %s\",%.1f,%.1f,%.1f\n", runs[k].label, pw_pool_name(p),
                    (double)m.peak / 1024, (double)r.peak / 1024, (double)r.held / 1024);
        }
    if (ml_outfile_commit(&o) != 0)
        return ml_outfile_fail(&o, "pools-bench");
    return 0;
}

// ---- main ---------------------------------------------------------------------

static void usage(FILE *out)
{
    fprintf(out, "usage: pools-bench --out DIR [--quick] [--reps N]\n"
                 "Times the pools lab's pools against glibc, jemalloc and mimalloc and writes\n"
                 "DIR/churn.csv, memory.csv, victim.csv and targets.txt.\n"
                 "  -o, --out DIR   where the data goes (made if missing)\n"
                 "  -q, --quick     fewer operations (a smoke run)\n"
                 "  -r, --reps N    runs per figure, the median kept (default 5)\n");
}

int main(int argc, char **argv)
{
    const char *out = NULL, *runner = NULL;
    static const struct option longopts[] = {
        { "out", required_argument, NULL, 'o' },
        { "quick", no_argument, NULL, 'q' },
        { "reps", required_argument, NULL, 'r' },
        { "runner", required_argument, NULL, 'R' },
        { "ops", required_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    for (int c; (c = getopt_long(argc, argv, "o:qr:h", longopts, NULL)) != -1;) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'q': churn_ops = 20000; break;
        case 'r':
            reps = atoi(optarg);
            if (reps < 1 || reps > 15) {
                fprintf(stderr, "pools-bench: --reps wants 1 to 15, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'R': runner = optarg; break;
        case 'n': churn_ops = strtoull(optarg, NULL, 10); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (runner)
        return runner_main(runner);
    if (!out) {
        usage(stderr);
        return 2;
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "pools-bench: cannot make %s: %s\n", out, strerror(errno));
        return 1;
    }

    // ns[peer][live][threads][size][malloc + lab pools]
    static double ns[NPEERS][2][2][NSIZES][1 + NLAB];
    bool have[NPEERS] = { false };
    char why[NPEERS][256]; // why a peer is left out of the charts
    for (int i = 0; i < NPEERS; i++) {
        printf("churn through %s ...\n", peers[i].name);
        fflush(stdout);
        have[i] = run_peer(&peers[i], ns[i], why[i], sizeof why[i]) == 0;
        if (!have[i])
            printf("  left out: %s: %s\n", peers[i].name, why[i]);
    }
    if (!have[0]) {
        fprintf(stderr, "pools-bench: the glibc runner failed\n");
        return 1;
    }
    ml_outfile_t o;
    FILE *f = ml_outfile_open_in(&o, out, "churn.csv");
    if (!f)
        return ml_outfile_fail(&o, "pools-bench");
    // A peer left out is named at the top (plots.sh prints it under the
    // chart); its columns stay, all NaN. One row per size; columns per
    // (allocator, threads), one held object.
    for (int i = 0; i < NPEERS; i++)
        if (!have[i])
            fprintf(f, "# left out: %s: %s\n", peers[i].name, why[i]);
    fprintf(f, "size (bytes)");
    for (int t = 1; t <= 2; t++) {
        for (int i = 0; i < NPEERS; i++)
            fprintf(f, ",%s %dT (ns)", peers[i].name, t);
        for (int k = 0; k < NLAB; k++)
            fprintf(f, ",%s %dT (ns)", pw_pool_name(lab_pools[k]), t);
    }
    fprintf(f, "\n");
    for (size_t s = 0; s < NSIZES; s++) {
        fprintf(f, "%zu", sizes[s]);
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < NPEERS; i++)
                if (have[i])
                    fprintf(f, ",%.2f", ns[i][0][t][s][0]);
                else
                    fprintf(f, ",NaN");
            for (int k = 0; k < NLAB; k++)
                fprintf(f, ",%.2f", ns[0][0][t][s][1 + k]);
        }
        fprintf(f, "\n");
    }
    if (ml_outfile_commit(&o) != 0)
        return ml_outfile_fail(&o, "pools-bench");
    if (write_memory(out) != 0 || write_victim(out) != 0)
        return 1;

    // The targets, from this run.
    size_t i64 = 1; // 64 B
    double fix16 = ns[0][1][0][i64][1], glibc16 = ns[0][1][0][i64][0];
    double fix1 = ns[0][0][0][i64][1], glibc1 = ns[0][0][0][i64][0];
    double sp1 = ns[0][0][0][i64][2], mi1 = have[2] ? ns[2][0][0][i64][0] : 0;
    double arena = arena_ns_per_alloc();
    f = ml_outfile_open_in(&o, out, "targets.txt");
    if (!f)
        return ml_outfile_fail(&o, "pools-bench");
    FILE *outs[2] = { stdout, f };
    for (int k = 0; k < 2; k++) {
        FILE *w = outs[k];
        fprintf(w, "pools targets (64 B objects, median of %d runs, %zu ops each):\n", reps,
                churn_ops);
        fprintf(
            w,
            "  fixpool vs glibc malloc/free, 16 held: %.2f vs %.2f ns = %.1fx (target >= 5x): %s\n",
            fix16, glibc16, glibc16 / fix16, glibc16 / fix16 >= 5 ? "met" : "NOT met");
        fprintf(
            w,
            "  fixpool vs glibc malloc/free, 1 held:  %.2f vs %.2f ns = %.1fx (tcache's best case)\n",
            fix1, glibc1, glibc1 / fix1);
        fprintf(w, "  arena_alloc (48 B, 8-aligned): %.2f ns per allocation (target <= 2 ns): %s\n",
                arena, arena <= 2 ? "met" : "NOT met");
        if (have[2])
            fprintf(
                w,
                "  spool vs mimalloc, churn (get, use, put): %.2f vs %.2f ns = %.2fx (target > 1x): %s\n",
                sp1, mi1, mi1 / sp1, sp1 < mi1 ? "met" : "NOT met");
        else
            fprintf(w, "  spool vs mimalloc: mimalloc is not installed; not measured\n");
    }
    if (ml_outfile_commit(&o) != 0)
        return ml_outfile_fail(&o, "pools-bench");
    printf("data in %s/\n", out);
    return 0;
}
