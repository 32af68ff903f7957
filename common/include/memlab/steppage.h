// steppage.h — step pages: a run of heap pictures (memlab/dot.h) as one
// self-contained HTML page that shows one step at a time, for a program's
// `--dot DIR` (a marking cycle step by step, a mutator beside a marker).
//
// The page (DIR/index.html) embeds every step's SVG, so it needs no other
// file and no network; Prev and Next buttons, the left/right arrow keys
// (Home/End: first/last) step through it, each step with its caption and
// "k / n", above a legend of the colors and shapes the pictures use.
// A recorder (ml_steps_t) writes DIR/step-NNN.dot for each step, renders
// DIR/step-NNN.svg with Graphviz and keeps the caption; finishing it writes
// the page. Every file is written to a temporary name and renamed into
// place, so a reader never sees half a file.
#ifndef MEMLAB_STEPPAGE_H
#define MEMLAB_STEPPAGE_H

#include <stddef.h>

#include "memlab/dot.h"
#include "memlab/gcheap.h"

typedef struct ml_step {
    const char *svg;     // the SVG file's name inside the directory
    const char *caption; // shown above the picture (plain text)
} ml_step_t;

// ml_steps_write_page — write `dir`/index.html: a page titled `title` that
// shows one of the `n` steps at a time; `highlight` says what the red
// outline marks (NULL: no such entry in the legend). 0, or -1 with a reason
// in err (no page is left).
int ml_steps_write_page(const char *dir, const char *title, const char *highlight,
                        const ml_step_t *steps, size_t n, char *err, size_t errlen);

// A recorder of the steps of one run.
typedef struct ml_steps {
    char *dir;
    ml_step_t *steps; // svg and caption strings owned by the recorder
    size_t n, cap;
} ml_steps_t;

// ml_steps_init — record into `dir` (created if missing). 0, or -1 with a reason.
int ml_steps_init(ml_steps_t *s, const char *dir, char *err, size_t errlen);
// ml_steps_add — one step: the picture of heap `h` with options `o`, and a
// caption (printf-style). 0, or -1 with a reason (nothing recorded).
int ml_steps_add(ml_steps_t *s, ml_gc_heap_t *h, const ml_dot_opts_t *o, char *err, size_t errlen,
                 const char *caption_fmt, ...) __attribute__((format(printf, 6, 7)));
// ml_steps_finish — write the page titled `title`, its legend saying that
// the red outline marks `highlight` (NULL: no such entry). 0, or -1 with a
// reason.
int ml_steps_finish(ml_steps_t *s, const char *title, const char *highlight, char *err,
                    size_t errlen);
// ml_steps_fini — free the recorder (the files stay).
void ml_steps_fini(ml_steps_t *s);

#endif
