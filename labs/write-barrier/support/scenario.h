// scenario.h — the write-barrier lab's scenarios: a small heap and a script
// of pointer copies played while marking runs, with `wait` lines that let
// marking reach the moment the script needs (a black object, a scanned
// stack). The text format is the core's (memlab/scenario.h): the heap, a
// `---` line, the script. The built-in scenarios are the files of
// labs/write-barrier/data/ (NAME.scn is `--scenario NAME`), the classic ways
// to lose an object without the right barrier; `--file` reads your own.
//
// Loading one: the core parses the text; the world (world.h) builds its
// heap; the script's operations become the lab's wb_op_t, which name the
// stacks, frames and slots the world runs them on.
#ifndef WB_SCENARIO_H
#define WB_SCENARIO_H

#include <stdio.h>

#include "memlab/scenario.h"
#include "support/world.h"

typedef struct wb_scenario {
    const char *name;  // the scenario's (points into world->scn)
    const char *about; // its `about` line, or ""
    wb_world_t *world; // built, no cycle yet
    wb_op_t *ops;      // what runs during the cycle
    size_t nops;
} wb_scenario_t;

// wb_scenario_parse — read a scenario from `in` (`src` names it in
// messages) and build it. 0, or -1 with "src:line: what is wrong" in err and
// *out NULL. A scenario without a script (no `---`) is refused.
int wb_scenario_parse(FILE *in, const char *src, wb_scenario_t **out, char *err, size_t errlen);
// wb_scenario_read — the same from the file at `path`.
int wb_scenario_read(const char *path, wb_scenario_t **out, char *err, size_t errlen);
// wb_scenario_builtin — built-in scenario `name` (data/NAME.scn). 0, or -1
// with a reason in err (no such scenario: "--list shows them").
int wb_scenario_builtin(const char *name, wb_scenario_t **out, char *err, size_t errlen);
// wb_scenario_free — NULL is ignored.
void wb_scenario_free(wb_scenario_t *s);

// ---- the built-in scenarios (catalog.c) -------------------------------------------

// wb_scenario_dir — labs/write-barrier/data of this checkout: found from the
// program's own path (build/<impl>/bin/...), else under the current
// directory. NULL if neither exists.
const char *wb_scenario_dir(void);
// wb_scenario_path — the file of built-in scenario `name`, into buf; NULL if
// there is no such scenario (or `name` is not a plain name).
const char *wb_scenario_path(const char *name, char *buf, size_t len);
// wb_scenario_list — the built-in scenarios' names, sorted, in a malloc'd
// NULL-terminated array (free it with wb_scenario_list_free). 0, or -1 with
// a reason in err.
int wb_scenario_list(char ***names, char *err, size_t errlen);
void wb_scenario_list_free(char **names);

#endif
