// write-barrier.c — the grading suite of the write-barrier lab
// (labs/write-barrier): the student's three barriers and policies
// (barrier.c) beside the lab's incremental marker, against the core's
// oracles.
//
// For each barrier (Dijkstra, Yuasa, hybrid):
//   - the barrier itself, called directly: which pointer it shades;
//   - the library of adversarial scenarios (scenarios.c: the classic lost
//     object, through a stack slot, through globals, objects allocated
//     during marking, two goroutines): at mark termination, before the
//     sweep, no reachable object may be white (ml_verify_lost), and after
//     the sweep no pointer may dangle (ml_verify_no_dangling);
//   - many seeded random workloads under several schedules (memlab/sched.h),
//     three cycles each;
//   - the tri-color invariant after every step: strong for Dijkstra, weak
//     for Yuasa and the hybrid (grey = the worklist and what roots still to
//     be scanned point to);
//   - the policy: Dijkstra re-scans stacks at termination (without it, the
//     stack-slot scenario loses an object), Yuasa snapshots stacks and
//     allocates black, the hybrid does no stop-the-world stack work at all.
// Plus: global stores run the barrier like heap stores, and a demonstration
// (no points, no student code) that `none` loses objects.
//
// Every failure names the scenario or the seed and schedule, and the
// command of the lab's program that replays it.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "barrier.h"
#include "charts.h"
#include "marker.h"
#include "memlab/grade.h"
#include "memlab/verify.h"
#include "run.h"
#include "scenario.h"
#include "workload.h"

// ---- running a scenario or a random workload ----------------------------------------

// The program's defaults (main.c), so every failure replays with it.
#define PROGRAM_BETWEEN 50
#define RANDOM_CYCLES 3
#define RANDOM_OBJECTS 60

static const char *kind_name(wb_kind_t k) { return wb_kind_names[k]; }

// story — the lost object, how it was hidden, and the replay command.
static void story(char *buf, size_t len, const wb_cycle_result_t *r, const char *replay)
{
    size_t at = (size_t)snprintf(buf, len, "%s", r->lost_why);
    if (r->hidden_step >= 0 && at < len)
        at += (size_t)snprintf(buf + at, len - at, "; it was hidden from the marker at step %" PRId64 " by %s",
                               r->hidden_step, r->hidden_by);
    if (r->stored_step >= 0 && at < len)
        at += (size_t)snprintf(buf + at, len - at, "; the last write that stored it: step %" PRId64 ", %s",
                               r->stored_step, r->stored_by);
    if (at < len)
        snprintf(buf + at, len - at, ". Replay: %s", replay);
}

// run_scenario — built-in scenario `name` under barrier `kind` (waits
// followed, as the program does). Fills *res; false with a message in
// `msg` when an object was lost, a pointer dangles or (check) the
// invariant broke.
static bool run_scenario(const char *name, wb_kind_t kind, bool check, wb_cycle_result_t *res, char *msg,
                         size_t len)
{
    char why[600], replay[160];
    wb_scenario_t *s = wb_scenario_builtin(name, why, sizeof why);
    cr_assert(s, "internal: scenario %s: %s", name, why);
    wb_run_cfg_t cfg = {.budget = 1, .seed = 1, .p_mutator = 0.5, .follow_waits = true,
                        .check_invariant = check, .track_hidden = true};
    wb_run_t *r = wb_run_new(s->world, kind, &cfg, why, sizeof why);
    cr_assert(r, "internal: %s", why);
    wb_script_t script = {.ops = s->ops, .n = s->nops};
    wb_mutator_t mut = wb_script_mutator(&script);
    int rc = wb_run_cycle(r, &mut, res, why, sizeof why);
    cr_assert(rc == 0, "internal: scenario %s: %s", name, why);
    snprintf(replay, sizeof replay, "write-barrier --scenario %s --barrier %s --steps", name, kind_name(kind));
    bool ok = true;
    char st[1400];
    if (res->lost) {
        story(st, sizeof st, res, replay);
        snprintf(msg, len, "scenario %s (%s): %s", name, wb_scenario_about(name), st);
        ok = false;
    } else if (res->dangling) {
        snprintf(msg, len, "scenario %s: after the sweep, %s. Replay: %s", name, res->dangling_why, replay);
        ok = false;
    } else if (check && res->violations) {
        snprintf(msg, len, "scenario %s: after step %" PRId64 " %s. Replay: %s", name, res->violation_step,
                 res->violation, replay);
        ok = false;
    }
    wb_run_free(r);
    wb_scenario_free(s);
    return ok;
}

typedef struct rcase {
    uint64_t seed;
    size_t budget;
    double p;                 // the coin, when there is no schedule
    const char *named;        // a named schedule, or NULL
} rcase_t;

// The random cases: seeds × budgets × schedules.
static rcase_t rcase(size_t k)
{
    static const char *const named[] = {NULL, NULL, "mutator-burst", "alternate", "late-start", NULL,
                                        "collector-burst", NULL};
    static const double ps[] = {0.5, 0.8, 0.5, 0.5, 0.5, 0.3, 0.5, 0.65};
    static const size_t budgets[] = {1, 2, 1, 3, 1, 1, 2, 4};
    return (rcase_t){.seed = 101 + k, .budget = budgets[k % 8], .p = ps[k % 8], .named = named[k % 8]};
}

// run_random — RANDOM_CYCLES cycles of the random workload `c` under
// `kind`, stopping at the first cycle that goes wrong. false with a message
// and, in *count_out, the objects lost (or with `check`, the steps that
// broke the invariant, which are then reported first).
static bool run_random(const rcase_t *c, wb_kind_t kind, bool check, size_t *count_out, char *msg, size_t len)
{
    char why[600], replay[400];
    wb_workload_cfg_t wc = wb_workload_default(RANDOM_OBJECTS, c->seed);
    wb_world_t *w = wb_workload_world(&wc, why, sizeof why);
    cr_assert(w, "internal: %s", why);
    wb_random_t *rm = wb_random_new(w, &wc);
    cr_assert(rm, "internal: out of memory");
    wb_mutator_t mut = wb_random_mutator(rm);
    const char *sched = c->named ? ml_sched_named(c->named) : NULL;
    wb_run_cfg_t cfg = {.budget = c->budget, .schedule = sched, .seed = c->seed, .p_mutator = c->p,
                        .check_invariant = check, .track_hidden = true};
    wb_run_t *r = wb_run_new(w, kind, &cfg, why, sizeof why);
    cr_assert(r, "internal: %s", why);
    snprintf(replay, sizeof replay, "write-barrier --seed %" PRIu64 " --objects %d --cycles %d --budget %zu %s%s%s%.2f --barrier %s",
             c->seed, RANDOM_OBJECTS, RANDOM_CYCLES, c->budget, c->named ? "--schedule " : "", c->named ? c->named : "",
             c->named ? " --p-mutator " : "--p-mutator ", c->p, kind_name(kind));
    bool ok = true;
    *count_out = 0;
    for (int cyc = 0; cyc < RANDOM_CYCLES && ok; cyc++) {
        wb_cycle_result_t res;
        cr_assert(cyc == 0 || wb_run_between(r, &mut, PROGRAM_BETWEEN, why, sizeof why) == 0, "internal: %s", why);
        cr_assert(wb_run_cycle(r, &mut, &res, why, sizeof why) == 0, "internal: %s", why);
        char st[1400], heap[400];
        if (check && res.violations) {
            *count_out = res.violations;
            snprintf(msg, len, "random workload, seed %" PRIu64 ", cycle %d, step %" PRId64 ": %s. Replay: %s",
                     c->seed, cyc + 1, res.violation_step, res.violation, replay);
            ok = false;
        } else if (res.lost) {
            *count_out = check ? 0 : res.lost;
            story(st, sizeof st, &res, replay);
            snprintf(msg, len, "random workload, seed %" PRIu64 ", cycle %d: %zu reachable objects lost; first: %s",
                     c->seed, cyc + 1, res.lost, st);
            ok = false;
        } else if (res.dangling) {
            snprintf(msg, len, "random workload, seed %" PRIu64 ", cycle %d: after the sweep, %s. Replay: %s",
                     c->seed, cyc + 1, res.dangling_why, replay);
            ok = false;
        } else if (ml_verify_heap(w->heap, heap, sizeof heap)) {
            snprintf(msg, len, "random workload, seed %" PRIu64 ", cycle %d: the heap is inconsistent after the "
                     "sweep: %s", c->seed, cyc + 1, heap);
            ok = false;
        }
    }
    wb_run_free(r);
    wb_random_free(rm);
    wb_world_free(w);
    return ok;
}

// ---- the test bodies shared by the three barriers ---------------------------------------

static void scenarios_test(wb_kind_t kind)
{
    size_t ok = 0, n = 0;
    char msg[2048], first[2100] = "";
    for (const char *const *s = wb_scenario_names; *s; s++, n++) {
        wb_cycle_result_t res;
        if (run_scenario(*s, kind, false, &res, msg, sizeof msg)) {
            ok++;
        } else {
            ml_note("%s", msg);
            if (!first[0])
                snprintf(first, sizeof first, "%s", msg);
        }
    }
    ml_award((double)ok / (double)n, "%s: %zu of %zu adversarial scenarios lose no object%s%s", kind_name(kind),
             ok, n, first[0] ? ". First failure: " : "", first);
}

#define NRANDOM 96

static void random_test(wb_kind_t kind)
{
    char msg[2048];
    size_t failed = 0, lost;
    char first[2100] = "";
    for (size_t k = 0; k < NRANDOM; k++) {
        rcase_t c = rcase(k);
        if (!run_random(&c, kind, false, &lost, msg, sizeof msg)) {
            if (failed++ == 0)
                snprintf(first, sizeof first, "%s", msg);
            ml_note("%s", msg);
        }
    }
    cr_assert(failed == 0, "barrier %s: %zu of %d random workloads (%d objects, %d cycles each, several "
              "schedules) went wrong. First: %s", kind_name(kind), failed, NRANDOM, RANDOM_OBJECTS,
              RANDOM_CYCLES, first);
}

static void invariant_test(wb_kind_t kind)
{
    char msg[2048];
    const char *which = kind == WB_DIJKSTRA ? "strong" : "weak";
    for (const char *const *s = wb_scenario_names; *s; s++) {
        wb_cycle_result_t res;
        run_scenario(*s, kind, true, &res, msg, sizeof msg);
        cr_assert(res.violations == 0, "barrier %s must keep the %s tri-color invariant after every step. "
                  "Scenario %s, after step %" PRId64 ": %s. Replay: write-barrier --scenario %s --barrier %s "
                  "--steps", kind_name(kind), which, *s, res.violation_step, res.violation, *s, kind_name(kind));
    }
    for (size_t k = 0; k < 16; k++) {
        rcase_t c = rcase(k);
        size_t violations;
        bool ok = run_random(&c, kind, true, &violations, msg, sizeof msg);
        cr_assert(ok || violations == 0, "barrier %s must keep the %s tri-color invariant after every step: %s",
                  kind_name(kind), which, msg);
    }
}

// ---- calling a barrier directly -------------------------------------------------------

static const ml_type_t NODE = ML_TYPE("Node", 24, 0x3);

typedef struct unit {
    wb_world_t *w;
    ml_gc_heap_t *h;
    wb_marker_t *m;
    void *holder;
} unit_t;

// unit_open — a heap with the lab's marker of `kind`, in a cycle, and a
// holder object (white, like everything else allocated before the cycle).
static void unit_open(unit_t *u, wb_kind_t kind)
{
    char why[256];
    u->w = wb_world_new(NULL, why, sizeof why);
    cr_assert(u->w, "internal: %s", why);
    u->h = u->w->heap;
    u->holder = ml_gc_alloc(u->h, &NODE);
    u->m = wb_marker_new(u->h, kind);
    cr_assert(u->holder && u->m, "internal: out of memory");
    ml_gc_collector_t t = wb_marker_collector(u->m);
    cr_assert(ml_gc_set_collector(u->h, &t) == 0, "internal: cannot install the marker");
}

// fresh — a new white object (allocated before the cycle starts, or made
// white again: units control colors themselves).
static void *fresh(unit_t *u)
{
    void *o = ml_gc_alloc(u->h, &NODE);
    cr_assert(o, "internal: out of memory");
    if (ml_gc_phase(u->h) != ML_GC_OFF)
        ml_gc_clear_mark(u->h, o);
    return o;
}

static void unit_close(unit_t *u)
{
    if (ml_gc_phase(u->h) != ML_GC_OFF)
        ml_gc_cycle_finish(u->h);
    ml_gc_set_collector(u->h, NULL);
    wb_marker_free(u->m);
    wb_world_free(u->w);
}

static bool grey(unit_t *u, void *obj)
{
    wb_view_t *v = wb_view_take(u->m, false);
    cr_assert(v, "internal: out of memory");
    bool g = wb_view_has(v, obj);
    wb_view_free(v);
    return g && ml_gc_is_marked(u->h, obj);
}

// call — run barrier `kind` on the holder's slot 0 as the core would
// (before the store), then do the store; checks that the barrier itself
// stored nothing.
static void call(unit_t *u, wb_kind_t kind, void *old, void *val)
{
    void **slot = ml_gc_slot_addr(u->h, u->holder, 0);
    *slot = old;
    if (kind == WB_DIJKSTRA)
        wb_dijkstra(u->m, slot, old, val);
    else if (kind == WB_YUASA)
        wb_yuasa(u->m, slot, old, val);
    else
        wb_hybrid(u->m, slot, old, val);
    cr_assert(*slot == old, "wb_%s changed the slot it was called for: a barrier only shades; the store "
              "happens after it returns", kind_name(kind));
    *slot = val;
}

// ---- Dijkstra -------------------------------------------------------------------------

ML_TEST(dijkstra, shades_the_new_pointer, 3, 10)
{
    unit_t u;
    unit_open(&u, WB_DIJKSTRA);
    void *old = fresh(&u), *val = fresh(&u);
    cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
    call(&u, WB_DIJKSTRA, old, val);
    cr_assert(grey(&u, val), "wb_dijkstra(slot, old, new) left the new pointer's object %s: an insertion "
              "barrier shades the pointer being written (wb_shade(m, val))",
              ml_gc_is_marked(u.h, val) ? "marked but not in the worklist" : "white");
    cr_assert(!ml_gc_is_marked(u.h, old), "wb_dijkstra shaded the overwritten pointer too: Dijkstra's "
              "barrier shades only the new one (the deleted one is Yuasa's)");
    call(&u, WB_DIJKSTRA, val, NULL);    // storing nil: nothing to shade, no crash
    unit_close(&u);
}

ML_SCORED_TEST(dijkstra, adversarial_scenarios, 12, 30) { scenarios_test(WB_DIJKSTRA); }
ML_TEST(dijkstra, random_schedules, 8, 60) { random_test(WB_DIJKSTRA); }
ML_TEST(dijkstra, strong_invariant_every_step, 6, 60) { invariant_test(WB_DIJKSTRA); }

ML_TEST(dijkstra, termination_rescans_stacks, 3, 20)
{
    wb_policy_t p = wb_policy(WB_DIJKSTRA);
    cr_assert(p.rescan_stacks, "wb_policy(WB_DIJKSTRA).rescan_stacks is false: stack writes run no barrier, "
              "so a stack that was already scanned can take the only pointer to a white object whose heap "
              "path is then cut (scenario stack-slot). Dijkstra needs every stack re-scanned at mark "
              "termination, with the world stopped");
    char msg[2048];
    wb_cycle_result_t res;
    cr_assert(run_scenario("stack-slot", WB_DIJKSTRA, false, &res, msg, sizeof msg), "%s", msg);
    cr_assert(res.mk.rescan_slots > 0, "the marker re-scanned no stack slot at termination");
}

// ---- Yuasa ------------------------------------------------------------------------------

ML_TEST(yuasa, shades_the_old_pointer, 3, 10)
{
    unit_t u;
    unit_open(&u, WB_YUASA);
    void *old = fresh(&u), *val = fresh(&u);
    cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
    call(&u, WB_YUASA, old, val);
    cr_assert(grey(&u, old), "wb_yuasa(slot, old, new) left the overwritten pointer's object %s: a deletion "
              "barrier shades the pointer being deleted (wb_shade(m, old))",
              ml_gc_is_marked(u.h, old) ? "marked but not in the worklist" : "white");
    cr_assert(!ml_gc_is_marked(u.h, val), "wb_yuasa shaded the new pointer too: Yuasa's barrier shades only "
              "the overwritten one");
    call(&u, WB_YUASA, NULL, val);       // overwriting nil: nothing to shade
    unit_close(&u);
}

ML_SCORED_TEST(yuasa, adversarial_scenarios, 12, 30) { scenarios_test(WB_YUASA); }
ML_TEST(yuasa, random_schedules, 8, 60) { random_test(WB_YUASA); }
ML_TEST(yuasa, weak_invariant_every_step, 5, 60) { invariant_test(WB_YUASA); }

ML_TEST(yuasa, snapshot_policy, 3, 10)
{
    wb_policy_t p = wb_policy(WB_YUASA);
    cr_assert(p.scan_stacks_at_start, "wb_policy(WB_YUASA).scan_stacks_at_start is false: a deletion barrier "
              "keeps a snapshot of the heap, but stack writes run no barrier, so a stack not scanned yet can "
              "drop its only pointer to an object it has just stored into a black object (scenario "
              "grey-stack-store). Yuasa scans every stack at the start, with the world stopped");
    cr_assert(p.alloc_black, "wb_policy(WB_YUASA).alloc_black is false: an object allocated during marking is "
              "not in the snapshot, and nothing would ever shade it (scenario alloc-store)");
    cr_assert(!p.rescan_stacks && !p.rescan_globals, "wb_policy(WB_YUASA) re-scans at termination: with the "
              "stacks snapshotted at the start and a deletion barrier on every heap and global store, "
              "nothing reachable can be missed; a re-scan only adds stop-the-world work");
}

// ---- hybrid -------------------------------------------------------------------------------

ML_TEST(hybrid, shades_old_always_new_while_stack_grey, 4, 10)
{
    unit_t u;
    unit_open(&u, WB_HYBRID);
    char why[128];
    int g2 = wb_world_add_stack(u.w, "g2");
    cr_assert(g2 > 0, "internal: %s", why);
    void *o[8];
    for (int i = 0; i < 8; i++)
        o[i] = fresh(&u);
    cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
    ml_gc_stack_t *main_st = ml_gc_stack_at(u.h, 0), *g2_st = u.w->stacks[g2].st;
    // 1. The current stack (main) is grey: shade both.
    ml_gc_stack_set_scanned(main_st, false);
    ml_gc_stack_set_scanned(g2_st, false);
    ml_gc_switch_stack(u.h, main_st);
    call(&u, WB_HYBRID, o[0], o[1]);
    cr_assert(grey(&u, o[0]), "wb_hybrid did not shade the overwritten pointer (the deletion half is always on)");
    cr_assert(grey(&u, o[1]), "wb_hybrid did not shade the new pointer although the current goroutine's stack "
              "is grey (not scanned yet): the stack may be about to drop its only pointer to it");
    // 2. The current stack is black: shade only the old one.
    ml_gc_stack_set_scanned(main_st, true);
    call(&u, WB_HYBRID, o[2], o[3]);
    cr_assert(grey(&u, o[2]), "wb_hybrid did not shade the overwritten pointer while the stack is black");
    cr_assert(!ml_gc_is_marked(u.h, o[3]), "wb_hybrid shaded the new pointer although the current "
              "goroutine's stack is black (already scanned): the hybrid shades the new pointer only while "
              "the stack is grey — otherwise it keeps garbage alive for nothing");
    // 3. Another goroutine, still grey, does the store: its stack counts.
    ml_gc_switch_stack(u.h, g2_st);
    call(&u, WB_HYBRID, o[4], o[5]);
    cr_assert(grey(&u, o[5]), "main's stack is black but the store is done by goroutine g2, whose stack is "
              "grey: wb_hybrid must look at the current stack (ml_gc_current_stack), not at main's");
    ml_gc_switch_stack(u.h, main_st);
    ml_gc_stack_set_scanned(g2_st, true);
    ml_gc_stack_set_scanned(main_st, false);
    ml_gc_switch_stack(u.h, g2_st);
    call(&u, WB_HYBRID, o[6], o[7]);
    cr_assert(!ml_gc_is_marked(u.h, o[7]), "goroutine g2's stack is black (main's is grey) and g2 does the "
              "store: wb_hybrid must look at the current stack only");
    ml_gc_switch_stack(u.h, main_st);
    unit_close(&u);
}

ML_SCORED_TEST(hybrid, adversarial_scenarios, 12, 30) { scenarios_test(WB_HYBRID); }
ML_TEST(hybrid, random_schedules, 8, 60) { random_test(WB_HYBRID); }
ML_TEST(hybrid, weak_invariant_every_step, 5, 60) { invariant_test(WB_HYBRID); }

ML_TEST(hybrid, no_stop_the_world_stack_work, 4, 30)
{
    wb_policy_t p = wb_policy(WB_HYBRID);
    cr_assert(!p.scan_stacks_at_start, "wb_policy(WB_HYBRID).scan_stacks_at_start is true: the hybrid barrier "
              "exists so that stacks are scanned one goroutine at a time while the program runs — no "
              "stop-the-world stack snapshot");
    cr_assert(!p.rescan_stacks && !p.rescan_globals, "wb_policy(WB_HYBRID) re-scans at termination: "
              "eliminating the stop-the-world re-scan is the point of the hybrid barrier (Go 1.8)");
    cr_assert(p.alloc_black, "wb_policy(WB_HYBRID).alloc_black is false: a goroutine whose stack is already "
              "black can store a new object into a black object without the barrier shading it (scenario "
              "alloc-store): new objects must be black");
    rcase_t c = rcase(0);
    char why[600];
    wb_workload_cfg_t wc = wb_workload_default(RANDOM_OBJECTS, c.seed);
    wb_world_t *w = wb_workload_world(&wc, why, sizeof why);
    wb_random_t *rm = w ? wb_random_new(w, &wc) : NULL;
    cr_assert(w && rm, "internal: %s", why);
    wb_mutator_t mut = wb_random_mutator(rm);
    wb_run_cfg_t cfg = {.budget = 1, .seed = c.seed, .p_mutator = 0.5};
    wb_run_t *r = wb_run_new(w, WB_HYBRID, &cfg, why, sizeof why);
    cr_assert(r, "internal: %s", why);
    wb_cycle_result_t res;
    cr_assert(wb_run_cycle(r, &mut, &res, why, sizeof why) == 0, "internal: %s", why);
    cr_assert(res.mk.start_work == 0 && res.term_work == 0, "the hybrid's cycle did %zu units of "
              "stop-the-world work at the start and %zu at termination; it should do none",
              res.mk.start_work, res.term_work);
    wb_run_free(r);
    wb_random_free(rm);
    wb_world_free(w);
}

// ---- all three ------------------------------------------------------------------------------

ML_TEST(globals, global_stores_run_the_barrier, 3, 10)
{
    const wb_kind_t kinds[3] = {WB_DIJKSTRA, WB_YUASA, WB_HYBRID};
    for (int k = 0; k < 3; k++) {
        unit_t u;
        unit_open(&u, kinds[k]);
        int g = ml_gc_global_add(u.h, "config");
        void *old = fresh(&u), *val = fresh(&u);
        cr_assert(g >= 0, "internal: out of memory");
        ml_gc_write_global(u.h, g, old);
        cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
        ml_gc_stack_set_scanned(ml_gc_current_stack(u.h), false);
        ml_gc_write_global(u.h, g, val);     // the core runs the hook, as for a heap store
        bool want_new = kinds[k] != WB_YUASA, want_old = kinds[k] != WB_DIJKSTRA;
        cr_assert(!want_new || ml_gc_is_marked(u.h, val), "barrier %s: a store into a global (not yet scanned "
                  "by the marker) did not shade the new pointer. In Go, stores to globals run the write "
                  "barrier exactly like stores into heap objects: only stack stores have none",
                  kind_name(kinds[k]));
        cr_assert(!want_old || ml_gc_is_marked(u.h, old), "barrier %s: a store into a global did not shade "
                  "the overwritten pointer. Globals are scanned while marking runs, so deleting from one the "
                  "marker has not reached yet hides the object, as in a heap object", kind_name(kinds[k]));
        unit_close(&u);
    }
}

ML_TEST(alloc, allocated_black_for_yuasa_and_hybrid, 3, 10)
{
    const wb_kind_t kinds[2] = {WB_YUASA, WB_HYBRID};
    for (int k = 0; k < 2; k++) {
        unit_t u;
        unit_open(&u, kinds[k]);
        cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
        void *obj = ml_gc_alloc(u.h, &NODE);
        cr_assert(obj, "internal: out of memory");
        cr_assert(ml_gc_is_marked(u.h, obj) && !grey(&u, obj), "barrier %s: an object allocated while marking "
                  "runs is %s; it must be black (wb_policy: alloc_black)", kind_name(kinds[k]),
                  ml_gc_is_marked(u.h, obj) ? "grey" : "white");
        unit_close(&u);
    }
}

// ---- charts of your barriers (no points) ----------------------------------------------

ML_TEST(charts, floating_garbage_and_stop_the_world_work, 0, 60)
{
    // The report's charts: the same data as the benchmark's, for small heaps,
    // with your barriers and policies.
    const char *dir = getenv("MEMLAB_DATA");
    if (!dir || !*dir) {
        ml_note("MEMLAB_DATA is not set: no chart data written");
        return;
    }
    static const size_t sizes[] = {250, 1000, 4000};
    cr_assert(wb_charts_workloads(dir, sizes, 3, 3, NULL) == 0, "internal: cannot write the chart data into %s", dir);
}

// ---- why barriers exist ----------------------------------------------------------------------

ML_TEST(demo, none_loses_objects, 0, 60)
{
    // No student code runs here: the marker's own `none`. Every scenario
    // must lose an object (else it tests nothing), and so must a good share
    // of the random workloads.
    char msg[2048];
    for (const char *const *s = wb_scenario_names; *s; s++) {
        wb_cycle_result_t res;
        run_scenario(*s, WB_NONE, false, &res, msg, sizeof msg);
        cr_assert(res.lost > 0, "internal: scenario %s loses nothing without a barrier", *s);
        cr_assert(res.waits_skipped == 0 && res.ops_left == 0, "internal: scenario %s did not play as designed", *s);
    }
    size_t losing = 0, lost;
    for (size_t k = 0; k < NRANDOM; k++) {
        rcase_t c = rcase(k);
        losing += !run_random(&c, WB_NONE, false, &lost, msg, sizeof msg) && lost > 0;
    }
    ml_note("without a barrier, %zu of %d random workloads lost objects", losing, NRANDOM);
    cr_assert(losing * 2 >= NRANDOM, "internal: only %zu of %d random workloads lose objects without a barrier",
              losing, NRANDOM);
}
