// mark.c — YOUR FILE for the tri-color lab: an incremental tri-color marker
// with an explicit grey worklist, and the sweep that frees white objects.
// The contracts are in mark.h; the handout (README.md) explains the colors,
// the invariants and the tasks in order.
//
// The vocabulary is Go's (runtime/mgcmark.go, mgcsweep.go):
//   shade       white → grey: set the mark bit, put the object in the worklist
//   scan        grey → black: shade what each of the object's pointer slots
//               points to (the type's pointer bitmap says which words those are)
//   mark roots  shade every global, scan every shadow stack
//   mark step   drain the worklist, at most `budget` objects per call
//   sweep       free the white, turn the black back to white
//
// Rules of the game:
//   - never recurse over the object graph: a list of a million objects must
//     not need a million C stack frames. Keep grey objects in an explicit,
//     growable worklist (a stack or a queue, malloc'd — never in the GC heap);
//   - an object enters the worklist only when its mark bit goes from clear to
//     set, so each reachable object is scanned exactly once per cycle;
//   - do not call the core's own collector (ml_gc_collect,
//     ml_gc_sweep_default, ml_gc_default_collector): this file is the collector.
//
// Core functions you will want (memlab/gcheap.h): ml_gc_object_of,
// ml_gc_try_mark, ml_gc_is_marked, ml_gc_set_mark, ml_gc_clear_mark,
// ml_gc_slots_begin / ml_gc_slots_next, ml_gc_num_globals / ml_gc_global_get,
// ml_gc_num_stacks / ml_gc_stack_at / ml_gc_stack_top / ml_gc_frame_caller /
// ml_gc_frame_nslots / ml_gc_frame_get / ml_gc_frame_set_scanned /
// ml_gc_stack_set_scanned, ml_gc_iter_init / ml_gc_iter_next, ml_gc_free.
//
// Every TODO below returns a safe default, so the program and the grader run
// from the first clone (and marking does nothing yet).
#include "mark.h"

#include <stdio.h>
#include <stdlib.h>

struct tc_marker {
    ml_gc_heap_t *heap;
    // TODO (task 1): the grey worklist — e.g. a growable array of object
    // pointers with its length and capacity.
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
    // TODO (task 1): also free the worklist's memory.
    free(m);
}

ml_gc_heap_t *tc_marker_heap(const tc_marker_t *m)
{
    return m->heap;
}

size_t tc_grey_count(const tc_marker_t *m)
{
    // TODO (task 1): the number of objects in the worklist.
    (void)m;
    return 0;
}

void tc_grey_foreach(const tc_marker_t *m, void (*fn)(void *obj, void *arg), void *arg)
{
    // TODO (task 1): call fn(obj, arg) for every object in the worklist.
    (void)m, (void)fn, (void)arg;
}

void tc_shade(tc_marker_t *m, void *p)
{
    // TODO (task 2): white → grey. Ignore NULL and addresses that are not in
    // an object; find the object's start for interior pointers; do nothing
    // for an object that is already grey or black. The worklist grows as
    // needed (abort with a message if it cannot).
    (void)m, (void)p;
}

void tc_scan_object(tc_marker_t *m, void *obj)
{
    // TODO (task 3): grey → black. Shade the target of every pointer slot of
    // `obj` — all of them, in an array object too.
    (void)m, (void)obj;
}

void tc_scan_stack(tc_marker_t *m, ml_gc_stack_t *st)
{
    // TODO (task 4): shade every slot of every frame of `st`, from the top
    // frame down to the bottom one; mark each frame and the stack scanned.
    (void)m, (void)st;
}

void tc_mark_roots(tc_marker_t *m)
{
    // TODO (task 4): shade every global; scan every shadow stack.
    (void)m;
}

bool tc_mark_step(tc_marker_t *m, size_t budget)
{
    // TODO (task 5): take grey objects out of the worklist and scan them,
    // at most `budget` of them. Return true when the worklist is empty.
    (void)m, (void)budget;
    return true;
}

void tc_on_alloc(tc_marker_t *m, void *obj)
{
    // TODO (task 7): an object allocated while marking runs is black.
    (void)m, (void)obj;
}

size_t tc_sweep(tc_marker_t *m)
{
    // TODO (task 6): free every white object, turn every black one white
    // again (clear its mark bit), leave the worklist empty. Return how many
    // objects were freed.
    (void)m;
    return 0;
}
