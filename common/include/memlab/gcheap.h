// gcheap.h — a typed, garbage-collected heap (Go's runtime/malloc.go,
// mgc.go, mbarrier.go, mgcsweep.go), the ground the GC labs build on.
//
// Objects. A type (ml_type_t) is a name, a size in bytes (a multiple of 8)
// and a pointer bitmap: bit w says that 8-byte word w of the object holds a
// pointer. An object is one value of a type, or an array of `count` values
// laid out back to back. Its pointer *slots* are the pointer words in
// address order, numbered 0, 1, 2, ... (a Node {left, right, key} has slots
// 0 = left and 1 = right). Slots hold NULL or a pointer to (into) an object.
//
// Where objects live. Small objects (≤ 32 KiB) sit in size-class spans taken
// from the page heap; larger ones get a span of their own. Each object's
// type, array count and id are kept beside its span (an out-of-line header),
// and any address finds its object in O(1) (memlab/gcheap_internal.h says
// how, for the curious).
//
// Roots. Named globals owned by the heap, and shadow stacks: each stack is a
// list of frames with N pointer slots each (Crafting Interpreters' "push it on
// the VM stack" discipline). A C local is NOT a root: keep every object you
// still need in a frame slot or global before the next allocation, which may
// collect. Each stack and frame carries a `scanned` flag, cleared at the start
// of every cycle, so a collector can model Go's stack scanning.
//
// Pointer stores. ml_gc_write (heap slots) and ml_gc_write_global (globals)
// call the collector's write barrier while the collector is marking (Go's
// writeBarrier.enabled: phases MARK and MARK_TERMINATION). Frame writes never
// run a barrier, exactly like stores to a Go stack. When the config's
// count_stores is on (off by default: a program that reports the counts
// turns it on) they also count the stores (MemStats Stores, StoresMarking);
// with no cycle running and counting off, a store is one flag test and the
// store, like Go's `if writeBarrier.enabled`.
//
// Collection. A collector is a small table of functions (ml_gc_collector_t)
// that a lab supplies; without one the core uses its own stop-the-world
// marker. A cycle is
//     cycle_begin:  phase = MARK, barrier on, scanned flags cleared, mark_begin
//     cycle_step*:  mark_step(budget) until it reports done (the mutator may
//                   run between steps — see sched.h)
//     cycle_finish: phase = MARK_TERMINATION, drain mark_step, mark_terminate
//                   (stop the world: e.g. re-scan stacks); phase = SWEEP,
//                   sweep (frees unmarked objects, clears marks); empty spans
//                   go back to the page heap; stats; phase = OFF.
// ml_gc_collect runs a whole cycle at once.
//
// Colors (Go's encoding): an object is black or grey when its mark bit is
// set, white when it is clear; grey objects are those in the collector's own
// work list, which the core never sees (the verify and dot modules take an
// ml_gc_grey_fn to tell them).
//
// Debug aids (ml_gc_config_t): stress (collect before every allocation),
// log (print mark/blacken/free events), poison (fill freed memory with
// ML_POISON_BYTE; see verify.h).
//
// Not thread-safe: one heap belongs to one thread. The sched module
// interleaves mutator and collector deterministically on that thread.
//
// This header is the whole contract. The fast paths declared `static inline`
// here (object lookup, mark bits, slots, pointer stores) are defined in
// memlab/gcheap_internal.h, included at the end, with the structures they
// read; a lab never needs to open it.
#ifndef MEMLAB_GCHEAP_H
#define MEMLAB_GCHEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "memlab/pageheap.h"
#include "memlab/span.h"

// ---- types ----------------------------------------------------------------

#define ML_TYPE_INLINE_WORDS 64 // types up to 64 words use `ptrmask`

typedef struct ml_type {
    const char *name;
    size_t size;                 // bytes; > 0 and a multiple of 8
    uint64_t ptrmask;            // bit w: word w is a pointer (size ≤ 512 bytes)
    const uint64_t *ptrmask_ext; // for larger types: ceil(size/8/64) words of
                                 // bits, bit w of the array = word w; when not
                                 // NULL it replaces `ptrmask`
} ml_type_t;

// A type literal: ML_TYPE("Node", 32, 0x3) — four words, words 0 and 1 pointers.
#define ML_TYPE(name_, size_, mask_) \
    ((ml_type_t){ .name = (name_), .size = (size_), .ptrmask = (mask_), .ptrmask_ext = NULL })

// ml_type_num_slots — pointer slots in one value of type `t`.
size_t ml_type_num_slots(const ml_type_t *t);
// ml_type_is_ptr_word — whether word `w` of a value of `t` holds a pointer.
static inline bool ml_type_is_ptr_word(const ml_type_t *t, size_t w);
// ml_type_check — 0 if `t` is well formed (name, size > 0 and a multiple of
// 8, no mask bits beyond its words, big types use ptrmask_ext); otherwise -1
// and a description in `err` (may be NULL).
int ml_type_check(const ml_type_t *t, char *err, size_t errlen);

// ---- the heap ---------------------------------------------------------------

typedef struct ml_gc_heap ml_gc_heap_t;
typedef struct ml_gc_stack ml_gc_stack_t;
typedef struct ml_gc_frame ml_gc_frame_t;
typedef struct ml_gc_span ml_gc_span_t; // the core's per-span record (internal)

typedef struct ml_gc_config {
    size_t arena_bytes; // address space reserved for the heap (committed lazily)
    int gc_percent;     // GOGC: collect when the heap grows by this % over
                        // the live heap of the last cycle; < 0 = manual only
    size_t min_heap;    // the first heap goal (Go's heapminimum, 4 MiB)
    bool stress;        // collect before every allocation (when no cycle runs)
    bool log;           // print mark / blacken / free events
    FILE *log_file;     // where the log goes; NULL = stderr
    bool poison;        // fill freed (and never used) object memory with ML_POISON_BYTE
    bool count_stores;  // count pointer stores (MemStats Stores, StoresMarking);
                        // off by default. Off: with no cycle running a store
                        // through ml_gc_write_ptr is one flag test and the store
} ml_gc_config_t;

// ml_gc_default_config — arena 256 MiB, GOGC 100, min heap 4 MiB, no stress,
// no log, poison on, stores not counted. Start from it and change what you
// need.
ml_gc_config_t ml_gc_default_config(void);

// ml_gc_new — a heap with config `cfg` (NULL = defaults), with one shadow
// stack named "main" as the current stack and the core's default collector.
// Returns NULL if the arena cannot be reserved or memory runs out.
ml_gc_heap_t *ml_gc_new(const ml_gc_config_t *cfg);
// ml_gc_destroy — free everything the heap owns (objects, spans, roots).
// NULL is ignored.
void ml_gc_destroy(ml_gc_heap_t *h);
const ml_gc_config_t *ml_gc_config(const ml_gc_heap_t *h);
ml_pageheap_t *ml_gc_pageheap(ml_gc_heap_t *h);
// ml_gc_set_manual — turn automatic collection off (true) or back on.
void ml_gc_set_manual(ml_gc_heap_t *h, bool manual);
// ml_gc_set_count_stores — turn store counting (config count_stores) on or
// off from now on; the counts so far stay. Allowed at any time.
void ml_gc_set_count_stores(ml_gc_heap_t *h, bool on);

// ---- allocation -------------------------------------------------------------

// ml_gc_alloc — a zeroed object of type `t`. May run a collection first (heap
// goal reached, or stress mode), unless collection is manual or a cycle is in
// progress. During marking the collector's on_alloc decides its color
// (default: black). Returns NULL when the arena is exhausted (after one
// collection, when automatic collection is on). A malformed type aborts.
void *ml_gc_alloc(ml_gc_heap_t *h, const ml_type_t *t);
// ml_gc_alloc_array — a zeroed array of `count` ≥ 1 values of `t` in one
// object (its slots are element 0's slots, then element 1's, ...). As above.
void *ml_gc_alloc_array(ml_gc_heap_t *h, const ml_type_t *t, size_t count);
// ml_gc_free — free one allocated object (`obj` its start) now: used by a
// lab's sweep. Poisons it (if on) and clears its mark bit; its span goes back
// to the page heap, if empty, at the end of the cycle (or at
// ml_gc_release_empty_spans). Freeing anything else aborts.
void ml_gc_free(ml_gc_heap_t *h, void *obj);
// ml_gc_release_empty_spans — give spans with no objects back to the page
// heap now. Returns the number of spans released. Do not call it while an
// ml_gc_iter_t is in use.
size_t ml_gc_release_empty_spans(ml_gc_heap_t *h);

// ---- finding objects ---------------------------------------------------------

// ml_gc_find_object — Go's findObject: the allocated object containing `p`
// (interior pointers too) with its span and index, so that marking it
// (ml_gc_ref_try_mark) needs no second lookup; false when `p` is not inside
// an allocated object. O(1).
typedef struct ml_gc_objref {
    void *obj; // the object's start
    ml_gc_span_t *span;
    uint32_t index; // its index in the span
} ml_gc_objref_t;
static inline bool ml_gc_find_object(const ml_gc_heap_t *h, const void *p, ml_gc_objref_t *r);
// ml_gc_object_of — the start of the allocated object containing address `p`
// (interior pointers included), or NULL if `p` is not inside one. O(1).
static inline void *ml_gc_object_of(const ml_gc_heap_t *h, const void *p);
// ml_gc_prefetch — start loading object `obj` (its start) and its metadata
// record into the CPU cache, for a marker that will scan it soon (Go's
// greyobject calls sys.Prefetch the same way). Only a hint: it changes
// nothing, never faults, and ignores addresses outside the heap.
static inline __attribute__((always_inline)) void ml_gc_prefetch(const ml_gc_heap_t *h,
                                                                 const void *obj);

// ---- mark bits (obj must be an allocated object's start, else abort) ------

static inline bool ml_gc_is_marked(const ml_gc_heap_t *h, const void *obj);
static inline void ml_gc_set_mark(ml_gc_heap_t *h, const void *obj);
static inline void ml_gc_clear_mark(ml_gc_heap_t *h, const void *obj);
// ml_gc_try_mark — set the mark bit; true if it was clear before.
static inline bool ml_gc_try_mark(ml_gc_heap_t *h, const void *obj);
// ml_gc_ref_try_mark — ml_gc_try_mark of an object ml_gc_find_object found
// (nothing freed since), without looking it up again: Go's greyobject takes
// findObject's span and index for the same reason.
static inline bool ml_gc_ref_try_mark(const ml_gc_objref_t *r);
// ml_gc_ref_type, ml_gc_ref_count — the type and array count of the object
// `r` names (found by ml_gc_find_object, nothing freed since), without a
// lookup: a marker that keeps refs in its worklist scans an object with no
// second search for it (Go's gcWork holds object addresses and scanobject
// finds the span again; keeping the ref trades 16 bytes per entry for that
// search).
static inline const ml_type_t *ml_gc_ref_type(const ml_gc_objref_t *r);
static inline size_t ml_gc_ref_count(const ml_gc_objref_t *r);
// ml_gc_ref_prefetch — ml_gc_prefetch of the object `r` names: its memory
// and its metadata record, without the lookup. Only a hint.
static inline __attribute__((always_inline)) void ml_gc_ref_prefetch(const ml_gc_objref_t *r);
// ml_gc_clear_all_marks — clear every mark bit. ml_gc_count_marked — set ones.
void ml_gc_clear_all_marks(ml_gc_heap_t *h);
size_t ml_gc_count_marked(const ml_gc_heap_t *h);

// ---- object metadata and pointer slots --------------------------------------
// (obj must be an allocated object's start, else abort)

// ml_gc_type_of — the object's type.
static inline const ml_type_t *ml_gc_type_of(const ml_gc_heap_t *h, const void *obj);
// ml_gc_count_of — array length of the object (1 for a single value).
static inline size_t ml_gc_count_of(const ml_gc_heap_t *h, const void *obj);
// ml_gc_object_id — the object's allocation number (1, 2, ...), for messages.
static inline uint32_t ml_gc_object_id(const ml_gc_heap_t *h, const void *obj);
// ml_gc_object_size — bytes requested (type size × count); ml_gc_object_elemsize
// — bytes the object really takes (its span's object size).
size_t ml_gc_object_size(const ml_gc_heap_t *h, const void *obj);
size_t ml_gc_object_elemsize(const ml_gc_heap_t *h, const void *obj);

// ml_gc_num_slots — number of pointer slots of the object.
static inline size_t ml_gc_num_slots(const ml_gc_heap_t *h, const void *obj);
// ml_gc_slot_addr — the address of pointer slot `i` (< num_slots, else abort).
static inline void **ml_gc_slot_addr(const ml_gc_heap_t *h, const void *obj, size_t i);
// ml_gc_slot — the value of pointer slot `i` (a read, no barrier).
static inline void *ml_gc_slot(const ml_gc_heap_t *h, const void *obj, size_t i);

// A cursor over an object's pointer slots, in slot order:
//     ml_gc_slots_t it; ml_gc_slots_begin(h, obj, &it);
//     for (void **slot; (slot = ml_gc_slots_next(&it)); ) ... *slot ...
typedef struct ml_gc_slots ml_gc_slots_t;
void ml_gc_slots_begin(const ml_gc_heap_t *h, const void *obj, ml_gc_slots_t *it);
// ml_gc_slots_next — the next slot's address, NULL after the last.
static inline void **ml_gc_slots_next(ml_gc_slots_t *it);

// ---- pointer stores and the write barrier -----------------------------------

// ml_gc_write_ptr — store `val` into `slot`, the address of a pointer slot of
// a heap object; runs the collector's write barrier first while marking, and
// counts the store if count_stores is on. With neither, it is one test of a
// flag byte and the store.
static inline void ml_gc_write_ptr(ml_gc_heap_t *h, void **slot, void *val);
// ml_gc_write — store `val` into pointer slot `i` of heap object `obj`.
static inline void ml_gc_write(ml_gc_heap_t *h, void *obj, size_t i, void *val);

// ---- roots: globals ---------------------------------------------------------
// ml_gc_global_add — a new global pointer variable (NULL), named `name`
// (copied). Returns its index, or -1 when out of memory.
int ml_gc_global_add(ml_gc_heap_t *h, const char *name);
size_t ml_gc_num_globals(const ml_gc_heap_t *h);
const char *ml_gc_global_name(const ml_gc_heap_t *h, int g);
void *ml_gc_global_get(const ml_gc_heap_t *h, int g);
// ml_gc_global_slot — the global's address (stable for the heap's life).
void **ml_gc_global_slot(const ml_gc_heap_t *h, int g);
// ml_gc_write_global — store into a global, with the write barrier while marking.
void ml_gc_write_global(ml_gc_heap_t *h, int g, void *val);

// ---- roots: shadow stacks ---------------------------------------------------

// ml_gc_stack_new — a new (goroutine) stack named `name`, empty. NULL on OOM.
ml_gc_stack_t *ml_gc_stack_new(ml_gc_heap_t *h, const char *name);
size_t ml_gc_num_stacks(const ml_gc_heap_t *h);
ml_gc_stack_t *ml_gc_stack_at(const ml_gc_heap_t *h, size_t i); // 0 = "main"
// ml_gc_current_stack — the current stack (the running goroutine's).
static inline ml_gc_stack_t *ml_gc_current_stack(const ml_gc_heap_t *h);
// ml_gc_switch_stack — make `st` the current stack (the running goroutine).
void ml_gc_switch_stack(ml_gc_heap_t *h, ml_gc_stack_t *st);
const char *ml_gc_stack_name(const ml_gc_stack_t *st);
size_t ml_gc_stack_depth(const ml_gc_stack_t *st);
// The top frame (NULL if empty); ml_gc_frame_caller walks towards the bottom.
ml_gc_frame_t *ml_gc_stack_top(const ml_gc_stack_t *st);
ml_gc_frame_t *ml_gc_frame_caller(const ml_gc_frame_t *f);
// Scanned flags (Go's gcscandone), cleared by ml_gc_cycle_begin. The core
// never sets them: the collector does, when it has scanned a stack / frame.
// ml_gc_stack_scanned is inline (a barrier may ask on every store).
static inline bool ml_gc_stack_scanned(const ml_gc_stack_t *st);
void ml_gc_stack_set_scanned(ml_gc_stack_t *st, bool scanned);
bool ml_gc_frame_scanned(const ml_gc_frame_t *f);
void ml_gc_frame_set_scanned(ml_gc_frame_t *f, bool scanned);

// ml_gc_push_frame — push a frame of `nslots` NULL slots, named `name` (not
// copied: a string literal), on the current stack. NULL on OOM.
ml_gc_frame_t *ml_gc_push_frame(ml_gc_heap_t *h, const char *name, size_t nslots);
// ml_gc_pop_frame — pop `f`, which must be the current stack's top (else abort).
void ml_gc_pop_frame(ml_gc_heap_t *h, ml_gc_frame_t *f);
const char *ml_gc_frame_name(const ml_gc_frame_t *f);
size_t ml_gc_frame_nslots(const ml_gc_frame_t *f);
ml_gc_stack_t *ml_gc_frame_stack(const ml_gc_frame_t *f);
// Slot access (i < nslots, else abort). Stack writes never run a barrier.
void *ml_gc_frame_get(const ml_gc_frame_t *f, size_t i);
void ml_gc_frame_set(ml_gc_frame_t *f, size_t i, void *val);
void **ml_gc_frame_slot(ml_gc_frame_t *f, size_t i);

// ---- roots: all of them ------------------------------------------------------

typedef enum { ML_ROOT_GLOBAL, ML_ROOT_STACK } ml_gc_root_kind_t;
typedef struct ml_gc_root {
    ml_gc_root_kind_t kind;
    const char *name;     // the global's name, or the frame's name
    int global;           // global index (ML_ROOT_GLOBAL), else -1
    ml_gc_stack_t *stack; // ML_ROOT_STACK: the stack and frame
    ml_gc_frame_t *frame;
    size_t index; // slot index in the frame (0 for a global)
} ml_gc_root_t;
typedef void (*ml_gc_root_fn)(ml_gc_heap_t *h, void **slot, const ml_gc_root_t *root, void *arg);
// ml_gc_foreach_root — call `fn` for every root slot (NULL ones included):
// globals in index order, then each stack from its top frame down.
void ml_gc_foreach_root(ml_gc_heap_t *h, ml_gc_root_fn fn, void *arg);

// ---- iteration over objects ---------------------------------------------------

// A cursor over all allocated objects, span by span. The object just returned
// may be freed (ml_gc_free) before the next call; objects allocated during the
// walk may or may not be visited.
typedef struct ml_gc_iter ml_gc_iter_t;
void ml_gc_iter_init(ml_gc_heap_t *h, ml_gc_iter_t *it);
void *ml_gc_iter_next(ml_gc_iter_t *it); // NULL at the end
// ml_gc_iter_next_white — the next allocated object whose mark bit is clear,
// NULL at the end. It skips marked objects a word of bits at a time (Go's
// sweep reads allocBits &^ gcmarkBits the same way), so a sweep visits only
// what it frees. Like ml_gc_iter_next, the object returned may be freed
// before the next call.
void *ml_gc_iter_next_white(ml_gc_iter_t *it);
size_t ml_gc_num_objects(const ml_gc_heap_t *h);

// ---- the collector -------------------------------------------------------------

typedef enum {
    ML_GC_OFF = 0,          // mutator only (Go's _GCoff)
    ML_GC_MARK,             // marking, barrier on (_GCmark)
    ML_GC_MARK_TERMINATION, // the world is stopped (_GCmarktermination)
    ML_GC_SWEEP,            // freeing the unmarked (the driver's sweep)
} ml_gc_phase_t;

// Whether an object is grey, i.e. in a collector's work list.
typedef bool (*ml_gc_grey_fn)(ml_gc_heap_t *h, const void *obj, void *arg);

typedef struct ml_gc_collector {
    const char *name;
    void *ctx; // passed to every hook
    // Start of a cycle (stop the world): e.g. shade the roots, snapshot stacks.
    void (*mark_begin)(ml_gc_heap_t *h, void *ctx);
    // At most `budget` units of marking work; true when no work is left.
    bool (*mark_step)(ml_gc_heap_t *h, void *ctx, size_t budget);
    // Stop-the-world final work (e.g. re-scan stacks and drain); must leave
    // no grey object. Returns the units of work done. NULL = nothing.
    size_t (*mark_terminate)(ml_gc_heap_t *h, void *ctx);
    // Free white objects and clear marks. NULL = the core's sweep.
    void (*sweep)(ml_gc_heap_t *h, void *ctx);
    // Called before a heap/global pointer store while marking. NULL = none.
    void (*write_barrier)(ml_gc_heap_t *h, void *ctx, void **slot, void *old, void *val);
    // Called for each object allocated while marking. NULL = mark it (black).
    void (*on_alloc)(ml_gc_heap_t *h, void *ctx, void *obj);
} ml_gc_collector_t;

// ml_gc_set_collector — use `c` (copied; NULL = the core's default marker)
// from the next cycle on. Returns -1 (and changes nothing) during a cycle.
int ml_gc_set_collector(ml_gc_heap_t *h, const ml_gc_collector_t *c);
const ml_gc_collector_t *ml_gc_collector(const ml_gc_heap_t *h);
// The core's stop-the-world marker: an explicit mark stack, no recursion,
// no write barrier, objects allocated during marking black.
const ml_gc_collector_t *ml_gc_default_collector(void);

ml_gc_phase_t ml_gc_phase(const ml_gc_heap_t *h);
const char *ml_gc_phase_name(ml_gc_phase_t p);

// ml_gc_collect — a full stop-the-world collection; finishes a cycle in
// progress instead if there is one.
void ml_gc_collect(ml_gc_heap_t *h);
// ml_gc_cycle_begin — start an incremental cycle. -1 if one is running.
int ml_gc_cycle_begin(ml_gc_heap_t *h);
// ml_gc_cycle_step — one mark_step of `budget` units; true when marking has
// no work left (then further calls do nothing). False outside MARK.
bool ml_gc_cycle_step(ml_gc_heap_t *h, size_t budget);
// ml_gc_cycle_finish — mark termination and sweep (drains marking first if
// it was not done). Does nothing outside MARK.
void ml_gc_cycle_finish(ml_gc_heap_t *h);
// ml_gc_sweep_default — the core's sweep: frees every allocated unmarked
// object (poisoning it), clears all marks. A custom sweep may call it.
void ml_gc_sweep_default(ml_gc_heap_t *h);

// ---- debugging --------------------------------------------------------------

// ml_gc_describe — "obj#12 (Node)" for an object, "0x1234 (not an object)"
// otherwise, into `buf`; returns buf.
const char *ml_gc_describe(const ml_gc_heap_t *h, const void *p, char *buf, size_t len);
bool ml_gc_logging(const ml_gc_heap_t *h);
// ml_gc_log — when logging is on, print "gc: <event> obj#12 (Node)" (obj may
// be NULL: just the event).
void ml_gc_log(const ml_gc_heap_t *h, const char *event, const void *obj);

// The inline fast paths above and the structures they read.
#include "memlab/gcheap_internal.h"

#endif
