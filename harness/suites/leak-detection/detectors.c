// detectors.c — the growth detectors on synthetic series: the threshold
// watcher needs N consecutive samples over its limit and fires once; the
// trend detector flags steady growth and stays quiet on flat, noisy and
// sawtooth heaps.
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lk_suite.h"
#include "memlab/grade.h"
#include "memlab/rng.h"

// Feeds a series; returns the index of the first sample at which the
// detector returned 1, and fails if it returned 1 twice.
static long feed_threshold(lk_threshold_t *d, const size_t *s, size_t n, const char *what)
{
    long at = -1;
    for (size_t i = 0; i < n; i++)
        if (lk_threshold_feed(d, s[i])) {
            cr_assert(at < 0,
                      "%s: the threshold detector fired twice (samples %ld and %zu); it "
                      "reports when it FIRST flags",
                      what, at, i);
            at = (long)i;
        }
    return at;
}

void suite_detect_threshold_consecutive(void)
{
    lk_threshold_t d;
    size_t s[] = { 10, 20, 150, 160, 30, 170, 180, 190, 200, 210 };
    lk_threshold_init(&d, 100, 3);
    long at = feed_threshold(&d, s, 10, "limit 100, 3 in a row");
    cr_assert(at == 7,
              "limit 100, 3 samples in a row: series 10 20 150 160 30 170 180 190 200 "
              "210 — the third consecutive sample over the limit is #7, you fired at "
              "%ld",
              at);
    lk_threshold_init(&d, 100, 1);
    size_t eq[] = { 100, 100, 101 };
    at = feed_threshold(&d, eq, 3, "limit 100, 1 sample");
    cr_assert(at == 2,
              "limit 100: a heap of exactly 100 bytes is not over it; 101 is (sample "
              "#2), you fired at %ld",
              at);
    // A need below 1 counts as 1 (leaks.h): quiet at or under the limit,
    // fires on the first sample over it.
    int low_needs[] = { 0, -4 };
    size_t low[] = { 100, 50, 101, 200, 300 };
    for (int k = 0; k < 2; k++) {
        lk_threshold_init(&d, 100, low_needs[k]);
        at = feed_threshold(&d, low, 5, "limit 100, need below 1");
        cr_assert(at == 2,
                  "limit 100, need %d (leaks.h, lk_threshold_init: a need below 1 counts as "
                  "1): series 100 50 101 200 300 — the first sample over the limit is #2, "
                  "you fired at %ld",
                  low_needs[k], at);
    }
}

void suite_detect_threshold_sawtooth_quiet(void)
{
    lk_threshold_t d;
    lk_threshold_init(&d, 1000, 3);
    size_t s[400];
    for (size_t i = 0; i < 400; i++)
        s[i] = 200 + 400 * (i % 5); // 200 600 1000 1400 1800: over the limit twice per tooth
    long at = feed_threshold(&d, s, 400, "sawtooth");
    cr_assert(at >= 0 || d.fired_at == -1,
              "a sawtooth that never fired: fired_at says %ld, and leaks.h says -1 while quiet",
              d.fired_at);
    cr_assert(at < 0,
              "a sawtooth (200, 600, 1000, 1400, 1800, repeated) is over a limit of "
              "1000 only 2 samples in a row: with 3 needed the detector must stay "
              "quiet, it fired at sample %ld",
              at);
}

static long feed_trend(lk_trend_t *d, const double *s, size_t n)
{
    long at = -1;
    for (size_t i = 0; i < n; i++)
        if (lk_trend_feed(d, (size_t)s[i]) && at < 0)
            at = (long)i;
    return at;
}

void suite_detect_trend_growth(void)
{
    static lk_trend_t d;
    ml_rng_t rng;
    ml_rng_seed(&rng, 99);
    double s[600];
    for (int i = 0; i < 600; i++) // flat for 200 samples, then +64 bytes a sample, with noise
        s[i] = 50000 + (i < 200 ? 0 : 64.0 * (i - 200)) + (double)ml_rng_below(&rng, 200);
    lk_trend_init(&d, 50, 32, 0.8);
    long at = feed_trend(&d, s, 600);
    cr_assert(at >= 200 && at <= 260,
              "a heap flat for 200 samples, then growing 64 bytes a sample (noise ±100), window "
              "50, slope >= 32, r2 >= 0.8: the detector must fire within the 60 samples after "
              "growth starts, you fired at %ld",
              at);
    cr_assert(d.fired_at == at, "fired_at says %ld, the detector returned 1 at %ld", d.fired_at,
              at);
    lk_trend_init(&d, 10, 1, 0.5);
    double ramp[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    at = feed_trend(&d, ramp, 9);
    cr_assert(at < 0, "window 10: 9 samples are not a full window, you fired at %ld", at);

    // An exact ramp over a small window: the least-squares line through
    // (0, 1000) (1, 1010) (2, 1020) (3, 1030) has slope 10 and explains all
    // the variance, whatever the samples' x origin. A small window is where a
    // fit that centres x wrongly (or weighs the samples unevenly) is off most.
    double exact[6] = { 1000, 1010, 1020, 1030, 1040, 1050 };
    lk_trend_init(&d, 4, 9.5, 0.99);
    at = feed_trend(&d, exact, 4);
    cr_assert(fabs(d.slope - 10) < 1e-6 && fabs(d.r2 - 1) < 1e-6,
              "window 4, samples 1000 1010 1020 1030 (10 bytes more each sample): the "
              "least-squares line through them has slope 10 bytes a sample and r2 1; after "
              "the 4th sample your fit says slope %.4f, r2 %.4f",
              d.slope, d.r2);
    cr_assert(at == 3,
              "window 4, slope >= 9.5, r2 >= 0.99, samples growing exactly 10 bytes each: "
              "the detector must fire on the first full window (sample #3), you fired at %ld",
              at);
    lk_trend_init(&d, 4, 10.5, 0.99);
    at = feed_trend(&d, exact, 6);
    cr_assert(at < 0,
              "window 4, slope >= 10.5: a heap growing exactly 10 bytes a sample is under the "
              "minimum slope; you fired at %ld (slope %.4f)",
              at, d.slope);

    // The smallest window (leaks.h: clamped to 2..LK_TREND_MAX_WINDOW): a
    // window of 2 is kept and fits a line through 2 samples, so it fires on
    // the 2nd; a window of 1, 0 or below is the smallest window, 2.
    const int small[] = { 2, 1, 0, -5 };
    for (size_t k = 0; k < sizeof small / sizeof small[0]; k++) {
        lk_trend_init(&d, small[k], 9.5, 0.99);
        at = feed_trend(&d, exact, 4);
        cr_assert(d.window == 2 && at == 1 && fabs(d.slope - 10) < 1e-6,
                  "lk_trend_init(window %d, slope >= 9.5, r2 >= 0.99), samples growing exactly "
                  "10 bytes each: leaks.h clamps the window to 2..LK_TREND_MAX_WINDOW, so the "
                  "window is 2 and its first full window is sample #1; you have window %d, "
                  "fired at %ld, slope %.4f; replay: build/<impl>/suites/leak-detection "
                  "--filter 'detect/trend_growth' --verbose",
                  small[k], d.window, at, d.slope);
    }

    // lk_trend_init clears the state whatever the memory held before
    // (leaks.h): a detector in memory filled with garbage, then the same
    // detector used again, must each fire on the first full window of the
    // exact ramp, with no fit before it.
    lk_trend_t *g = malloc(sizeof *g);
    cr_assert(g != NULL, "out of memory");
    memset(g, 0x5a, sizeof *g);
    for (int use = 0; use < 2; use++) {
        const char *what = use == 0 ? "a detector whose memory held garbage (0x5a bytes)"
                                    : "the same detector, fired once, initialised again";
        lk_trend_init(g, 4, 9.5, 0.99);
        at = -1;
        for (int i = 0; i < 6; i++) {
            cr_assert(i > 0 || (g->slope == 0 && g->r2 == 0 && g->fired_at == -1),
                      "scenario: %s, then lk_trend_init(window 4): before any sample the fit "
                      "is slope %g, r2 %g and fired_at %ld (leaks.h, lk_trend_t: 0, 0 and -1); "
                      "replay: build/<impl>/suites/leak-detection --filter "
                      "'detect/trend_growth' --verbose",
                      what, g->slope, g->r2, g->fired_at);
            if (lk_trend_feed(g, (size_t)exact[i]) && at < 0)
                at = i;
            cr_assert(i >= 3 || (g->slope == 0 && g->r2 == 0),
                      "scenario: %s, then lk_trend_init(window 4) and samples 1000 1010 1020: "
                      "after sample #%d the window is not full, yet the fit is slope %g, r2 %g "
                      "(leaks.h, lk_trend_t: 0 before the window is full); replay: "
                      "build/<impl>/suites/leak-detection --filter 'detect/trend_growth' "
                      "--verbose",
                      what, i, g->slope, g->r2);
        }
        cr_assert(at == 3 && g->fired_at == 3,
                  "scenario: %s, then lk_trend_init(window 4, slope >= 9.5, r2 >= 0.99) and "
                  "samples growing exactly 10 bytes each: the detector must fire on the first "
                  "full window (sample #3, fired_at 3); it fired at %ld, fired_at %ld (leaks.h, "
                  "lk_trend_init); replay: build/<impl>/suites/leak-detection --filter "
                  "'detect/trend_growth' --verbose",
                  what, at, g->fired_at);
    }
    free(g);
}

void suite_detect_trend_quiet(void)
{
    static lk_trend_t d;
    ml_rng_t rng;
    ml_rng_seed(&rng, 7);
    double s[2000];
    for (int i = 0; i < 2000; i++) // a sawtooth: 40-sample teeth from 10 KB to 50 KB
        s[i] = 10000 + 1000.0 * (i % 40) + (double)ml_rng_below(&rng, 300);
    lk_trend_init(&d, 200, 32, 0.8);
    cr_assert(d.fired_at == -1,
              "lk_trend_init: fired_at is %ld before any sample; leaks.h says -1 while quiet",
              d.fired_at);
    long at = feed_trend(&d, s, 2000);
    cr_assert(at >= 0 || d.fired_at == -1,
              "a sawtooth that never fired: fired_at says %ld, and leaks.h says -1 while quiet",
              d.fired_at);
    cr_assert(at < 0,
              "a sawtooth heap (rises 40 samples, falls, again) over a window of 200 "
              "samples must not look like growth; you fired at sample %ld (slope %.1f, "
              "r2 %.2f)",
              at, d.slope, d.r2);
    for (int i = 0; i < 2000; i++) // flat with noise
        s[i] = 80000 + (double)ml_rng_below(&rng, 5000);
    lk_trend_init(&d, 100, 32, 0.8);
    at = feed_trend(&d, s, 2000);
    cr_assert(at < 0, "a flat, noisy heap must not look like growth; you fired at %ld", at);
    // A constant heap: every sample the same, nothing to explain; leaks.h
    // says what r2 is then. With a minimum slope of 0, only r2 stands
    // between a flat heap and an alarm.
    for (int i = 0; i < 30; i++)
        s[i] = 64000;
    lk_trend_init(&d, 10, 0, 0.5);
    at = feed_trend(&d, s, 30);
    cr_assert(at < 0 && d.slope == 0 && d.r2 == 0,
              "a constant heap (64000 bytes on each of 30 samples), window 10, slope >= 0, "
              "r2 >= 0.5: the fit of a constant window is slope 0, r2 0 (leaks.h, "
              "lk_trend_t) and the detector stays quiet; you have slope %g, r2 %g, fired at "
              "%ld; replay: build/<impl>/suites/leak-detection --filter 'detect/trend_quiet' "
              "--verbose",
              d.slope, d.r2, at);
    for (int i = 0; i < 400; i++) // a slow rise: r2 high, slope under the minimum
        s[i] = 1000 + 2.0 * i;
    lk_trend_init(&d, 50, 32, 0.8);
    at = feed_trend(&d, s, 400);
    cr_assert(at < 0,
              "a heap rising 2 bytes a sample is under a minimum slope of 32; you fired "
              "at %ld",
              at);
}
