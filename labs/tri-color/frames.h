// frames.h — pictures of a marking cycle: one Graphviz frame per step
// (white / grey / black objects, roots drawn as boxes, the objects the step
// just scanned highlighted), rendered to SVG, and an index.html that steps
// through them with buttons and the arrow keys. Built on the core's dot
// module (memlab/dot.h).
#ifndef TC_FRAMES_H
#define TC_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include "collector.h"
#include "scenario_heap.h"

// The most objects a frame may draw: beyond that a picture is unreadable.
#define TC_FRAMES_MAX_OBJECTS 400

typedef struct tc_frames tc_frames_t;

// tc_frames_open — start a sequence of frames in directory `dir` (created
// if missing) for heap `th`. Returns NULL with a message in err when the
// directory cannot be made or the heap has too many objects.
tc_frames_t *tc_frames_open(const char *dir, const tc_heap_t *th, char *err, size_t errlen);
// tc_frames_add — write the next frame: the heap's colors now (from the
// snapshot `grey` of the worklist), `scanned` (n objects) highlighted, and
// `caption` under the picture. Returns 0, or -1 with a message in err.
int tc_frames_add(tc_frames_t *fr, const tc_greyset_t *grey, void *const *scanned, size_t n,
                  const char *caption, char *err, size_t errlen);
// tc_frames_close — render every frame to SVG, write index.html, free `fr`.
// Returns the number of frames, or -1 with a message in err (the frames
// written so far are kept). NULL is ignored (returns 0).
int tc_frames_close(tc_frames_t *fr, char *err, size_t errlen);

#endif
