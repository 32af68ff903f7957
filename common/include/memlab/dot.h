// dot.h — pictures of a GC heap: the object graph as Graphviz DOT, DOT →
// SVG with Graphviz's `dot`, and a self-contained index.html that steps
// through a sequence of frames (one per marking step, say).
//
// The graph: one node per allocated object, labelled "obj#id" and its type,
// filled by color — white, grey (is_grey says so), black (marked, not grey);
// a box per global and a record per shadow-stack frame (one port per slot),
// drawn as roots; an edge per non-NULL pointer slot, labelled with the slot
// index; a pointer to memory that is no longer an object goes to a red
// "freed" node. Node names come from object ids, so a node keeps its name
// from frame to frame. An optional object is highlighted (thick red border).
//
// Files are written to a temporary name and renamed into place, so a reader
// never sees half a file.
#ifndef MEMLAB_DOT_H
#define MEMLAB_DOT_H

#include <stddef.h>
#include <stdio.h>
#include "memlab/gcheap.h"

typedef struct ml_dot_opts {
    const char *title;          // graph label; NULL = none
    const void *highlight;      // object to highlight; NULL = none
    ml_gc_grey_fn is_grey;      // NULL = nothing is grey
    void *grey_arg;
    bool hide_empty_roots;      // leave out globals and frames with only NULL slots
} ml_dot_opts_t;

// ml_dot_fprint — write the graph of `h` to `out`. 0, or -1 on a write error.
int ml_dot_fprint(ml_gc_heap_t *h, FILE *out, const ml_dot_opts_t *o);
// ml_dot_write — write the graph to file `path` (via a temporary file
// renamed into place). 0, or -1 with "path: reason" in `err`.
int ml_dot_write(ml_gc_heap_t *h, const char *path, const ml_dot_opts_t *o, char *err, size_t errlen);
// ml_dot_render_svg — run `dot -Tsvg` on `dot_path`, writing `svg_path`
// (via a temporary file). 0, or -1 with a reason in `err`: Graphviz missing
// ("graphviz's `dot` program was not found ..."), or dot's own error.
int ml_dot_render_svg(const char *dot_path, const char *svg_path, char *err, size_t errlen);

// ---- frame sequences -------------------------------------------------------

typedef struct ml_dot_frame {
    const char *svg;            // the SVG file's name inside the directory
    const char *caption;        // shown under the frame (plain text)
} ml_dot_frame_t;

// ml_dot_write_index — write `dir`/index.html: a page titled `title` that
// shows one of the `n` frames at a time with its caption and "k / n", Prev
// and Next buttons, the left/right arrow keys (Home/End: first/last), and a
// legend of the colors and shapes; `highlight` says what the red outline
// marks (NULL: no such entry). The SVGs are embedded, so the page needs no
// other file and no network. 0, or -1 with a reason (no page is left).
int ml_dot_write_index(const char *dir, const char *title, const char *highlight,
                       const ml_dot_frame_t *frames, size_t n, char *why, size_t whylen);

// A recorder for a sequence: each ml_dot_seq_add writes
// dir/frame-NNN.dot, renders dir/frame-NNN.svg and keeps the caption;
// ml_dot_seq_finish writes dir/index.html.
typedef struct ml_dot_seq {
    char *dir;
    ml_dot_frame_t *frames;     // svg and caption strings owned by the recorder
    size_t n, cap;
} ml_dot_seq_t;

// ml_dot_seq_init — record into `dir` (created if missing). 0, or -1 with a reason.
int ml_dot_seq_init(ml_dot_seq_t *s, const char *dir, char *why, size_t whylen);
// ml_dot_seq_add — one frame of heap `h` with options `o` and `caption`
// (printf-style). 0, or -1 with a reason (nothing recorded).
int ml_dot_seq_add(ml_dot_seq_t *s, ml_gc_heap_t *h, const ml_dot_opts_t *o, char *why,
                   size_t whylen, const char *caption_fmt, ...)
    __attribute__((format(printf, 6, 7)));
// ml_dot_seq_finish — write index.html titled `title`, its legend saying
// that the red outline marks `highlight` (NULL: no such entry). 0, or -1
// with a reason.
int ml_dot_seq_finish(ml_dot_seq_t *s, const char *title, const char *highlight, char *why,
                      size_t whylen);
// ml_dot_seq_fini — free the recorder (files stay).
void ml_dot_seq_fini(ml_dot_seq_t *s);

#endif
