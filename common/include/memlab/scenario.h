// scenario.h — a heap to collect and a mutator's script, described apart from
// any heap: the input of the GC labs (tri-color, write-barrier), read from a
// small text file or built in code (the tri-color lab's generators, the
// write-barrier lab's random workloads).
//
// A scenario lists types (how many 8-byte words an object has, which of them
// are pointers, and optionally their names), objects, pointer edges between
// them, and roots: global variables and the slots of shadow-stack frames
// (Go's goroutine stacks). memlab/scenario_heap.h makes it real on the core's
// GC heap and keeps every name, so that messages and step pages say "W" and
// "P.a" rather than "obj#7". A scenario may also carry a script: the
// pointer copies a mutator performs while a collection cycle runs, with
// `wait` lines that let marking reach the moment the script needs.
// Keeping the description apart from the heap lets the parser, the
// generators, the suites and the fuzzer share one path, and lets a test
// compare what survived a collection with what the description says is
// reachable (ml_scn_reachable, an oracle that knows nothing of any marker).
//
// THE TEXT FORMAT. One directive per line; '#' starts a comment; blank lines
// and CRLF endings are fine; names are [A-Za-z_][A-Za-z0-9_]*, at most 63
// characters; numbers are decimal.
//
//   The heap (before the `---` line, or the whole file if there is none):
//     scenario NAME...              the scenario's name (default: the file's)
//     about    TEXT...              one line saying what the scenario shows
//     type   NAME WORDS [SLOT ...]  a type of WORDS words (1..64); each SLOT
//                                   is a word index that holds a pointer,
//                                   written N or N:NAME to name the slot
//     obj    NAME [NAME ...] TYPE   objects of that type (each declared once)
//     ptr    OBJ.SLOT TARGET        slot SLOT (its index or its name) of OBJ
//                                   points to TARGET (an object or `nil`)
//     global NAME TARGET            a global variable (a root)
//     stack  NAME                   switch to shadow stack NAME (made on first
//                                   use); the first stack is `main`
//     frame  NAME                   push a frame on the current stack
//     local  NAME TARGET            a slot of the frame pushed last (a root)
//   Objects are declared before an edge or root names them; a slot is set at
//   most once; `nil` and `new` cannot name an object.
//
//   The script (after `---`, which starts the collection cycle):
//     PLACE = VALUE                 copy a pointer (the mutator's one move)
//     wait black OBJ | grey OBJ     let marking run until OBJ has that color
//     wait scanned STACK            ... until STACK has been scanned
//     on STACK                      make STACK the running goroutine
//   PLACE is GLOBAL, OBJ.SLOT, STACK.LOCAL (the local of that name in the
//   stack's topmost frame that has one) or STACK.LOCAL->SLOTNAME (a slot of
//   the object the local points to; the slot by name, since the object's
//   type is known only when the line runs). VALUE is a place, `nil`, an
//   object, or `new NAME TYPE` (an object allocated when the line runs,
//   named NAME from then on). A bare name is a global if one has it, else an
//   object; in X.Y, X is an object if one has the name, else a stack. An
//   operation runs on the stack of the first local it names, else on the
//   current one.
//
// Every error is reported as "file:line: what is wrong". Example:
//
//     type Node 3 0:a 1:b    # Node { a, b *Node; key int }
//     obj  X P W Node
//     global gx X
//     global gp P
//     ptr  P.a W
//     frame main
//     local l0 nil
//     ---
//     wait black X
//     main.l0 = P.a          # a load: a stack write, no barrier
//     X.a = main.l0          # a black object takes W ...
//     P.a = nil              # ... and the grey path to it is cut
#ifndef MEMLAB_SCENARIO_H
#define MEMLAB_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ML_SCN_NIL UINT32_MAX // "no object": a nil pointer or root; "not found"
#define ML_SCN_MAX_WORDS 64   // words per object in a scenario type
#define ML_SCN_NAME_MAX 63    // longest name in a scenario file

typedef struct ml_scn_type {
    char *name;
    uint32_t nwords;   // 1 .. ML_SCN_MAX_WORDS
    uint64_t ptrmask;  // bit i set: word i holds a pointer
    char **slot_names; // NULL, or nwords entries (NULL: word unnamed)
} ml_scn_type_t;

typedef struct ml_scn_obj {
    uint32_t type; // index into types[]
    char *name;    // NULL for generated objects ("o<i>")
    bool born;     // allocated by a script's `new`, not at build time
} ml_scn_obj_t;

typedef struct ml_scn_edge {
    uint32_t from, slot, to; // word `slot` of `from` = `to` (to may be ML_SCN_NIL)
} ml_scn_edge_t;

typedef struct ml_scn_root {
    char *name;      // NULL: generated ("g<i>", "l<i>")
    uint32_t target; // an object index or ML_SCN_NIL
} ml_scn_root_t;

typedef struct ml_scn_frame {
    char *name;
    uint32_t stack;                // index into stacks[]
    uint32_t first_local, nlocals; // locals[first_local .. +nlocals)
} ml_scn_frame_t;

// ---- the script ---------------------------------------------------------------

typedef enum {
    ML_SCN_VAL_NIL, // the value nil
    ML_SCN_LOCAL,   // local `local` (an index into locals[])
    ML_SCN_FIELD,   // pointer slot `slot` of object `obj`, or (obj ==
                    // ML_SCN_NIL) of the object local `local` points to
    ML_SCN_GLOBAL,  // global `global`
    ML_SCN_OBJ,     // object `obj` (a value only)
    ML_SCN_NEW,     // a new object: `obj`, born when the line runs (a value only)
} ml_scn_place_kind_t;

typedef struct ml_scn_place {
    ml_scn_place_kind_t kind;
    uint32_t obj;    // FIELD of a named object, OBJ, NEW; else ML_SCN_NIL
    uint32_t local;  // LOCAL, FIELD through a local
    uint32_t slot;   // FIELD: the pointer slot, counted among the
                     // type's pointer words (what ml_gc_slot takes)
    uint32_t global; // GLOBAL
} ml_scn_place_t;

typedef enum { ML_SCN_SET, ML_SCN_SWITCH, ML_SCN_WAIT } ml_scn_op_kind_t;
typedef enum { ML_SCN_WAIT_BLACK, ML_SCN_WAIT_GREY, ML_SCN_WAIT_SCANNED } ml_scn_wait_t;

typedef struct ml_scn_op {
    ml_scn_op_kind_t kind;
    ml_scn_place_t dst, src; // SET: dst = src
    ml_scn_wait_t wait;      // WAIT
    uint32_t arg;            // SWITCH: a stack; WAIT: an object, or a stack (SCANNED)
    uint32_t line;           // the line of the file it came from (0: built in code)
} ml_scn_op_t;

typedef struct ml_scn {
    char *name;  // `scenario` line, else the file path or generator name
    char *about; // `about` line, or NULL
    ml_scn_type_t *types;
    uint32_t ntypes;
    ml_scn_obj_t *objs;
    uint32_t nobjs;
    ml_scn_edge_t *edges;
    size_t nedges;
    ml_scn_root_t *globals;
    uint32_t nglobals;
    char **stacks;
    uint32_t nstacks;   // stacks[0] is "main"
    uint32_t cur_stack; // where frames are pushed
    ml_scn_frame_t *frames;
    uint32_t nframes; // in push order (outermost first per stack)
    ml_scn_root_t *locals;
    uint32_t nlocals;
    bool has_script; // the file had a `---` line
    ml_scn_op_t *ops;
    size_t nops; // the script, in order
    // Capacities of the growable arrays (private to scenario.c).
    uint32_t cap_types, cap_objs, cap_globals, cap_frames, cap_locals, cap_stacks;
    size_t cap_edges, cap_ops;
} ml_scn_t;

// ---- reading and writing (scenario_parse.c, scenario_script.c, scenario.c) -----

// ml_scn_read — parse the scenario file at `path` into *out. Returns 0, or -1
// with "path:line: what is wrong" (or "path: <errno text>") in err (errlen
// bytes) and *out NULL.
int ml_scn_read(const char *path, ml_scn_t **out, char *err, size_t errlen);
// ml_scn_parse — the same from an open stream; `name` is used in messages
// and as the scenario's name unless a `scenario` line gives one.
int ml_scn_parse(FILE *f, const char *name, ml_scn_t **out, char *err, size_t errlen);
// ml_scn_write — write `s` in the text format (generated names as o<i>,
// g<i>, l<i>, f<i>). Returns 0, or -1 on an I/O error.
int ml_scn_write(const ml_scn_t *s, FILE *out);
// ml_scn_op_text — script operation `op` as the format writes it
// ("X.a = main.l0", "wait black X"), into buf; returns buf.
const char *ml_scn_op_text(const ml_scn_t *s, const ml_scn_op_t *op, char *buf, size_t len);
// ml_scn_free — NULL is ignored.
void ml_scn_free(ml_scn_t *s);

// ---- building scenarios in code (scenario.c) -------------------------------------
// Each returns the new index, or ML_SCN_NIL when memory runs out (the
// scenario is left unchanged). Names are copied; NULL means "generated".
// The caller keeps the rules the parser checks (declared before use, a
// slot set once, a pointer slot of the object's type).
ml_scn_t *ml_scn_new(const char *name);
uint32_t ml_scn_add_type(ml_scn_t *s, const char *name, uint32_t nwords, uint64_t ptrmask);
// ml_scn_name_slot — name word `word` of type `t`. 0, or -1 when memory runs out.
int ml_scn_name_slot(ml_scn_t *s, uint32_t t, uint32_t word, const char *name);
uint32_t ml_scn_add_obj(ml_scn_t *s, uint32_t type, const char *name);
// ml_scn_add_edge — word `slot` of `from` = `to`. Returns 0, or -1 when memory runs out.
int ml_scn_add_edge(ml_scn_t *s, uint32_t from, uint32_t slot, uint32_t to);
uint32_t ml_scn_add_global(ml_scn_t *s, const char *name, uint32_t target);
// ml_scn_use_stack — make stack `name` current (created if new); its index.
uint32_t ml_scn_use_stack(ml_scn_t *s, const char *name);
// ml_scn_push_frame — a frame on the current stack.
uint32_t ml_scn_push_frame(ml_scn_t *s, const char *name);
// ml_scn_add_local — a slot in the frame pushed last (one must exist).
uint32_t ml_scn_add_local(ml_scn_t *s, const char *name, uint32_t target);
// ml_scn_add_op — append a script operation. 0, or -1 when memory runs out.
int ml_scn_add_op(ml_scn_t *s, const ml_scn_op_t *op);

// ---- names (scenario.c) -------------------------------------------------------------
// Each returns the declared name, or the generated one written into buf.

// ml_scn_obj_name — "W", or "o<i>".
const char *ml_scn_obj_name(const ml_scn_t *s, uint32_t i, char *buf, size_t len);
// ml_scn_global_name — "gx", or "g<i>".
const char *ml_scn_global_name(const ml_scn_t *s, uint32_t g, char *buf, size_t len);
// ml_scn_local_name — "l0", or "l<i>" (i: the index in locals[]).
const char *ml_scn_local_name(const ml_scn_t *s, uint32_t l, char *buf, size_t len);
// ml_scn_frame_name — "main", or "f<i>".
const char *ml_scn_frame_name(const ml_scn_t *s, uint32_t f, char *buf, size_t len);
// ml_scn_slot_name — "a" (a named word) or "0" for word `word` of type `t`.
const char *ml_scn_slot_name(const ml_scn_t *s, uint32_t t, uint32_t word, char *buf, size_t len);
// ml_scn_frame_of_local — the frame local `l` belongs to.
uint32_t ml_scn_frame_of_local(const ml_scn_t *s, uint32_t l);
// ml_scn_slot_word — the word index of pointer slot `slot` (counted among
// the pointer words) of type `t`; ML_SCN_NIL if the type has fewer.
uint32_t ml_scn_slot_word(const ml_scn_t *s, uint32_t t, uint32_t slot);

// ---- the oracle (scenario_reach.c) ------------------------------------------------------

// ml_scn_reachable — the objects reachable from the roots by following
// edges, computed on the description alone (independent of any heap or
// marker). Returns a calloc'ed array of nobjs bools (true = reachable) and
// their count in *count (may be NULL), or NULL when memory runs out.
bool *ml_scn_reachable(const ml_scn_t *s, size_t *count);
// ml_scn_why_reachable — a shortest path from a root to object `target`,
// for messages ("local head of frame main (stack main) → a → … → e"), or
// "unreachable". Writes into buf and returns it.
const char *ml_scn_why_reachable(const ml_scn_t *s, uint32_t target, char *buf, size_t len);

#endif
