// classics.h — the tri-color lab's named scenarios: object graphs generated
// in code (a list, a tree, rings, diamonds, GCBench's shape, a random
// graph), each with some garbage beside it. They are ordinary scenarios
// (memlab/scenario.h), built with ml_scn_add_*; a file under data/ says
// the same things in the text format.
#ifndef TC_CLASSICS_H
#define TC_CLASSICS_H

#include <stddef.h>
#include <stdint.h>

#include "memlab/scenario.h"

// The names tc_scenario_classic knows, NULL-terminated, with a one-line
// description each (same order).
extern const char *const tc_classic_names[];
extern const char *const tc_classic_help[];
// tc_scenario_classic — a generated scenario: "list", "tree", "cycle",
// "diamond", "gcbench" or "random", of `size` (objects, or the depth for
// tree and gcbench; 0 picks the classic's default) from `seed`. Each
// classic also contains garbage (unreachable objects, some pointing into
// the live part) so a sweep has something to free. Returns NULL with a
// message in err for an unknown name, a size out of range, or no memory.
ml_scn_t *tc_scenario_classic(const char *name, size_t size, uint64_t seed, char *err,
                              size_t errlen);

#endif
