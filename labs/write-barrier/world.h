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

typedef enum {
    WB_LOC_NIL,       // the value nil
    WB_LOC_LOCAL,     // stack `stack`, frame `frame` (0 = bottom), slot `index`
    WB_LOC_FIELD,     // pointer slot `index` of an object: the named object
                      // `obj`, or (obj < 0) the value of local (stack, frame, base)
    WB_LOC_GLOBAL,    // global `index`
    WB_LOC_OBJ,       // the named object `obj` (a value only)
    WB_LOC_NEW,       // a new object of type `type` (a value only); if obj >= 0,
                      // it becomes named object `obj`
} wb_loc_kind_t;

typedef struct wb_loc {
    wb_loc_kind_t kind;
    int32_t obj;              // named object, or -1
    uint32_t stack, frame;    // LOCAL, or FIELD through a local
    uint32_t base;            // FIELD through a local: the local's slot
    uint32_t index;           // LOCAL slot, FIELD pointer slot, GLOBAL index
    uint32_t type;            // NEW: the world's type index
} wb_loc_t;

typedef enum {
    WB_OP_SET,        // dst = src
    WB_OP_SWITCH,     // make stack `arg` the current goroutine
    WB_OP_WAIT,       // (scenarios) let marking run until a condition holds
} wb_op_kind_t;

typedef enum {
    WB_WAIT_BLACK,    // named object `arg` is black
    WB_WAIT_GREY,     // named object `arg` is grey (marked, in the worklist)
    WB_WAIT_SCANNED,  // stack `arg` has been scanned
} wb_wait_t;

typedef struct wb_op {
    wb_op_kind_t kind;
    wb_loc_t dst, src;        // SET
    wb_wait_t wait;           // WAIT
    uint32_t arg;             // SWITCH: stack; WAIT: object or stack
    uint32_t line;            // source line (scenarios), 0 if none
} wb_op_t;

// What a SET did: the kind of write, the values, the goroutine.
typedef enum { WB_WRITE_STACK, WB_WRITE_HEAP, WB_WRITE_GLOBAL } wb_write_t;
typedef struct wb_effect {
    wb_write_t write;
    void *holder;             // WB_WRITE_HEAP: the object written into
    void *old, *val;          // the overwritten and the stored pointer
    uint32_t stack;           // the goroutine that ran it
} wb_effect_t;

typedef struct wb_named {
    char *name;
    void *obj;                // NULL until allocated (a `new` not run yet)
    uint32_t id;              // its object id once allocated
} wb_named_t;

typedef struct wb_wstack {
    ml_gc_stack_t *st;
    ml_gc_frame_t **frames;   // bottom first
    char ***local_names;      // per frame: slot names, or NULL ("l0", "l1", ...)
    uint32_t nframes, capframes;
} wb_wstack_t;

typedef struct wb_world {
    ml_gc_heap_t *heap;
    ml_type_t **types;        // owned, stable addresses
    size_t ntypes, captypes;
    wb_named_t *named;
    size_t nnamed, capnamed;
    wb_wstack_t *stacks;      // index = the core's stack index
    size_t nstacks, capstacks;
    char **strings;           // names the core keeps pointers to (frame names)
    size_t nstrings, capstrings;
} wb_world_t;

// wb_world_new — an empty world over a new heap with config `cfg` (NULL =
// defaults with manual collection); it has the heap's "main" stack, with no
// frame. NULL with a reason in `why` when the heap cannot be made.
wb_world_t *wb_world_new(const ml_gc_config_t *cfg, char *why, size_t whylen);
// wb_world_free — the heap and everything the world owns. NULL is ignored.
void wb_world_free(wb_world_t *w);

// Building. Each returns the new index, or -1 on OOM.
int wb_world_add_type(wb_world_t *w, const char *name, size_t size, uint64_t ptrmask);
// wb_world_add_named — a named object slot; if `type` >= 0, allocate it now.
int wb_world_add_named(wb_world_t *w, const char *name, int type);
// wb_world_add_stack — a goroutine stack; the first call returns 0 for "main"
// when `name` is "main" (the heap's own stack), otherwise a new stack.
int wb_world_add_stack(wb_world_t *w, const char *name);
// wb_world_push_frame — a frame of `nslots` slots on stack `s`, named `name`;
// `local_names` (may be NULL) gives slot names, copied.
int wb_world_push_frame(wb_world_t *w, uint32_t s, const char *name, size_t nslots,
                        const char *const *local_names);

// Lookups by name; -1 when absent.
int wb_world_find_named(const wb_world_t *w, const char *name);
int wb_world_find_global(const wb_world_t *w, const char *name);
int wb_world_find_stack(const wb_world_t *w, const char *name);
// wb_world_find_local — a local "name" of stack s (any frame, top first):
// 0 and *frame, *slot; -1 when absent.
int wb_world_find_local(const wb_world_t *w, uint32_t s, const char *name, uint32_t *frame,
                        uint32_t *slot);
// wb_world_named_alive — the named object, or NULL if never allocated or freed.
void *wb_world_named_alive(const wb_world_t *w, uint32_t i);

// wb_op_stack — the goroutine an operation runs on (see above), or -1 for
// "the current one".
int wb_op_stack(const wb_op_t *op);
// wb_op_exec — run a SET or SWITCH (a WAIT does nothing). Fills *eff for a
// SET (may be NULL). Returns 0, or -1 with a reason in `why` (a field of
// nil, a freed named object, a slot the object does not have).
int wb_op_exec(wb_world_t *w, const wb_op_t *op, wb_effect_t *eff, char *why, size_t whylen);
// wb_op_text — the operation as written ("X.a = main.l0"), into buf.
const char *wb_op_text(const wb_world_t *w, const wb_op_t *op, char *buf, size_t len);
// wb_effect_text — what a SET did: "heap write by main: old nil, new obj#3 (W)".
const char *wb_effect_text(const wb_world_t *w, const wb_effect_t *e, char *buf, size_t len);

#endif
