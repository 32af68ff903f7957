// fixture.c — what every tri-color test starts from: scenarios in the
// scenario language, and a heap built from one with the student's marker
// plugged in through the core's collector table (support/mark_hooks.c).
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "tricolor_suite.h"

// ---- scenarios used by several tests -------------------------------------------

const char suite_figure1[] =
    "type Node 3 0 1\n"
    "type Leaf 1\n"
    "obj a b c d e Node\n"
    "obj f g Leaf\n"
    "obj x y Node\n"
    "obj z Leaf\n"
    "ptr a.0 b\nptr a.1 c\nptr b.0 d\nptr c.0 d\nptr c.1 f\nptr d.0 e\nptr e.0 a\nptr e.1 e\n"
    "ptr x.0 y\nptr y.0 x\nptr y.1 a\n"
    "global config a\n"
    "frame main\nlocal tmp g\n"
    "frame handler\nlocal req nil\n";

// Objects reachable only from frames, on two stacks, some in the bottom frame.
const char suite_stacks[] = "type Cell 2 1\n"
                            "type Wide 8 0 1 3 5 7\n"
                            "obj p q r s t u v Cell\n"
                            "obj w Wide\n"
                            "obj dead1 dead2 Cell\n"
                            "ptr p.1 q\nptr r.1 s\nptr w.7 v\nptr dead1.1 p\nptr dead2.1 dead1\n"
                            "global unused nil\n"
                            "frame main\nlocal first p\n"
                            "frame helper\nlocal scratch nil\nlocal wide w\n"
                            "frame leaf\nlocal second r\n"
                            "stack worker\n"
                            "frame run\nlocal job t\n"
                            "frame step\nlocal a nil\nlocal b u\n";

// The program's arguments that rebuild the scenario made last, kept for the
// next suite_lab_open of that very scenario (its replay command).
static struct {
    const ml_scn_t *scn;
    char args[128];
} made;

// remember — scenario s is rebuilt by the program with `args`.
static void remember(const ml_scn_t *s, const char *args)
{
    made.scn = s;
    snprintf(made.args, sizeof made.args, "%s", args);
}

// suite_parse_text — a scenario from text; fails the test if it does not parse.
ml_scn_t *suite_parse_text(const char *name, const char *text)
{
    char err[256];
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    cr_assert(f, "internal: fmemopen failed");
    ml_scn_t *s;
    ml_scn_parse(f, name, &s, err, sizeof err);
    fclose(f);
    cr_assert(s, "internal: scenario %s does not parse: %s", name, err);
    if (text == suite_figure1)
        remember(s, "-f labs/tri-color/data/figure1.scn");
    return s;
}

// suite_classic — a classic scenario; fails the test if there is none such.
ml_scn_t *suite_classic(const char *name, size_t size, uint64_t seed)
{
    char err[256], args[128];
    ml_scn_t *s = tc_scenario_classic(name, size, seed, err, sizeof err);
    cr_assert(s, "internal: %s", err);
    snprintf(args, sizeof args, "--scenario %s --size %zu --seed %" PRIu64, name, size, seed);
    remember(s, args);
    return s;
}

// suite_replay — "Replay: tri-color ARGS --budget B" for the lab's scenario,
// or "" for a heap only the suite builds.
const char *suite_replay(const lab_t *L, char *buf, size_t len)
{
    if (!L->replay[0])
        snprintf(buf, len, "%s", "");
    else if (L->budget == SIZE_MAX)
        snprintf(buf, len, " Replay: tri-color %s --budget 1000000000", L->replay);
    else
        snprintf(buf, len, " Replay: tri-color %s --budget %zu", L->replay,
                 L->budget ? L->budget : 1);
    return buf;
}

// ---- a heap with the student's marker plugged in ---------------------------------

// suite_lab_open — the heap of scn with the student's marker installed.
void suite_lab_open(lab_t *L, ml_scn_t *scn)
{
    char err[256];
    memset(L, 0, sizeof *L);
    L->scn = scn;
    if (made.scn == scn)
        snprintf(L->replay, sizeof L->replay, "%s", made.args);
    made.scn = NULL;
    ml_gc_config_t cfg = ml_gc_default_config();
    cfg.gc_percent = -1; // collections only when a test runs one
    L->th = ml_scn_build(scn, &cfg, 0, err, sizeof err);
    cr_assert(L->th, "internal: %s", err);
    L->h = L->th->heap;
    ml_gc_set_manual(L->h, true);
    L->m = tc_marker_new(L->h);
    cr_assert(L->m, "tc_marker_new returned NULL");
    cr_assert(tc_marker_heap(L->m) == L->h,
              "tc_marker_heap does not return the heap given to tc_marker_new");
    L->table = tc_collector(L->m);
    cr_assert(ml_gc_set_collector(L->h, &L->table) == 0, "internal: cannot install the collector");
    L->reach = ml_scn_reachable(scn, &L->nreach);
    cr_assert(L->reach, "internal: out of memory");
}

// suite_lab_close — frees what suite_lab_open built.
void suite_lab_close(lab_t *L)
{
    tc_marker_free(L->m);
    ml_scn_heap_free(L->th);
    free(L->reach);
    ml_scn_free(L->scn);
    memset(L, 0, sizeof *L);
}

// suite_label — "name (Type, obj#id)" of scenario object i.
const char *suite_label(const lab_t *L, uint32_t i, char *buf, size_t len)
{
    return ml_scn_obj_label(L->th, i, buf, len);
}

// suite_take — a snapshot of the worklist; fails the test if it cannot be taken.
void suite_take(const lab_t *L, ml_greyset_t *g)
{
    cr_assert(tc_greyset_take(g, L->m) == 0, "internal: out of memory");
}

// suite_color — the color of scenario object i, given the worklist snapshot g.
ml_color_t suite_color(const lab_t *L, const ml_greyset_t *g, uint32_t i)
{
    return ml_color_of(L->h, g, L->th->objs[i]);
}
