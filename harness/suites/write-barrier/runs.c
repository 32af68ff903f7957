// runs.c — running the lab's scenarios and random workloads through the
// lab's marker with the student's barriers, and telling what went wrong:
// the object lost, the write that hid it, the command that replays it.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "memlab/verify.h"
#include "support/charts.h"
#include "support/scenario.h"
#include "support/workload.h"
#include "wb_suite.h"

const char *suite_kind_name(wb_kind_t k)
{
    return wb_kind_names[k];
}

// story — the lost object, how it was hidden, and the replay command.
static void story(char *buf, size_t len, const wb_cycle_result_t *r, const char *replay)
{
    size_t at = (size_t)snprintf(buf, len, "%s", r->lost_why);
    if (r->hidden_step >= 0 && at < len)
        at += (size_t)snprintf(buf + at, len - at,
                               "; it was hidden from the marker at step %" PRId64 " by %s",
                               r->hidden_step, r->hidden_by);
    if (r->stored_step >= 0 && at < len)
        at += (size_t)snprintf(buf + at, len - at,
                               "; the last write that stored it: step %" PRId64 ", %s",
                               r->stored_step, r->stored_by);
    if (at < len)
        snprintf(buf + at, len - at, ". Replay: %s", replay);
}

// scenario_names — the built-in scenarios (labs/write-barrier/data), NULL-terminated.
char **suite_scenario_names(void)
{
    static char **names;
    char why[256];
    if (!names)
        cr_assert(wb_scenario_list(&names, why, sizeof why) == 0 && names[0], "internal: %s",
                  names ? "labs/write-barrier/data holds no scenario" : why);
    return names;
}

// run_scenario — built-in scenario `name` under barrier `kind` (waits
// followed, as the program does). Fills *res; false with a message in
// `msg` when an object was lost, a pointer dangles or (check) the
// invariant broke.
bool suite_run_scenario(const char *name, wb_kind_t kind, bool check, wb_cycle_result_t *res,
                        char *msg, size_t len)
{
    char why[600], replay[160];
    wb_scenario_t *s;
    cr_assert(wb_scenario_builtin(name, &s, why, sizeof why) == 0, "internal: scenario %s: %s",
              name, why);
    wb_run_cfg_t cfg = { .budget = 1,
                         .seed = 1,
                         .p_mutator = 0.5,
                         .follow_waits = true,
                         .check_invariant = check,
                         .track_hidden = true };
    wb_run_t *r = wb_run_new(s->world, kind, &cfg, why, sizeof why);
    cr_assert(r, "internal: %s", why);
    wb_script_t script = { .ops = s->ops, .n = s->nops };
    wb_mutator_t mut = wb_script_mutator(&script);
    int rc = wb_run_cycle(r, &mut, res, why, sizeof why);
    cr_assert(rc == 0, "internal: scenario %s: %s", name, why);
    snprintf(replay, sizeof replay, "write-barrier --scenario %s --barrier %s --steps", name,
             suite_kind_name(kind));
    bool ok = true;
    char st[1400];
    if (res->lost) {
        story(st, sizeof st, res, replay);
        snprintf(msg, len, "scenario %s (%s): %s", name, s->about, st);
        ok = false;
    } else if (res->dangling) {
        snprintf(msg, len, "scenario %s: after the sweep, %s. Replay: %s", name, res->dangling_why,
                 replay);
        ok = false;
    } else if (check && res->violations) {
        snprintf(msg, len, "scenario %s: after step %" PRId64 " %s. Replay: %s", name,
                 res->violation_step, res->violation, replay);
        ok = false;
    }
    wb_run_free(r);
    wb_scenario_free(s);
    return ok;
}

// The random cases: seeds × budgets × schedules.
rcase_t suite_rcase(size_t k)
{
    static const char *const named[] = { NULL,         NULL, "mutator-burst",   "alternate",
                                         "late-start", NULL, "collector-burst", NULL };
    static const double ps[] = { 0.5, 0.8, 0.5, 0.5, 0.5, 0.3, 0.5, 0.65 };
    static const size_t budgets[] = { 1, 2, 1, 3, 1, 1, 2, 4 };
    return (rcase_t){
        .seed = 101 + k, .budget = budgets[k % 8], .p = ps[k % 8], .named = named[k % 8]
    };
}

// run_random — RANDOM_CYCLES cycles of the random workload `c` under
// `kind`, stopping at the first cycle that goes wrong. false with a message
// and, in *count_out, the objects lost (or with `check`, the steps that
// broke the invariant, which are then reported first).
bool suite_run_random(const rcase_t *c, wb_kind_t kind, bool check, size_t *count_out, char *msg,
                      size_t len)
{
    char why[600], replay[400];
    wb_workload_cfg_t wc = wb_workload_default(RANDOM_OBJECTS, c->seed);
    wb_world_t *w = wb_workload_world(&wc, why, sizeof why);
    cr_assert(w, "internal: %s", why);
    wb_random_t *rm = wb_random_new(w, &wc);
    cr_assert(rm, "internal: out of memory");
    wb_mutator_t mut = wb_random_mutator(rm);
    const char *sched = c->named ? ml_sched_named(c->named) : NULL;
    wb_run_cfg_t cfg = { .budget = c->budget,
                         .schedule = sched,
                         .seed = c->seed,
                         .p_mutator = c->p,
                         .check_invariant = check,
                         .track_hidden = true };
    wb_run_t *r = wb_run_new(w, kind, &cfg, why, sizeof why);
    cr_assert(r, "internal: %s", why);
    snprintf(replay, sizeof replay,
             "write-barrier --seed %" PRIu64
             " --objects %d --cycles %d --budget %zu %s%s%s%.2f --barrier %s",
             c->seed, RANDOM_OBJECTS, RANDOM_CYCLES, c->budget, c->named ? "--schedule " : "",
             c->named ? c->named : "", c->named ? " --p-mutator " : "--p-mutator ", c->p,
             suite_kind_name(kind));
    bool ok = true;
    *count_out = 0;
    for (int cyc = 0; cyc < RANDOM_CYCLES && ok; cyc++) {
        wb_cycle_result_t res;
        cr_assert(cyc == 0 || wb_run_between(r, &mut, PROGRAM_BETWEEN, why, sizeof why) == 0,
                  "internal: %s", why);
        cr_assert(wb_run_cycle(r, &mut, &res, why, sizeof why) == 0, "internal: %s", why);
        char st[1400], heap[400];
        if (check && res.violations) {
            *count_out = res.violations;
            snprintf(msg, len,
                     "random workload, seed %" PRIu64 ", cycle %d, step %" PRId64
                     ": %s. Replay: %s",
                     c->seed, cyc + 1, res.violation_step, res.violation, replay);
            ok = false;
        } else if (res.lost) {
            *count_out = check ? 0 : res.lost;
            story(st, sizeof st, &res, replay);
            snprintf(msg, len,
                     "random workload, seed %" PRIu64
                     ", cycle %d: %zu reachable object%s lost; first: %s",
                     c->seed, cyc + 1, res.lost, res.lost == 1 ? "" : "s", st);
            ok = false;
        } else if (res.dangling) {
            snprintf(msg, len,
                     "random workload, seed %" PRIu64 ", cycle %d: after the sweep, %s. Replay: %s",
                     c->seed, cyc + 1, res.dangling_why, replay);
            ok = false;
        } else if (ml_verify_heap(w->heap, heap, sizeof heap)) {
            snprintf(msg, len,
                     "random workload, seed %" PRIu64
                     ", cycle %d: the heap is inconsistent after the "
                     "sweep: %s",
                     c->seed, cyc + 1, heap);
            ok = false;
        }
    }
    wb_run_free(r);
    wb_random_free(rm);
    wb_world_free(w);
    return ok;
}

// ---- the test bodies shared by the three barriers ---------------------------------------

void suite_scenarios_test(wb_kind_t kind)
{
    size_t ok = 0, n = 0;
    char msg[2048], first[2100] = "";
    for (char **s = suite_scenario_names(); *s; s++, n++) {
        wb_cycle_result_t res;
        if (suite_run_scenario(*s, kind, false, &res, msg, sizeof msg)) {
            ok++;
        } else {
            ml_note("%s", msg);
            if (!first[0])
                snprintf(first, sizeof first, "%s", msg);
        }
    }
    ml_award((double)ok / (double)n, "%s: %zu of %zu adversarial scenarios lose no object%s%s%s",
             suite_kind_name(kind), ok, n, first[0] ? ". First failure: " : "", first,
             first[0] ? ". Handout: \"The scenarios\" (the task each belongs to)" : "");
}

void suite_random_test(wb_kind_t kind)
{
    char msg[2048];
    size_t failed = 0, lost;
    char first[2100] = "";
    for (size_t k = 0; k < NRANDOM; k++) {
        rcase_t c = suite_rcase(k);
        if (!suite_run_random(&c, kind, false, &lost, msg, sizeof msg)) {
            if (failed++ == 0)
                snprintf(first, sizeof first, "%s", msg);
            ml_note("%s", msg);
        }
    }
    cr_assert(failed == 0,
              "barrier %s: %zu of %d random workloads (%d objects, %d cycles each, several "
              "schedules) went wrong. First: %s. Handout: task 8",
              suite_kind_name(kind), failed, NRANDOM, RANDOM_OBJECTS, RANDOM_CYCLES, first);
}

void suite_invariant_test(wb_kind_t kind)
{
    char msg[2048];
    const char *which = kind == WB_DIJKSTRA ? "strong" : "weak";
    for (char **s = suite_scenario_names(); *s; s++) {
        wb_cycle_result_t res;
        suite_run_scenario(*s, kind, true, &res, msg, sizeof msg);
        cr_assert(res.violations == 0,
                  "barrier %s must keep the %s tri-color invariant after every step. "
                  "Scenario %s, after step %" PRId64
                  ": %s. Replay: write-barrier --scenario %s --barrier %s "
                  "--steps",
                  suite_kind_name(kind), which, *s, res.violation_step, res.violation, *s,
                  suite_kind_name(kind));
    }
    for (size_t k = 0; k < 16; k++) {
        rcase_t c = suite_rcase(k);
        size_t violations;
        bool ok = suite_run_random(&c, kind, true, &violations, msg, sizeof msg);
        cr_assert(ok || violations == 0,
                  "barrier %s must keep the %s tri-color invariant after every step: %s",
                  suite_kind_name(kind), which, msg);
    }
}
