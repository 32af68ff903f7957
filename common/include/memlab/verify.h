// verify.h — independent checks of a GC heap: the truly reachable set, the
// tri-color invariants, heap consistency, freed-memory poisoning, and the
// "lost object" check that tells a write barrier failed.
//
// The oracle never looks at mark bits: it walks the roots with its own
// explicit work list and its own visited hash set, so it stays right when a
// lab's marker is wrong. Tests compare a collector's survivors with it.
//
// Colors as the checks read them (Go's encoding, see gcheap.h):
//   grey  = is_grey(obj) says so (the lab's work list);
//   black = marked and not grey;  white = not marked and not grey.
// The invariants (Pirinen; Go's mbarrier.go), over heap objects:
//   strong: no black object points to a white object;
//   weak:   every white object a black object points to is reachable from
//           some grey object through a chain of white objects.
// Roots are neither black nor white: a root pointing to a white object is
// fine while marking (it will be scanned, or re-scanned).
#ifndef MEMLAB_VERIFY_H
#define MEMLAB_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include "memlab/gcheap.h"

#define ML_POISON_BYTE 0xDB // "dead block": what freed memory is filled with

// ---- the reachability oracle --------------------------------------------------

typedef struct ml_reach ml_reach_t;

// ml_verify_reachable — the set of objects reachable from the roots (globals
// and every shadow stack), by a walk of its own. NULL when out of memory.
ml_reach_t *ml_verify_reachable(ml_gc_heap_t *h);
// ml_reach_contains — whether object `obj` (its start) is in the set.
bool ml_reach_contains(const ml_reach_t *r, const void *obj);
size_t ml_reach_count(const ml_reach_t *r);
// ml_reach_bytes — sum of the reachable objects' slot sizes (elemsize).
size_t ml_reach_bytes(const ml_reach_t *r);
void ml_reach_free(ml_reach_t *r);

// ---- tri-color invariants ----------------------------------------------------

typedef enum { ML_INV_STRONG, ML_INV_WEAK } ml_invariant_t;

// ml_verify_tricolor — check the invariant `which` over every heap object,
// with `is_grey` (may be NULL: nothing is grey) telling grey objects. Returns
// 0 when it holds; -1 with the first violation in `err` (may be NULL), e.g.
// "black obj#12 (Node) slot 1 -> white obj#40 (Node)" (strong), or "...,
// and no grey object reaches obj#40 through white objects" (weak).
int ml_verify_tricolor(ml_gc_heap_t *h, ml_invariant_t which, ml_gc_grey_fn is_grey, void *arg,
                       char *err, size_t errlen);

// ---- lost objects ------------------------------------------------------------

// ml_verify_lost — at the end of marking: the number of objects the oracle
// finds reachable that are still white (not marked, not grey): the sweep
// would free them. The first is described in `err` ("obj#40 (Node) is
// reachable (global g -> obj#3 slot 0 -> obj#40) but white"). `reach` may be
// NULL (computed here); `is_grey` may be NULL. Returns (size_t)-1 on OOM.
size_t ml_verify_lost(ml_gc_heap_t *h, const ml_reach_t *reach, ml_gc_grey_fn is_grey, void *arg,
                      char *err, size_t errlen);
// ml_verify_no_dangling — after a sweep: every pointer reachable from the
// roots points to an allocated object. 0, or -1 with the first dangling
// pointer in `err` ("obj#3 (Node) slot 0 -> freed memory 0x..."), which is
// how a lost object shows once it has been freed.
int ml_verify_no_dangling(ml_gc_heap_t *h, char *err, size_t errlen);

// ---- heap consistency -----------------------------------------------------------

// ml_verify_heap — the page heap's own check, then every span: registered
// for each of its pages, alloc count = set alloc bits, free index below no
// free object, mark bits only on allocated objects, every allocated object
// with a well-formed type that fits its slot; HeapObjects and HeapAlloc
// agree with the spans; when no cycle runs, no mark bit is set. 0, or -1
// with the first problem in `err`.
int ml_verify_heap(ml_gc_heap_t *h, char *err, size_t errlen);

// ---- poisoning ---------------------------------------------------------------

// ml_verify_poison — fill [p, p+n) with ML_POISON_BYTE.
void ml_verify_poison(void *p, size_t n);
// ml_verify_is_poisoned — whether every byte of [p, p+n) is the poison; if
// not and `first_bad` is not NULL, the offset of the first other byte.
bool ml_verify_is_poisoned(const void *p, size_t n, size_t *first_bad);
// ml_verify_freed_intact — with poisoning on: every free object of every
// small span still holds the poison (nothing wrote through a dangling
// pointer). 0, or -1 with the first written free object in `err`. Returns 0
// (checks nothing) when the heap does not poison.
int ml_verify_freed_intact(ml_gc_heap_t *h, char *err, size_t errlen);

#endif
