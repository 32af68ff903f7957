// scenario.h — adversarial scenarios of the write-barrier lab: a small heap,
// and a script of pointer copies played while marking runs, with `wait`
// lines that let marking reach the moment the script needs (a black object,
// a scanned stack). The built-in ones are the classic ways to lose an object
// without the right barrier; `--file` reads your own.
//
// The format, one statement per line, `#` starts a comment:
//
//     scenario classic                 # a name
//     about A black object takes ...   # one line of explanation
//     object X P W                     # objects (type Node: pointer slots a, b)
//     global gx = X                    # a global and its first value
//     global gp = P
//     stack main l0 l1                 # a goroutine, one frame with these locals
//     P.a = W                          # setup, before the cycle
//     ---                              # the cycle starts (mark_begin)
//     wait black X                     # marking runs until X is black
//     wait grey P                      #   ... until P is grey
//     main.l0 = P.a                    # a load: a stack write, no barrier
//     X.a = main.l0                    # a store into a (black) heap object
//     P.a = nil                        # cut the grey path
//     main.l0 = nil
//
// Places: OBJ.a / OBJ.b (a pointer slot of a named object), STACK.LOCAL,
// STACK.LOCAL->a (a slot of the object a local points to), GLOBAL. Values:
// those, nil, an object's name, `new NAME` (a new object, named NAME from
// then on). `wait black|grey OBJ`, `wait scanned STACK`; `on STACK` makes a
// goroutine current (an operation naming a local runs on that local's
// stack anyway). The first stack named `main` is the heap's own.
#ifndef WB_SCENARIO_H
#define WB_SCENARIO_H

#include <stdio.h>
#include "world.h"

typedef struct wb_scenario {
    char *name;
    char *about;
    wb_world_t *world;      // built, setup done, no cycle yet
    wb_op_t *ops;           // what runs during the cycle
    size_t nops, capops;
} wb_scenario_t;

// wb_scenario_parse — read a scenario from `in` and build it (`src` names
// the input in messages). Returns NULL with "src:line: what is wrong" in
// `why` on a malformed line or a failing setup statement.
wb_scenario_t *wb_scenario_parse(FILE *in, const char *src, char *why, size_t whylen);
// wb_scenario_builtin — the built-in scenario `name`, built; NULL with a
// reason if there is no such scenario.
wb_scenario_t *wb_scenario_builtin(const char *name, char *why, size_t whylen);
// wb_scenario_text — the source text of a built-in scenario, or NULL.
const char *wb_scenario_text(const char *name);
// The built-in scenarios' names and one-line explanations, NULL-terminated.
extern const char *const wb_scenario_names[];
const char *wb_scenario_about(const char *name);
// wb_scenario_free — NULL is ignored.
void wb_scenario_free(wb_scenario_t *s);

#endif
