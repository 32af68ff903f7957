// main.c — the write-barrier lab's program: run a workload (a seeded random
// mutator, or a named adversarial scenario) beside the incremental marker
// under each barrier, and report what happened: any reachable object freed
// (with the step and the pointer write that hid it, replayable), floating
// garbage, stop-the-world work, barrier calls, the cost of a pointer store.
// With --dot DIR it draws the steps around the write that breaks `none`.
//
//   write-barrier --scenario classic                 all four barriers
//   write-barrier --scenario stack-slot --barrier dijkstra --dot build/steps
//   write-barrier --seed 7 --objects 300 --barrier hybrid --cycles 5
//
// Exit status: 0 when the workload ran — whatever it found: losing objects
// under `none` is the expected result, not an error; 1 on bad input (a
// scenario file with errors, a scenario operation that fails, step pages that
// cannot be written); 2 on bad usage.
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support/cost.h"
#include "support/pictures.h"
#include "support/report.h"
#include "support/run.h"
#include "support/scenario.h"
#include "support/workload.h"

#define CHECK_LIMIT 5000 // objects up to which every step is checked and tracked

typedef struct options {
    const char *scenario, *file, *schedule, *dot;
    int barrier; // a kind, or -1 for all of them
    uint64_t seed;
    size_t objects, budget, cycles, between;
    double p_mutator;
    bool list, show, json, steps, cost, verbose;
} options_t;

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: write-barrier [options]\n"
        "Run a mutator beside an incremental marker under each write barrier (barrier.c)\n"
        "and report lost objects, floating garbage, stop-the-world work and store costs.\n"
        "\n"
        "Workload (a random one unless --scenario or --file):\n"
        "  -s, --scenario NAME   a built-in adversarial scenario: labs/write-barrier/data/NAME.scn\n"
        "                        (--list shows them)\n"
        "  -f, --file FILE       a scenario file (format: see the handout)\n"
        "  -S, --seed N          seed of the random workload and the scheduler (default 1)\n"
        "  -n, --objects N       objects in the random heap (default 200)\n"
        "  -c, --cycles N        collection cycles, random workloads (default 1, at most %d)\n"
        "      --between N       mutator operations between two cycles (default 50)\n"
        "Run:\n"
        "  -B, --barrier KIND    none, dijkstra, yuasa, hybrid or all (default all)\n"
        "  -b, --budget N        marking units per collector step (default 1)\n"
        "  -p, --p-mutator P     probability that the mutator runs a step (default 0.5)\n"
        "      --schedule S      interleave by S: letters M and C with counts, a final *\n"
        "                        repeats it (\"C3M4C*\"), or a named schedule:\n"
        "                       ",
        WB_MAX_CYCLES);
    for (const char *const *n = ml_sched_names(); *n; n++)
        fprintf(out, " %s", *n);
    fprintf(
        out,
        "\n"
        "                        (a scenario follows its `wait` lines when none is given)\n"
        "Output:\n"
        "  -l, --list            list the built-in scenarios and exit\n"
        "      --show            print the built-in scenario's file and exit\n"
        "      --steps           print every step\n"
        "  -d, --dot DIR         draw the steps around the write that breaks `none` into\n"
        "                        DIR (an SVG per step and DIR/index.html; one subdirectory per\n"
        "                        barrier with --barrier all)\n"
        "      --no-cost         skip measuring the cost of a pointer store\n"
        "      --json            the results as one JSON object on stdout\n"
        "  -v, --verbose         the schedule of every cycle\n"
        "  -h, --help            this help\n"
        "\n"
        "Exit status: 0 the workload ran (losing objects is a result, not an error),\n"
        "1 bad input, 2 bad usage.\n");
}

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        return false;
    *out = v;
    return true;
}

// ---- the built-in scenarios -----------------------------------------------------------------

// list_scenarios — `--list`: each built-in scenario's name and about line.
static int list_scenarios(void)
{
    char **names, err[512];
    if (wb_scenario_list(&names, err, sizeof err)) {
        fprintf(stderr, "write-barrier: %s\n", err);
        return 1;
    }
    int rc = 0;
    for (char **n = names; *n; n++) {
        wb_scenario_t *s;
        if (wb_scenario_builtin(*n, &s, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            rc = 1;
            continue;
        }
        printf("%-22s %s\n", *n, s->about);
        wb_scenario_free(s);
    }
    wb_scenario_list_free(names);
    return rc;
}

// show_file — `--show`: the scenario's text, as its file has it.
static int show_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;)
        fwrite(buf, 1, n, stdout);
    int rc = ferror(f) ? 1 : 0;
    fclose(f);
    return rc;
}

// ---- one workload instance --------------------------------------------------------------

typedef struct instance {
    wb_scenario_t *scn;
    wb_world_t *world; // the scenario's, or owned (random)
    wb_random_t *rnd;
    wb_script_t script;
    wb_mutator_t mut;
} instance_t;

static int instance_open(const options_t *o, instance_t *in, char *err, size_t errlen)
{
    memset(in, 0, sizeof *in);
    if (o->scenario || o->file) {
        if (o->scenario ? wb_scenario_builtin(o->scenario, &in->scn, err, errlen)
                        : wb_scenario_read(o->file, &in->scn, err, errlen))
            return -1;
        in->world = in->scn->world;
        in->script = (wb_script_t){ .ops = in->scn->ops, .n = in->scn->nops };
        in->mut = wb_script_mutator(&in->script);
        return 0;
    }
    wb_workload_cfg_t cfg = wb_workload_default(o->objects, o->seed);
    if (!(in->world = wb_workload_world(&cfg, err, errlen)))
        return -1;
    if (!(in->rnd = wb_random_new(in->world, &cfg))) {
        snprintf(err, errlen, "out of memory");
        wb_world_free(in->world);
        return -1;
    }
    in->mut = wb_random_mutator(in->rnd);
    return 0;
}

static void instance_close(instance_t *in)
{
    if (in->scn)
        wb_scenario_free(in->scn);
    else
        wb_world_free(in->world);
    wb_random_free(in->rnd);
}

// ---- one barrier -------------------------------------------------------------------------

static void print_step(wb_run_t *r, const wb_step_info_t *si, void *arg)
{
    char t[200], e[200];
    wb_pictures_t *fr = arg;
    if (fr)
        wb_pictures_observe(fr, r, si);
    if (!fr || !wb_pictures_print_steps(fr))
        return;
    wb_world_t *w = wb_run_world(r);
    switch (si->who) {
    case 'B':
        printf("  step %-5" PRIu64 " mark begin: %zu grey\n", si->step,
               wb_marker_grey_count(wb_run_marker(r)));
        break;
    case 'M':
        printf("  step %-5" PRIu64 " M  %-28s %s%s\n", si->step, wb_op_text(w, si->op, t, sizeof t),
               si->eff ? wb_effect_text(w, si->eff, e, sizeof e) : "",
               si->hidden_now ? "  [an object is hidden]" : "");
        break;
    case 'C':
        printf("  step %-5" PRIu64 " C  grey %zu, roots left %zu\n", si->step,
               wb_marker_grey_count(wb_run_marker(r)), wb_marker_roots_pending(wb_run_marker(r)));
        break;
    default: break;
    }
}

// run_barrier — the whole workload under one barrier into *out. 0, or -1
// with a reason (bad input or OOM).
static int run_barrier(const options_t *o, wb_kind_t kind, wb_pictures_t *pages, wb_outcome_t *out,
                       char *err, size_t errlen)
{
    instance_t in;
    memset(out, 0, sizeof *out);
    out->kind = kind;
    if (instance_open(o, &in, err, errlen))
        return -1;
    bool small = ml_gc_num_objects(in.world->heap) <= CHECK_LIMIT;
    wb_run_cfg_t cfg = {
        .budget = o->budget,
        .schedule = o->schedule,
        .seed = o->seed,
        .p_mutator = o->p_mutator,
        .follow_waits = in.scn && !o->schedule,
        .check_invariant = small,
        .track_hidden = small,
        .source = o->file ? o->file : o->scenario,
        .observer = pages || o->steps ? print_step : NULL,
        .observer_arg = pages,
    };
    wb_run_t *r = wb_run_new(in.world, kind, &cfg, err, errlen);
    int rc = -1;
    if (!r)
        goto out;
    size_t cycles = in.scn ? 1 : o->cycles;
    for (size_t c = 0; c < cycles; c++) {
        if (c > 0 && wb_run_between(r, &in.mut, o->between, err, errlen))
            goto out;
        uint64_t from = ml_sched_step(wb_run_sched(r));
        if (wb_run_cycle(r, &in.mut, &out->cycles[c], err, errlen))
            goto out;
        out->policy = wb_marker_policy(wb_run_marker(r));
        char buf[8192];
        out->traces[c] =
            strdup(wb_trace_compact(r, from, ml_sched_step(wb_run_sched(r)), buf, sizeof buf));
        out->ncycles = c + 1;
        if (out->cycles[c].lost && c + 1 < cycles) {
            out->stopped_after_loss = true;
            break;
        }
    }
    char buf[65536];
    out->replay = strdup(wb_trace_compact(r, 0, ml_sched_step(wb_run_sched(r)), buf, sizeof buf));
    if (o->cost && !out->stopped_after_loss && !out->cycles[out->ncycles - 1].lost)
        out->have_cost = wb_cost_measure(in.world->heap, wb_run_marker(r), WB_COST_RANDOM, 1024,
                                         200000, 5, &out->cost) == 0;
    rc = 0;
out:
    wb_run_free(r);
    instance_close(&in);
    return rc;
}

// breaking_step — the step that hid the first lost object under `none` (or
// -1), and that object's id in *id.
static int64_t breaking_step(const options_t *o, uint32_t *id, char *err, size_t errlen, int *rc)
{
    wb_outcome_t none;
    options_t q = *o;
    q.cost = false;
    q.steps = false;
    *rc = run_barrier(&q, WB_NONE, NULL, &none, err, errlen);
    int64_t step = -1;
    for (size_t c = 0; *rc == 0 && c < none.ncycles && step < 0; c++)
        if (none.cycles[c].lost) {
            step = none.cycles[c].hidden_step >= 0 ? none.cycles[c].hidden_step
                                                   : none.cycles[c].stored_step;
            *id = none.cycles[c].lost_id;
        }
    wb_outcome_fini(&none);
    return step;
}

int main(int argc, char **argv)
{
    options_t o = { .barrier = -1,
                    .seed = 1,
                    .objects = 200,
                    .budget = 1,
                    .cycles = 1,
                    .between = 50,
                    .p_mutator = 0.5,
                    .cost = true };
    enum { OPT_SCHEDULE = 256, OPT_SHOW, OPT_STEPS, OPT_NOCOST, OPT_JSON, OPT_BETWEEN };
    static const struct option longopts[] = {
        { "scenario", required_argument, NULL, 's' },
        { "file", required_argument, NULL, 'f' },
        { "seed", required_argument, NULL, 'S' },
        { "objects", required_argument, NULL, 'n' },
        { "cycles", required_argument, NULL, 'c' },
        { "between", required_argument, NULL, OPT_BETWEEN },
        { "barrier", required_argument, NULL, 'B' },
        { "budget", required_argument, NULL, 'b' },
        { "p-mutator", required_argument, NULL, 'p' },
        { "schedule", required_argument, NULL, OPT_SCHEDULE },
        { "list", no_argument, NULL, 'l' },
        { "show", no_argument, NULL, OPT_SHOW },
        { "steps", no_argument, NULL, OPT_STEPS },
        { "dot", required_argument, NULL, 'd' },
        { "no-cost", no_argument, NULL, OPT_NOCOST },
        { "json", no_argument, NULL, OPT_JSON },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    for (int c; (c = getopt_long(argc, argv, "s:f:S:n:c:B:b:p:ld:vh", longopts, NULL)) != -1;) {
        uint64_t v;
        char *end;
        switch (c) {
        case 's': o.scenario = optarg; break;
        case 'f': o.file = optarg; break;
        case 'd': o.dot = optarg; break;
        case 'l': o.list = true; break;
        case 'v': o.verbose = true; break;
        case OPT_SHOW: o.show = true; break;
        case OPT_STEPS: o.steps = true; break;
        case OPT_NOCOST: o.cost = false; break;
        case OPT_JSON: o.json = true; break;
        case 'h': usage(stdout); return 0;
        case OPT_SCHEDULE:
            o.schedule = ml_sched_named(optarg) ? ml_sched_named(optarg) : optarg;
            break;
        case 'B':
            if (strcmp(optarg, "all") != 0 && (o.barrier = wb_kind_parse(optarg)) < 0) {
                fprintf(
                    stderr,
                    "write-barrier: --barrier: '%s' is not none, dijkstra, yuasa, hybrid or all\n",
                    optarg);
                return 2;
            }
            break;
        case 'p':
            errno = 0;
            o.p_mutator = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(o.p_mutator >= 0 && o.p_mutator <= 1)) {
                fprintf(stderr,
                        "write-barrier: --p-mutator needs a probability in [0, 1], not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'S':
        case 'n':
        case 'c':
        case 'b':
        case OPT_BETWEEN:
            if (!parse_u64(optarg, &v) || (c != 'S' && c != OPT_BETWEEN && v == 0) ||
                (c == 'c' && v > WB_MAX_CYCLES) || (c == 'n' && v > 2000000)) {
                fprintf(stderr, "write-barrier: '%s' is not a valid value for -%c (see --help)\n",
                        optarg, c == OPT_BETWEEN ? '-' : c);
                return 2;
            }
            if (c == 'S')
                o.seed = v;
            else if (c == 'n')
                o.objects = (size_t)v;
            else if (c == 'c')
                o.cycles = (size_t)v;
            else if (c == 'b')
                o.budget = (size_t)v;
            else
                o.between = (size_t)v;
            break;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "write-barrier: unexpected argument '%s' (see --help)\n", argv[optind]);
        return 2;
    }
    if (o.scenario && o.file) {
        fprintf(stderr, "write-barrier: give either --scenario or --file, not both\n");
        return 2;
    }
    char err[1024], path[4096];
    if (o.list)
        return list_scenarios();
    if (o.scenario && !wb_scenario_path(o.scenario, path, sizeof path)) {
        fprintf(stderr, "write-barrier: no built-in scenario '%s' (--list shows them)\n",
                o.scenario);
        return 2;
    }
    if (o.show) {
        if (!o.scenario) {
            fprintf(stderr, "write-barrier: --show needs --scenario NAME\n");
            return 2;
        }
        return show_file(path);
    }
    if (o.schedule) { // check it now: a typo is a usage error
        ml_sched_t s;
        ml_sched_init(&s, 0, 0.5);
        int bad = ml_sched_set_schedule(&s, o.schedule, err, sizeof err);
        ml_sched_fini(&s);
        if (bad) {
            fprintf(stderr, "write-barrier: --schedule: %s\n", err);
            return 2;
        }
    }
    if (o.dot && !o.scenario && !o.file && o.objects > WB_PICTURES_MAX_OBJECTS) {
        fprintf(stderr,
                "write-barrier: --dot draws at most %d objects (use --objects %d or fewer)\n",
                WB_PICTURES_MAX_OBJECTS, WB_PICTURES_MAX_OBJECTS);
        return 2;
    }
    char about[512] = ""; // the scenario's `about` line, for the report
    if (o.scenario || o.file) {
        wb_scenario_t *s;
        if ((o.scenario ? wb_scenario_builtin(o.scenario, &s, err, sizeof err)
                        : wb_scenario_read(o.file, &s, err, sizeof err)) == 0) {
            snprintf(about, sizeof about, "%s", s->about);
            wb_scenario_free(s);
        }
    }
    wb_kind_t kinds[WB_NKINDS];
    size_t n = 0;
    for (int k = 0; k < WB_NKINDS; k++)
        if (o.barrier < 0 || o.barrier == k)
            kinds[n++] = (wb_kind_t)k;
    int64_t window = -1;
    uint32_t target = 0;
    int rc = 0;
    if (o.dot) { // reads the workload first: bad input leaves no directory
        window = breaking_step(&o, &target, err, sizeof err, &rc);
        if (rc) {
            fprintf(stderr, "write-barrier: %s\n", err);
            return 1;
        }
    }
    if (o.dot && n > 1 && mkdir(o.dot, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "write-barrier: %s: %s\n", o.dot, strerror(errno));
        return 1;
    }
    wb_outcome_t out[WB_NKINDS];
    size_t done = 0;
    for (size_t i = 0; i < n && rc == 0; i++, done++) {
        wb_pictures_t *fr = NULL;
        if (o.dot || o.steps) {
            char dir[4096];
            snprintf(dir, sizeof dir, "%s/%s", o.dot ? o.dot : "", wb_kind_names[kinds[i]]);
            fr = wb_pictures_new(o.dot ? (n > 1 ? dir : o.dot) : NULL, window, target,
                                 o.steps && !o.json, err, sizeof err);
            if (!fr) {
                fprintf(stderr, "write-barrier: %s\n", err);
                rc = 1;
                break;
            }
            if (o.steps && !o.json)
                printf("barrier %s, step by step:\n", wb_kind_names[kinds[i]]);
        }
        if (run_barrier(&o, kinds[i], fr, &out[i], err, sizeof err)) {
            fprintf(stderr, "write-barrier: %s\n", err);
            rc = 1;
        } else if (fr && wb_pictures_finish(fr, wb_kind_names[kinds[i]], err, sizeof err)) {
            fprintf(stderr, "write-barrier: %s\n", err);
            rc = 1;
        } else if (fr && o.dot && !o.json) {
            printf("%zu step%s of barrier %s: open %s\n", wb_pictures_count(fr),
                   wb_pictures_count(fr) == 1 ? "" : "s", wb_kind_names[kinds[i]],
                   wb_pictures_index(fr));
        }
        wb_pictures_free(fr);
    }
    if (rc == 0) {
        wb_workload_desc_t d = {
            .scenario = o.scenario,
            .file = o.file,
            .seed = o.seed,
            .objects = o.objects,
            .budget = o.budget,
            .p_mutator = o.p_mutator,
            .schedule = o.schedule,
            .about = about[0] ? about : NULL,
        };
        if (o.dot && window < 0 && !o.json)
            printf(
                "note: this workload loses nothing under `none`: the step page shows its first steps\n");
        if ((o.json ? wb_report_json(stdout, &d, out, n)
                    : wb_report_text(stdout, &d, out, n, o.verbose)) != 0)
            rc = 1;
    }
    for (size_t i = 0; i < done; i++)
        wb_outcome_fini(&out[i]);
    return rc;
}
