// dot.h — pictures of a GC heap: the object graph as Graphviz DOT, and DOT →
// SVG with Graphviz's `dot`. A run of pictures becomes one page to step
// through with memlab/steppage.h.
//
// The graph: one node per allocated object, labelled "obj#id" and its type
// (with its name above when the caller gives names: ml_dot_names_t),
// filled by color — white, grey (is_grey says so), black (marked, not grey);
// a box per global and a record per shadow-stack frame (one port per slot),
// drawn as roots; an edge per non-NULL pointer slot, labelled with the slot
// index; a pointer to memory that is no longer an object goes to a red
// "freed" node. Node names come from object ids, so a node keeps its name
// from picture to picture. An optional object is highlighted (thick red border).
//
// Files are written to a temporary name and renamed into place, so a reader
// never sees half a file.
#ifndef MEMLAB_DOT_H
#define MEMLAB_DOT_H

#include <stddef.h>
#include <stdio.h>
#include "memlab/gcheap.h"

// Names for what the picture shows, from whoever knows them (a scenario's
// builder: memlab/scenario_heap.h). Each returns the name, or NULL to keep
// the default (an object's "obj#id", a slot's or a local's index); a name
// may be written into buf.
typedef struct ml_dot_names {
    const char *(*object)(void *arg, const void *obj, char *buf, size_t len);
    const char *(*slot)(void *arg, const void *obj, size_t i, char *buf, size_t len);
    const char *(*local)(void *arg, const ml_gc_frame_t *f, size_t i, char *buf, size_t len);
    void *arg;
} ml_dot_names_t;

typedef struct ml_dot_opts {
    const char *title;     // graph label; NULL = none
    const void *highlight; // object to highlight; NULL = none
    ml_gc_grey_fn is_grey; // NULL = nothing is grey
    void *grey_arg;
    bool hide_empty_roots;       // leave out globals and frames with only NULL slots
    const ml_dot_names_t *names; // NULL = objects "obj#id", slots and locals by index
} ml_dot_opts_t;

// ml_dot_fprint — write the graph of `h` to `out`. 0, or -1 on a write error.
int ml_dot_fprint(ml_gc_heap_t *h, FILE *out, const ml_dot_opts_t *o);
// ml_dot_write — write the graph to file `path` (via a temporary file
// renamed into place). 0, or -1 with "path: reason" in `err`.
int ml_dot_write(ml_gc_heap_t *h, const char *path, const ml_dot_opts_t *o, char *err,
                 size_t errlen);
// ml_dot_render_svg — run `dot -Tsvg` on `dot_path`, writing `svg_path`
// (via a temporary file). 0, or -1 with a reason in `err`: Graphviz missing
// ("graphviz's `dot` program was not found ..."), or dot's own error.
int ml_dot_render_svg(const char *dot_path, const char *svg_path, char *err, size_t errlen);

#endif
