// report.c — text and JSON reports of the write-barrier program (report.h).
#include "support/report.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void wb_outcome_fini(wb_outcome_t *o)
{
    for (size_t c = 0; c < o->ncycles; c++)
        free(o->traces[c]);
    free(o->replay);
    memset(o, 0, sizeof *o);
}

// totals — the sums over an outcome's cycles.
typedef struct totals {
    size_t lost, floating, floating_bytes, start, term, rescan, drained, shades, violations;
    uint64_t stores, stores_marking, calls;
} totals_t;

static totals_t sum(const wb_outcome_t *o)
{
    totals_t t = { 0 };
    for (size_t c = 0; c < o->ncycles; c++) {
        const wb_cycle_result_t *r = &o->cycles[c];
        t.lost += r->lost;
        t.floating += r->floating;
        t.floating_bytes += r->floating_bytes;
        t.start += r->mk.start_work;
        t.term += r->term_work;
        t.rescan += r->mk.rescan_slots + r->mk.rescan_globals;
        t.drained += r->mk.term_drained;
        t.shades += r->mk.barrier_shades;
        t.violations += r->violations;
        t.stores += r->stores;
        t.stores_marking += r->stores_marking;
        t.calls += r->barrier_calls;
    }
    return t;
}

static void replay_command(FILE *f, const wb_workload_desc_t *d, const wb_outcome_t *o)
{
    fprintf(f, "  replay: write-barrier");
    if (d->scenario)
        fprintf(f, " --scenario %s", d->scenario);
    else if (d->file)
        fprintf(f, " --file %s", d->file);
    else
        fprintf(f, " --seed %" PRIu64 " --objects %zu", d->seed, d->objects);
    if (o->ncycles > 1)
        fprintf(f, " --cycles %zu", o->ncycles);
    if (d->budget != 1)
        fprintf(f, " --budget %zu", d->budget);
    fprintf(f, " --barrier %s --schedule %s\n", wb_kind_names[o->kind],
            o->replay ? o->replay : "''");
}

// S — the plural ending for a count: "" for 1, "s" otherwise.
#define S(n) ((n) == 1 ? "" : "s")

static void cycle_text(FILE *f, const wb_outcome_t *o, size_t c, bool verbose)
{
    const wb_cycle_result_t *r = &o->cycles[c];
    if (o->ncycles > 1)
        fprintf(f, "  cycle %zu:\n", c + 1);
    fprintf(f, "  steps %" PRIu64 " (%" PRIu64 " mutator, %" PRIu64 " marking)", r->steps,
            r->mutator_steps, r->collector_steps);
    if (verbose || o->ncycles == 1)
        fprintf(f, ", schedule %s", o->traces[c] ? o->traces[c] : "");
    fputc('\n', f);
    if (r->waits_skipped || r->ops_left)
        fprintf(
            f,
            "  note: marking ended before the script was done (%zu waits, %zu operations left)\n",
            r->waits_skipped, r->ops_left);
    if (r->lost) {
        fprintf(f, "  LOST %zu reachable object%s: %s\n", r->lost, r->lost == 1 ? "" : "s",
                r->lost_why);
        if (r->hidden_step >= 0)
            fprintf(f, "    hidden from the marker at step %" PRId64 " by %s\n", r->hidden_step,
                    r->hidden_by);
        if (r->stored_step >= 0)
            fprintf(f, "    the last pointer write that stored it: step %" PRId64 ", %s\n",
                    r->stored_step, r->stored_by);
        if (r->deleted_step >= 0)
            fprintf(f, "    the last pointer write that deleted it: step %" PRId64 ", %s\n",
                    r->deleted_step, r->deleted_by);
        if (r->dangling)
            fprintf(f, "    after the sweep: %s\n", r->dangling_why);
        fprintf(f,
                "    why: the handout's \"How a reachable object gets lost\" and \"Stacks have no "
                "barrier\"; --steps shows every step, --dot DIR draws them\n");
    } else {
        fprintf(f, "  no reachable object was freed\n");
    }
    fprintf(f,
            "  floating garbage: %zu object%s (%zu bytes) marked but unreachable; %zu reachable, "
            "%zu marked\n",
            r->floating, S(r->floating), r->floating_bytes, r->reachable, r->marked);
    fprintf(f,
            "  stop-the-world work: %zu at the start (stack slots), %zu at termination "
            "(re-scanned %zu stack slot%s and %zu global%s, then drained %zu object%s)\n",
            r->mk.start_work, r->term_work, r->mk.rescan_slots, S(r->mk.rescan_slots),
            r->mk.rescan_globals, S(r->mk.rescan_globals), r->mk.term_drained,
            S(r->mk.term_drained));
    fprintf(f,
            "  barrier: %" PRIu64 " call%s for %" PRIu64 " pointer store%s while marking (%" PRIu64
            " in all); %zu object%s shaded by it\n",
            r->barrier_calls, S(r->barrier_calls), r->stores_marking, S(r->stores_marking),
            r->stores, r->mk.barrier_shades, S(r->mk.barrier_shades));
    if (r->violations)
        fprintf(f, "  invariant: broken after %zu step%s, first at step %" PRId64 ": %s\n",
                r->violations, S(r->violations), r->violation_step, r->violation);
}

int wb_report_text(FILE *f, const wb_workload_desc_t *d, const wb_outcome_t *out, size_t n,
                   bool verbose)
{
    char pol[160];
    if (d->scenario || d->file)
        fprintf(f, "workload: scenario %s%s%s\n", d->scenario ? d->scenario : d->file,
                d->about ? " — " : "", d->about ? d->about : "");
    else
        fprintf(f, "workload: random, seed %" PRIu64 ", %zu objects, budget %zu, p(mutator) %.2f\n",
                d->seed, d->objects, d->budget, d->p_mutator);
    for (size_t i = 0; i < n; i++) {
        const wb_outcome_t *o = &out[i];
        fprintf(f, "\nbarrier %s (%s)\n", wb_kind_names[o->kind],
                wb_policy_describe(o->policy, pol, sizeof pol));
        for (size_t c = 0; c < o->ncycles; c++)
            cycle_text(f, o, c, verbose);
        if (o->stopped_after_loss)
            fprintf(f, "  (stopped: the heap has dangling pointers after losing an object)\n");
        if (o->have_cost)
            fprintf(
                f,
                "  cost per pointer store: %.2f ns plain, %.2f ns with the barrier compiled in and GC off "
                "(%+.1f%%), %.2f ns while marking (%.2fx)\n",
                o->cost.raw_ns, o->cost.off_ns, (o->cost.off_ns / o->cost.raw_ns - 1) * 100,
                o->cost.on_ns, o->cost.on_ns / o->cost.raw_ns);
        replay_command(f, d, o);
    }
    if (n > 1) {
        fprintf(f, "\n%-9s %6s %9s %10s %9s %9s %8s %10s\n", "barrier", "lost", "floating",
                "STW start", "STW term", "barrier", "shaded", "ns/store");
        for (size_t i = 0; i < n; i++) {
            totals_t t = sum(&out[i]);
            fprintf(f, "%-9s %6zu %9zu %10zu %9zu %9" PRIu64 " %8zu", wb_kind_names[out[i].kind],
                    t.lost, t.floating, t.start, t.term, t.calls, t.shades);
            if (out[i].have_cost)
                fprintf(f, " %10.2f\n", out[i].cost.on_ns);
            else
                fprintf(f, " %10s\n", "-");
        }
        fprintf(
            f,
            "(lost: reachable objects freed; floating: unreachable objects kept; STW: stop-the-world "
            "work units; ns/store: while marking)\n");
    }
    return ferror(f) ? -1 : 0;
}

// ---- JSON (jansson) -----------------------------------------------------------------------

// set — o[key] = v; false when v is NULL or memory runs out (v is consumed).
static bool set(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0;
}

// jstr — a JSON string of `s` (NULL: ""), or NULL for text that is not UTF-8.
static json_t *jstr(const char *s)
{
    return json_string(s ? s : "");
}

// milli — x rounded to 3 decimals, as the text report prints it.
static json_t *milli(double x)
{
    return json_real(round(x * 1000.0) / 1000.0);
}

static json_t *cycle_json(const wb_outcome_t *o, size_t c)
{
    const wb_cycle_result_t *r = &o->cycles[c];
    json_t *j = json_object();
    bool ok = j && set(j, "steps", json_integer((json_int_t)r->steps)) &&
              set(j, "mutator_steps", json_integer((json_int_t)r->mutator_steps)) &&
              set(j, "marking_steps", json_integer((json_int_t)r->collector_steps)) &&
              set(j, "schedule", jstr(o->traces[c])) &&
              set(j, "lost", json_integer((json_int_t)r->lost)) &&
              set(j, "lost_why", jstr(r->lost ? r->lost_why : "")) &&
              set(j, "hidden_step", json_integer(r->hidden_step)) &&
              set(j, "hidden_by", jstr(r->hidden_by)) &&
              set(j, "stored_step", json_integer(r->stored_step)) &&
              set(j, "stored_by", jstr(r->stored_by)) &&
              set(j, "deleted_step", json_integer(r->deleted_step)) &&
              set(j, "deleted_by", jstr(r->deleted_by)) &&
              set(j, "dangling", json_boolean(r->dangling)) &&
              set(j, "reachable", json_integer((json_int_t)r->reachable)) &&
              set(j, "marked", json_integer((json_int_t)r->marked)) &&
              set(j, "floating", json_integer((json_int_t)r->floating)) &&
              set(j, "floating_bytes", json_integer((json_int_t)r->floating_bytes)) &&
              set(j, "freed", json_integer((json_int_t)r->freed)) &&
              set(j, "survivors", json_integer((json_int_t)r->survivors)) &&
              set(j, "stw_start", json_integer((json_int_t)r->mk.start_work)) &&
              set(j, "stw_termination", json_integer((json_int_t)r->term_work)) &&
              set(j, "rescan_stack_slots", json_integer((json_int_t)r->mk.rescan_slots)) &&
              set(j, "rescan_globals", json_integer((json_int_t)r->mk.rescan_globals)) &&
              set(j, "termination_drained", json_integer((json_int_t)r->mk.term_drained)) &&
              set(j, "barrier_calls", json_integer((json_int_t)r->barrier_calls)) &&
              set(j, "barrier_shades", json_integer((json_int_t)r->mk.barrier_shades)) &&
              set(j, "stores", json_integer((json_int_t)r->stores)) &&
              set(j, "stores_marking", json_integer((json_int_t)r->stores_marking)) &&
              set(j, "invariant_violations", json_integer((json_int_t)r->violations)) &&
              set(j, "waits_skipped", json_integer((json_int_t)r->waits_skipped)) &&
              set(j, "ops_left", json_integer((json_int_t)r->ops_left));
    if (!ok) {
        json_decref(j);
        return NULL;
    }
    return j;
}

static json_t *outcome_json(const wb_outcome_t *o)
{
    totals_t t = sum(o);
    json_t *j = json_object(), *pol = json_object(), *cycles = json_array();
    bool ok = j && pol && cycles && set(j, "barrier", jstr(wb_kind_names[o->kind])) &&
              set(pol, "scan_stacks_at_start", json_boolean(o->policy.scan_stacks_at_start)) &&
              set(pol, "rescan_stacks", json_boolean(o->policy.rescan_stacks)) &&
              set(pol, "rescan_globals", json_boolean(o->policy.rescan_globals)) &&
              set(pol, "alloc_black", json_boolean(o->policy.alloc_black)) &&
              set(j, "policy", json_incref(pol)) &&
              set(j, "lost", json_integer((json_int_t)t.lost)) &&
              set(j, "floating", json_integer((json_int_t)t.floating)) &&
              set(j, "stw_start", json_integer((json_int_t)t.start)) &&
              set(j, "stw_termination", json_integer((json_int_t)t.term)) &&
              set(j, "barrier_calls", json_integer((json_int_t)t.calls)) &&
              set(j, "replay_schedule", jstr(o->replay));
    if (ok && o->have_cost) {
        json_t *ns = json_object();
        ok = ns && set(ns, "plain", milli(o->cost.raw_ns)) &&
             set(ns, "gc_off", milli(o->cost.off_ns)) && set(ns, "marking", milli(o->cost.on_ns)) &&
             set(j, "ns_per_store", json_incref(ns));
        json_decref(ns);
    }
    for (size_t c = 0; ok && c < o->ncycles; c++)
        ok = json_array_append_new(cycles, cycle_json(o, c)) == 0;
    ok = ok && set(j, "cycles", json_incref(cycles));
    json_decref(pol);
    json_decref(cycles);
    if (!ok) {
        json_decref(j);
        return NULL;
    }
    return j;
}

int wb_report_json(FILE *f, const wb_workload_desc_t *d, const wb_outcome_t *out, size_t n)
{
    json_t *j = json_object(), *results = json_array();
    bool ok = j && results &&
              set(j, "workload",
                  jstr(d->scenario ? d->scenario
                       : d->file   ? d->file
                                   : "random")) &&
              set(j, "seed", json_integer((json_int_t)d->seed)) &&
              set(j, "objects", json_integer((json_int_t)d->objects)) &&
              set(j, "budget", json_integer((json_int_t)d->budget)) &&
              set(j, "p_mutator", milli(d->p_mutator));
    for (size_t i = 0; ok && i < n; i++)
        ok = json_array_append_new(results, outcome_json(&out[i])) == 0;
    ok = ok && set(j, "results", json_incref(results));
    json_decref(results);
    // A file name that is not UTF-8 cannot be a JSON string: say so rather
    // than write half an object.
    int rc =
        ok && json_dumpf(j, f, JSON_COMPACT | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF
            ? 0
            : -1;
    json_decref(j);
    if (!ok)
        fprintf(
            stderr,
            "write-barrier: cannot write the JSON report (out of memory, or a name that is not UTF-8)\n");
    return rc || ferror(f) ? -1 : 0;
}
