// mark.h — the tri-color lab's student API: an incremental tri-color marker
// and its sweep, over the core's GC heap (memlab/gcheap.h). You implement
// every function declared here in mark.c; support/mark_hooks.c plugs them into the
// core's collector table, and the program, the suite and the benchmark call
// them only through this header.
//
// Colors — the encoding Go (runtime/mgcmark.go) and Lua (lgc.c) use:
//     white  mark bit clear                       (not reached yet)
//     grey   mark bit set, object in the worklist (reached, slots not scanned)
//     black  mark bit set, not in the worklist    (reached and scanned)
// The mark bit is the core's (ml_gc_try_mark, ml_gc_is_marked, ...); the grey
// worklist is yours (tc_marker_t). An object is in the worklist at most once
// per cycle: shading a grey or black object does nothing.
//
// Invariants while marking (checked after every step by the suite):
//   strong tri-color invariant: no black object points to a white object;
//   weak tri-color invariant:   every white object pointed to by a black
//                               object is reachable from some grey object
//                               through white objects.
// With no mutator between steps (this lab), a correct marker keeps the
// strong one. The write-barrier lab keeps one of them against a mutator.
//
// A unit of marking work is ONE OBJECT SCANNED (taken off the worklist and
// made black, whatever its number of slots). tc_mark_step(m, budget) scans
// `budget` objects, or fewer only when the worklist runs empty (Go's
// gcDrainN). Shading roots in tc_mark_roots is not counted.
//
// One marker belongs to one heap; nothing here is thread-safe.
#ifndef TC_MARK_H
#define TC_MARK_H

#include <stdbool.h>
#include <stddef.h>
#include "memlab/gcheap.h"

// The marker's state: the heap, the grey worklist and whatever else you
// need. Defined in mark.c (you choose the worklist: a stack or a queue).
typedef struct tc_marker tc_marker_t;

// tc_marker_new — a marker for heap `h` with an empty worklist. Returns NULL
// when memory runs out. The marker's memory never comes from the GC heap.
tc_marker_t *tc_marker_new(ml_gc_heap_t *h);
// tc_marker_free — free the marker (NULL is ignored). The heap is untouched.
void tc_marker_free(tc_marker_t *m);
// tc_marker_heap — the heap the marker was made for.
ml_gc_heap_t *tc_marker_heap(const tc_marker_t *m);

// ---- the grey worklist ----------------------------------------------------------

// tc_grey_count — the number of objects in the worklist (the grey objects).
size_t tc_grey_count(const tc_marker_t *m);
// tc_grey_foreach — call fn(obj, arg) once for every object in the worklist,
// in any order, without changing it.
void tc_grey_foreach(const tc_marker_t *m, void (*fn)(void *obj, void *arg), void *arg);

// ---- marking ----------------------------------------------------------------------

// tc_shade — make the object `p` points to grey if it is white: set its mark
// bit and put it in the worklist (Go's shade / greyobject). `p` may be NULL
// or not point into an object (then nothing happens) or point inside an
// object (then that object is shaded). Grey and black objects are left
// alone. Never recurses; aborts if the worklist cannot grow.
void tc_shade(tc_marker_t *m, void *p);
// tc_scan_object — blacken grey object `obj`, already taken out of the
// worklist: shade the object every one of its pointer slots points to (Go's
// scanobject). Does not scan any other object.
void tc_scan_object(tc_marker_t *m, void *obj);
// tc_scan_stack — shade every slot of every frame of stack `st`, then set the
// frames' and the stack's scanned flags (Go's scanstack).
void tc_scan_stack(tc_marker_t *m, ml_gc_stack_t *st);
// tc_mark_roots — start a cycle's marking: shade every global and scan every
// shadow stack (Go's markroot jobs). Afterwards every object a root points
// to is grey. Call it on a heap with no marked object.
void tc_mark_roots(tc_marker_t *m);
// tc_mark_step — take objects out of the worklist and scan them until
// `budget` objects have been scanned or the worklist is empty (Go's
// gcDrainN). Returns true when the worklist is empty afterwards (marking is
// done), false when grey objects remain. Budget 0 does no work.
bool tc_mark_step(tc_marker_t *m, size_t budget);
// tc_on_alloc — the color of object `obj`, allocated while marking runs:
// black (Go allocates black during a cycle: gcmarknewobject).
void tc_on_alloc(tc_marker_t *m, void *obj);

// ---- sweeping -----------------------------------------------------------------------

// tc_sweep — after marking is done: free every white object (ml_gc_free) and
// clear the mark bit of every survivor, so the next cycle starts all white
// with an empty worklist (Go's mgcsweep.go). Returns the number of objects
// freed.
size_t tc_sweep(tc_marker_t *m);

#endif
