// scenario_heap.h — a scenario (memlab/scenario.h) made real on the core's GC
// heap: one ml_type_t per scenario type, one heap object per scenario
// object (in declaration order), pointer words filled in, globals and
// shadow-stack frames holding the roots.
//
// The builder keeps the map both ways and every name, so that after a
// collection a program or a test can say which scenario objects survived
// ("e (Node, obj#5) was freed but is reachable from global config → a → … →
// e"), and step pages label objects, slots and locals with the scenario's
// names (ml_scn_dot_names). Objects a script allocates (`new NAME TYPE`)
// are not built; whoever runs the script binds them when they are born
// (ml_scn_bind).
#ifndef MEMLAB_SCENARIO_HEAP_H
#define MEMLAB_SCENARIO_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memlab/dot.h"
#include "memlab/gcheap.h"
#include "memlab/scenario.h"

typedef struct ml_scn_heap {
    ml_gc_heap_t *heap;     // owned: destroyed by ml_scn_heap_free
    const ml_scn_t *scn;    // not owned: must outlive the ml_scn_heap_t
    ml_type_t *types;       // scn->ntypes types (names point into scn)
    ml_type_t *obj_types;   // ML_SCN_TYPE_PER_OBJECT: one type per object, else NULL
    void **objs;            // scn->nobjs objects, in declaration order
                            // (NULL: born by the script, not yet allocated)
    uint32_t *ids;          // ml_gc_object_id of each object once allocated
    uint32_t first_id;      // ids[0]: built objects have ids first_id + i
    int *globals;           // the heap's global index of each scenario global
    ml_gc_stack_t **stacks; // scn->nstacks stacks (stacks[0] is the heap's "main")
    ml_gc_frame_t **frames; // scn->nframes frames
} ml_scn_heap_t;

// Build flags.
enum {
    // Each object gets a type of its own, of its scenario type's layout but
    // named like the object, so that what the core says about it (its
    // describe, the verifier's paths: "global gx -> obj#1 (X) slot 0 ->
    // obj#3 (W)") names it too. For small, hand-written scenarios.
    ML_SCN_TYPE_PER_OBJECT = 1,
};

// ml_scn_build — a fresh GC heap (config `cfg`; NULL = the defaults with
// automatic collection off) holding scenario `s`; `flags` is 0 or
// ML_SCN_TYPE_PER_OBJECT. The arena is grown to fit if `cfg` leaves it too
// small. Returns NULL with "name: what went wrong" in err when the heap
// cannot be made or memory runs out.
ml_scn_heap_t *ml_scn_build(const ml_scn_t *s, const ml_gc_config_t *cfg, unsigned flags, char *err,
                            size_t errlen);
// ml_scn_type_for — the heap type object i is (or will be, once born)
// allocated with.
const ml_type_t *ml_scn_type_for(const ml_scn_heap_t *sh, uint32_t i);
// ml_scn_heap_free — destroy the heap and the maps. NULL is ignored.
void ml_scn_heap_free(ml_scn_heap_t *sh);

// ml_scn_bind — object i (born by the script) has just been allocated as `obj`.
void ml_scn_bind(ml_scn_heap_t *sh, uint32_t i, void *obj);
// ml_scn_index_of — the scenario index of heap object `obj`, or ML_SCN_NIL if
// it is not one of the scenario's (allocated later, or freed and reused).
uint32_t ml_scn_index_of(const ml_scn_heap_t *sh, const void *obj);
// ml_scn_alive — whether scenario object i is allocated and not freed by a
// sweep since (its memory not reused for another object).
bool ml_scn_alive(const ml_scn_heap_t *sh, uint32_t i);
// ml_scn_object — object i if ml_scn_alive, else NULL.
void *ml_scn_object(const ml_scn_heap_t *sh, uint32_t i);
// ml_scn_obj_label — "name (Type, obj#id)" for scenario object i, into buf
// (the id is how the core and its pictures number the object).
const char *ml_scn_obj_label(const ml_scn_heap_t *sh, uint32_t i, char *buf, size_t len);
// ml_scn_describe — what pointer `p` is, for messages: "nil", "W (Node,
// obj#3)" for a scenario object, else ml_gc_describe's words. Into buf.
const char *ml_scn_describe(const ml_scn_heap_t *sh, const void *p, char *buf, size_t len);
// ml_scn_dot_names — names for ml_dot_opts_t.names: objects, their slots and
// the frames' locals as the scenario calls them.
ml_dot_names_t ml_scn_dot_names(const ml_scn_heap_t *sh);

#endif
