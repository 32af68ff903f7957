// pacer.c — the pacer lab's benchmark: the lab's pacer (pacer.c, the
// student's file or the reference) on the simulated runtime, side by side
// with the real Go runtime running the same workloads
// (labs/pacer/data/go/workloads.go) under GODEBUG=gctrace=1 with the same
// GOGC and GOMEMLIMIT, one processor (GOMAXPROCS=1) on both sides.
//
//   heap.csv      heap live, goal, memory held and limit over (virtual)
//                 time, one block per setting (gnuplot's `index`, blocks
//                 apart by two blank lines, each headed by a # comment):
//                 GOGC 50, 100, 200, off on steady; GOGC 100 with a 28 MiB
//                 limit; overlimit (48 MiB)
//   settings.csv  per setting: cycles, GC CPU %, peak heap, lab and Go
//   vs-go.csv     steady, cycle by cycle: A, B, C and the goal, lab and Go
//   vs-go.txt     the comparison table (also printed)
//
// The figures compared: the number of cycles and the peak heap (the most
// of A and B over the trace, in MB of 2^20 bytes rounded down as Go
// prints them). Go's runs vary with the machine's load; each is repeated
// and the median taken. Target for the reference: cycles within ±20 % and
// peak heap within ±15 % of Go's on every workload that fits the model;
// --check exits 3 when one does not (1 is kept for errors: no output
// directory, out of memory). Without a Go toolchain the comparison is
// skipped with a message (and --check passes).
//
//   build/<impl>/bench/pacer --out DIR [--check] [--go-runs N] [--no-go]
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memlab/clock.h"
#include "memlab/outfile.h"
#include "pacer.h"
#include "support/gctrace.h"
#include "support/run.h"

#define MiB ((uint64_t)1 << 20)
#define MAX_GO_RUNS 9
#define MAX_GO_CYCLES 4096

// One setting: a workload, GOGC, a limit, and whether the model claims to
// match Go on it (see the handout's "where the lab and Go part").
typedef struct setting {
    const char *label;
    const char *workload;
    int gogc;
    uint64_t limit;
    bool fits;
} setting_t;

static const setting_t settings[] = {
    { "steady GOGC=50", "steady", 50, PACER_NO_LIMIT, true },
    { "steady GOGC=100", "steady", 100, PACER_NO_LIMIT, true },
    { "steady GOGC=200", "steady", 200, PACER_NO_LIMIT, false },
    { "steady GOGC=off", "steady", PACER_GOGC_OFF, PACER_NO_LIMIT, true },
    { "growing GOGC=100", "growing", 100, PACER_NO_LIMIT, true },
    { "spikes GOGC=100", "spikes", 100, PACER_NO_LIMIT, false },
    { "leak GOGC=100", "leak", 100, PACER_NO_LIMIT, false },
    { "steady 28MiB limit", "steady", 100, 28 * MiB, false },
    { "overlimit 48MiB", "overlimit", 100, 48 * MiB, false },
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

// What one side did.
typedef struct result {
    bool ok;
    uint32_t cycles;
    uint64_t peak_mb;
    unsigned cpu_pct;
    pacer_gctrace_t trace[MAX_GO_CYCLES]; // Go's cycles (the median run)
    uint32_t ntrace;
} result_t;

static char go_bin[4200];

// ---- the Go side -------------------------------------------------------------------------

// Why Go is left out of the charts, when it is (a `# left out: Go: ...` line
// in their CSVs, printed under the chart by scripts/plots.sh).
static char go_why[600] = "not measured (--no-go)";

// Builds the Go workloads into DIR; false (with a message, and the reason in
// go_why) when Go is missing or the build fails.
static bool go_build(const char *dir, const char *src)
{
    snprintf(go_why, sizeof go_why,
             "Go is not installed (scripts/deps.sh --test installs golang-go)");
    if (system("go version >/dev/null 2>&1") != 0) {
        printf("pacer bench: no Go toolchain (go) on PATH: the comparison with the real runtime "
               "is skipped (scripts/deps.sh --test installs golang-go)\n");
        return false;
    }
    char cmd[16384];
    int n1 = snprintf(go_bin, sizeof go_bin, "%s/go-workloads", dir);
    int n2 = snprintf(cmd, sizeof cmd,
                      "cd '%s' && GO111MODULE=off go build -o '%s' '%s' >'%s/go-build.log' 2>&1",
                      dir, go_bin, src, dir);
    if (n1 < 0 || (size_t)n1 >= sizeof go_bin || n2 < 0 || (size_t)n2 >= sizeof cmd) {
        printf("pacer bench: the output directory's path is too long: the comparison is skipped\n");
        snprintf(go_why, sizeof go_why, "the output directory's path is too long");
        return false;
    }
    if (system(cmd) != 0) {
        printf("pacer bench: building %s with go failed (see %s/go-build.log): the comparison "
               "is skipped\n",
               src, dir);
        snprintf(go_why, sizeof go_why, "building its workload failed (%.400s/go-build.log)", dir);
        return false;
    }
    return true;
}

// One run of the Go workload; fills r (ntrace cycles). False if it failed.
static bool go_run_once(const setting_t *s, const char *dir, result_t *r)
{
    char gogc[32], limit[64], cmd[16384], log[4200];
    if (s->gogc < 0)
        snprintf(gogc, sizeof gogc, "off");
    else
        snprintf(gogc, sizeof gogc, "%d", s->gogc);
    if (s->limit == PACER_NO_LIMIT)
        snprintf(limit, sizeof limit, "off");
    else
        snprintf(limit, sizeof limit, "%" PRIu64 "B", s->limit);
    int n1 = snprintf(log, sizeof log, "%s/go-trace.log", dir);
    int n2 =
        snprintf(cmd, sizeof cmd,
                 "GOMAXPROCS=1 GOGC=%s GOMEMLIMIT=%s GODEBUG=gctrace=1 '%s' %s 2>'%s' >/dev/null",
                 gogc, limit, go_bin, s->workload, log);
    if (n1 < 0 || (size_t)n1 >= sizeof log || n2 < 0 || (size_t)n2 >= sizeof cmd)
        return false;
    if (system(cmd) != 0)
        return false;
    FILE *f = fopen(log, "r");
    if (!f)
        return false;
    memset(r, 0, sizeof *r);
    char line[4096], why[160];
    while (fgets(line, sizeof line, f)) {
        pacer_gctrace_t g;
        int k = pacer_gctrace_parse(line, &g, why, sizeof why);
        if (k < 0) {
            fprintf(stderr, "pacer bench: %s: unreadable trace line: %s\n", log, why);
            fclose(f);
            return false;
        }
        if (k == 0)
            continue;
        if (r->ntrace < MAX_GO_CYCLES)
            r->trace[r->ntrace++] = g;
        r->cycles++;
        if (g.a_mb > r->peak_mb)
            r->peak_mb = g.a_mb;
        if (g.b_mb > r->peak_mb)
            r->peak_mb = g.b_mb;
        r->cpu_pct = g.cpu_pct;
    }
    fclose(f);
    r->ok = true;
    return true;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

// Go's median over `runs` runs: the run with the median cycle count is
// kept whole (its trace), the peak is the median of the runs' peaks.
static void go_run(const setting_t *s, const char *dir, int runs, result_t *out, result_t *tmp)
{
    uint32_t cyc[MAX_GO_RUNS];
    uint64_t peaks[MAX_GO_RUNS];
    int n = 0;
    memset(out, 0, sizeof *out);
    for (int k = 0; k < runs; k++) {
        if (!go_run_once(s, dir, tmp))
            continue;
        cyc[n] = tmp->cycles;
        peaks[n] = tmp->peak_mb;
        n++;
        // Keep the run closest to the median so far (re-chosen below).
        if (n == 1 || tmp->cycles == cyc[0])
            *out = *tmp;
    }
    if (n == 0)
        return;
    uint32_t sorted[MAX_GO_RUNS];
    memcpy(sorted, cyc, sizeof(uint32_t) * (size_t)n);
    qsort(sorted, (size_t)n, sizeof sorted[0], cmp_u32);
    uint32_t med = sorted[n / 2];
    uint32_t ps[MAX_GO_RUNS];
    for (int k = 0; k < n; k++)
        ps[k] = (uint32_t)peaks[k];
    qsort(ps, (size_t)n, sizeof ps[0], cmp_u32);
    // The trace kept: rerun until one with the median count comes (at most
    // `runs` more), else keep what we have.
    for (int k = 0; k < runs && out->cycles != med; k++)
        if (go_run_once(s, dir, tmp) && tmp->cycles == med)
            *out = *tmp;
    out->cycles = med;
    out->peak_mb = ps[n / 2];
    out->ok = true;
}

// ---- the lab side -------------------------------------------------------------------------

static bool lab_run(const setting_t *s, result_t *r, pacer_run_t *keep)
{
    memset(r, 0, sizeof *r);
    pacer_run_opts_t o = { .gogc = s->gogc, .memory_limit = s->limit, .samples = keep != NULL };
    pacer_run_t run;
    if (pacer_run(pacer_workload_find(s->workload), &o, &run) != 0) {
        pacer_run_free(&run);
        return false;
    }
    r->cycles = run.tot.cycles;
    for (size_t k = 0; k < run.ncycles; k++) {
        uint64_t a = run.cycles[k].heap_start >> 20, b = run.cycles[k].heap_end >> 20;
        if (a > r->peak_mb)
            r->peak_mb = a;
        if (b > r->peak_mb)
            r->peak_mb = b;
    }
    if (run.ncycles == 0)
        r->peak_mb = run.tot.peak_heap >> 20; // no cycle: the heap's own peak
    r->cpu_pct = (unsigned)(100.0 * run.final.gc_cpu_fraction);
    r->ok = true;
    if (keep)
        *keep = run;
    else
        pacer_run_free(&run);
    return true;
}

// ---- output ---------------------------------------------------------------------------------

static double pct_diff(double lab, double go)
{
    return go > 0 ? 100.0 * (lab - go) / go : (lab > 0 ? INFINITY : 0);
}

static int write_heap_block(FILE *f, const setting_t *s, const pacer_run_t *r)
{
    fprintf(f, "# %s: t (s),heap live (MiB),goal (MiB),mapped (MiB),limit (MiB)\n", s->label);
    for (size_t i = 0; i < r->nsamples; i++) {
        const pacer_sample_t *p = &r->samples[i];
        fprintf(f, "%.6f,%.3f,", (double)p->t_ns / 1e9, (double)p->heap_live / MiB);
        if (p->goal == PACER_NEVER)
            fprintf(f, "NaN,");
        else
            fprintf(f, "%.3f,", (double)p->goal / MiB);
        fprintf(f, "%.3f,", (double)p->mapped / MiB);
        if (s->limit == PACER_NO_LIMIT)
            fprintf(f, "NaN\n");
        else
            fprintf(f, "%.3f\n", (double)s->limit / MiB);
    }
    fprintf(f, "\n\n");
    return 0;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: pacer-bench --out DIR [--check] [--go-runs N] [--no-go]\n"
                 "The lab's pacer on the simulated runtime beside Go's, same workloads.\n"
                 "  --out DIR      write heap.csv, settings.csv, vs-go.csv, vs-go.txt into DIR\n"
                 "  --check        exit 3 when a workload that fits the model is off target\n"
                 "                 (cycles within 20 %%, peak heap within 15 %% of Go's)\n"
                 "  --go-runs N    Go runs per setting, median taken (default 3, at most 9)\n"
                 "  --no-go        the lab's side only\n");
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "out", required_argument, NULL, 'o' },     { "check", no_argument, NULL, 'c' },
        { "go-runs", required_argument, NULL, 'r' }, { "no-go", no_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
    };
    const char *out = NULL;
    bool check = false, use_go = true;
    int runs = 3, c;
    while ((c = getopt_long(argc, argv, "o:cr:nh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'c': check = true; break;
        case 'r':
            runs = atoi(optarg);
            if (runs < 1 || runs > MAX_GO_RUNS) {
                fprintf(stderr, "pacer-bench: --go-runs wants 1 to %d\n", MAX_GO_RUNS);
                return 2;
            }
            break;
        case 'n': use_go = false; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (!out) {
        usage(stderr);
        return 2;
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "pacer-bench: cannot make %s: %s\n", out, strerror(errno));
        return 1;
    }
    char src[4096], absout[4096];
    if (!realpath("labs/pacer/data/go/workloads.go", src) || !realpath(out, absout)) {
        if (use_go)
            printf("pacer bench: labs/pacer/data/go/workloads.go not found (run from the "
                   "repository's root): the comparison with Go is skipped\n");
        if (use_go)
            snprintf(go_why, sizeof go_why, "labs/pacer/data/go/workloads.go not found");
        use_go = false;
    }
    if (use_go)
        use_go = go_build(absout, src);
    if (!use_go)
        printf("left out of the charts: Go: %s\n", go_why);

    static result_t lab[NSETTINGS], go[NSETTINGS], tmp;
    static pacer_run_t keep[NSETTINGS];
    bool keep_it[NSETTINGS] = { 0 };
    uint64_t t0 = ml_now_ns();
    for (size_t k = 0; k < NSETTINGS; k++) {
        const setting_t *s = &settings[k];
        // Heap-over-time samples for the GOGC settings of steady and the limits.
        keep_it[k] = strcmp(s->workload, "steady") == 0 || strcmp(s->workload, "overlimit") == 0;
        if (!lab_run(s, &lab[k], keep_it[k] ? &keep[k] : NULL)) {
            fprintf(stderr, "pacer-bench: out of memory\n");
            return 1;
        }
        // --check compares only where the model claims to match.
        if (use_go && (s->fits || !check))
            go_run(s, absout, runs, &go[k], &tmp);
    }
    double secs = (double)(ml_now_ns() - t0) / 1e9;

    // The table.
    ml_outfile_t ot;
    FILE *tf = ml_outfile_open_in(&ot, out, "vs-go.txt");
    if (!tf)
        return ml_outfile_fail(&ot, "pacer-bench") ? 1 : 1;
    int bad = 0;
    for (int pass = 0; pass < 2; pass++) {
        FILE *f = pass ? tf : stdout;
        fprintf(f, "%-20s %10s %7s %8s  %9s %7s %8s  %6s %6s  %s\n", "setting", "cycles (n)",
                "Go (n)", "diff (%)", "peak (MB)", "Go (MB)", "diff (%)", "GC (%)", "Go (%)",
                "verdict");
        for (size_t k = 0; k < NSETTINGS; k++) {
            const setting_t *s = &settings[k];
            const result_t *l = &lab[k], *g = &go[k];
            if (!use_go || !g->ok) {
                fprintf(f, "%-20s %10" PRIu32 " %7s %8s  %9" PRIu64 " %7s %8s  %6u %6s  %s\n",
                        s->label, l->cycles, "-", "-", l->peak_mb, "-", "-", l->cpu_pct, "-",
                        !use_go             ? "no Go"
                        : check && !s->fits ? "not compared (--check)"
                                            : "Go run failed");
                if (use_go && s->fits && pass == 0)
                    bad++;
                continue;
            }
            double dc = pct_diff(l->cycles, g->cycles),
                   dp = pct_diff((double)l->peak_mb, (double)g->peak_mb);
            // No cycle on either side: Go's trace says nothing of its heap.
            if (l->cycles == 0 && g->cycles == 0)
                dp = 0;
            bool on = fabs(dc) <= 20.0 && fabs(dp) <= 15.0;
            const char *verdict = !s->fits ? "parts (see the handout)"
                                  : on     ? "on target"
                                           : "OFF TARGET";
            if (s->fits && !on && pass == 0)
                bad++;
            fprintf(f,
                    "%-20s %10" PRIu32 " %7" PRIu32 " %+7.0f%%  %9" PRIu64 " %7" PRIu64
                    " %+7.0f%%  %6u %6u  %s\n",
                    s->label, l->cycles, g->cycles, dc, l->peak_mb, g->peak_mb, dp, l->cpu_pct,
                    g->cpu_pct, verdict);
        }
        fprintf(f,
                "(lab: virtual time, deterministic; Go: GOMAXPROCS=1, median of %d runs; "
                "peak = the most of A and B in MB; %.1f s)\n",
                runs, secs);
    }
    if (ml_outfile_commit(&ot) != 0)
        return ml_outfile_fail(&ot, "pacer-bench") ? 1 : 1;

    // settings.csv
    ml_outfile_t os;
    FILE *f = ml_outfile_open_in(&os, out, "settings.csv");
    if (!f)
        return ml_outfile_fail(&os, "pacer-bench") ? 1 : 1;
    if (!use_go)
        fprintf(f, "# left out: Go: %s\n", go_why);
    fprintf(f, "setting,lab cycles (count),Go cycles (count),lab GC CPU (%%),Go GC CPU (%%),"
               "lab peak (MB),Go peak (MB)\n");
    for (size_t k = 0; k < NSETTINGS; k++) {
        fprintf(f, "\"%s\",%" PRIu32 ",", settings[k].label, lab[k].cycles);
        if (go[k].ok)
            fprintf(f, "%" PRIu32 ",%u,%u,%" PRIu64 ",%" PRIu64 "\n", go[k].cycles, lab[k].cpu_pct,
                    go[k].cpu_pct, lab[k].peak_mb, go[k].peak_mb);
        else
            fprintf(f, "NaN,%u,NaN,%" PRIu64 ",NaN\n", lab[k].cpu_pct, lab[k].peak_mb);
    }
    if (ml_outfile_commit(&os) != 0)
        return ml_outfile_fail(&os, "pacer-bench") ? 1 : 1;

    // heap.csv: the steady GOGC settings, the reachable limit, overlimit.
    ml_outfile_t oh;
    f = ml_outfile_open_in(&oh, out, "heap.csv");
    if (!f)
        return ml_outfile_fail(&oh, "pacer-bench") ? 1 : 1;
    const char *blocks[] = { "steady GOGC=50",  "steady GOGC=100",    "steady GOGC=200",
                             "steady GOGC=off", "steady 28MiB limit", "overlimit 48MiB" };
    for (size_t b = 0; b < 6; b++)
        for (size_t k = 0; k < NSETTINGS; k++)
            if (keep_it[k] && strcmp(settings[k].label, blocks[b]) == 0)
                write_heap_block(f, &settings[k], &keep[k]);
    if (ml_outfile_commit(&oh) != 0)
        return ml_outfile_fail(&oh, "pacer-bench") ? 1 : 1;

    // vs-go.csv: steady GOGC=100, cycle by cycle.
    ml_outfile_t ov;
    f = ml_outfile_open_in(&ov, out, "vs-go.csv");
    if (!f)
        return ml_outfile_fail(&ov, "pacer-bench") ? 1 : 1;
    if (!use_go || !go[1].ok)
        fprintf(f, "# left out: Go: %s\n", use_go ? "its steady GOGC=100 run failed" : go_why);
    fprintf(f, "cycle (n),lab A (MiB),lab B (MiB),lab C (MiB),lab goal (MiB),Go A (MB),Go B (MB),"
               "Go C (MB),Go goal (MB)\n");
    const pacer_run_t *ls = &keep[1];
    const result_t *gs = &go[1];
    size_t n = ls->ncycles > gs->ntrace ? ls->ncycles : gs->ntrace;
    for (size_t k = 0; k < n; k++) {
        fprintf(f, "%zu,", k + 1);
        if (k < ls->ncycles)
            fprintf(f, "%.3f,%.3f,%.3f,%.3f,", (double)ls->cycles[k].heap_start / MiB,
                    (double)ls->cycles[k].heap_end / MiB, (double)ls->cycles[k].heap_marked / MiB,
                    (double)ls->cycles[k].goal / MiB);
        else
            fprintf(f, "NaN,NaN,NaN,NaN,");
        if (gs->ok && k < gs->ntrace)
            fprintf(f, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n", gs->trace[k].a_mb,
                    gs->trace[k].b_mb, gs->trace[k].c_mb, gs->trace[k].goal_mb);
        else
            fprintf(f, "NaN,NaN,NaN,NaN\n");
    }
    if (ml_outfile_commit(&ov) != 0)
        return ml_outfile_fail(&ov, "pacer-bench") ? 1 : 1;
    for (size_t k = 0; k < NSETTINGS; k++)
        if (keep_it[k])
            pacer_run_free(&keep[k]);

    if (check && use_go && bad) {
        printf("pacer bench: %d workload(s) that fit the model are off target\n", bad);
        return 3;
    }
    return 0;
}
