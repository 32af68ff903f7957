// traces.c — the allocator suite's tests on the lab's trace files
// (labs/allocator/data/traces): each trace through the checker, then all of
// them timed against glibc for the performance index (perfindex.h).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/allocators.h"
#include "support/checker.h"
#include "memlab/clock.h"
#include "memlab/grade.h"
#include "memlab/outfile.h"
#include "support/perfindex.h"
#include "support/replay.h"
#include "support/traceset.h"
#include "allocator_suite.h"

// ---- the lab's traces -------------------------------------------------------

// suite_traces_check — the lab's trace `name` through the checker; fails the
// test with the checker's message (file:line of the first bad operation).
void suite_traces_check(const char *name)
{
    const char *dir = traceset_default_dir();
    cr_assert(dir, "internal: cannot find labs/allocator/data/traces");
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    ml_trace_t *t = ml_trace_read(path, err, sizeof err);
    cr_assert(t, "internal: %s", err);
    ml_note("replay it: build/<impl>/bin/allocator -f %s", path);
    checker_result_t r;
    cr_assert(checker_run(t, NULL, &r) == 0, "%s", r.error);
    cr_assert(r.valid, "%s", r.error);
    ml_trace_free(t);
}

// ---- performance ------------------------------------------------------------

// write_chart — $MEMLAB_DATA/score.csv for plots/allocator-score.gp.
static void write_chart(const traceset_t *ts, const double *util, const double *ratio)
{
    const char *dir = getenv("MEMLAB_DATA");
    if (!dir || !*dir)
        return;
    ml_outfile_t out;
    FILE *f = ml_outfile_open_in(&out, dir, "score.csv");
    if (!f) {
        ml_note("cannot write %s: %s (no chart)", out.path, strerror(errno));
        return;
    }
    fprintf(f, "trace,utilization (%%),throughput vs glibc (%%)\n");
    for (size_t i = 0; i < ts->n; i++) {
        char name[256];
        snprintf(name, sizeof name, "%s", checker_trace_name(ts->trace[i]));
        name[strcspn(name, ".")] = '\0';
        fprintf(f, "%s,%.1f,%.1f\n", name, 100 * util[i], 100 * ratio[i]);
    }
    if (ml_outfile_commit(&out) != 0)
        ml_note("cannot write %s: %s (no chart)", out.path, strerror(errno));
}

void suite_perf_utilization_and_throughput_vs_glibc(void)
{
    traceset_t ts = { 0 };
    char err[512];
    const char *dir = traceset_default_dir();
    cr_assert(dir, "internal: cannot find labs/allocator/data/traces");
    cr_assert(traceset_load_dir(&ts, dir, err, sizeof err) == 0, "internal: %s", err);
    double *util = calloc(ts.n, sizeof *util), *ratio = calloc(ts.n, sizeof *ratio);
    double *valid_ratio = calloc(ts.n, sizeof *valid_ratio);
    size_t nvalid = 0, nslow = 0;
    replay_alloc_t *pair[2] = { allocators_mm(), allocators_libc("glibc") };
    if (SUITE_SANITIZED)
        ml_note("sanitizer build: the traces are not timed (a sanitizer's checks cost more "
                "than the allocator); this run is judged on correctness and utilization");
    for (size_t i = 0; i < ts.n; i++) {
        checker_result_t r;
        const char *name = checker_trace_name(ts.trace[i]);
        if (checker_run(ts.trace[i], NULL, &r) != 0 || !r.valid) {
            ml_note("%s: not correct, scores 0: %s", name, r.error);
            continue;
        }
        util[i] = r.utilization;
        if (SUITE_SANITIZED) {
            ml_note("%-22s utilization %5.1f%%", name, 100 * util[i]);
            continue;
        }
        double ops[2] = { 0, 0 };
        replay_time(ts.trace[i], pair, 2, ml_timing_repeats(5), ops);
        ratio[i] = ops[1] > 0 ? ops[0] / ops[1] : 0;
        if (ratio[i] > 0)
            valid_ratio[nvalid++] = ratio[i];
        nslow += ratio[i] > 0 && ratio[i] < PERF_TRACE_CAP;
        ml_note("%-22s utilization %5.1f%%  throughput %6.2f Mops/s = %.2fx glibc%s", name,
                100 * util[i], ops[0] / 1e6, ratio[i],
                ratio[i] > 0 && ratio[i] < PERF_TRACE_CAP ? "  (slower than glibc)" : "");
    }
    double u = 0;
    for (size_t i = 0; i < ts.n; i++)
        u += util[i];
    u /= (double)ts.n;
    if (SUITE_SANITIZED) {
        double uc = u / PERF_UTIL_FULL;
        ml_award(uc, "sanitizer build, not timed: mean utilization %.1f%% (full credit at %.0f%%)",
                 100 * u, 100 * PERF_UTIL_FULL);
    } else {
        // Throughput over the correct traces, each capped at PERF_TRACE_CAP
        // (perfindex.h), scaled down by the share of traces that are not
        // correct.
        double t =
            nvalid ? perf_throughput(valid_ratio, nvalid) * (double)nvalid / (double)ts.n : 0;
        write_chart(&ts, util, ratio);
        ml_award(perf_index(u, t),
                 "mean utilization %.1f%% (full credit at %.0f%%), throughput %.2fx glibc "
                 "(geometric mean of the traces, each capped at %.2fx; full credit at %.2fx; "
                 "%zu trace%s slower than glibc; handout: Utilization and throughput)",
                 100 * u, 100 * PERF_UTIL_FULL, t, PERF_TRACE_CAP, PERF_TPUT_FULL, nslow,
                 nslow == 1 ? "" : "s");
    }
    free(util);
    free(ratio);
    free(valid_ratio);
    traceset_free(&ts);
}
