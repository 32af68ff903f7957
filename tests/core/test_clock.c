// test_clock.c — unit tests of the timing helpers (common/src/clock.c).
// Timing checks only use lower bounds or sleeping-vs-spinning contrasts that
// hold on a loaded machine; the statistics helpers are checked exactly.
#include <criterion/criterion.h>
#include <math.h>
#include <time.h>

#include "memlab/clock.h"

static void sleep_ms(long ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0)
        ;
}

Test(clock, monotonic_time_never_goes_back_and_covers_a_sleep, .timeout = 5)
{
    uint64_t prev = ml_now_ns();
    for (int i = 0; i < 10000; i++) {
        uint64_t now = ml_now_ns();
        cr_assert(now >= prev, "monotonic clock went back by %lu ns", (unsigned long)(prev - now));
        prev = now;
    }
    uint64_t t0 = ml_now_ns();
    sleep_ms(20);
    uint64_t dt = ml_now_ns() - t0;
    cr_assert(dt >= 20000000u, "a 20 ms sleep measured %lu ns", (unsigned long)dt);
}

Test(clock, thread_cpu_time_grows_while_spinning_not_while_sleeping, .timeout = 5)
{
    uint64_t c0 = ml_thread_cpu_ns();
    sleep_ms(100);
    uint64_t slept = ml_thread_cpu_ns() - c0;
    cr_assert(slept < 50000000u, "sleeping 100 ms used %lu ns of CPU", (unsigned long)slept);

    // Spin until this thread has used 30 ms of CPU; on a busy machine that
    // takes longer in wall time, never less.
    uint64_t w0 = ml_now_ns(), c1 = ml_thread_cpu_ns();
    volatile uint64_t sink = 0;
    while (ml_thread_cpu_ns() - c1 < 30000000u)
        for (int i = 0; i < 1000; i++)
            sink += (uint64_t)i;
    uint64_t wall = ml_now_ns() - w0;
    cr_assert(wall >= 30000000u, "30 ms of CPU took only %lu ns of wall time", (unsigned long)wall);
}

Test(clock, median_of_an_odd_count_is_the_middle_sample, .timeout = 5)
{
    double v[] = { 9, 1, 5, 3, 7 };
    cr_assert(ml_median(v, 5) == 5);
    for (int i = 0; i < 4; i++)
        cr_assert(v[i] <= v[i + 1], "median sorts its samples in place");
}

Test(clock, median_of_an_even_count_is_the_mean_of_the_middle_two, .timeout = 5)
{
    double v[] = { 10, 2, 4, 100 };
    cr_assert(ml_median(v, 4) == 7);
    double w[] = { 1e308, 1.5e308 };
    cr_assert(ml_median(w, 2) == 1.25e308, "two huge samples must not overflow");
}

Test(clock, median_of_nothing_is_zero_and_of_one_is_itself, .timeout = 5)
{
    cr_assert(ml_median(NULL, 0) == 0);
    double v[] = { -3.5 };
    cr_assert(ml_median(v, 1) == -3.5);
}

Test(clock, median_ignores_one_wild_outlier, .timeout = 5)
{
    double v[] = { 100, 101, 99, 100, 1e9, 102, 98 };
    cr_assert(ml_median(v, 7) == 100);
}

Test(clock, geomean_is_the_nth_root_of_the_product, .timeout = 5)
{
    double v[] = { 1, 4, 16 };
    cr_assert(fabs(ml_geomean(v, 3) - 4) < 1e-12, "geomean(1, 4, 16) = %g", ml_geomean(v, 3));
    double r[] = { 2, 0.5 }; // 2x faster and 2x slower cancel out
    cr_assert(fabs(ml_geomean(r, 2) - 1) < 1e-12);
    cr_assert(v[0] == 1 && v[1] == 4 && v[2] == 16, "geomean must not change its input");
}

Test(clock, geomean_of_huge_samples_does_not_overflow, .timeout = 5)
{
    double v[] = { 1e300, 1e300, 1e300 };
    double g = ml_geomean(v, 3);
    cr_assert(isfinite(g) && fabs(g / 1e300 - 1) < 1e-9, "geomean %g, want 1e300", g);
}

Test(clock, geomean_is_zero_for_no_samples_or_any_nonpositive_one, .timeout = 5)
{
    cr_assert(ml_geomean(NULL, 0) == 0);
    double z[] = { 3, 0, 5 };
    cr_assert(ml_geomean(z, 3) == 0);
    double n[] = { 3, -2 };
    cr_assert(ml_geomean(n, 2) == 0);
    double nan[] = { 3, NAN };
    cr_assert(ml_geomean(nan, 2) == 0);
}
