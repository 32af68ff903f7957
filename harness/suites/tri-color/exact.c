// exact.c — the tri-color suite's tests of whole collections: the
// survivors are exactly the reachable objects (classic scenarios, random
// graphs, cycles), and the strong invariant holds after every step.
#include <inttypes.h>
#include <stdio.h>

#include "memlab/grade.h"
#include "tricolor_suite.h"

// ---- exactness ------------------------------------------------------------------------------

void suite_exact_survivors_are_the_reachable_set_classics(void)
{
    struct {
        const char *name;
        size_t size;
        const char *text;
    } cases[] = {
        { "list", 2000, NULL },        { "tree", 9, NULL },     { "cycle", 30, NULL },
        { "diamond", 20, NULL },       { "gcbench", 9, NULL },  { "figure1", 0, suite_figure1 },
        { "stacks", 0, suite_stacks }, { "random", 800, NULL },
    };
    size_t n = sizeof cases / sizeof cases[0], ok = 0;
    char msg[900], first[1024] = "";
    for (size_t k = 0; k < n; k++) {
        lab_t L;
        suite_lab_open(&L, cases[k].text ? suite_parse_text(cases[k].name, cases[k].text)
                                         : suite_classic(cases[k].name, cases[k].size, 7));
        suite_run_cycle(&L, 5, NULL, NULL);
        if (suite_exact_problem(&L, msg, sizeof msg)) {
            ml_note("%s", msg);
            if (!first[0] && !cases[k].text) // the lab's program replays a classic
                ml_replay("{build}/bin/tri-color -s %s -n %zu -S 7 -b 5", cases[k].name,
                          cases[k].size);
            if (!first[0])
                snprintf(first, sizeof first, "%s", msg);
        } else {
            ok++;
        }
        suite_lab_close(&L);
    }
    ml_award((double)ok / (double)n, "%zu of %zu scenarios collected exactly (budget 5)%s%s", ok, n,
             first[0] ? "; first problem: " : "", first);
}

void suite_exact_survivors_are_the_reachable_set_random(void)
{
    const size_t sizes[4] = { 50, 300, 1500, 6000 }, budgets[4] = { 1, 3, 17, SIZE_MAX };
    size_t n = 16, ok = 0;
    char msg[900], first[1024] = "";
    for (size_t k = 0; k < n; k++) {
        uint64_t seed = 1000 + k;
        lab_t L;
        suite_lab_open(&L, suite_classic("random", sizes[k % 4], seed));
        suite_run_cycle(&L, budgets[(k / 4) % 4], NULL, NULL);
        if (suite_exact_problem(&L, msg, sizeof msg)) {
            ml_note("seed %" PRIu64 ": %s", seed, msg);
            if (!first[0])
                ml_replay("{build}/bin/tri-color -s random -n %zu -S %" PRIu64 " -b %zu",
                          sizes[k % 4], seed, budgets[(k / 4) % 4]);
            if (!first[0])
                snprintf(first, sizeof first, "seed %" PRIu64 ", budget %zu: %s", seed,
                         budgets[(k / 4) % 4], msg);
        } else {
            ok++;
        }
        suite_lab_close(&L);
    }
    ml_award((double)ok / (double)n, "%zu of %zu random graphs collected exactly%s%s", ok, n,
             first[0] ? "; first problem: " : "", first);
}

void suite_exact_cycles_and_self_loops(void)
{
    static const char text[] = "type Node 2 0\n"
                               "obj self pair1 pair2 dself dpair1 dpair2 Node\n"
                               "ptr self.0 self\nptr pair1.0 pair2\nptr pair2.0 pair1\n"
                               "ptr dself.0 dself\nptr dpair1.0 dpair2\nptr dpair2.0 dpair1\n"
                               "global g self\nframe main\nlocal l pair2\n";
    lab_t L;
    suite_lab_open(&L, suite_parse_text("loops", text));
    suite_collect_checked(&L, 1, false);
    suite_lab_close(&L);
    suite_lab_open(&L, suite_classic("cycle", 40, 1));
    suite_collect_checked(&L, 2, false);
    suite_lab_close(&L);
}

// ---- colors after every step --------------------------------------------------------------

void suite_invariant_strong_invariant_after_every_step(void)
{
    struct {
        const char *name;
        size_t size;
        uint64_t seed;
        const char *text;
        size_t budget;
    } cases[] = {
        { "figure1", 0, 0, suite_figure1, 1 },
        { "stacks", 0, 0, suite_stacks, 1 },
        { "tree", 7, 0, NULL, 1 },
        { "tree", 7, 0, NULL, 4 },
        { "gcbench", 5, 0, NULL, 3 },
        { "diamond", 12, 0, NULL, 1 },
        { "random", 300, 1, NULL, 1 },
        { "random", 300, 2, NULL, 2 },
        { "random", 600, 3, NULL, 5 },
        { "random", 200, 4, NULL, 1 },
        { "random", 200, 5, NULL, 7 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        lab_t L;
        suite_lab_open(&L, cases[k].text
                               ? suite_parse_text(cases[k].name, cases[k].text)
                               : suite_classic(cases[k].name, cases[k].size, cases[k].seed));
        ml_note("scenario %s (seed %" PRIu64 "), budget %zu", L.scn->name, cases[k].seed,
                cases[k].budget);
        suite_collect_checked(&L, cases[k].budget, false);
        suite_lab_close(&L);
    }
}
