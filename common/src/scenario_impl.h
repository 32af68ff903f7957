// scenario_impl.h — what the scenario modules share and nobody else sees:
// the array growth they all use and the parser's state, which the heap part
// (scenario_parse.c) and the script part (scenario_script.c) both work on.
#ifndef MEMLAB_SCENARIO_IMPL_H
#define MEMLAB_SCENARIO_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memlab/scenario.h"

// ml_scn_grow_ — make room for one more element in *arr (n used, capacity
// *cap, elements of `size` bytes). 0, or -1 when memory runs out (the array
// is kept).
int ml_scn_grow_(void **arr, size_t *cap, size_t n, size_t size);

// A name → index table, open addressing; keys are not copied (they point
// into the scenario, which outlives the table).
typedef struct ml_scn_names {
    char **keys;
    uint32_t *vals;
    size_t cap, n;
} ml_scn_names_t;

// ml_scn_names_get — the index of `k`, or ML_SCN_NIL.
uint32_t ml_scn_names_get(const ml_scn_names_t *t, const char *k);

// The parser's state while one file is read.
typedef struct ml_scn_parser {
    ml_scn_t *s;
    const char *file;
    unsigned line;
    char *err;
    size_t errlen;
    ml_scn_names_t types, objs, globals;
    uint64_t *slot_set; // per object, bit per word: slot already set by `ptr`
} ml_scn_parser_t;

// ml_scn_fail_ — write "file:line: <message>" into the parser's err. Returns -1.
int ml_scn_fail_(ml_scn_parser_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// ml_scn_valid_name_ — [A-Za-z_][A-Za-z0-9_]*, at most ML_SCN_NAME_MAX bytes.
bool ml_scn_valid_name_(const char *w);
// ml_scn_new_object_ — declare object `name` of type `t` (checking the name
// is new and valid). Its index, or ML_SCN_NIL with the error written.
uint32_t ml_scn_new_object_(ml_scn_parser_t *p, const char *name, uint32_t t);
// ml_scn_script_line_ — one line of the script (after `---`), split into
// words w[0..nw). 0, or -1 with the error written.
int ml_scn_script_line_(ml_scn_parser_t *p, char **w, int nw);

#endif
