// main.c — `allocator`, the lab's trace driver (in the spirit of CS:APP's
// mdriver): runs malloc-lab traces through mm_*, checks every operation,
// measures utilization and throughput against glibc malloc in the same
// process, and optionally against jemalloc, mimalloc and tcmalloc in runner
// processes.
//
// For each trace: a checked pass (checker.c: alignment, placement, overlap,
// payload integrity, utilization from the page heap's HeapInuse), then,
// when the trace is valid, timed passes (replay.c) alternating mm and glibc,
// median of --reps runs. Output: a table and totals, or JSON (--json).
// Exit status: 0 every trace valid, 1 a trace could not be read or mm
// failed a check, 2 bad usage.
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/clock.h"
#include "memlab/grow.h"
#include "support/allocators.h"
#include "support/checker.h"
#include "support/perfindex.h"
#include "support/replay.h"
#include "support/traceset.h"

#define MAX_VS 8

typedef struct opts {
    const char *dir;
    char **files;
    size_t nfiles, cap_files;
    int reps;
    bool check_only, json, verbose;
    size_t arena_mib;
    const char *vs[MAX_VS];
    size_t nvs;
} opts_t;

typedef struct row {
    checker_result_t chk;
    double mm_ops, glibc_ops;
    allocators_result_t vs[MAX_VS];
} row_t;

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: allocator [options]\n"
        "Run malloc-lab traces (.rep) through the lab's allocator (mm_malloc & co.),\n"
        "check every operation and measure utilization and throughput.\n"
        "\n"
        "  -f, --file FILE     run this trace (repeatable); CS:APP/CMU traces work too\n"
        "  -t, --traces DIR    run every *.rep file in DIR\n"
        "                      (default: labs/allocator/data/traces)\n"
        "  -r, --reps N        timed runs per trace; the median is reported (default 5)\n"
        "  -c, --check-only    correctness and utilization only, no timing\n"
        "      --vs LIST       also time real allocators, comma-separated: %s\n"
        "                      (each runs in a process of its own with LD_PRELOAD;\n"
        "                      a missing one is skipped with a note)\n"
        "  -a, --arena MIB     page-heap arena per trace (default: 256 MiB, more for big traces)\n"
        "      --json          print the results as JSON\n"
        "  -v, --verbose       more detail per trace\n"
        "  -h, --help          this text\n"
        "\n"
        "Utilization = peak live payload bytes / peak bytes in spans (Go's HeapInuse).\n"
        "Throughput = operations per second; 'x glibc' compares with glibc malloc\n"
        "timed in this process, in alternation with mm.\n"
        "Perf index = %.0f%% min(1, util/%.0f%%) + %.0f%% min(1, T/%.2f), where T is\n"
        "the geometric mean of the throughput ratios, each capped at %.2fx: the\n"
        "grading formula.\n"
        "Exit status: 0 all traces correct, 1 a trace unreadable or mm failed a check,\n"
        "2 bad usage.\n",
        ALLOCATORS_KNOWN, PERF_UTIL_WEIGHT * 100, PERF_UTIL_FULL * 100,
        (1 - PERF_UTIL_WEIGHT) * 100, PERF_TPUT_FULL, PERF_TRACE_CAP);
}

// parse_vs — split LIST into o->vs. Returns false on an unknown name.
static bool parse_vs(opts_t *o, char *list)
{
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
        if (!allocators_find(tok)) {
            fprintf(stderr, "allocator: --vs: unknown allocator '%s' (known: %s)\n", tok,
                    ALLOCATORS_KNOWN);
            return false;
        }
        if (o->nvs < MAX_VS)
            o->vs[o->nvs++] = tok;
    }
    return true;
}

// parse_args — options into o. Returns -1 to exit 0 (help), 2 on bad usage.
static int parse_args(int argc, char **argv, opts_t *o)
{
    static const struct option longopts[] = {
        { "file", required_argument, NULL, 'f' }, { "traces", required_argument, NULL, 't' },
        { "reps", required_argument, NULL, 'r' }, { "check-only", no_argument, NULL, 'c' },
        { "vs", required_argument, NULL, 'V' },   { "arena", required_argument, NULL, 'a' },
        { "json", no_argument, NULL, 'j' },       { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },       { NULL, 0, NULL, 0 },
    };
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "f:t:r:ca:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': {
            if (!ML_GROW_ARRAY(o->files, o->cap_files, o->nfiles + 1, 4))
                return 2;
            o->files[o->nfiles++] = optarg;
            break;
        }
        case 't': o->dir = optarg; break;
        case 'r':
            o->reps = (int)strtol(optarg, &end, 10);
            if (*end || o->reps < 1 || o->reps > 1000) {
                fprintf(stderr, "allocator: --reps wants a number from 1 to 1000, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'c': o->check_only = true; break;
        case 'V':
            if (!parse_vs(o, optarg))
                return 2;
            break;
        case 'a':
            o->arena_mib = (size_t)strtoul(optarg, &end, 10);
            if (*end || o->arena_mib < 1 || o->arena_mib > (1u << 20)) {
                fprintf(stderr, "allocator: --arena wants a size in MiB, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'j': o->json = true; break;
        case 'v': o->verbose = true; break;
        case 'h': usage(stdout); return -1;
        default: fprintf(stderr, "allocator: try 'allocator --help'\n"); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "allocator: unexpected argument '%s' (traces go after -f)\n", argv[optind]);
        return 2;
    }
    if (o->dir && o->nfiles) {
        fprintf(stderr, "allocator: use either -f FILE or -t DIR, not both\n");
        return 2;
    }
    return 0;
}

static double mean(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return n ? s / (double)n : 0;
}

// vs_ratio — mm's throughput over a real allocator's, both timed in the
// allocator's runner process in alternation; 0 when unknown.
static double vs_ratio(const allocators_result_t *v)
{
    return v->ops_per_sec > 0 && v->mm_ops_per_sec > 0 ? v->mm_ops_per_sec / v->ops_per_sec : 0;
}

// vs_geomean — the geometric mean of vs_ratio over the correct traces, for
// real allocator k.
static double vs_geomean(const traceset_t *ts, const row_t *rows, size_t k)
{
    double *r = calloc(ts->n + 1, sizeof *r);
    size_t n = 0;
    for (size_t i = 0; r && i < ts->n; i++)
        if (rows[i].chk.valid && vs_ratio(&rows[i].vs[k]) > 0)
            r[n++] = vs_ratio(&rows[i].vs[k]);
    double g = r && n ? ml_geomean(r, n) : 0;
    free(r);
    return g;
}

// print_table — the human-readable results.
static void print_table(const opts_t *o, const traceset_t *ts, const row_t *rows, const bool *vs_ok)
{
    printf("%-24s %8s %6s %7s", "trace", "ops (n)", "valid", "util");
    if (!o->check_only) {
        printf(" %10s %12s %8s", "mm Mops/s", "glibc Mops/s", "vs glibc");
        for (size_t k = 0; k < o->nvs; k++)
            if (vs_ok[k])
                printf(" %10.10s Mops/s %7s", o->vs[k], "mm/it");
    }
    printf("\n");
    double *util = calloc(ts->n + 1, sizeof *util), *ratio = calloc(ts->n + 1, sizeof *ratio);
    size_t nu = 0, nr = 0;
    for (size_t i = 0; i < ts->n; i++) {
        const row_t *r = &rows[i];
        printf("%-24.24s %8zu %6s", checker_trace_name(ts->trace[i]), ts->trace[i]->num_ops,
               r->chk.valid ? "yes" : "NO");
        if (r->chk.valid) {
            printf(" %6.1f%%", 100 * r->chk.utilization);
            util[nu++] = r->chk.utilization;
        } else {
            printf(" %7s", "-");
        }
        if (!o->check_only && r->chk.valid) {
            printf(" %10.2f %12.2f", r->mm_ops / 1e6, r->glibc_ops / 1e6);
            if (r->glibc_ops > 0 && r->mm_ops > 0) {
                ratio[nr++] = r->mm_ops / r->glibc_ops;
                printf(" %7.2fx", r->mm_ops / r->glibc_ops);
            } else {
                printf(" %8s", "-");
            }
            for (size_t k = 0; k < o->nvs; k++)
                if (vs_ok[k]) {
                    printf(" %10.2f", r->vs[k].ops_per_sec / 1e6);
                    double x = vs_ratio(&r->vs[k]);
                    if (x > 0)
                        printf(" %6.2fx", x);
                    else
                        printf(" %7s", "-");
                }
        }
        printf("\n");
        if (!r->chk.valid)
            printf("    %s\n", r->chk.error);
        else if (o->verbose)
            printf("    peak live %zu bytes, peak in spans %zu bytes\n", r->chk.peak_live,
                   r->chk.peak_inuse);
    }
    // Invalid traces count as utilization 0, as in mdriver.
    double u = ts->n ? mean(util, nu) * (double)nu / (double)ts->n : 0;
    printf("\n%zu of %zu traces correct; mean utilization %.1f%%", nu, ts->n, 100 * u);
    if (!o->check_only && nr > 0) {
        double t = ml_geomean(ratio, nr), tc = perf_throughput(ratio, nr);
        printf("; throughput %.2fx glibc (geometric mean; %.2fx with each trace capped at "
               "%.2fx)\nperf index %.1f / 100",
               t, tc, PERF_TRACE_CAP, 100 * perf_index(u, tc));
    }
    printf("\n");
    for (size_t k = 0; !o->check_only && k < o->nvs; k++)
        if (vs_ok[k])
            printf("mm vs %s: %.2fx (geometric mean of mm/it; the two timed in alternation "
                   "in one process)\n",
                   o->vs[k], vs_geomean(ts, rows, k));
    free(util);
    free(ratio);
}

// print_json — the same numbers, machine-readable.
static void print_json(const opts_t *o, const traceset_t *ts, const row_t *rows, const bool *vs_ok,
                       char why[][256])
{
    json_t *root = json_object(), *arr = json_array(), *skipped = json_object();
    double *util = calloc(ts->n + 1, sizeof *util), *ratio = calloc(ts->n + 1, sizeof *ratio);
    size_t nu = 0, nr = 0;
    for (size_t i = 0; i < ts->n; i++) {
        const row_t *r = &rows[i];
        json_t *t = json_object(), *tp = json_object();
        json_object_set_new(t, "trace", json_string(checker_trace_name(ts->trace[i])));
        json_object_set_new(t, "path", json_string(ts->path[i]));
        json_object_set_new(t, "ops", json_integer((json_int_t)ts->trace[i]->num_ops));
        json_object_set_new(t, "valid", json_boolean(r->chk.valid));
        json_object_set_new(t, "error", r->chk.valid ? json_null() : json_string(r->chk.error));
        json_object_set_new(t, "peak_live_bytes", json_integer((json_int_t)r->chk.peak_live));
        json_object_set_new(t, "peak_inuse_bytes", json_integer((json_int_t)r->chk.peak_inuse));
        json_object_set_new(t, "utilization", json_real(r->chk.utilization));
        if (r->chk.valid)
            util[nu++] = r->chk.utilization;
        if (!o->check_only && r->chk.valid) {
            json_object_set_new(tp, "mm", json_real(r->mm_ops));
            json_object_set_new(tp, "glibc", json_real(r->glibc_ops));
            for (size_t k = 0; k < o->nvs; k++)
                if (vs_ok[k]) {
                    char key[64];
                    json_object_set_new(tp, o->vs[k], json_real(r->vs[k].ops_per_sec));
                    snprintf(key, sizeof key, "ratio_%s", o->vs[k]);
                    json_object_set_new(t, key, json_real(vs_ratio(&r->vs[k])));
                }
            if (r->glibc_ops > 0 && r->mm_ops > 0) {
                ratio[nr++] = r->mm_ops / r->glibc_ops;
                json_object_set_new(t, "ratio_glibc", json_real(r->mm_ops / r->glibc_ops));
            }
            json_object_set_new(t, "ops_per_sec", tp);
        } else {
            json_decref(tp);
        }
        json_array_append_new(arr, t);
    }
    for (size_t k = 0; k < o->nvs; k++)
        if (!vs_ok[k])
            json_object_set_new(skipped, o->vs[k], json_string(why[k]));
    double u = ts->n ? mean(util, nu) * (double)nu / (double)ts->n : 0;
    json_t *sum = json_object();
    json_object_set_new(sum, "traces", json_integer((json_int_t)ts->n));
    json_object_set_new(sum, "valid", json_integer((json_int_t)nu));
    json_object_set_new(sum, "utilization", json_real(u));
    if (!o->check_only && nr > 0) {
        double t = ml_geomean(ratio, nr), tc = perf_throughput(ratio, nr);
        json_object_set_new(sum, "throughput_ratio_glibc", json_real(t));
        json_object_set_new(sum, "throughput_ratio_glibc_capped", json_real(tc));
        json_object_set_new(sum, "perf_index", json_real(perf_index(u, tc)));
        for (size_t k = 0; k < o->nvs; k++)
            if (vs_ok[k]) {
                char key[64];
                snprintf(key, sizeof key, "throughput_ratio_%s", o->vs[k]);
                json_object_set_new(sum, key, json_real(vs_geomean(ts, rows, k)));
            }
    }
    json_object_set_new(root, "traces", arr);
    json_object_set_new(root, "summary", sum);
    json_object_set_new(root, "skipped", skipped);
    json_dumpf(root, stdout, JSON_INDENT(2));
    printf("\n");
    json_decref(root);
    free(util);
    free(ratio);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--runner") == 0)
        return allocators_runner_main(argc, argv);
    opts_t o = { .reps = 5 };
    int rc = parse_args(argc, argv, &o);
    if (rc != 0) {
        free(o.files);
        return rc < 0 ? 0 : rc;
    }

    traceset_t ts = { 0 };
    char err[512];
    int status = 0;
    if (o.nfiles) {
        for (size_t i = 0; i < o.nfiles && status == 0; i++)
            if (traceset_add_file(&ts, o.files[i], err, sizeof err) != 0)
                status = 1;
    } else {
        const char *dir = o.dir ? o.dir : traceset_default_dir();
        if (!dir) {
            snprintf(err, sizeof err,
                     "cannot find the lab's traces "
                     "(labs/allocator/data/traces); use -t DIR or -f FILE");
            status = 1;
        } else if (traceset_load_dir(&ts, dir, err, sizeof err) != 0) {
            status = 1;
        }
    }
    if (status != 0) {
        fprintf(stderr, "allocator: %s\n", err);
        traceset_free(&ts);
        free(o.files);
        return 1;
    }

    row_t *rows = calloc(ts.n, sizeof *rows);
    bool vs_ok[MAX_VS] = { false };
    char why[MAX_VS][256];
    replay_alloc_t *pair[2] = { allocators_mm(), allocators_libc("glibc") };
    for (size_t i = 0; i < ts.n && rows; i++) {
        checker_opts_t co = { .arena_bytes = o.arena_mib << 20 };
        if (checker_run(ts.trace[i], &co, &rows[i].chk) != 0 || !rows[i].chk.valid)
            status = 1;
        if (!o.check_only && rows[i].chk.valid) {
            double ops[2] = { 0, 0 };
            replay_time(ts.trace[i], pair, 2, o.reps, ops);
            rows[i].mm_ops = ops[0];
            rows[i].glibc_ops = ops[1];
        }
    }
    if (!o.check_only && rows) {
        const char *exe = allocators_self_exe();
        for (size_t k = 0; k < o.nvs; k++) {
            const allocators_ext_t *ext = allocators_find(o.vs[k]);
            allocators_result_t *res = calloc(ts.n, sizeof *res);
            vs_ok[k] = exe && res &&
                       allocators_run(exe, ext->name, ext->lib, ts.path, ts.n, ALLOCATORS_TIME,
                                      o.reps, res, why[k], sizeof why[k]) == 0;
            if (!exe)
                snprintf(why[k], sizeof why[k], "%s: cannot find this program's path", o.vs[k]);
            if (!vs_ok[k])
                fprintf(stderr, "allocator: note: %s; skipped\n", why[k]);
            for (size_t i = 0; res && vs_ok[k] && i < ts.n; i++)
                rows[i].vs[k] = res[i];
            free(res);
        }
    }
    if (!rows) {
        fprintf(stderr, "allocator: out of memory\n");
        status = 1;
    } else if (o.json) {
        print_json(&o, &ts, rows, vs_ok, why);
    } else {
        print_table(&o, &ts, rows, vs_ok);
    }
    free(rows);
    traceset_free(&ts);
    free(o.files);
    return status;
}
