// main.c — the pacer lab's program: run a workload on the simulated Go
// runtime with your pacer (pacer.c), print a gctrace-like line per cycle
// (as GODEBUG=gctrace=1 does) and a MemStats summary.
//
//   pacer --workload steady --gogc 200
//   pacer --workload overlimit --memlimit 48MiB --csv heap.csv
//
// Exit status: 0 when the workload ran (whatever the pacer did), 1 when an
// output file cannot be written or memory runs out, 2 on bad usage.
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/outfile.h"
#include "pacer.h"
#include "support/gctrace.h"
#include "support/run.h"
#include "support/size.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: pacer [options]\n"
                 "Run a workload on a simulated Go runtime whose collector is paced by\n"
                 "pacer.c; print one line per cycle (like GODEBUG=gctrace=1) and MemStats.\n"
                 "\n"
                 "  -w, --workload NAME   the program to run (default steady):\n");
    size_t n;
    const pacer_workload_t *w = pacer_workloads(&n);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "                          %-9s %s\n", w[i].name, w[i].what);
    fprintf(out,
            "  -g, --gogc N|off      GOGC: the heap may grow N %% over the live heap\n"
            "                        (default 100; off: no GOGC goal)\n"
            "  -m, --memlimit SIZE   GOMEMLIMIT: a soft limit on all the runtime's memory,\n"
            "                        e.g. 48MiB, 1GiB, 50000000 (default: none; the\n"
            "                        overlimit workload defaults to 48MiB)\n"
            "  -s, --steps N         allocate N records of 1 KiB (default 262144 = 256 MiB)\n"
            "      --csv FILE        heap over time: t_s,heap_mb,goal_mb,mapped_mb,limit_mb\n"
            "      --json FILE       every cycle, the totals and MemStats as JSON (- for\n"
            "                        stdout; use it with --quiet)\n"
            "  -q, --quiet           no line per cycle\n"
            "      --gctrace FILE    read a Go program's GODEBUG=gctrace=1 output instead\n"
            "                        (e.g. 2>trace.log) and print its cycles and peak heap\n"
            "  -h, --help            this help\n"
            "\n"
            "Times in the trace lines are the simulation's virtual clock; the 'ms clock'\n"
            "field and PauseTotalNs are the real time the collector stopped the world.\n"
            "Exit status: 0 the workload ran, 1 an output could not be written, 2 bad usage.\n");
}

static void echo(const pacer_cycle_rec_t *c, void *arg)
{
    pacer_gctrace_print(arg, c);
}

static double mib(uint64_t b)
{
    return (double)b / (1024.0 * 1024.0);
}

static int write_csv(const char *path, const pacer_run_t *r)
{
    ml_outfile_t o;
    FILE *f = ml_outfile_open(&o, path);
    if (!f)
        return ml_outfile_fail(&o, "pacer");
    fprintf(f, "t_s,heap_mb,goal_mb,mapped_mb,limit_mb\n");
    for (size_t i = 0; i < r->nsamples; i++) {
        const pacer_sample_t *s = &r->samples[i];
        fprintf(f, "%.6f,%.3f,", (double)s->t_ns / 1e9, mib(s->heap_live));
        if (s->goal == PACER_NEVER)
            fprintf(f, "NaN,");
        else
            fprintf(f, "%.3f,", mib(s->goal));
        fprintf(f, "%.3f,", mib(s->mapped));
        if (r->opts.memory_limit == PACER_NO_LIMIT)
            fprintf(f, "NaN\n");
        else
            fprintf(f, "%.3f\n", mib(r->opts.memory_limit));
    }
    if (ml_outfile_commit(&o) != 0)
        return ml_outfile_fail(&o, "pacer");
    return 0;
}

static json_t *memstats_json(const pacer_memstats_t *m)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f}", "HeapAlloc",
                     (json_int_t)m->heap_alloc, "HeapInuse", (json_int_t)m->heap_inuse, "HeapIdle",
                     (json_int_t)m->heap_idle, "HeapReleased", (json_int_t)m->heap_released,
                     "NextGC", (json_int_t)(m->next_gc > INT64_MAX ? INT64_MAX : m->next_gc),
                     "NumGC", (json_int_t)m->num_gc, "PauseTotalNs", (json_int_t)m->pause_total_ns,
                     "GCCPUFraction", m->gc_cpu_fraction);
}

static int write_json(const char *path, const pacer_run_t *r)
{
    json_t *cycles = json_array();
    for (size_t i = 0; i < r->ncycles; i++) {
        const pacer_cycle_rec_t *c = &r->cycles[i];
        json_array_append_new(
            cycles, json_pack("{s:i, s:f, s:I, s:I, s:I, s:I, s:I, s:f, s:b}", "n", (int)c->n,
                              "start_s", (double)c->start_ns / 1e9, "heap_start",
                              (json_int_t)c->heap_start, "heap_end", (json_int_t)c->heap_end,
                              "heap_marked", (json_int_t)c->heap_marked, "goal",
                              (json_int_t)(c->goal > INT64_MAX ? INT64_MAX : c->goal), "trigger",
                              (json_int_t)(c->trigger > INT64_MAX ? INT64_MAX : c->trigger),
                              "gc_cpu_fraction", c->cpu_fraction, "limited", c->limited));
    }
    json_t *root =
        json_pack("{s:s, s:i, s:I, s:o, s:{s:I, s:I, s:I, s:I, s:i, s:i, s:b, s:b}, s:o}",
                  "workload", r->w->name, "gogc", r->opts.gogc, "memory_limit",
                  (json_int_t)(r->opts.memory_limit > INT64_MAX ? INT64_MAX : r->opts.memory_limit),
                  "cycles", cycles, "totals", "alloc_bytes", (json_int_t)r->tot.alloc_bytes,
                  "peak_heap", (json_int_t)r->tot.peak_heap, "peak_mapped",
                  (json_int_t)r->tot.peak_mapped, "gc_ns", (json_int_t)r->tot.gc_ns, "cycles",
                  (int)r->tot.cycles, "limited_cycles", (int)r->tot.limited_cycles, "out_of_memory",
                  r->oom, "stopped_spiral", r->spiral, "memstats", memstats_json(&r->final));
    if (!root)
        return fprintf(stderr, "pacer: out of memory\n"), 1;
    if (strcmp(path, "-") == 0) {
        int rc =
            json_dumpf(root, stdout, JSON_INDENT(2)) == 0 && fputc('\n', stdout) != EOF ? 0 : 1;
        json_decref(root);
        return rc;
    }
    ml_outfile_t o;
    FILE *f = ml_outfile_open(&o, path);
    if (!f) {
        json_decref(root);
        return ml_outfile_fail(&o, "pacer");
    }
    json_dumpf(root, f, JSON_INDENT(2));
    fputc('\n', f);
    json_decref(root);
    if (ml_outfile_commit(&o) != 0)
        return ml_outfile_fail(&o, "pacer");
    return 0;
}

static void summary(const pacer_run_t *r)
{
    const pacer_memstats_t *m = &r->final;
    printf("\n%s: %" PRIu64 " MiB allocated in %" PRIu32 " cycles, peak heap %.1f MiB, "
           "peak memory %.1f MiB%s\n",
           r->w->name, r->tot.alloc_bytes >> 20, r->tot.cycles, mib(r->tot.peak_heap),
           mib(r->tot.peak_mapped),
           r->tot.limited_cycles ? " (the limiter capped the collector)" : "");
    if (r->spiral)
        printf("stopped after %" PRIu32 " cycles: the collector ran without end (a death spiral)\n",
               r->tot.cycles);
    if (r->oom)
        printf("stopped: the heap's address space ran out\n");
    printf("MemStats:\n");
    // Go's field names, with the unit of each (bytes unless named).
    printf("  %-14s %12" PRIu64 " B  (%.1f MiB)\n", "HeapAlloc", m->heap_alloc, mib(m->heap_alloc));
    printf("  %-14s %12" PRIu64 " B  (%.1f MiB)\n", "HeapInuse", m->heap_inuse, mib(m->heap_inuse));
    printf("  %-14s %12" PRIu64 " B  (%.1f MiB)\n", "HeapIdle", m->heap_idle, mib(m->heap_idle));
    printf("  %-14s %12" PRIu64 " B  (%.1f MiB)\n", "HeapReleased", m->heap_released,
           mib(m->heap_released));
    if (m->next_gc == PACER_NEVER)
        printf("  %-14s %s\n", "NextGC", "never (GOGC=off, no limit)");
    else
        printf("  %-14s %12" PRIu64 " B  (%.1f MiB)\n", "NextGC", m->next_gc, mib(m->next_gc));
    printf("  %-14s %12" PRIu32 " cycles\n", "NumGC", m->num_gc);
    printf("  %-14s %12" PRIu64 " ns\n", "PauseTotalNs", m->pause_total_ns);
    printf("  %-14s %12.4f of the CPU (%.2f %%)\n", "GCCPUFraction", m->gc_cpu_fraction,
           100 * m->gc_cpu_fraction);
}

// --gctrace FILE: Go's trace lines, summed up like the lab's runs.
static int read_gctrace(const char *path, bool quiet)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    pacer_gctrace_sum_t sum;
    char why[160];
    size_t bad_line;
    int rc = pacer_gctrace_read(f, &sum, &bad_line, why, sizeof why);
    fclose(f);
    if (rc != 0) {
        fprintf(stderr, "%s:%zu: %s\n", path, bad_line, why);
        return 1;
    }
    if (!quiet)
        printf("%s: %" PRIu32 " cycles, peak heap %" PRIu64 " MB (the most of A and B), last goal "
               "%" PRIu64 " MB, GC CPU %u%%\n",
               path, sum.cycles, sum.peak_mb, sum.last_goal_mb, sum.last_cpu_pct);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "workload", required_argument, NULL, 'w' }, { "gogc", required_argument, NULL, 'g' },
        { "memlimit", required_argument, NULL, 'm' }, { "steps", required_argument, NULL, 's' },
        { "csv", required_argument, NULL, 'C' },      { "json", required_argument, NULL, 'J' },
        { "quiet", no_argument, NULL, 'q' },          { "help", no_argument, NULL, 'h' },
        { "gctrace", required_argument, NULL, 'T' },  { NULL, 0, NULL, 0 },
    };
    const char *wname = "steady", *csv = NULL, *json = NULL, *gctrace = NULL;
    int gogc = 100;
    uint64_t limit = 0, steps = 0;
    bool limit_set = false, quiet = false;
    char why[128];
    int c;
    while ((c = getopt_long(argc, argv, "w:g:m:s:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'w': wname = optarg; break;
        case 'g':
            if (pacer_parse_gogc(optarg, &gogc, why, sizeof why) != 0) {
                fprintf(stderr, "pacer: --gogc: %s\n", why);
                return 2;
            }
            break;
        case 'm':
            if (pacer_parse_size(optarg, &limit, why, sizeof why) != 0) {
                fprintf(stderr, "pacer: --memlimit: %s\n", why);
                return 2;
            }
            limit_set = true;
            break;
        case 's':
            if (pacer_parse_size(optarg, &steps, why, sizeof why) != 0 || steps == 0 ||
                steps > 64u * PACER_STEPS) {
                fprintf(stderr, "pacer: --steps wants a count from 1 to %u, not '%s'\n",
                        64u * PACER_STEPS, optarg);
                return 2;
            }
            break;
        case 'C': csv = optarg; break;
        case 'J': json = optarg; break;
        case 'q': quiet = true; break;
        case 'T': gctrace = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "pacer: unexpected argument '%s' (see --help)\n", argv[optind]);
        return 2;
    }
    if (gctrace)
        return read_gctrace(gctrace, quiet);
    const pacer_workload_t *w = pacer_workload_find(wname);
    if (!w) {
        fprintf(stderr, "pacer: unknown workload '%s' (see --help for the list)\n", wname);
        return 2;
    }
    if (!limit_set)
        limit = w->suggested_limit ? w->suggested_limit : PACER_NO_LIMIT;

    pacer_run_opts_t o = {
        .gogc = gogc,
        .memory_limit = limit,
        .steps = steps,
        .samples = csv != NULL,
        .real_pauses = true,
        .echo = quiet ? NULL : echo,
        .echo_arg = stdout,
    };
    pacer_run_t r;
    if (pacer_run(w, &o, &r) != 0) {
        fprintf(stderr, "pacer: out of memory\n");
        pacer_run_free(&r);
        return 1;
    }
    if (!(json && strcmp(json, "-") == 0 && quiet))
        summary(&r);
    int rc = 0;
    if (csv && write_csv(csv, &r) != 0)
        rc = 1;
    if (json && rc == 0 && write_json(json, &r) != 0)
        rc = 1;
    pacer_run_free(&r);
    return rc;
}
