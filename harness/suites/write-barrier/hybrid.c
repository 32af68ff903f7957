// hybrid.c — the hybrid barrier's own tests: the old pointer always, the
// new one while the current goroutine's stack is grey, and no
// stop-the-world stack work (the handout's stated rule) while losing
// nothing (scenario alloc-store: the student's choice of colour for new
// objects, task 6).
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "memlab/verify.h"
#include "support/charts.h"
#include "support/scenario.h"
#include "support/workload.h"
#include "wb_suite.h"

void suite_hybrid_shades_old_always_new_while_stack_grey(void)
{
    unit_t u;
    suite_unit_open(&u, WB_HYBRID, "g2");
    int g2 = 1;
    void *o[8];
    for (int i = 0; i < 8; i++)
        o[i] = suite_fresh(&u);
    cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
    ml_gc_stack_t *main_st = ml_gc_stack_at(u.h, 0), *g2_st = u.w->stacks[g2].st;
    // 1. The current stack (main) is grey: shade both.
    ml_gc_stack_set_scanned(main_st, false);
    ml_gc_stack_set_scanned(g2_st, false);
    ml_gc_switch_stack(u.h, main_st);
    suite_call(&u, WB_HYBRID, o[0], o[1]);
    cr_assert(suite_grey(&u, o[0]),
              "wb_hybrid called directly, goroutine main storing, main's stack grey (not "
              "scanned yet), old = obj#%u, new = obj#%u: the overwritten pointer's object is not "
              "grey afterwards. Contract: barrier.h, wb_hybrid",
              ml_gc_object_id(u.h, o[0]), ml_gc_object_id(u.h, o[1]));
    cr_assert(suite_grey(&u, o[1]),
              "wb_hybrid called directly, goroutine main storing, main's stack grey (not "
              "scanned yet), old = obj#%u, new = obj#%u: the new pointer's object is not grey "
              "afterwards. Replay a case where it matters: write-barrier --scenario "
              "grey-stack-store --barrier hybrid --steps. Handout: task 6",
              ml_gc_object_id(u.h, o[0]), ml_gc_object_id(u.h, o[1]));
    // 2. The current stack is black: shade only the old one.
    ml_gc_stack_set_scanned(main_st, true);
    suite_call(&u, WB_HYBRID, o[2], o[3]);
    cr_assert(suite_grey(&u, o[2]),
              "wb_hybrid called directly, goroutine main storing, main's stack black (scanned), "
              "old = obj#%u, new = obj#%u: the overwritten pointer's object is not grey "
              "afterwards. Contract: barrier.h, wb_hybrid",
              ml_gc_object_id(u.h, o[2]), ml_gc_object_id(u.h, o[3]));
    cr_assert(!ml_gc_is_marked(u.h, o[3]),
              "wb_hybrid called directly, goroutine main storing, main's stack black (scanned), "
              "old = obj#%u, new = obj#%u: the new pointer's object was shaded. Contract: "
              "barrier.h, wb_hybrid (the condition on the new pointer)",
              ml_gc_object_id(u.h, o[2]), ml_gc_object_id(u.h, o[3]));
    // 3. Another goroutine, still grey, does the store: its stack counts.
    ml_gc_switch_stack(u.h, g2_st);
    suite_call(&u, WB_HYBRID, o[4], o[5]);
    cr_assert(suite_grey(&u, o[5]),
              "wb_hybrid called directly, goroutine g2 storing, g2's stack grey, main's black, "
              "old = obj#%u, new = obj#%u: the new pointer's object is not grey afterwards. "
              "Whose stack did your barrier look at? Replay: write-barrier --scenario "
              "other-goroutine --barrier hybrid --steps. Handout: hints",
              ml_gc_object_id(u.h, o[4]), ml_gc_object_id(u.h, o[5]));
    ml_gc_switch_stack(u.h, main_st);
    ml_gc_stack_set_scanned(g2_st, true);
    ml_gc_stack_set_scanned(main_st, false);
    ml_gc_switch_stack(u.h, g2_st);
    suite_call(&u, WB_HYBRID, o[6], o[7]);
    cr_assert(!ml_gc_is_marked(u.h, o[7]),
              "wb_hybrid called directly, goroutine g2 storing, g2's stack black, main's grey, "
              "old = obj#%u, new = obj#%u: the new pointer's object was shaded. Whose stack did "
              "your barrier look at? Handout: hints",
              ml_gc_object_id(u.h, o[6]), ml_gc_object_id(u.h, o[7]));
    ml_gc_switch_stack(u.h, main_st);
    suite_unit_close(&u);
}

void suite_hybrid_no_stop_the_world_stack_work(void)
{
    wb_policy_t p = wb_policy(WB_HYBRID);
    cr_assert(!p.scan_stacks_at_start,
              "wb_policy(WB_HYBRID).scan_stacks_at_start is true: a stop-the-world snapshot of "
              "the stacks, which the handout's rule for the hybrid excludes (\"What you "
              "implement\", the last paragraph)");
    cr_assert(!p.rescan_stacks && !p.rescan_globals,
              "wb_policy(WB_HYBRID) re-scans %s at mark termination, with the world stopped, "
              "which the handout's rule for the hybrid excludes (\"What you implement\", the "
              "last paragraph)",
              p.rescan_stacks ? "the stacks" : "the globals");
    char msg[2048];
    wb_cycle_result_t sres;
    cr_assert(suite_run_scenario("alloc-store", WB_HYBRID, false, &sres, msg, sizeof msg),
              "with your wb_hybrid and wb_policy(WB_HYBRID), which does no stop-the-world stack "
              "work: %s. Handout: task 6 (the colour of objects born during marking)",
              msg);
    rcase_t c = suite_rcase(0);
    char why[600];
    wb_workload_cfg_t wc = wb_workload_default(RANDOM_OBJECTS, c.seed);
    wb_world_t *w = wb_workload_world(&wc, why, sizeof why);
    wb_random_t *rm = w ? wb_random_new(w, &wc) : NULL;
    cr_assert(w && rm, "internal: %s", why);
    wb_mutator_t mut = wb_random_mutator(rm);
    wb_run_cfg_t cfg = { .budget = 1, .seed = c.seed, .p_mutator = 0.5 };
    wb_run_t *r = wb_run_new(w, WB_HYBRID, &cfg, why, sizeof why);
    cr_assert(r, "internal: %s", why);
    wb_cycle_result_t res;
    cr_assert(wb_run_cycle(r, &mut, &res, why, sizeof why) == 0, "internal: %s", why);
    cr_assert(res.mk.start_work == 0 && res.term_work == 0,
              "the hybrid's cycle did %zu units of "
              "stop-the-world work at the start and %zu at termination; it should do none",
              res.mk.start_work, res.term_work);
    wb_run_free(r);
    wb_random_free(rm);
    wb_world_free(w);
}
