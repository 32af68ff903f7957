// world.h — the mutator's world in the write-barrier lab: a GC heap with
// named objects, globals and goroutine stacks, and the one operation a
// mutator performs on it — copy a pointer from one place to another:
//
//     main.l0 = P.a        load: a stack write (never a barrier)
//     X.a = main.l0        store into a heap object (barrier while marking)
//     gx = main.l0         store into a global (barrier while marking)
//     main.l0 = new N      allocate (colored by the policy while marking)
//     P.a = nil            cut a pointer
//
// Places (wb_loc_t): a local (a slot of a stack frame), a field (pointer
// slot of an object named directly or held in a local), a global, and as
// values also nil, a named object and a new object. An operation runs on a
// goroutine: the stack of the first local it names, else the current one
// (Go's write barrier asks "is the current goroutine's stack grey?").
#ifndef WB_WORLD_H
#define WB_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "memlab/gcheap.h"
#include "memlab/scenario.h"
#include "memlab/scenario_heap.h"

typedef enum {
    WB_LOC_NIL,    // the value nil
    WB_LOC_LOCAL,  // stack `stack`, frame `frame` (0 = bottom), slot `index`
    WB_LOC_FIELD,  // pointer slot `index` of an object: scenario object
                   // `obj`, or (obj < 0) the value of local (stack, frame, base)
    WB_LOC_GLOBAL, // global `index`
    WB_LOC_OBJ,    // scenario object `obj` (a value only)
    WB_LOC_NEW,    // a new object of type `type` (a value only); if obj >= 0,
                   // it is scenario object `obj` (born by the script)
} wb_loc_kind_t;

typedef struct wb_loc {
    wb_loc_kind_t kind;
    int32_t obj;           // named object, or -1
    uint32_t stack, frame; // LOCAL, or FIELD through a local
    uint32_t base;         // FIELD through a local: the local's slot
    uint32_t index;        // LOCAL slot, FIELD pointer slot, GLOBAL index
    uint32_t type;         // NEW: the scenario's type index
} wb_loc_t;

typedef enum {
    WB_OP_SET,    // dst = src
    WB_OP_SWITCH, // make stack `arg` the current goroutine
    WB_OP_WAIT,   // (scenarios) let marking run until a condition holds
} wb_op_kind_t;

typedef enum {
    WB_WAIT_BLACK,   // scenario object `arg` is black
    WB_WAIT_GREY,    // scenario object `arg` is grey (marked, in the worklist)
    WB_WAIT_SCANNED, // stack `arg` has been scanned
} wb_wait_t;

typedef struct wb_op {
    wb_op_kind_t kind;
    wb_loc_t dst, src; // SET
    wb_wait_t wait;    // WAIT
    uint32_t arg;      // SWITCH: stack; WAIT: object or stack
    uint32_t line;     // source line (scenarios), 0 if none
} wb_op_t;

// What a SET did: the kind of write, the values, the goroutine.
typedef enum { WB_WRITE_STACK, WB_WRITE_HEAP, WB_WRITE_GLOBAL } wb_write_t;
typedef struct wb_effect {
    wb_write_t write;
    void *holder;    // WB_WRITE_HEAP: the object written into
    void *old, *val; // the overwritten and the stored pointer
    uint32_t stack;  // the goroutine that ran it
} wb_effect_t;

typedef struct wb_wstack {
    ml_gc_stack_t *st;
    ml_gc_frame_t **frames; // bottom first
    uint32_t *scn_frame;    // the scenario's index of each frame
    uint32_t nframes;
} wb_wstack_t;

// A world is a scenario (memlab/scenario.h) built by the core's builder
// (memlab/scenario_heap.h): the objects a scenario names are its objects,
// in its order; the stacks are its stacks, with their frames bottom first.
typedef struct wb_world {
    ml_scn_t *scn;        // owned: the description (names, types, script)
    ml_scn_heap_t *built; // owned: the heap and the maps both ways
    ml_gc_heap_t *heap;   // built->heap
    wb_wstack_t *stacks;  // index = the scenario's (and the core's) stack index
    size_t nstacks;
} wb_world_t;

// wb_world_new — build scenario `scn` (the world takes it over, even on
// failure) on a new heap with config `cfg` (NULL = the defaults) and
// automatic collection off; `flags` as ml_scn_build's (a scenario file's
// world gives each object a type named like it, so the core's messages
// name it). NULL with a reason in `err` when the heap cannot
// be made or memory runs out.
wb_world_t *wb_world_new(ml_scn_t *scn, const ml_gc_config_t *cfg, unsigned flags, char *err,
                         size_t errlen);
// wb_world_free — the heap, the scenario and everything the world owns.
// NULL is ignored.
void wb_world_free(wb_world_t *w);

// wb_world_object — scenario object i, or NULL if not allocated yet (a
// `new` not run) or freed.
void *wb_world_object(const wb_world_t *w, uint32_t i);
// wb_world_describe — "W (Node, obj#3)" for a named scenario object, else
// the core's description of `p` ("nil", "obj#12 (Quad)", ...), into buf.
const char *wb_world_describe(const wb_world_t *w, const void *p, char *buf, size_t len);
// wb_world_local_name — the name of slot `i` of frame `f` (bottom = 0) of
// stack `s`, into buf.
const char *wb_world_local_name(const wb_world_t *w, uint32_t s, uint32_t f, uint32_t i, char *buf,
                                size_t len);

// wb_op_stack — the goroutine an operation runs on (see above), or -1 for
// "the current one".
int wb_op_stack(const wb_op_t *op);
// wb_op_exec — run a SET or SWITCH (a WAIT does nothing). Fills *eff for a
// SET (may be NULL). Returns 0, or -1 with a reason in `err` (a field of
// nil, a freed named object, a slot the object does not have).
int wb_op_exec(wb_world_t *w, const wb_op_t *op, wb_effect_t *eff, char *err, size_t errlen);
// wb_op_text — the operation as written ("X.a = main.l0"), into buf.
const char *wb_op_text(const wb_world_t *w, const wb_op_t *op, char *buf, size_t len);
// wb_effect_text — what a SET did: "heap write by main: old nil, new obj#3 (W)".
const char *wb_effect_text(const wb_world_t *w, const wb_effect_t *e, char *buf, size_t len);

#endif
