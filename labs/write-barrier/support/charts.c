// charts.c — chart data from workloads run under every barrier (charts.h).
#include "support/charts.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/outfile.h"
#include "support/run.h"
#include "support/workload.h"

static const char *const titles[WB_NKINDS] = { "none", "Dijkstra", "Yuasa", "hybrid" };

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
    wc.edge_p = WB_CHARTS_EDGE_P;
    wb_world_t *w = wb_workload_world(&wc, why, sizeof why);
    wb_random_t *rm = w ? wb_random_new(w, &wc) : NULL;
    wb_run_cfg_t cfg = { .budget = 1, .seed = seed, .p_mutator = 0.5 };
    wb_run_t *r = rm ? wb_run_new(w, kind, &cfg, why, sizeof why) : NULL;
    int rc = -1;
    if (r) {
        wb_mutator_t mut = wb_random_mutator(rm);
        wb_cycle_result_t res;
        if (wb_run_cycle(r, &mut, &res, why, sizeof why) == 0) {
            out->floating = (double)res.floating;
            out->floating_pct =
                res.reachable ? 100.0 * (double)res.floating / (double)res.reachable : 0;
            out->lost = (double)res.lost;
            out->start = (double)res.mk.start_work;
            out->term = (double)res.term_work;
            out->rescan = (double)(res.mk.rescan_slots + res.mk.rescan_globals);
            out->drained = (double)res.mk.term_drained;
            rc = 0;
        }
    }
    if (rc)
        fprintf(stderr, "write-barrier charts: %zu objects, seed %llu, %s: %s\n", objects,
                (unsigned long long)seed, wb_kind_names[kind], w && rm ? why : "out of memory");
    wb_run_free(r);
    wb_random_free(rm);
    wb_world_free(w);
    return rc;
}

int wb_charts_workloads(const char *dir, const size_t *sizes, size_t nsizes, int seeds,
                        FILE *summary)
{
    ml_outfile_t fo, ro;
    FILE *fg = ml_outfile_open_in(&fo, dir, "floating-garbage.csv");
    if (!fg)
        return ml_outfile_fail(&fo, "write-barrier charts");
    FILE *rw = ml_outfile_open_in(&ro, dir, "rescan-work.csv");
    if (!rw) {
        ml_outfile_fail(&ro, "write-barrier charts");
        goto fail;
    }
    fprintf(fg,
            "heap objects (count),none (%% of reachable),Dijkstra (%% of reachable),Yuasa (%% of "
            "reachable),hybrid (%% of reachable),none (objects),Dijkstra (objects),Yuasa (objects),"
            "hybrid (objects),none lost (objects)\n");
    fprintf(
        rw,
        "heap objects (count),Dijkstra at start (slots + objects),Dijkstra at termination (slots + "
        "objects),Yuasa at start (slots + objects),Yuasa at termination (slots + objects),hybrid at "
        "start (slots + objects),hybrid at termination (slots + objects),Dijkstra re-scanned "
        "(slots),Dijkstra drained after re-scan (objects)\n");
    if (summary)
        fprintf(
            summary,
            "floating garbage and stop-the-world work, one cycle of a random workload (mean of %d "
            "seeds; work: stack slots scanned + objects drained)\n"
            "  %12s  %-9s %18s %12s %14s %16s %15s\n",
            seeds, "heap objects", "barrier", "floating (objects)", "floating (%)",
            "lost (objects)", "STW start (work)", "STW term (work)");
    for (size_t i = 0; i < nsizes; i++) {
        sample_t mean[WB_NKINDS];
        memset(mean, 0, sizeof mean);
        for (int k = 0; k < WB_NKINDS; k++)
            for (int s = 0; s < seeds; s++) {
                sample_t x;
                if (measure(sizes[i], (uint64_t)(1 + s), (wb_kind_t)k, &x))
                    goto fail;
                mean[k].floating += x.floating / seeds;
                mean[k].floating_pct += x.floating_pct / seeds;
                mean[k].lost += x.lost / seeds;
                mean[k].start += x.start / seeds;
                mean[k].term += x.term / seeds;
                mean[k].rescan += x.rescan / seeds;
                mean[k].drained += x.drained / seeds;
            }
        for (int k = 0; summary && k < WB_NKINDS; k++)
            fprintf(summary, "  %12zu  %-9s %18.1f %11.2f%% %14.1f %16.1f %15.1f\n", sizes[i],
                    titles[k], mean[k].floating, mean[k].floating_pct, mean[k].lost, mean[k].start,
                    mean[k].term);
        fprintf(fg, "%zu,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f,%.1f,%.1f,%.1f\n", sizes[i],
                mean[0].floating_pct, mean[1].floating_pct, mean[2].floating_pct,
                mean[3].floating_pct, mean[0].floating, mean[1].floating, mean[2].floating,
                mean[3].floating, mean[0].lost);
        fprintf(rw, "%zu,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f\n", sizes[i], mean[1].start,
                mean[1].term, mean[2].start, mean[2].term, mean[3].start, mean[3].term,
                mean[1].rescan, mean[1].drained);
    }
    if (ml_outfile_commit(&fo) != 0) {
        ml_outfile_fail(&fo, "write-barrier charts");
        goto fail;
    }
    return ml_outfile_commit(&ro) == 0 ? 0 : ml_outfile_fail(&ro, "write-barrier charts");
fail:
    ml_outfile_abort(&fo);
    ml_outfile_abort(&ro);
    return -1;
}
