// write-barrier.c — benchmarks of the write-barrier lab's barriers
// (barrier.c, linked as the student's file or the reference solution),
// beside the lab's incremental marker, on seeded random workloads:
//
//   floating-garbage.csv  objects that are unreachable at mark termination
//                         but marked, so they survive the cycle, in % of the
//                         reachable objects, per barrier, over heap sizes
//                         (means over seeds; absolute counts too);
//   rescan-work.csv       stop-the-world work per cycle — stack slots
//                         snapshotted at the start, and at termination stack
//                         slots and globals re-scanned plus objects drained
//                         after the re-scan — per barrier, over heap sizes;
//   store-cost.csv        nanoseconds per pointer store in two loops
//                         (random and sequential slots): plain C stores (no
//                         barrier compiled in) through an inline function
//                         called as ml_gc_write_ptr is — the barrier loop's
//                         code without the barrier, the baseline of every
//                         ratio — and written `*slot = val` (for which gcc
//                         loads the slot before the value, an order that
//                         alone costs several % in the sequential loop; the
//                         ratios used to be taken against that loop, which
//                         credited the barrier with that difference),
//                         ml_gc_write_ptr with no cycle
//                         running and store counting off (the barrier's fast
//                         path: one flag test), the same with the core's
//                         store counting on (opt-in), GC off again in
//                         the loop that ran the counted stores (the pass
//                         right after a counted one: what a store site
//                         pays while the processor still expects its slow
//                         path; the GC-off row uses a copy of the loop that
//                         never runs it), GC off in that copy built with
//                         GCC's -fsplit-loops (an -O3 pass: the flag test
//                         leaves the loop once a store took the fast path;
//                         the plain loop's code is the same with or
//                         without it), and
//                         ml_gc_write_ptr while marking runs under each
//                         barrier (counting on); medians of repeated runs
//                         taken in turns, and ratios to the plain store
//                         (for GC off: medians of back-to-back pairs).
// Target: the hybrid barrier with GC off costs at most 5 % more than a
// plain store (the handout, labs/write-barrier/README.md, says why), both
// built as the project builds (gcc -O2): the "met" line judges that row,
// not the -fsplit-loops one.
//
// The peer: Go's own barrier test, measured on the same machine in the same
// run. labs/write-barrier/data/go/storecost.go runs the same two loops in Go
// storing a *node (Go's compiler puts its barrier test before the store)
// and storing a uintptr (no barrier), under GOGC=off, on one locked thread,
// in mirrored order; its rows in store-cost.csv ("Go: ...") are ratios to
// its own uintptr store. Go cannot compile a pointer store without its
// barrier, so its "plain" store is a uintptr one: the same word written
// with a non-pointer type. Without a Go toolchain (or with --no-go) the
// peer is named in a `# left out: Go: ...` line instead.
//
//   build/<impl>/bench/write-barrier --out DIR [--quick] [--reps N] [--no-go]
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support/cost.h"
#include "memlab/clock.h"
#include "memlab/outfile.h"
#include "support/marker.h"
#include "support/run.h"
#include "support/charts.h"
#include "support/workload.h"

static const char *const titles[WB_NKINDS] = { "none", "Dijkstra", "Yuasa", "hybrid" };

// The store-cost variants of one pattern (see support/cost.h).
enum { V_RAW, V_ASSIGN, V_OFF, V_CNT, V_AFT, V_SPL, NV };

// The figures of one pattern: per variant the median ns per store and the
// median of its per-run ratios to the plain store; the GC-off store's
// ratio to the plain store written as an assignment; per barrier kind the
// median ns per store while marking.
typedef struct cost_fig {
    double ns[NV], ratio[NV];
    double off_vs_assign;
    double on[WB_NKINDS];
} cost_fig_t;

// cost_runs — ns per store of every variant for one pattern: a heap of its
// own per barrier kind (with that kind's marker); the plain and GC-off
// medians come from the runs of all kinds together. The GC-off ratios are
// medians of the ratios of runs made back to back (each run of
// wb_cost_measure times the plain, GC-off and counted loops in turn): on a
// shared machine the load drifts between runs, and a pair sees the same
// load, so the median of pairs is steadier than the ratio of medians.
static int cost_runs(wb_cost_pattern_t pattern, size_t stores, int reps, cost_fig_t *fig)
{
    char why[256];
    static double v[NV][WB_NKINDS * 64], r[NV][WB_NKINDS * 64], oa[WB_NKINDS * 64];
    size_t n = 0;
    for (int k = 0; k < WB_NKINDS; k++) {
        wb_workload_cfg_t wc = wb_workload_default(1000, 1);
        wb_world_t *w = wb_workload_world(&wc, why, sizeof why);
        wb_marker_t *m = w ? wb_marker_new(w->heap, (wb_kind_t)k) : NULL;
        if (!m) {
            fprintf(stderr, "write-barrier bench: %s\n", w ? "out of memory" : why);
            wb_world_free(w);
            return -1;
        }
        ml_gc_collector_t t = wb_marker_collector(m);
        ml_gc_set_collector(w->heap, &t);
        double onr[64];
        int rc = 0;
        for (int rep = 0; rep < reps && rc == 0; rep++) {
            wb_cost_t c;
            if ((rc = wb_cost_measure(w->heap, m, pattern, 4096, stores, 1, &c)) == 0) {
                v[V_RAW][n] = c.raw_ns;
                v[V_ASSIGN][n] = c.assign_ns;
                v[V_OFF][n] = c.off_ns;
                v[V_CNT][n] = c.counted_ns;
                v[V_AFT][n] = c.after_slow_ns;
                v[V_SPL][n] = c.split_ns;
                for (int i = 0; i < NV; i++)
                    r[i][n] = v[i][n] / c.raw_ns;
                oa[n++] = c.off_ns / c.assign_ns;
                onr[rep] = c.on_ns;
            }
        }
        if (rc == 0)
            fig->on[k] = ml_median(onr, (size_t)reps);
        ml_gc_set_collector(w->heap, NULL);
        wb_marker_free(m);
        wb_world_free(w);
        if (rc) {
            fprintf(stderr, "write-barrier bench: out of memory\n");
            return -1;
        }
    }
    for (int i = 0; i < NV; i++) {
        fig->ns[i] = ml_median(v[i], n);
        fig->ratio[i] = ml_median(r[i], n);
    }
    fig->off_vs_assign = ml_median(oa, n);
    return 0;
}

// ---- the peer: Go's barrier test (labs/write-barrier/data/go/storecost.go) ----------------

#define GO_SRC "labs/write-barrier/data/go/storecost.go"

// go_store_cost — build and run the Go loops in `dir` (absolute, no quote):
// ns per store of Go's uintptr store (word) and pointer store (ptr) and the
// median of their per-round ratios, per pattern (0 random, 1 sequential),
// and Go's version. false, with the reason in `why`, when Go is missing,
// the build or the run fails, or its output is not what storecost.go
// prints.
static bool go_store_cost(const char *dir, int rounds, size_t stores, double word[2], double ptr[2],
                          double ratio[2], char *ver, size_t verlen, char *why, size_t whylen)
{
    char src[4096], cmd[16384];
    if (!realpath(GO_SRC, src)) {
        snprintf(why, whylen, "%s not found (run the bench from the repository's root)", GO_SRC);
        return false;
    }
    FILE *p = popen("go version 2>/dev/null", "r");
    char line[256] = "";
    bool have = p && fgets(line, sizeof line, p) && strncmp(line, "go version ", 11) == 0;
    if (p)
        pclose(p);
    if (!have) {
        snprintf(why, whylen, "Go is not installed (scripts/deps.sh --test installs golang-go)");
        return false;
    }
    snprintf(ver, verlen, "%.*s", (int)strcspn(line + 11, " \n"), line + 11);
    if (strchr(dir, '\'') || strchr(src, '\'')) {
        snprintf(why, whylen, "a path with a quote in it");
        return false;
    }
    int n = snprintf(cmd, sizeof cmd,
                     "cd '%s' && GO111MODULE=off go build -o '%s/go-storecost' '%s' "
                     ">'%s/go-build.log' 2>&1",
                     dir, dir, src, dir);
    if (n < 0 || (size_t)n >= sizeof cmd) {
        snprintf(why, whylen, "the output directory's path is too long");
        return false;
    }
    if (system(cmd) != 0) {
        snprintf(why, whylen, "building %s failed (see %.300s/go-build.log)", GO_SRC, dir);
        return false;
    }
    snprintf(cmd, sizeof cmd, "GOGC=off GOMAXPROCS=1 '%s/go-storecost' %d %zu", dir, rounds,
             stores);
    if (!(p = popen(cmd, "r"))) {
        snprintf(why, whylen, "cannot run %.300s/go-storecost", dir);
        return false;
    }
    static const char *const want[2] = { "random", "sequential" };
    int got = 0;
    for (char name[32];
         got < 2 && fscanf(p, "%31s %lf %lf %lf", name, &word[got], &ptr[got], &ratio[got]) == 4 &&
         strcmp(name, want[got]) == 0 && word[got] > 0 && ptr[got] > 0;)
        got++;
    if (pclose(p) != 0 || got != 2) {
        snprintf(why, whylen, "%.300s/go-storecost failed or printed something else", dir);
        return false;
    }
    return true;
}

// One printed row of GC-off figures: ns and % over the plain store.
static void print_row(const char *what, const cost_fig_t fig[2], int i)
{
    printf("  %-38s %10.2f ns %+5.1f%% %10.2f ns %+5.1f%%\n", what, fig[0].ns[i],
           (fig[0].ratio[i] - 1) * 100, fig[1].ns[i], (fig[1].ratio[i] - 1) * 100);
}

static int bench_store_cost(const char *dir, size_t stores, int reps, bool use_go)
{
    static cost_fig_t fig[2];
    static const char *const pname[2] = { "random slots", "sequential slots" };
    for (int p = 0; p < 2; p++)
        if (cost_runs((wb_cost_pattern_t)p, stores, reps, &fig[p]))
            return -1;
    double gw[2], gp[2], gr[2];
    char gover[64] = "", gowhy[600] = "not measured (--no-go)", absdir[4096];
    bool go = use_go;
    if (go && !realpath(dir, absdir)) {
        snprintf(gowhy, sizeof gowhy, "%s: %s", dir, strerror(errno));
        go = false;
    }
    if (go)
        go = go_store_cost(absdir, reps, stores, gw, gp, gr, gover, sizeof gover, gowhy,
                           sizeof gowhy);
    ml_outfile_t out;
    FILE *f = ml_outfile_open_in(&out, dir, "store-cost.csv");
    if (!f)
        return ml_outfile_fail(&out, "write-barrier bench");
    fprintf(
        f,
        "variant,random slots (ns),sequential slots (ns),random slots (ratio),sequential slots (ratio)\n");
    static const char *const rows[NV] = {
        [V_RAW] = "plain store",
        [V_ASSIGN] = "plain store as *slot = val",
        [V_OFF] = "GC off (fast path)",
        [V_CNT] = "GC off + store counting",
        [V_AFT] = "GC off after slow path",
        [V_SPL] = "GC off (-fsplit-loops)",
    };
    for (int i = 0; i < NV; i++)
        fprintf(f, "%s,%.3f,%.3f,%.3f,%.3f\n", rows[i], fig[0].ns[i], fig[1].ns[i], fig[0].ratio[i],
                fig[1].ratio[i]);
    for (int k = 0; k < WB_NKINDS; k++)
        fprintf(f, "marking: %s,%.3f,%.3f,%.3f,%.3f\n", titles[k], fig[0].on[k], fig[1].on[k],
                fig[0].on[k] / fig[0].ns[V_RAW], fig[1].on[k] / fig[1].ns[V_RAW]);
    if (go) {
        fprintf(f, "Go: uintptr store (GOGC=off),%.3f,%.3f,1.000,1.000\n", gw[0], gw[1]);
        fprintf(f, "Go: pointer store (GOGC=off),%.3f,%.3f,%.3f,%.3f\n", gp[0], gp[1], gr[0],
                gr[1]);
    } else {
        fprintf(f, "# left out: Go: %s\n", gowhy);
    }
    printf(
        "cost per pointer store (%zu stores into the slots of 4096 objects, thread CPU time; medians of "
        "%d runs per barrier, plain and GC off over all %d, their %% as the median of back-to-back pairs)\n",
        stores, reps, reps * WB_NKINDS);
    printf("  %-38s %16s %18s\n", "", pname[0], pname[1]);
    printf("  %-38s %10.2f ns      %10.2f ns\n", "plain store (no barrier compiled in)",
           fig[0].ns[V_RAW], fig[1].ns[V_RAW]);
    print_row("  the same written *slot = val", fig, V_ASSIGN);
    print_row("barrier compiled in, GC off", fig, V_OFF);
    printf("  %-38s %10s %+5.1f%% %10s %+5.1f%%\n", "  % over the *slot = val loop", "",
           (fig[0].off_vs_assign - 1) * 100, "", (fig[1].off_vs_assign - 1) * 100);
    print_row("  the same, stores counted (opt-in)", fig, V_CNT);
    print_row("  GC off, the pass after a counted one", fig, V_AFT);
    print_row("  GC off, loop built -fsplit-loops", fig, V_SPL);
    for (int k = 0; k < WB_NKINDS; k++)
        printf("  %-38s %10.2f ns %5.2fx %10.2f ns %5.2fx\n",
               k == 0   ? "marking, hook but no barrier (none)"
               : k == 1 ? "marking, Dijkstra"
               : k == 2 ? "marking, Yuasa"
                        : "marking, hybrid",
               fig[0].on[k], fig[0].on[k] / fig[0].ns[V_RAW], fig[1].on[k],
               fig[1].on[k] / fig[1].ns[V_RAW]);
    if (go) {
        printf("  peer: %s, GOGC=off, the same loops (medians of %d rounds, %% as the median of "
               "pairs)\n",
               gover, reps);
        printf("  %-38s %10.2f ns      %10.2f ns\n", "Go: uintptr store (no barrier)", gw[0],
               gw[1]);
        printf("  %-38s %10.2f ns %+5.1f%% %10.2f ns %+5.1f%%\n", "Go: pointer store (its test)",
               gp[0], (gr[0] - 1) * 100, gp[1], (gr[1] - 1) * 100);
    } else {
        printf("  peer left out: Go: %s\n", gowhy);
    }
    printf("  target: the barrier with GC off within +5%% of a plain store: %s (random), %s "
           "(sequential)\n",
           fig[0].ratio[V_OFF] <= 1.05 ? "met" : "NOT met",
           fig[1].ratio[V_OFF] <= 1.05 ? "met" : "NOT met");
    return ml_outfile_commit(&out) == 0 ? 0 : ml_outfile_fail(&out, "write-barrier bench");
}

static void usage(FILE *out)
{
    fprintf(out, "usage: write-barrier-bench --out DIR [--quick] [--reps N] [--no-go]\n"
                 "Floating garbage and stop-the-world work per barrier over heap sizes, and the\n"
                 "cost of a pointer store, beside Go's own. Writes DIR/floating-garbage.csv,\n"
                 "DIR/rescan-work.csv and DIR/store-cost.csv.\n"
                 "  --quick    smaller heaps, fewer seeds and repetitions\n"
                 "  --reps N   repetitions of each store-cost run (default 21, at most 64)\n"
                 "  --no-go    leave out the peer, Go's own barrier test (needs the go tool)\n");
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    int reps = 21, seeds = 5;
    bool quick = false, use_go = true;
    static const struct option longopts[] = {
        { "out", required_argument, NULL, 'o' },  { "quick", no_argument, NULL, 'q' },
        { "reps", required_argument, NULL, 'r' }, { "no-go", no_argument, NULL, 'g' },
        { "help", no_argument, NULL, 'h' },       { NULL, 0, NULL, 0 },
    };
    for (int c; (c = getopt_long(argc, argv, "o:qr:gh", longopts, NULL)) != -1;) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'q': quick = true; break;
        case 'r':
            reps = atoi(optarg);
            if (reps < 1 || reps > 64) {
                fprintf(stderr, "write-barrier bench: --reps must be 1..64\n");
                return 2;
            }
            break;
        case 'g': use_go = false; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (!out || optind < argc) {
        usage(stderr);
        return 2;
    }
    if (mkdir(out, 0777) && errno != EEXIST) {
        fprintf(stderr, "write-barrier bench: %s: %s\n", out, strerror(errno));
        return 1;
    }
    static const size_t sizes[] = { 250, 1000, 4000, 16000, 64000 };
    size_t nsizes = quick ? 3 : 5;
    if (quick)
        seeds = 3, reps = reps < 11 ? reps : 11;
    if (wb_charts_workloads(out, sizes, nsizes, seeds, stdout) ||
        bench_store_cost(out, quick ? 500000 : 2000000, reps, use_go))
        return 1;
    return 0;
}
