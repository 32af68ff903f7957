// run.c — the experiment driver of the write-barrier lab (see run.h): the
// interleaving loop, the checks after each step, and the analysis at mark
// termination.
//
// The loop of one cycle:
//     ml_gc_cycle_begin                          (mark_begin)
//     until marking reports done:
//         pick M or C (wait lines, schedule, coin); record the letter
//         M: run the mutator's next operation (its stores run the barrier)
//         C: ml_gc_cycle_step(budget)
//         check the invariant; track hidden objects; tell the observer
//     ml_gc_cycle_finish                         (mark_terminate, then sweep:
//         the marker's on_sweep hook runs analyse() on the final marks)
//     check for dangling pointers
//
// Tracking (track_hidden): after every mutator step, the set of hidden
// objects (marker.h) is computed; for each object id the driver remembers
// the step at which it was last hidden, the last write that stored a
// pointer to it and the last one that removed one. When an object is lost,
// those three steps tell the story.
#include "support/run.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/stats.h"
#include "memlab/verify.h"

typedef struct record { // one mutator step, for the story
    int64_t step;
    char text[320];
} record_t;

struct wb_run {
    wb_world_t *w;
    wb_marker_t *m;
    wb_run_cfg_t cfg;
    ml_sched_t sched;
    wb_cycle_result_t *res; // the cycle being run
    // Tracking, by object id.
    record_t *recs;
    size_t nrecs, caprecs;
    int64_t *hid_rec, *store_rec, *del_rec; // record index, -1 = none
    uint8_t *hidden_now;
    size_t nids;
    size_t hidden_count;
    bool oom;
};

wb_marker_t *wb_run_marker(const wb_run_t *r)
{
    return r->m;
}
wb_world_t *wb_run_world(const wb_run_t *r)
{
    return r->w;
}
const ml_sched_t *wb_run_sched(const wb_run_t *r)
{
    return &r->sched;
}
const wb_run_cfg_t *wb_run_cfg(const wb_run_t *r)
{
    return &r->cfg;
}

// ---- tracking -------------------------------------------------------------------------

// ids_reserve — make the per-id arrays cover id `id`.
static bool ids_reserve(wb_run_t *r, size_t id)
{
    if (id < r->nids)
        return true;
    size_t n = r->nids ? r->nids : 256;
    while (n <= id)
        n *= 2;
    int64_t *a = realloc(r->hid_rec, n * sizeof *a),
            *b = a ? realloc(r->store_rec, n * sizeof *b) : NULL;
    if (a)
        r->hid_rec = a;
    if (b)
        r->store_rec = b;
    int64_t *c = b ? realloc(r->del_rec, n * sizeof *c) : NULL;
    if (c)
        r->del_rec = c;
    uint8_t *d = c ? realloc(r->hidden_now, n) : NULL;
    if (!d) {
        r->oom = true;
        return false;
    }
    r->hidden_now = d;
    for (size_t i = r->nids; i < n; i++) {
        r->hid_rec[i] = r->store_rec[i] = r->del_rec[i] = -1;
        r->hidden_now[i] = 0;
    }
    r->nids = n;
    return true;
}

static int64_t add_record(wb_run_t *r, int64_t step, const wb_op_t *op, const wb_effect_t *eff)
{
    if (r->nrecs == r->caprecs) {
        size_t nc = r->caprecs ? 2 * r->caprecs : 256;
        record_t *a = realloc(r->recs, nc * sizeof *a);
        if (!a) {
            r->oom = true;
            return -1;
        }
        r->recs = a;
        r->caprecs = nc;
    }
    record_t *rec = &r->recs[r->nrecs];
    char a[160], b[160];
    rec->step = step;
    snprintf(rec->text, sizeof rec->text, "%s  (%s)", wb_op_text(r->w, op, a, sizeof a),
             eff ? wb_effect_text(r->w, eff, b, sizeof b) : "switch");
    return (int64_t)r->nrecs++;
}

static void mark_hidden(void *obj, void *arg)
{
    wb_run_t *r = arg;
    uint32_t id = ml_gc_object_id(r->w->heap, obj);
    if (!ids_reserve(r, id))
        return;
    r->hidden_now[id] = 2; // 2: hidden after this step
    r->hidden_count++;
}

// track_step — after mutator step `rec`: note writes, recompute hidden objects.
static void track_step(wb_run_t *r, int64_t rec, const wb_effect_t *eff)
{
    ml_gc_heap_t *h = r->w->heap;
    if (eff && eff->write != WB_WRITE_STACK) {
        if (eff->val && ml_gc_object_of(h, eff->val) &&
            ids_reserve(r, ml_gc_object_id(h, eff->val)))
            r->store_rec[ml_gc_object_id(h, eff->val)] = rec;
        if (eff->old && ml_gc_object_of(h, eff->old) &&
            ids_reserve(r, ml_gc_object_id(h, eff->old)))
            r->del_rec[ml_gc_object_id(h, eff->old)] = rec;
    }
    ml_reach_t *reach = ml_verify_reachable(h);
    if (!reach) {
        r->oom = true;
        return;
    }
    r->hidden_count = 0;
    if (wb_hidden(r->m, reach, mark_hidden, r) == (size_t)-1)
        r->oom = true;
    ml_reach_free(reach);
    for (size_t id = 0; id < r->nids; id++) {
        if (r->hidden_now[id] == 2 && r->hid_rec[id] < 0)
            r->hid_rec[id] = rec; // newly hidden at this step
        else if (r->hidden_now[id] != 2)
            r->hid_rec[id] = -1; // found again (or never hidden)
        r->hidden_now[id] = r->hidden_now[id] == 2;
    }
}

// ---- checks ------------------------------------------------------------------------------

static void check_invariant(wb_run_t *r, int64_t step)
{
    wb_cycle_result_t *res = r->res;
    bool strong = wb_marker_kind(r->m) == WB_DIJKSTRA;
    wb_view_t *v = wb_view_take(r->m, !strong);
    char err[400];
    if (!v) {
        r->oom = true;
        return;
    }
    if (ml_verify_tricolor(r->w->heap, strong ? ML_INV_STRONG : ML_INV_WEAK, wb_view_grey_fn, v,
                           err, sizeof err)) {
        if (res->violations++ == 0) {
            res->violation_step = step;
            snprintf(res->violation, sizeof res->violation,
                     "the %s tri-color invariant is broken: %s", strong ? "strong" : "weak", err);
        }
    }
    wb_view_free(v);
}

// analyse — at the start of the sweep: every mark is final.
static void analyse(wb_marker_t *m, void *arg)
{
    wb_run_t *r = arg;
    wb_cycle_result_t *res = r->res;
    if (!res)
        return; // a cycle run outside wb_run_cycle (e.g. measuring store costs)
    ml_gc_heap_t *h = wb_marker_heap(m);
    ml_reach_t *reach = ml_verify_reachable(h);
    if (!reach) {
        r->oom = true;
        return;
    }
    res->reachable = ml_reach_count(reach);
    res->lost = ml_verify_lost(h, reach, NULL, NULL, res->lost_why, sizeof res->lost_why);
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *obj; (obj = ml_gc_iter_next(&it));) {
        bool marked = ml_gc_is_marked(h, obj), live = ml_reach_contains(reach, obj);
        res->marked += marked;
        if (marked && !live) {
            res->floating++;
            res->floating_bytes += ml_gc_object_elemsize(h, obj);
        }
        uint32_t id = ml_gc_object_id(h, obj);
        if (!marked && live && (res->lost_id == 0 || id < res->lost_id))
            res->lost_id = id;
    }
    ml_reach_free(reach);
}

// ---- the loop ----------------------------------------------------------------------------

wb_run_t *wb_run_new(wb_world_t *w, wb_kind_t kind, const wb_run_cfg_t *cfg, char *err,
                     size_t errlen)
{
    wb_run_t *r = calloc(1, sizeof *r);
    if (!r || !(r->m = wb_marker_new(w->heap, kind))) {
        snprintf(err, errlen, "out of memory");
        free(r);
        return NULL;
    }
    r->w = w;
    r->cfg = *cfg;
    if (!r->cfg.budget)
        r->cfg.budget = 1;
    if (!r->cfg.max_steps)
        r->cfg.max_steps = 200000;
    ml_sched_init(&r->sched, cfg->seed, cfg->p_mutator);
    if (cfg->schedule && ml_sched_set_schedule(&r->sched, cfg->schedule, err, errlen)) {
        wb_run_free(r);
        return NULL;
    }
    ml_gc_collector_t table = wb_marker_collector(r->m);
    if (ml_gc_set_collector(w->heap, &table)) {
        snprintf(err, errlen, "a cycle is running on this heap");
        wb_run_free(r);
        return NULL;
    }
    wb_marker_on_sweep(r->m, analyse, r);
    return r;
}

void wb_run_free(wb_run_t *r)
{
    if (!r)
        return;
    if (r->w && ml_gc_phase(r->w->heap) == ML_GC_OFF)
        ml_gc_set_collector(r->w->heap, NULL);
    wb_marker_free(r->m);
    ml_sched_fini(&r->sched);
    free(r->recs);
    free(r->hid_rec);
    free(r->store_rec);
    free(r->del_rec);
    free(r->hidden_now);
    free(r);
}

typedef struct find {
    const void *obj;
    bool found;
} find_t;

static void find_one(void *obj, void *arg)
{
    find_t *f = arg;
    if (obj == f->obj)
        f->found = true;
}

static bool in_worklist(wb_marker_t *m, const void *obj)
{
    find_t f = { obj, false };
    wb_marker_grey_foreach(m, find_one, &f);
    return f.found;
}

static bool wait_met(wb_run_t *r, const wb_op_t *op)
{
    if (op->wait == WB_WAIT_SCANNED)
        return ml_gc_stack_scanned(r->w->stacks[op->arg].st);
    void *obj = wb_world_object(r->w, op->arg);
    if (!obj || !ml_gc_is_marked(r->w->heap, obj))
        return false;
    return in_worklist(r->m, obj) == (op->wait == WB_WAIT_GREY);
}

static void notify(wb_run_t *r, uint64_t step, char who, const wb_op_t *op, const wb_effect_t *eff)
{
    if (!r->cfg.observer)
        return;
    wb_step_info_t si = {
        .step = step, .who = who, .op = op, .eff = eff, .hidden_now = r->hidden_count
    };
    r->cfg.observer(r, &si, r->cfg.observer_arg);
}

static void story(wb_run_t *r, int64_t rec, int64_t *step, char *buf, size_t len)
{
    *step = rec >= 0 ? r->recs[rec].step : -1;
    snprintf(buf, len, "%s", rec >= 0 ? r->recs[rec].text : "");
}

static bool script_peek(void *self, wb_op_t *op);

int wb_run_cycle(wb_run_t *r, wb_mutator_t *mut, wb_cycle_result_t *res, char *err, size_t errlen)
{
    ml_gc_heap_t *h = r->w->heap;
    memset(res, 0, sizeof *res);
    res->hidden_step = res->stored_step = res->deleted_step = res->violation_step = -1;
    r->res = res;
    r->hidden_count = 0;
    for (size_t i = 0; i < r->nids; i++)
        r->hid_rec[i] = r->store_rec[i] = r->del_rec[i] = -1, r->hidden_now[i] = 0;
    // The result reports the cycle's pointer stores: count them (the core
    // does not by default), and restore the heap's setting afterwards.
    bool counting = ml_gc_config(h)->count_stores;
    ml_gc_set_count_stores(h, true);
    ml_memstats_t st0, st1;
    ml_gc_read_memstats(h, &st0);
    size_t objects_before = ml_gc_num_objects(h);
    uint64_t allocated = st0.mallocs;
    if (mut->cycle_start)
        mut->cycle_start(mut->self);
    res->first_step = ml_sched_step(&r->sched);
    int rc = 0;
    ml_gc_cycle_begin(h);
    if (r->cfg.check_invariant)
        check_invariant(r, (int64_t)res->first_step);
    notify(r, res->first_step, 'B', NULL, NULL);
    bool done = false, mut_stopped = false;
    while (!done && rc == 0 && !r->oom) {
        wb_op_t op;
        bool have = false, forced = false;
        while (!mut_stopped && (have = mut->peek(mut->self, &op)) && op.kind == WB_OP_WAIT) {
            if (!r->cfg.follow_waits || wait_met(r, &op)) {
                mut->consume(mut->self);
                continue;
            }
            forced = true;
            have = false;
            break;
        }
        char c = forced || !have ? 'C' : r->cfg.follow_waits ? 'M' : ml_sched_next(&r->sched);
        uint64_t step = ml_sched_step(&r->sched);
        if (ml_sched_record(&r->sched, c)) {
            r->oom = true;
            break;
        }
        wb_effect_t eff, *effp = NULL;
        if (c == 'M') {
            if (wb_op_exec(r->w, &op, &eff, err, errlen)) {
                char t[160], msg[400];
                if (r->cfg.source && op.line)
                    snprintf(msg, sizeof msg, "%s:%u: step %" PRIu64 ": %s: %s", r->cfg.source,
                             op.line, step, wb_op_text(r->w, &op, t, sizeof t), err);
                else
                    snprintf(msg, sizeof msg, "step %" PRIu64 ": %s: %s", step,
                             wb_op_text(r->w, &op, t, sizeof t), err);
                snprintf(err, errlen, "%s", msg);
                rc = -1;
            }
            mut->consume(mut->self);
            res->mutator_steps++;
            effp = op.kind == WB_OP_SET ? &eff : NULL;
            if (rc == 0 && r->cfg.track_hidden)
                track_step(r, add_record(r, (int64_t)step, &op, effp), effp);
        } else {
            done = ml_gc_cycle_step(h, r->cfg.budget);
            res->collector_steps++;
        }
        if (++res->steps >= r->cfg.max_steps)
            mut_stopped = true;
        if (r->cfg.check_invariant && rc == 0)
            check_invariant(r, (int64_t)step);
        if (rc == 0)
            notify(r, step, c, c == 'M' ? &op : NULL, effp);
    }
    // What a script did not get to do (a random mutator never runs dry).
    for (wb_op_t op; mut->peek == script_peek && mut->peek(mut->self, &op);
         mut->consume(mut->self)) {
        if (op.kind == WB_OP_WAIT)
            res->waits_skipped++;
        else
            res->ops_left++;
    }
    ml_gc_cycle_finish(h); // the sweep runs analyse() first
    ml_gc_read_memstats(h, &st1);
    res->term_work = st1.last_terminate_work;
    res->mk = wb_marker_stats(r->m);
    res->stores = st1.stores - st0.stores;
    res->stores_marking = st1.stores_marking - st0.stores_marking;
    ml_gc_set_count_stores(h, counting);
    res->barrier_calls = st1.barrier_calls - st0.barrier_calls;
    res->survivors = ml_gc_num_objects(h);
    res->freed = objects_before + (size_t)(st1.mallocs - allocated) - res->survivors;
    res->dangling = ml_verify_no_dangling(h, res->dangling_why, sizeof res->dangling_why) != 0;
    if (r->cfg.track_hidden && res->lost_id && res->lost_id < r->nids) {
        story(r, r->hid_rec[res->lost_id], &res->hidden_step, res->hidden_by,
              sizeof res->hidden_by);
        story(r, r->store_rec[res->lost_id], &res->stored_step, res->stored_by,
              sizeof res->stored_by);
        story(r, r->del_rec[res->lost_id], &res->deleted_step, res->deleted_by,
              sizeof res->deleted_by);
    }
    notify(r, ml_sched_step(&r->sched), 'S', NULL, NULL);
    r->res = NULL;
    if (r->oom && rc == 0) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    return rc;
}

int wb_run_between(wb_run_t *r, wb_mutator_t *mut, size_t n, char *err, size_t errlen)
{
    if (mut->cycle_start)
        mut->cycle_start(mut->self);
    for (size_t i = 0; i < n; i++) {
        wb_op_t op;
        if (!mut->peek(mut->self, &op))
            break;
        if (op.kind != WB_OP_WAIT && wb_op_exec(r->w, &op, NULL, err, errlen))
            return -1;
        mut->consume(mut->self);
    }
    return 0;
}

const char *wb_trace_compact(const wb_run_t *r, uint64_t from, uint64_t to, char *buf, size_t len)
{
    const char *t = ml_sched_trace(&r->sched);
    size_t n = strlen(t), at = 0;
    if (len)
        buf[0] = '\0';
    if (to > n)
        to = n;
    for (size_t i = from; i < to && at < len;) {
        size_t j = i;
        while (j < to && t[j] == t[i])
            j++;
        if (j - i == 1)
            at += (size_t)snprintf(buf + at, len - at, "%c", t[i]);
        else
            at += (size_t)snprintf(buf + at, len - at, "%c%zu", t[i], j - i);
        i = j;
    }
    return buf;
}

// ---- a scripted mutator --------------------------------------------------------------------

static bool script_peek(void *self, wb_op_t *op)
{
    wb_script_t *s = self;
    if (s->pos >= s->n)
        return false;
    *op = s->ops[s->pos];
    return true;
}

static void script_consume(void *self)
{
    wb_script_t *s = self;
    if (s->pos < s->n)
        s->pos++;
}

wb_mutator_t wb_script_mutator(wb_script_t *s)
{
    return (wb_mutator_t){
        .peek = script_peek, .consume = script_consume, .cycle_start = NULL, .self = s
    };
}
