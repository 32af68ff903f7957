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
//   store-cost.csv        nanoseconds per pointer store in one loop: plain C
//                         stores (no barrier compiled in), ml_gc_write_ptr
//                         with no cycle running (the barrier's fast path:
//                         one flag test), and ml_gc_write_ptr while marking
//                         runs under each barrier; medians of repeated runs
//                         taken in turns, and ratios to the plain store.
// Target (DESIGN.md §8): the hybrid barrier with GC off costs ≤ 5 % more
// than a plain store.
//
//   build/<impl>/bench/write-barrier --out DIR [--quick] [--reps N]
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cost.h"
#include "memlab/clock.h"
#include "marker.h"
#include "run.h"
#include "workload.h"

// A denser heap than the grading workloads' (whose sparse graphs make
// single paths, good at losing objects): about half the objects are live.
#define EDGE_P 0.6

static const char *const titles[WB_NKINDS] = {"none", "Dijkstra", "Yuasa", "hybrid"};

typedef struct sample {
    double floating_pct, floating, lost, start, term, rescan, drained;
} sample_t;

// measure — one cycle of the random workload (objects, seed) under `kind`:
// a mutator running beside the marker (coin 0.5, budget 1), as the
// program runs it. Returns 0, or -1 with a message on stderr.
static int measure(size_t objects, uint64_t seed, wb_kind_t kind, sample_t *out)
{
    char why[512];
    wb_workload_cfg_t wc = wb_workload_default(objects, seed);
    wc.edge_p = EDGE_P;
    wb_world_t *w = wb_workload_world(&wc, why, sizeof why);
    wb_random_t *rm = w ? wb_random_new(w, &wc) : NULL;
    wb_run_cfg_t cfg = {.budget = 1, .seed = seed, .p_mutator = 0.5};
    wb_run_t *r = rm ? wb_run_new(w, kind, &cfg, why, sizeof why) : NULL;
    int rc = -1;
    if (r) {
        wb_mutator_t mut = wb_random_mutator(rm);
        wb_cycle_result_t res;
        if (wb_run_cycle(r, &mut, &res, why, sizeof why) == 0) {
            out->floating = (double)res.floating;
            out->floating_pct = res.reachable ? 100.0 * (double)res.floating / (double)res.reachable : 0;
            out->lost = (double)res.lost;
            out->start = (double)res.mk.start_work;
            out->term = (double)res.term_work;
            out->rescan = (double)(res.mk.rescan_slots + res.mk.rescan_globals);
            out->drained = (double)res.mk.term_drained;
            rc = 0;
        }
    }
    if (rc)
        fprintf(stderr, "write-barrier bench: %zu objects, seed %llu, %s: %s\n", objects, (unsigned long long)seed,
                wb_kind_names[kind], w && rm ? why : "out of memory");
    wb_run_free(r);
    wb_random_free(rm);
    wb_world_free(w);
    return rc;
}

static FILE *open_csv(const char *dir, const char *name, char *tmp, size_t len)
{
    snprintf(tmp, len, "%s/.%s.tmp", dir, name);
    FILE *f = fopen(tmp, "w");
    if (!f)
        fprintf(stderr, "write-barrier bench: %s: %s\n", tmp, strerror(errno));
    return f;
}

static int close_csv(FILE *f, const char *dir, const char *name, const char *tmp)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (fclose(f) || rename(tmp, path)) {
        fprintf(stderr, "write-barrier bench: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int bench_workloads(const char *dir, const size_t *sizes, size_t nsizes, int seeds)
{
    char t1[4096], t2[4096];
    FILE *fg = open_csv(dir, "floating-garbage.csv", t1, sizeof t1);
    FILE *rw = fg ? open_csv(dir, "rescan-work.csv", t2, sizeof t2) : NULL;
    if (!fg || !rw)
        return -1;
    fprintf(fg, "heap objects,none,Dijkstra,Yuasa,hybrid,none (objects),Dijkstra (objects),Yuasa (objects),"
                "hybrid (objects),none lost (objects)\n");
    fprintf(rw, "heap objects,Dijkstra at start,Dijkstra at termination,Yuasa at start,Yuasa at termination,"
                "hybrid at start,hybrid at termination,Dijkstra re-scanned,Dijkstra drained after re-scan\n");
    printf("floating garbage and stop-the-world work, one cycle of a random workload (mean of %d seeds)\n", seeds);
    printf("  %8s  %-9s %12s %12s %10s %12s %10s\n", "objects", "barrier", "floating", "(% of live)", "lost",
           "STW start", "STW term");
    for (size_t i = 0; i < nsizes; i++) {
        sample_t mean[WB_NKINDS];
        memset(mean, 0, sizeof mean);
        for (int k = 0; k < WB_NKINDS; k++)
            for (int s = 0; s < seeds; s++) {
                sample_t x;
                if (measure(sizes[i], (uint64_t)(1 + s), (wb_kind_t)k, &x))
                    return -1;
                mean[k].floating += x.floating / seeds;
                mean[k].floating_pct += x.floating_pct / seeds;
                mean[k].lost += x.lost / seeds;
                mean[k].start += x.start / seeds;
                mean[k].term += x.term / seeds;
                mean[k].rescan += x.rescan / seeds;
                mean[k].drained += x.drained / seeds;
            }
        for (int k = 0; k < WB_NKINDS; k++)
            printf("  %8zu  %-9s %12.1f %11.2f%% %10.1f %12.1f %10.1f\n", sizes[i], titles[k], mean[k].floating,
                   mean[k].floating_pct, mean[k].lost, mean[k].start, mean[k].term);
        fprintf(fg, "%zu,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f,%.1f,%.1f,%.1f\n", sizes[i], mean[0].floating_pct,
                mean[1].floating_pct, mean[2].floating_pct, mean[3].floating_pct, mean[0].floating, mean[1].floating,
                mean[2].floating, mean[3].floating, mean[0].lost);
        fprintf(rw, "%zu,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f\n", sizes[i], mean[1].start, mean[1].term,
                mean[2].start, mean[2].term, mean[3].start, mean[3].term, mean[1].rescan, mean[1].drained);
    }
    if (close_csv(fg, dir, "floating-garbage.csv", t1)) {
        fclose(rw);
        return -1;
    }
    return close_csv(rw, dir, "rescan-work.csv", t2);
}

// cost_runs — ns per store of every variant for one pattern: a heap of its
// own per barrier kind (with that kind's marker); the plain and GC-off
// medians come from the runs of all kinds together.
static int cost_runs(wb_cost_pattern_t pattern, size_t stores, int reps, double *rawm, double *offm, double *chkm,
                     double *on)
{
    char why[256];
    double raw[WB_NKINDS * 64], off[WB_NKINDS * 64], chk[WB_NKINDS * 64];
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
        for (int r = 0; r < reps && rc == 0; r++) {
            wb_cost_t c;
            if ((rc = wb_cost_measure(w->heap, m, pattern, 4096, stores, 1, &c)) == 0) {
                raw[n] = c.raw_ns;
                chk[n] = c.check_ns;
                off[n++] = c.off_ns;
                onr[r] = c.on_ns;
            }
        }
        if (rc == 0)
            on[k] = ml_median(onr, (size_t)reps);
        ml_gc_set_collector(w->heap, NULL);
        wb_marker_free(m);
        wb_world_free(w);
        if (rc) {
            fprintf(stderr, "write-barrier bench: out of memory\n");
            return -1;
        }
    }
    *rawm = ml_median(raw, n);
    *offm = ml_median(off, n);
    *chkm = ml_median(chk, n);
    return 0;
}

static int bench_store_cost(const char *dir, size_t stores, int reps)
{
    char tmp[4096];
    double raw[2], off[2], chk[2], on[2][WB_NKINDS];
    static const char *const pname[2] = {"random slots", "sequential slots"};
    for (int p = 0; p < 2; p++)
        if (cost_runs((wb_cost_pattern_t)p, stores, reps, &raw[p], &off[p], &chk[p], on[p]))
            return -1;
    FILE *f = open_csv(dir, "store-cost.csv", tmp, sizeof tmp);
    if (!f)
        return -1;
    fprintf(f, "variant,random slots (ns),sequential slots (ns),random slots (ratio),sequential slots (ratio)\n");
    fprintf(f, "plain store,%.3f,%.3f,1.000,1.000\n", raw[0], raw[1]);
    fprintf(f, "GC off (fast path),%.3f,%.3f,%.3f,%.3f\n", off[0], off[1], off[0] / raw[0], off[1] / raw[1]);
    fprintf(f, "GC off (flag test only),%.3f,%.3f,%.3f,%.3f\n", chk[0], chk[1], chk[0] / raw[0], chk[1] / raw[1]);
    for (int k = 0; k < WB_NKINDS; k++)
        fprintf(f, "marking: %s,%.3f,%.3f,%.3f,%.3f\n", titles[k], on[0][k], on[1][k], on[0][k] / raw[0],
                on[1][k] / raw[1]);
    printf("cost per pointer store (%zu stores into the slots of 4096 objects; medians of %d runs per barrier, "
           "plain and GC off over all %d)\n", stores, reps, reps * WB_NKINDS);
    printf("  %-38s %16s %18s\n", "", pname[0], pname[1]);
    printf("  %-38s %10.2f ns      %10.2f ns\n", "plain store (no barrier compiled in)", raw[0], raw[1]);
    printf("  %-38s %10.2f ns %+5.1f%% %10.2f ns %+5.1f%%\n", "barrier compiled in, GC off", off[0],
           (off[0] / raw[0] - 1) * 100, off[1], (off[1] / raw[1] - 1) * 100);
    printf("  %-38s %10.2f ns %+5.1f%% %10.2f ns %+5.1f%%\n", "  of which the flag test alone", chk[0],
           (chk[0] / raw[0] - 1) * 100, chk[1], (chk[1] / raw[1] - 1) * 100);
    for (int k = 0; k < WB_NKINDS; k++)
        printf("  %-38s %10.2f ns %5.2fx %10.2f ns %5.2fx\n",
               k == 0 ? "marking, hook but no barrier (none)" : k == 1 ? "marking, Dijkstra"
               : k == 2 ? "marking, Yuasa" : "marking, hybrid",
               on[0][k], on[0][k] / raw[0], on[1][k], on[1][k] / raw[1]);
    printf("  target: the barrier with GC off within +5%% of a plain store: %s (random), %s (sequential)\n",
           off[0] / raw[0] <= 1.05 ? "met" : "NOT met", off[1] / raw[1] <= 1.05 ? "met" : "NOT met");
    return close_csv(f, dir, "store-cost.csv", tmp);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: write-barrier-bench --out DIR [--quick] [--reps N]\n"
            "Floating garbage and stop-the-world work per barrier over heap sizes, and the\n"
            "cost of a pointer store. Writes DIR/floating-garbage.csv, DIR/rescan-work.csv\n"
            "and DIR/store-cost.csv.\n"
            "  --quick    smaller heaps, fewer seeds and repetitions\n"
            "  --reps N   repetitions of each store-cost run (default 11, at most 64)\n");
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    int reps = 11, seeds = 5;
    bool quick = false;
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'}, {"quick", no_argument, NULL, 'q'},
        {"reps", required_argument, NULL, 'r'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    for (int c; (c = getopt_long(argc, argv, "o:qr:h", longopts, NULL)) != -1;) {
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
    static const size_t sizes[] = {250, 1000, 4000, 16000, 64000};
    size_t nsizes = quick ? 3 : 5;
    if (quick)
        seeds = 3, reps = reps < 5 ? reps : 5;
    if (bench_workloads(out, sizes, nsizes, seeds) || bench_store_cost(out, quick ? 500000 : 2000000, reps))
        return 1;
    return 0;
}
