// scenario.h — an object graph to collect, described apart from any heap: the
// tri-color lab's input, read from a small text file or made by a generator.
//
// A scenario lists types (how many 8-byte words an object has and which of
// them are pointers), objects, pointer edges between them, and roots: global
// variables and the slots of shadow-stack frames. scenario_heap.h turns it
// into real objects on the core's GC heap. Keeping the description separate
// lets the parser, the named classics and the suite share one path, and lets
// a test compare what survived a collection with what the scenario says is
// reachable.
//
// The text format (one directive per line; '#' starts a comment; blank lines
// and CRLF endings are fine; names are [A-Za-z_][A-Za-z0-9_]*, at most 63
// characters; numbers are decimal):
//
//     type   NAME WORDS [SLOT ...]   a type of WORDS words (1..64); the
//                                    listed word indexes hold pointers
//     obj    NAME TYPE [NAME ...]    objects of that type (declared once)
//     ptr    OBJ.SLOT TARGET         word SLOT of OBJ points to TARGET
//                                    (SLOT must be a pointer slot of OBJ's
//                                    type; TARGET an object or `nil`)
//     global NAME TARGET             a global variable (a root)
//     stack  NAME                    switch to shadow stack NAME (a
//                                    goroutine), made on first use; the
//                                    first stack is `main`
//     frame  NAME                    push a frame on the current stack
//     local  NAME TARGET             a slot of the frame pushed last (a root)
//
// Objects must be declared before an edge or root names them; a slot may be
// set once. Any violation is reported as "file:line: what is wrong". Example:
//
//     type node 2 0 1        # node { left, right } — both words pointers
//     obj  a node
//     obj  b c node
//     ptr  a.0 b
//     ptr  b.1 a             # a cycle a → b → a
//     global g a
//     frame main
//     local x c
#ifndef TC_SCENARIO_H
#define TC_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TC_NIL UINT32_MAX          // "no object": a nil pointer or root
#define TC_MAX_WORDS 64            // words per object in a scenario type
#define TC_NAME_MAX 63             // longest name in a scenario file

typedef struct tc_type_decl {
    char *name;
    uint32_t nwords;               // 1 .. TC_MAX_WORDS
    uint64_t ptrmask;              // bit i set: word i holds a pointer
} tc_type_decl_t;

typedef struct tc_obj_decl {
    uint32_t type;                 // index into types[]
    char *name;                    // NULL for generated objects ("o<i>")
} tc_obj_decl_t;

typedef struct tc_edge {
    uint32_t from, slot, to;       // from.slot = to (to may be TC_NIL)
} tc_edge_t;

typedef struct tc_root {
    char *name;                    // NULL: generated ("g<i>", "l<i>")
    uint32_t target;               // an object index or TC_NIL
} tc_root_t;

typedef struct tc_frame_decl {
    char *name;
    uint32_t stack;                // index into stacks[]
    uint32_t first_local, nlocals; // locals[first_local .. +nlocals)
} tc_frame_decl_t;

typedef struct tc_scenario {
    char *name;                    // file path or classic name
    tc_type_decl_t *types;   uint32_t ntypes;
    tc_obj_decl_t *objs;     uint32_t nobjs;
    tc_edge_t *edges;        size_t nedges;
    tc_root_t *globals;      uint32_t nglobals;
    char **stacks;           uint32_t nstacks;   // stacks[0] is "main"
    uint32_t cur_stack;                          // where frames are pushed
    tc_frame_decl_t *frames; uint32_t nframes;   // in push order (outermost first per stack)
    tc_root_t *locals;       uint32_t nlocals;
    // Capacities of the growable arrays (private to scenario.c).
    uint32_t cap_types, cap_objs, cap_globals, cap_frames, cap_locals, cap_stacks;
    size_t cap_edges;
} tc_scenario_t;

// tc_scenario_read — parse the scenario file at `path`. Returns the
// scenario, or NULL with "path:line: what is wrong" (or "path: <errno
// text>") written into err (errlen bytes).
tc_scenario_t *tc_scenario_read(const char *path, char *err, size_t errlen);
// tc_scenario_parse — the same from an open stream; `name` is used in
// messages and as the scenario's name.
tc_scenario_t *tc_scenario_parse(FILE *f, const char *name, char *err, size_t errlen);
// tc_scenario_write — write `s` in the text format (generated names are
// written as o<i>, g<i>, l<i>). Returns 0, or -1 on an I/O error.
int tc_scenario_write(const tc_scenario_t *s, FILE *out);
void tc_scenario_free(tc_scenario_t *s);

// ---- building scenarios in code (used by the parser and the classics) -------
// Each returns the new index, or TC_NIL when memory runs out (the scenario is
// left unchanged). Names are copied; NULL means "generated".
tc_scenario_t *tc_scenario_new(const char *name);
uint32_t tc_scenario_add_type(tc_scenario_t *s, const char *name, uint32_t nwords, uint64_t ptrmask);
uint32_t tc_scenario_add_obj(tc_scenario_t *s, uint32_t type, const char *name);
// tc_scenario_add_edge — from.slot = to. Returns 0, or -1 when memory runs out.
int tc_scenario_add_edge(tc_scenario_t *s, uint32_t from, uint32_t slot, uint32_t to);
uint32_t tc_scenario_add_global(tc_scenario_t *s, const char *name, uint32_t target);
// tc_scenario_use_stack — make stack `name` current (created if new); its index.
uint32_t tc_scenario_use_stack(tc_scenario_t *s, const char *name);
// tc_scenario_push_frame — a frame on the current stack.
uint32_t tc_scenario_push_frame(tc_scenario_t *s, const char *name);
// tc_scenario_add_local — a slot in the frame pushed last (one must exist).
uint32_t tc_scenario_add_local(tc_scenario_t *s, const char *name, uint32_t target);

// tc_scenario_obj_name — the object's name for messages: its declared name,
// or "o<i>" written into buf.
const char *tc_scenario_obj_name(const tc_scenario_t *s, uint32_t i, char *buf, size_t len);

// tc_scenario_reachable — the objects reachable from the roots by following
// edges, computed on the description alone (an oracle independent of any
// heap or marker). Returns a calloc'ed array of nobjs bools (true =
// reachable) and its count in *count, or NULL when memory runs out.
bool *tc_scenario_reachable(const tc_scenario_t *s, size_t *count);

// ---- named classics (classics.c) ---------------------------------------------
// The names tc_scenario_classic knows, NULL-terminated, with a one-line
// description each (same order).
extern const char *const tc_classic_names[];
extern const char *const tc_classic_help[];
// tc_scenario_classic — a generated scenario: "list", "tree", "cycle",
// "diamond", "gcbench" or "random", of `size` (objects, or the depth for
// tree and gcbench; 0 picks the classic's default) from `seed`. Each
// classic also contains garbage (unreachable objects, some pointing into
// the live part) so a sweep has something to free. Returns NULL with a
// message in err for an unknown name, a size out of range, or no memory.
tc_scenario_t *tc_scenario_classic(const char *name, size_t size, uint64_t seed,
                                   char *err, size_t errlen);

#endif
