// scenario_heap.h — a scenario (scenario.h) made real on the core's GC heap:
// one ml_type_t per scenario type, one heap object per scenario object,
// pointer words filled in, globals and shadow-stack frames holding the roots.
//
// The builder keeps the map both ways, so that after a collection a program
// or a test can say which scenario objects survived ("o17 (ListNode) was
// freed but is reachable from local head of frame main").
#ifndef TC_SCENARIO_HEAP_H
#define TC_SCENARIO_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "memlab/gcheap.h"
#include "scenario.h"

typedef struct tc_heap {
    ml_gc_heap_t *heap;            // owned: destroyed by tc_heap_free
    const tc_scenario_t *scn;      // not owned: must outlive the tc_heap
    ml_type_t *types;              // scn->ntypes types (names point into scn)
    void **objs;                   // scn->nobjs objects, in declaration order
    uint32_t first_id;             // ml_gc_object_id of objs[0]
    int *globals;                  // the heap's global index of each scenario global
    ml_gc_stack_t **stacks;        // scn->nstacks stacks (stacks[0] is "main")
    ml_gc_frame_t **frames;        // scn->nframes frames
} tc_heap_t;

// tc_heap_build — a fresh GC heap (config `cfg`, NULL = defaults with
// automatic collection off) holding scenario `s`. The arena is grown to fit
// if `cfg` leaves it too small. Returns NULL with a message in err when the
// heap cannot be made or memory runs out.
tc_heap_t *tc_heap_build(const tc_scenario_t *s, const ml_gc_config_t *cfg, char *err, size_t errlen);
// tc_heap_free — destroy the heap and the maps. NULL is ignored.
void tc_heap_free(tc_heap_t *th);

// tc_heap_index_of — the scenario index of heap object `obj`, or TC_NIL if
// it was not built from the scenario (e.g. allocated later).
uint32_t tc_heap_index_of(const tc_heap_t *th, const void *obj);
// tc_heap_alive — whether scenario object i is still allocated (not freed
// by a sweep). Valid while no new object has reused its memory.
bool tc_heap_alive(const tc_heap_t *th, uint32_t i);
// tc_heap_obj_label — "name (Type, obj#id)" for scenario object i, into buf
// (the id is how the core and its pictures name the object).
const char *tc_heap_obj_label(const tc_heap_t *th, uint32_t i, char *buf, size_t len);
// tc_heap_why_reachable — a path from a root to scenario object i, for
// messages ("local head of frame main (stack main) → o0 → … → o17"),
// or "unreachable". Writes into buf and returns it.
const char *tc_heap_why_reachable(const tc_heap_t *th, uint32_t i, char *buf, size_t len);

#endif
