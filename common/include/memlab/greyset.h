// greyset.h — a snapshot of a marker's grey objects, seen from outside it,
// and the color of any object by the encoding the GC labs share (Go's,
// runtime/mgcmark.go, and Lua's, lgc.c):
//     white  mark bit clear                        (not reached yet)
//     grey   mark bit set, object in the worklist  (reached, slots not scanned)
//     black  mark bit set, not in the worklist     (reached and scanned)
// The mark bit is the core's; the worklist belongs to a lab's marker, which
// lists it through a foreach function. A snapshot is a set of addresses
// (memlab/ptrset.h, malloc'd, never the GC heap) that also counts what was
// wrong with the worklist, so a suite can say "an object is in the worklist
// twice" or "a worklist entry has a clear mark bit".
//
// Taking one:
//     ml_greyset_t g;
//     ml_greyset_begin(&g, heap);
//     lab_grey_foreach(marker, ml_greyset_entry, &g);   // each entry once
//     if (ml_greyset_end(&g)) ...out of memory...
#ifndef MEMLAB_GREYSET_H
#define MEMLAB_GREYSET_H

#include <stdbool.h>
#include <stddef.h>

#include "memlab/gcheap.h"
#include "memlab/ptrset.h"

typedef enum { ML_WHITE = 0, ML_GREY = 1, ML_BLACK = 2 } ml_color_t;
extern const char *const ml_color_names[3]; // "white", "grey", "black"

typedef struct ml_greyset {
    ml_gc_heap_t *heap;
    ml_ptrset_t grey;      // the grey objects
    size_t entries;        // how many entries the foreach gave
    size_t duplicates;     // entries already seen (an object pushed twice)
    size_t not_objects;    // entries that are not an allocated object's start (not kept)
    size_t unmarked;       // entries whose mark bit is clear (kept)
    const void *first_bad; // the first such entry (for messages)
    bool oom;              // memory ran out while taking it
} ml_greyset_t;

// ml_greyset_begin — an empty snapshot of `h`'s grey objects.
void ml_greyset_begin(ml_greyset_t *g, ml_gc_heap_t *h);
// ml_greyset_entry — one worklist entry (`arg` is the ml_greyset_t *): the
// shape of a marker's foreach callback.
void ml_greyset_entry(void *obj, void *arg);
// ml_greyset_end — finish taking the snapshot. 0, or -1 when memory ran out
// (the snapshot is then freed and empty).
int ml_greyset_end(ml_greyset_t *g);
// ml_greyset_add — add `obj` to the set without the worklist checks (e.g. a
// white object an unscanned root will shade). 0, or -1 when memory runs out.
int ml_greyset_add(ml_greyset_t *g, const void *obj);
// ml_greyset_free — release the set; it is empty (and reusable with begin).
void ml_greyset_free(ml_greyset_t *g);
bool ml_greyset_has(const ml_greyset_t *g, const void *obj);
// ml_greyset_count — objects in the set.
size_t ml_greyset_count(const ml_greyset_t *g);
// ml_greyset_grey_fn — an ml_gc_grey_fn: `arg` is an ml_greyset_t *.
bool ml_greyset_grey_fn(ml_gc_heap_t *h, const void *obj, void *arg);

// ml_color_of — the color of allocated object `obj`, given a snapshot.
ml_color_t ml_color_of(ml_gc_heap_t *h, const ml_greyset_t *g, const void *obj);

typedef struct ml_color_counts {
    size_t white, grey, black;
} ml_color_counts_t;
// ml_count_colors — how many allocated objects of `h` have each color.
ml_color_counts_t ml_count_colors(ml_gc_heap_t *h, const ml_greyset_t *g);

#endif
