// collector.h — glue between the student's marker (mark.h) and the core:
// the collector table that plugs it into the GC heap's cycle driver, and a
// way to see an object's color from outside the marker (a snapshot of the
// grey worklist), used by the program, the suite and the dot frames.
#ifndef TC_COLLECTOR_H
#define TC_COLLECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include "memlab/gcheap.h"
#include "memlab/ptrset.h"
#include "mark.h"

// tc_collector — the core's collector table for marker `m`:
//   mark_begin = tc_mark_roots, mark_step = tc_mark_step,
//   sweep = tc_sweep, on_alloc = tc_on_alloc,
//   mark_terminate and write_barrier: none (no mutator runs while marking).
// Install it with ml_gc_set_collector(h, &table).
ml_gc_collector_t tc_collector(tc_marker_t *m);

typedef enum { TC_WHITE = 0, TC_GREY = 1, TC_BLACK = 2 } tc_color_t;
extern const char *const tc_color_names[3];   // "white", "grey", "black"

// A snapshot of the grey worklist as a set, plus what was wrong with it.
typedef struct tc_greyset {
    ml_gc_heap_t *heap;
    ml_ptrset_t grey;         // the grey objects
    size_t entries;           // how many entries tc_grey_foreach gave
    size_t duplicates;        // entries already seen (an object pushed twice)
    size_t not_objects;       // entries that are not an allocated object's start
    size_t unmarked;          // entries whose mark bit is clear
    const void *first_bad;    // the first such entry (for messages)
} tc_greyset_t;

// tc_greyset_take — snapshot marker m's worklist into `g` (which must be
// zeroed or previously freed with tc_greyset_free). Returns 0, or -1 when
// memory runs out (g is then empty).
int tc_greyset_take(tc_greyset_t *g, const tc_marker_t *m);
void tc_greyset_free(tc_greyset_t *g);
bool tc_greyset_has(const tc_greyset_t *g, const void *obj);
// tc_greyset_grey_fn — an ml_gc_grey_fn: `arg` is a tc_greyset_t *.
bool tc_greyset_grey_fn(ml_gc_heap_t *h, const void *obj, void *arg);

// tc_color_of — the color of allocated object `obj` by the mark.h encoding,
// given a snapshot of the worklist.
tc_color_t tc_color_of(ml_gc_heap_t *h, const tc_greyset_t *g, const void *obj);

typedef struct tc_color_counts {
    size_t white, grey, black;
} tc_color_counts_t;
// tc_count_colors — how many allocated objects have each color.
tc_color_counts_t tc_count_colors(ml_gc_heap_t *h, const tc_greyset_t *g);

#endif
