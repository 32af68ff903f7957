// marker.c — the write-barrier lab's incremental marker: a small model of
// Go's concurrent mark (runtime/mgc.go gcStart, mgcmark.go markroot /
// gcDrain / scanstack, mgc.go gcMarkTermination), with the student's write
// barriers plugged into the core's collector table.
//
// Data structures:
//   work[0..len)   the grey worklist, a growable array used as a stack (LIFO),
//                  malloc'd; an object enters it when its mark bit goes
//                  from clear to set (wb_shade), so at most once per cycle;
//   next_global    root jobs for globals: globals [0, next_global) are scanned;
//   stack_cursor   root jobs for stacks: stacks before it are scanned (the
//                  core's per-stack `scanned` flag is the truth; new stacks
//                  are appended, so the cursor finds them).
//
// A cycle, for a barrier kind with policy P (barrier.h):
//   1. mark_begin (world stopped): empty worklist, no global scanned; if
//      P.scan_stacks_at_start, scan every stack now (Yuasa's snapshot).
//   2. mark_step(budget), the mutator running in between: each unit is a
//      root job (shade one global, or scan one unscanned stack, which turns
//      it black) or draining one grey object; the two alternate while root
//      jobs remain. Done when no root job and no grey object is left.
//   3. mark_terminate (world stopped): if P.rescan_stacks, scan every stack
//      again; if P.rescan_globals, every global; then drain the worklist.
//      Returns the units of this stop-the-world work.
//   4. sweep: the observer (wb_marker_on_sweep) looks at the final marks,
//      then the core's sweep frees the white objects.
// The write-barrier hook calls the barrier of the marker's kind before each
// heap or global pointer store; objects allocated during marking are made
// black when P.alloc_black (and left white otherwise).
#include "support/marker.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wb_marker {
    ml_gc_heap_t *heap; // first: read by wb_marker_heap (barrier.h, inline)
    wb_kind_t kind;
    wb_policy_t policy;
    void **work; // the grey worklist
    size_t len, cap;
    size_t next_global;  // globals [0, next_global) scanned this cycle
    size_t stack_cursor; // stacks [0, stack_cursor) scanned this cycle
    bool last_was_drain; // the last unit drained an object (a root job is next)
    bool in_barrier;     // inside a barrier call: count its shades
    wb_marker_stats_t st;
    void (*on_sweep)(wb_marker_t *m, void *arg);
    void *on_sweep_arg;
};

_Static_assert(offsetof(struct wb_marker, heap) == 0, "wb_marker_heap reads the first member");

const char *const wb_kind_names[WB_NKINDS] = { "none", "dijkstra", "yuasa", "hybrid" };

int wb_kind_parse(const char *name)
{
    for (int k = 0; k < WB_NKINDS; k++)
        if (strcmp(name, wb_kind_names[k]) == 0)
            return k;
    return -1;
}

wb_policy_t wb_none_policy(void)
{
    return (wb_policy_t){ .scan_stacks_at_start = false,
                          .rescan_stacks = false,
                          .rescan_globals = false,
                          .alloc_black = false };
}

const char *wb_policy_describe(wb_policy_t p, char *buf, size_t len)
{
    snprintf(buf, len, "stacks %s, re-scan at termination: %s, allocate %s",
             p.scan_stacks_at_start ? "snapshotted at the start"
                                    : "scanned one at a time while marking",
             p.rescan_stacks && p.rescan_globals ? "stacks and globals"
             : p.rescan_stacks                   ? "stacks"
             : p.rescan_globals                  ? "globals"
                                                 : "nothing",
             p.alloc_black ? "black" : "white");
    return buf;
}

// ---- the worklist and shading --------------------------------------------------------

static void work_grow(wb_marker_t *m)
{
    size_t ncap = m->cap ? 2 * m->cap : 1024;
    void **nw = realloc(m->work, ncap * sizeof *nw);
    if (!nw) {
        fprintf(stderr, "wb_shade: out of memory growing the grey worklist to %zu entries\n", ncap);
        abort();
    }
    m->work = nw;
    m->cap = ncap;
}

void wb_shade(wb_marker_t *m, void *p)
{
    ml_gc_objref_t r; // the object containing p
    if (!p || !ml_gc_find_object(m->heap, p, &r) || !ml_gc_ref_try_mark(&r))
        return; // not an object, or not white
    if (m->len == m->cap)
        work_grow(m);
    m->work[m->len++] = r.obj;
    if (m->in_barrier)
        m->st.barrier_shades++;
}

// scan_object — grey → black: shade what each pointer slot points to.
static void scan_object(wb_marker_t *m, void *obj)
{
    ml_gc_slots_t it;
    ml_gc_slots_begin(m->heap, obj, &it);
    for (void **slot; (slot = ml_gc_slots_next(&it));)
        wb_shade(m, *slot);
    m->st.scanned++;
}

// scan_stack — shade every slot of every frame of `st`; the stack and its
// frames are black afterwards. Returns the number of slots scanned.
static size_t scan_stack(wb_marker_t *m, ml_gc_stack_t *st)
{
    size_t slots = 0;
    for (ml_gc_frame_t *f = ml_gc_stack_top(st); f; f = ml_gc_frame_caller(f)) {
        for (size_t i = 0; i < ml_gc_frame_nslots(f); i++)
            wb_shade(m, ml_gc_frame_get(f, i));
        slots += ml_gc_frame_nslots(f);
        ml_gc_frame_set_scanned(f, true);
    }
    ml_gc_stack_set_scanned(st, true);
    return slots;
}

// ---- root jobs -------------------------------------------------------------------------

// next_unscanned_stack — the first stack at or after the cursor not scanned
// yet (moving the cursor past scanned ones), or NULL.
static ml_gc_stack_t *next_unscanned_stack(wb_marker_t *m)
{
    size_t n = ml_gc_num_stacks(m->heap);
    for (; m->stack_cursor < n; m->stack_cursor++) {
        ml_gc_stack_t *st = ml_gc_stack_at(m->heap, m->stack_cursor);
        if (!ml_gc_stack_scanned(st))
            return st;
    }
    return NULL;
}

static bool root_job_left(wb_marker_t *m)
{
    return m->next_global < ml_gc_num_globals(m->heap) || next_unscanned_stack(m) != NULL;
}

// root_job — one root job: the next global, else the next unscanned stack.
static void root_job(wb_marker_t *m)
{
    if (m->next_global < ml_gc_num_globals(m->heap)) {
        wb_shade(m, ml_gc_global_get(m->heap, (int)m->next_global++));
    } else {
        ml_gc_stack_t *st = next_unscanned_stack(m);
        if (st)
            scan_stack(m, st);
    }
    m->st.root_jobs++;
}

size_t wb_marker_roots_pending(const wb_marker_t *m)
{
    size_t n = ml_gc_num_globals(m->heap) - m->next_global;
    for (size_t s = m->stack_cursor; s < ml_gc_num_stacks(m->heap); s++)
        n += !ml_gc_stack_scanned(ml_gc_stack_at(m->heap, s));
    return n;
}

bool wb_marker_global_scanned(const wb_marker_t *m, size_t g)
{
    return g < m->next_global;
}

// ---- the collector table ------------------------------------------------------------------

static void hook_mark_begin(ml_gc_heap_t *h, void *ctx)
{
    wb_marker_t *m = ctx;
    (void)h;
    m->policy = m->kind == WB_NONE ? wb_none_policy() : wb_policy(m->kind);
    m->len = 0;
    m->next_global = 0;
    m->stack_cursor = 0;
    m->last_was_drain = true;
    memset(&m->st, 0, sizeof m->st);
    if (m->policy.scan_stacks_at_start)
        for (size_t s = 0; s < ml_gc_num_stacks(m->heap); s++)
            m->st.start_work += scan_stack(m, ml_gc_stack_at(m->heap, s));
}

static bool hook_mark_step(ml_gc_heap_t *h, void *ctx, size_t budget)
{
    wb_marker_t *m = ctx;
    (void)h;
    for (size_t done = 0; done < budget; done++) {
        if (root_job_left(m) && (m->last_was_drain || m->len == 0)) {
            root_job(m);
            m->last_was_drain = false;
        } else if (m->len > 0) {
            scan_object(m, m->work[--m->len]);
            m->last_was_drain = true;
        } else {
            break;
        }
    }
    return m->len == 0 && !root_job_left(m);
}

static size_t hook_mark_terminate(ml_gc_heap_t *h, void *ctx)
{
    wb_marker_t *m = ctx;
    (void)h;
    while (root_job_left(m)) // none after a finished drain; kept for safety
        root_job(m);
    if (m->policy.rescan_stacks)
        for (size_t s = 0; s < ml_gc_num_stacks(m->heap); s++)
            m->st.rescan_slots += scan_stack(m, ml_gc_stack_at(m->heap, s));
    if (m->policy.rescan_globals)
        for (size_t g = 0; g < ml_gc_num_globals(m->heap); g++, m->st.rescan_globals++)
            wb_shade(m, ml_gc_global_get(m->heap, (int)g));
    while (m->len > 0) {
        scan_object(m, m->work[--m->len]);
        m->st.term_drained++;
    }
    return m->st.rescan_slots + m->st.rescan_globals + m->st.term_drained;
}

static void hook_sweep(ml_gc_heap_t *h, void *ctx)
{
    wb_marker_t *m = ctx;
    if (m->on_sweep)
        m->on_sweep(m, m->on_sweep_arg);
    ml_gc_sweep_default(h);
    m->len = 0;
}

static void hook_write_barrier(ml_gc_heap_t *h, void *ctx, void **slot, void *old, void *val)
{
    wb_marker_t *m = ctx;
    (void)h;
    m->in_barrier = true;
    switch (m->kind) {
    case WB_DIJKSTRA: wb_dijkstra(m, slot, old, val); break;
    case WB_YUASA: wb_yuasa(m, slot, old, val); break;
    case WB_HYBRID: wb_hybrid(m, slot, old, val); break;
    default: break;
    }
    m->in_barrier = false;
}

static void hook_on_alloc(ml_gc_heap_t *h, void *ctx, void *obj)
{
    wb_marker_t *m = ctx;
    if (m->policy.alloc_black)
        ml_gc_set_mark(h, obj); // black: marked, never in the worklist
}

ml_gc_collector_t wb_marker_collector(wb_marker_t *m)
{
    return (ml_gc_collector_t){
        .name = "write-barrier marker",
        .ctx = m,
        .mark_begin = hook_mark_begin,
        .mark_step = hook_mark_step,
        .mark_terminate = hook_mark_terminate,
        .sweep = hook_sweep,
        .write_barrier = hook_write_barrier,
        .on_alloc = hook_on_alloc,
    };
}

// ---- the marker object ----------------------------------------------------------------------

wb_marker_t *wb_marker_new(ml_gc_heap_t *h, wb_kind_t kind)
{
    if ((int)kind < 0 || kind >= WB_NKINDS)
        return NULL;
    wb_marker_t *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->heap = h;
    m->kind = kind;
    m->policy = wb_none_policy();
    return m;
}

void wb_marker_free(wb_marker_t *m)
{
    if (!m)
        return;
    free(m->work);
    free(m);
}

int wb_marker_set_kind(wb_marker_t *m, wb_kind_t kind)
{
    if (ml_gc_phase(m->heap) != ML_GC_OFF || (int)kind < 0 || kind >= WB_NKINDS)
        return -1;
    m->kind = kind;
    return 0;
}

wb_kind_t wb_marker_kind(const wb_marker_t *m)
{
    return m->kind;
}
wb_policy_t wb_marker_policy(const wb_marker_t *m)
{
    return m->policy;
}
wb_marker_stats_t wb_marker_stats(const wb_marker_t *m)
{
    return m->st;
}
size_t wb_marker_grey_count(const wb_marker_t *m)
{
    return m->len;
}

void wb_marker_on_sweep(wb_marker_t *m, void (*fn)(wb_marker_t *m, void *arg), void *arg)
{
    m->on_sweep = fn;
    m->on_sweep_arg = arg;
}

void wb_marker_grey_foreach(const wb_marker_t *m, void (*fn)(void *obj, void *arg), void *arg)
{
    for (size_t i = 0; i < m->len; i++)
        fn(m->work[i], arg);
}
