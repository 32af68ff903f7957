// report.c — text and JSON reports of the write-barrier program (report.h).
#include "support/report.h"

#include <inttypes.h>
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
    totals_t t = {0};
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
    fprintf(f, " --barrier %s --schedule %s\n", wb_kind_names[o->kind], o->replay ? o->replay : "''");
}

static void cycle_text(FILE *f, const wb_outcome_t *o, size_t c, bool verbose)
{
    const wb_cycle_result_t *r = &o->cycles[c];
    if (o->ncycles > 1)
        fprintf(f, "  cycle %zu:\n", c + 1);
    fprintf(f, "  steps %" PRIu64 " (%" PRIu64 " mutator, %" PRIu64 " marking)", r->steps, r->mutator_steps,
            r->collector_steps);
    if (verbose || o->ncycles == 1)
        fprintf(f, ", schedule %s", o->traces[c] ? o->traces[c] : "");
    fputc('\n', f);
    if (r->waits_skipped || r->ops_left)
        fprintf(f, "  note: marking ended before the script was done (%zu waits, %zu operations left)\n",
                r->waits_skipped, r->ops_left);
    if (r->lost) {
        fprintf(f, "  LOST %zu reachable object%s: %s\n", r->lost, r->lost == 1 ? "" : "s", r->lost_why);
        if (r->hidden_step >= 0)
            fprintf(f, "    hidden from the marker at step %" PRId64 " by %s\n", r->hidden_step, r->hidden_by);
        if (r->stored_step >= 0)
            fprintf(f, "    the last pointer write that stored it: step %" PRId64 ", %s\n", r->stored_step,
                    r->stored_by);
        if (r->deleted_step >= 0)
            fprintf(f, "    the last pointer write that deleted it: step %" PRId64 ", %s\n", r->deleted_step,
                    r->deleted_by);
        if (r->dangling)
            fprintf(f, "    after the sweep: %s\n", r->dangling_why);
    } else {
        fprintf(f, "  no reachable object was freed\n");
    }
    fprintf(f, "  floating garbage: %zu objects (%zu bytes) marked but unreachable; %zu reachable, %zu marked\n",
            r->floating, r->floating_bytes, r->reachable, r->marked);
    fprintf(f, "  stop-the-world work: %zu at the start (stack slots), %zu at termination "
               "(re-scanned %zu stack slots and %zu globals, then drained %zu objects)\n",
            r->mk.start_work, r->term_work, r->mk.rescan_slots, r->mk.rescan_globals, r->mk.term_drained);
    fprintf(f, "  barrier: %" PRIu64 " calls for %" PRIu64 " pointer stores while marking (%" PRIu64
               " in all); %zu objects shaded by it\n",
            r->barrier_calls, r->stores_marking, r->stores, r->mk.barrier_shades);
    if (r->violations)
        fprintf(f, "  invariant: broken after %zu steps, first at step %" PRId64 ": %s\n", r->violations,
                r->violation_step, r->violation);
}

int wb_report_text(FILE *f, const wb_workload_desc_t *d, const wb_outcome_t *out, size_t n, bool verbose)
{
    char pol[160];
    if (d->scenario || d->file)
        fprintf(f, "workload: scenario %s%s%s\n", d->scenario ? d->scenario : d->file, d->about ? " — " : "",
                d->about ? d->about : "");
    else
        fprintf(f, "workload: random, seed %" PRIu64 ", %zu objects, budget %zu, p(mutator) %.2f\n", d->seed,
                d->objects, d->budget, d->p_mutator);
    for (size_t i = 0; i < n; i++) {
        const wb_outcome_t *o = &out[i];
        fprintf(f, "\nbarrier %s (%s)\n", wb_kind_names[o->kind], wb_policy_describe(o->policy, pol, sizeof pol));
        for (size_t c = 0; c < o->ncycles; c++)
            cycle_text(f, o, c, verbose);
        if (o->stopped_after_loss)
            fprintf(f, "  (stopped: the heap has dangling pointers after losing an object)\n");
        if (o->have_cost)
            fprintf(f, "  cost per pointer store: %.2f ns plain, %.2f ns with the barrier compiled in and GC off "
                       "(%+.1f%%), %.2f ns while marking (%.2fx)\n",
                    o->cost.raw_ns, o->cost.off_ns, (o->cost.off_ns / o->cost.raw_ns - 1) * 100, o->cost.on_ns,
                    o->cost.on_ns / o->cost.raw_ns);
        replay_command(f, d, o);
    }
    if (n > 1) {
        fprintf(f, "\n%-9s %6s %9s %10s %9s %9s %8s %10s\n", "barrier", "lost", "floating", "STW start",
                "STW term", "barrier", "shaded", "ns/store");
        for (size_t i = 0; i < n; i++) {
            totals_t t = sum(&out[i]);
            fprintf(f, "%-9s %6zu %9zu %10zu %9zu %9" PRIu64 " %8zu", wb_kind_names[out[i].kind], t.lost, t.floating,
                    t.start, t.term, t.calls, t.shades);
            if (out[i].have_cost)
                fprintf(f, " %10.2f\n", out[i].cost.on_ns);
            else
                fprintf(f, " %10s\n", "-");
        }
        fprintf(f, "(lost: reachable objects freed; floating: unreachable objects kept; STW: stop-the-world "
                   "work units; ns/store: while marking)\n");
    }
    return ferror(f) ? -1 : 0;
}

// ---- JSON --------------------------------------------------------------------------------

static void jstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void cycle_json(FILE *f, const wb_outcome_t *o, size_t c)
{
    const wb_cycle_result_t *r = &o->cycles[c];
    fprintf(f, "{\"steps\":%" PRIu64 ",\"mutator_steps\":%" PRIu64 ",\"marking_steps\":%" PRIu64 ",\"schedule\":",
            r->steps, r->mutator_steps, r->collector_steps);
    jstr(f, o->traces[c]);
    fprintf(f, ",\"lost\":%zu,\"lost_why\":", r->lost);
    jstr(f, r->lost ? r->lost_why : "");
    fprintf(f, ",\"hidden_step\":%" PRId64 ",\"hidden_by\":", r->hidden_step);
    jstr(f, r->hidden_by);
    fprintf(f, ",\"stored_step\":%" PRId64 ",\"stored_by\":", r->stored_step);
    jstr(f, r->stored_by);
    fprintf(f, ",\"deleted_step\":%" PRId64 ",\"deleted_by\":", r->deleted_step);
    jstr(f, r->deleted_by);
    fprintf(f, ",\"dangling\":%s,\"reachable\":%zu,\"marked\":%zu,\"floating\":%zu,\"floating_bytes\":%zu,"
               "\"freed\":%zu,\"survivors\":%zu,\"stw_start\":%zu,\"stw_termination\":%zu,"
               "\"rescan_stack_slots\":%zu,\"rescan_globals\":%zu,\"termination_drained\":%zu,"
               "\"barrier_calls\":%" PRIu64 ",\"barrier_shades\":%zu,\"stores\":%" PRIu64
               ",\"stores_marking\":%" PRIu64 ",\"invariant_violations\":%zu,\"waits_skipped\":%zu,\"ops_left\":%zu}",
            r->dangling ? "true" : "false", r->reachable, r->marked, r->floating, r->floating_bytes, r->freed,
            r->survivors, r->mk.start_work, r->term_work, r->mk.rescan_slots, r->mk.rescan_globals,
            r->mk.term_drained, r->barrier_calls, r->mk.barrier_shades, r->stores, r->stores_marking, r->violations,
            r->waits_skipped, r->ops_left);
}

int wb_report_json(FILE *f, const wb_workload_desc_t *d, const wb_outcome_t *out, size_t n)
{
    fprintf(f, "{\"workload\":");
    jstr(f, d->scenario ? d->scenario : d->file ? d->file : "random");
    fprintf(f, ",\"seed\":%" PRIu64 ",\"objects\":%zu,\"budget\":%zu,\"p_mutator\":%.3f,\"results\":[", d->seed,
            d->objects, d->budget, d->p_mutator);
    for (size_t i = 0; i < n; i++) {
        const wb_outcome_t *o = &out[i];
        totals_t t = sum(o);
        fprintf(f, "%s{\"barrier\":\"%s\",\"policy\":{\"scan_stacks_at_start\":%s,\"rescan_stacks\":%s,"
                   "\"rescan_globals\":%s,\"alloc_black\":%s},\"lost\":%zu,\"floating\":%zu,\"stw_start\":%zu,"
                   "\"stw_termination\":%zu,\"barrier_calls\":%" PRIu64 ",\"replay_schedule\":",
                i ? "," : "", wb_kind_names[o->kind], o->policy.scan_stacks_at_start ? "true" : "false",
                o->policy.rescan_stacks ? "true" : "false", o->policy.rescan_globals ? "true" : "false",
                o->policy.alloc_black ? "true" : "false", t.lost, t.floating, t.start, t.term, t.calls);
        jstr(f, o->replay);
        if (o->have_cost)
            fprintf(f, ",\"ns_per_store\":{\"plain\":%.3f,\"gc_off\":%.3f,\"marking\":%.3f}", o->cost.raw_ns,
                    o->cost.off_ns, o->cost.on_ns);
        fprintf(f, ",\"cycles\":[");
        for (size_t c = 0; c < o->ncycles; c++) {
            if (c)
                fputc(',', f);
            cycle_json(f, o, c);
        }
        fprintf(f, "]}");
    }
    fprintf(f, "]}\n");
    return ferror(f) ? -1 : 0;
}
