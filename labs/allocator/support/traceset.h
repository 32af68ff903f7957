// traceset.h — the lab's trace files: where they live, which ones there
// are, loading them all. Used by the driver, the grading suite and the
// benchmarks, so all three see the same traces in the same order.
#ifndef TRACESET_H
#define TRACESET_H

#include <stddef.h>

#include "memlab/trace.h"

typedef struct traceset {
    ml_trace_t **trace; // loaded traces, in file-name order
    char **path;        // their paths
    size_t n;
    size_t cap_trace, cap_path; // capacities of the two arrays (ML_GROW_ARRAY)
} traceset_t;

// traceset_default_dir — the directory of the lab's traces: $MEMLAB_TRACES
// if set, else labs/allocator/data/traces below the current directory, else
// the same path relative to the program (build/<impl>/<kind>/<program> sits
// three levels below the repository). Returns a static string, or NULL when
// none of these exists.
const char *traceset_default_dir(void);

// traceset_load_dir — every *.rep file of `dir`, sorted by name. Returns 0,
// or -1 with "path:line: what is wrong" (or "dir: ...") in err.
int traceset_load_dir(traceset_t *s, const char *dir, char *err, size_t errlen);
// traceset_add_file — read one trace and append it. Returns 0, or -1 with
// the reader's message in err.
int traceset_add_file(traceset_t *s, const char *path, char *err, size_t errlen);
// traceset_find — the index of the trace whose file name is `name`
// (e.g. "binary-trees.rep"), or -1.
int traceset_find(const traceset_t *s, const char *name);
void traceset_free(traceset_t *s);

#endif
