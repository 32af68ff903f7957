// test_sched.c — unit tests of the deterministic scheduler
// (common/src/sched.c): the same seed gives the same interleaving, a
// recorded trace replays the run exactly, schedule strings (counts, `*`),
// named schedules, bad schedules, a finished side yields to the other, and
// step limits.
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "memlab/sched.h"

// A toy run: the mutator appends 'm' and the collector 'c' to a log, each
// side stopping after its own number of steps; the log is the observable
// effect of the interleaving.
typedef struct {
    char log[512];
    size_t len;
    int m_left, c_left;
} run_t;

static bool mut(void *arg, uint64_t step)
{
    run_t *r = arg;
    (void)step;
    r->log[r->len++] = 'm';
    return --r->m_left > 0;
}
static bool col(void *arg, uint64_t step)
{
    run_t *r = arg;
    (void)step;
    r->log[r->len++] = 'c';
    return --r->c_left > 0;
}

static void run_seed(uint64_t seed, run_t *r, char *trace, size_t len)
{
    ml_sched_t s;
    ml_sched_init(&s, seed, 0.5);
    *r = (run_t){ .m_left = 40, .c_left = 40 };
    ml_sched_run(&s, mut, col, r, 0);
    snprintf(trace, len, "%s", ml_sched_trace(&s));
    ml_sched_fini(&s);
}

Test(sched, the_same_seed_gives_the_same_interleaving, .timeout = 5)
{
    run_t a, b, c;
    char ta[256], tb[256], tc[256];
    run_seed(42, &a, ta, sizeof ta);
    run_seed(42, &b, tb, sizeof tb);
    run_seed(43, &c, tc, sizeof tc);
    cr_assert_str_eq(ta, tb, "seed 42 gave two different schedules");
    cr_assert_eq(a.len, 80, "both sides run all 40 of their steps");
    cr_assert_eq(memcmp(a.log, b.log, a.len), 0);
    cr_assert_str_neq(ta, tc, "seeds 42 and 43 gave the same schedule");
    cr_assert_eq(strlen(ta), 80);
    cr_assert(strchr(ta, 'M') && strchr(ta, 'C'));
}

Test(sched, a_recorded_trace_replays_the_run_exactly, .timeout = 5)
{
    run_t a, b;
    char ta[256];
    run_seed(7, &a, ta, sizeof ta);
    ml_sched_t s;
    ml_sched_init(&s, 999, 0.5); // a different seed: the schedule decides
    char err[128];
    cr_assert_eq(ml_sched_set_schedule(&s, ta, err, sizeof err), 0, "%s", err);
    b = (run_t){ .m_left = 40, .c_left = 40 };
    ml_sched_run(&s, mut, col, &b, 0);
    cr_assert_str_eq(ml_sched_trace(&s), ta, "the replay took other steps");
    cr_assert_eq(memcmp(a.log, b.log, a.len), 0, "the replay had other effects");
    cr_assert_eq(ml_sched_step(&s), 80);
    char compact[256], back[256];
    ml_sched_trace_compact(&s, compact, sizeof compact);
    ml_sched_fini(&s);
    // The compact form replays too.
    ml_sched_init(&s, 1, 0.5);
    cr_assert_eq(ml_sched_set_schedule(&s, compact, err, sizeof err), 0, "%s", err);
    b = (run_t){ .m_left = 40, .c_left = 40 };
    ml_sched_run(&s, mut, col, &b, 0);
    snprintf(back, sizeof back, "%s", ml_sched_trace(&s));
    cr_assert_str_eq(back, ta, "compact trace %s does not replay", compact);
    ml_sched_fini(&s);
}

Test(sched, schedule_strings_take_counts_and_a_repeat_star, .timeout = 5)
{
    ml_sched_t s;
    ml_sched_init(&s, 1, 0.5);
    char err[128];
    cr_assert_eq(ml_sched_set_schedule(&s, "M3 C2 m", err, sizeof err), 0, "%s", err);
    char got[16] = { 0 };
    for (int i = 0; i < 6; i++)
        got[i] = ml_sched_next(&s);
    cr_assert_str_eq(got, "MMMCCM");
    cr_assert_eq(ml_sched_set_schedule(&s, "MC2*", err, sizeof err), 0, "%s", err);
    for (int i = 0; i < 9; i++)
        got[i] = ml_sched_next(&s);
    got[9] = '\0';
    cr_assert_str_eq(got, "MCCMCCMCC", "`*` repeats the whole pattern");
    ml_sched_fini(&s);
}

Test(sched, bad_schedules_are_rejected_with_the_position, .timeout = 5)
{
    ml_sched_t s;
    ml_sched_init(&s, 1, 0.5);
    char err[128] = "";
    cr_assert_eq(ml_sched_set_schedule(&s, "MMXC", err, sizeof err), -1);
    cr_assert(strstr(err, "position 3"), "%s", err);
    cr_assert_eq(ml_sched_set_schedule(&s, "M*C", err, sizeof err), -1,
                 "`*` in the middle accepted");
    cr_assert_eq(ml_sched_set_schedule(&s, "M0", err, sizeof err), -1, "count 0 accepted");
    cr_assert_eq(ml_sched_set_schedule(&s, "*", err, sizeof err), -1,
                 "empty repeated schedule accepted");
    cr_assert_eq(ml_sched_set_schedule(&s, "M99999999999", err, sizeof err), -1,
                 "a huge count accepted");
    ml_sched_fini(&s);
}

Test(sched, named_schedules_exist_and_parse, .timeout = 5)
{
    const char *const *names = ml_sched_names();
    size_t n = 0;
    for (; names[n]; n++) {
        const char *sch = ml_sched_named(names[n]);
        cr_assert_not_null(sch, "%s has no schedule", names[n]);
        ml_sched_t s;
        ml_sched_init(&s, 1, 0.5);
        char err[128];
        cr_assert_eq(ml_sched_set_schedule(&s, sch, err, sizeof err), 0, "%s: %s", names[n], err);
        ml_sched_fini(&s);
    }
    cr_assert_geq(n, 4);
    cr_assert_str_eq(ml_sched_named("alternate"), "MC*");
    cr_assert_null(ml_sched_named("no-such-schedule"));
}

Test(sched, a_finished_side_yields_to_the_other_and_limits_hold, .timeout = 5)
{
    ml_sched_t s;
    ml_sched_init(&s, 5, 0.5);
    char err[64];
    ml_sched_set_schedule(&s, "M*", err, sizeof err);
    run_t r = { .m_left = 3, .c_left = 4 };
    uint64_t n = ml_sched_run(&s, mut, col, &r, 0);
    cr_assert_eq(n, 7);
    cr_assert_str_eq(ml_sched_trace(&s), "MMMCCCC", "the collector runs once the mutator is done");
    ml_sched_fini(&s);

    ml_sched_init(&s, 5, 0.5);
    r = (run_t){ .m_left = 100, .c_left = 100 };
    cr_assert_eq(ml_sched_run(&s, mut, col, &r, 10), 10, "max_steps is honoured");
    cr_assert_eq(ml_sched_step(&s), 10);
    ml_sched_fini(&s);

    ml_sched_init(&s, 5, 1.0);
    r = (run_t){ .m_left = 5, .c_left = 5 };
    ml_sched_run(&s, mut, col, &r, 0);
    cr_assert_str_eq(ml_sched_trace(&s), "MMMMMCCCCC",
                     "p_mutator = 1 always picks the mutator first");
    ml_sched_fini(&s);
}

Test(sched, compact_trace_uses_run_lengths, .timeout = 5)
{
    ml_sched_t s;
    ml_sched_init(&s, 1, 0.5);
    const char *steps = "MMMCMCC";
    for (const char *p = steps; *p; p++)
        ml_sched_record(&s, *p);
    char buf[32];
    cr_assert_str_eq(ml_sched_trace_compact(&s, buf, sizeof buf), "M3CMC2");
    ml_sched_fini(&s);
}
