// pictures.h — the write-barrier program's step pictures: Graphviz pictures of
// the heap (white, grey and black objects; globals; stack frames, green
// once scanned) for the steps around the write that breaks `none`, stepped
// through in DIR/index.html (the core's dot module), and the optional
// printout of every step.
#ifndef WB_PICTURES_H
#define WB_PICTURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "support/run.h"

#define WB_PICTURES_MAX_OBJECTS 120 // the most objects a picture draws
#define WB_PICTURES_BEFORE 12       // steps drawn before the breaking step
#define WB_PICTURES_AFTER 6         // and after it

typedef struct wb_pictures wb_pictures_t;

// wb_pictures_new — step pictures into `dir` (created; NULL = draw nothing) of the
// steps around step `center` (-1: the first steps), highlighting the object
// with id `target` (0: none); `print_steps` asks the program to print each
// step. NULL with a reason if `dir` cannot be made.
wb_pictures_t *wb_pictures_new(const char *dir, int64_t center, uint32_t target, bool print_steps,
                               char *err, size_t errlen);
// wb_pictures_observe — a run observer's body: draws the step if it is in
// the window (mark begin and the sweep always). Errors are kept for finish.
void wb_pictures_observe(wb_pictures_t *p, wb_run_t *r, const wb_step_info_t *si);
bool wb_pictures_print_steps(const wb_pictures_t *p);
// wb_pictures_finish — write index.html titled after `barrier`. 0, or -1 with
// the first error met while drawing or writing.
int wb_pictures_finish(wb_pictures_t *p, const char *barrier, char *err, size_t errlen);
size_t wb_pictures_count(const wb_pictures_t *p);
const char *wb_pictures_index(const wb_pictures_t *p); // "DIR/index.html"
void wb_pictures_free(wb_pictures_t *p);               // NULL is ignored

#endif
