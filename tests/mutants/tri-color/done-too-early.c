// done-too-early.c — MUTANT of labs/tri-color/mark.c: tc_mark_step reports
// "done" as soon as it has spent its budget, whether or not grey objects
// remain.
// What is wrong: the collector believes marking is over, skips the rest of
// the grey objects and sweeps reachable white objects.
// Caught by: budget tests ("returned true but N objects are still grey"),
// exact/* with small budgets, invariant.
// Killed by: exact/survivors_are_the_reachable_set_classics
// Killed by: exact/survivors_are_the_reachable_set_random exact/cycles_and_self_loops
// Killed by: invariant/strong_invariant_after_every_step budget/step_scans_at_most_budget_objects
// Killed by: budget/shared_objects_scanned_once deep/million_object_list_on_small_stack
// Killed by: sweep/frees_white_and_resets_colors sweep/repeated_cycles_reuse_the_heap
#include "mark.h"

#include <stdio.h>
#include <stdlib.h>

struct tc_marker {
    ml_gc_heap_t *heap;
    void **stack;
    size_t len, cap;
};

tc_marker_t *tc_marker_new(ml_gc_heap_t *h)
{
    tc_marker_t *m = calloc(1, sizeof *m);
    if (m)
        m->heap = h;
    return m;
}

void tc_marker_free(tc_marker_t *m)
{
    if (m)
        free(m->stack);
    free(m);
}

ml_gc_heap_t *tc_marker_heap(const tc_marker_t *m)
{
    return m->heap;
}

size_t tc_grey_count(const tc_marker_t *m)
{
    return m->len;
}

void tc_grey_foreach(const tc_marker_t *m, void (*fn)(void *obj, void *arg), void *arg)
{
    for (size_t i = 0; i < m->len; i++)
        fn(m->stack[i], arg);
}

static void push(tc_marker_t *m, void *obj)
{
    if (m->len == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 256;
        m->stack = realloc(m->stack, m->cap * sizeof *m->stack);
        if (!m->stack) {
            fprintf(stderr, "tc_shade: out of memory\n");
            abort();
        }
    }
    m->stack[m->len++] = obj;
}

void tc_shade(tc_marker_t *m, void *p)
{
    void *obj = p ? ml_gc_object_of(m->heap, p) : NULL;
    if (obj && ml_gc_try_mark(m->heap, obj))
        push(m, obj);
}

void tc_scan_object(tc_marker_t *m, void *obj)
{
    size_t n = ml_gc_num_slots(m->heap, obj);
    for (size_t i = 0; i < n; i++)
        tc_shade(m, ml_gc_slot(m->heap, obj, i));
}

void tc_scan_stack(tc_marker_t *m, ml_gc_stack_t *st)
{
    for (ml_gc_frame_t *f = ml_gc_stack_top(st); f; f = ml_gc_frame_caller(f)) {
        for (size_t i = 0; i < ml_gc_frame_nslots(f); i++)
            tc_shade(m, ml_gc_frame_get(f, i));
        ml_gc_frame_set_scanned(f, true);
    }
    ml_gc_stack_set_scanned(st, true);
}

void tc_mark_roots(tc_marker_t *m)
{
    for (size_t g = 0; g < ml_gc_num_globals(m->heap); g++)
        tc_shade(m, ml_gc_global_get(m->heap, (int)g));
    for (size_t s = 0; s < ml_gc_num_stacks(m->heap); s++)
        tc_scan_stack(m, ml_gc_stack_at(m->heap, s));
}

bool tc_mark_step(tc_marker_t *m, size_t budget)
{
    size_t done = 0;
    for (; done < budget && m->len > 0; done++)
        tc_scan_object(m, m->stack[--m->len]);
    return m->len == 0 || done == budget;
}

void tc_on_alloc(tc_marker_t *m, void *obj)
{
    ml_gc_set_mark(m->heap, obj);
}

size_t tc_sweep(tc_marker_t *m)
{
    size_t freed = 0;
    ml_gc_iter_t it;
    ml_gc_iter_init(m->heap, &it);
    for (void *obj; (obj = ml_gc_iter_next(&it));) {
        if (ml_gc_is_marked(m->heap, obj)) {
            ml_gc_clear_mark(m->heap, obj);
        } else {
            ml_gc_free(m->heap, obj);
            freed++;
        }
    }
    m->len = 0;
    return freed;
}
