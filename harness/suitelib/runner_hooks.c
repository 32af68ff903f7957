// runner_hooks.c — Criterion report hooks that run in the runner process (not
// in the test processes) and record how each test ended, for the grader:
// $MEMLAB_OUTDIR/runner.tsv gets, per finished test,
//   T  SUITE NAME STATUS CRASHED TIMED_OUT EXIT_CODE SIGNAL ELAPSED
//   A  SUITE NAME FILE:LINE MESSAGE        (one per failed assertion, in order)
// STATUS is Criterion's (0 passed, 1 failed, 2 skipped). Criterion's --xml
// report stays the grader's primary source; these records add what the XML
// lacks (the signal that killed a test, its exit code) and survive when the
// runner is stopped before it writes the XML, or when a message breaks it.
//
// Criterion calls POST_TEST for tests that ended normally or timed out, and
// TEST_CRASH (not POST_TEST) for tests killed by a signal.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <criterion/hooks.h>
#include <criterion/stats.h>

#include "suitelib.h"

#define RECORD_CAP (32u << 10) // bytes of one test's record; messages beyond are cut

static int records_fd = -1;

void mls_runner_hooks_init(void)
{
    const char *dir = getenv(MLS_ENV_OUTDIR);
    if (dir == NULL || *dir == '\0' || records_fd >= 0)
        return;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/runner.tsv", dir) >= (int)sizeof path)
        return;
    records_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

#define MAX_ASSERTS 64 // failed assertions kept per test (the first ones)

// Appends the first MAX_ASSERTS failed assertions of the list `a` (which
// Criterion keeps newest first) to the record, oldest first.
static void append_asserts(char *buf, size_t *len, const char *suite, const char *name,
                           const struct criterion_assert_stats *a)
{
    const struct criterion_assert_stats *ring[MAX_ASSERTS];
    size_t failed = 0;
    for (; a != NULL; a = a->next)
        if (!a->passed)
            ring[failed++ % MAX_ASSERTS] = a;
    size_t kept = failed < MAX_ASSERTS ? failed : MAX_ASSERTS;
    for (size_t i = 0; i < kept; i++) {
        // The oldest failure is the last one seen walking the list.
        const struct criterion_assert_stats *f = ring[(failed - 1 - i) % MAX_ASSERTS];
        char where[64];
        snprintf(where, sizeof where, ":%u", f->line);
        mls_append(buf, RECORD_CAP, len, "A\t");
        mls_escape(buf, RECORD_CAP, len, suite);
        mls_append(buf, RECORD_CAP, len, "\t");
        mls_escape(buf, RECORD_CAP, len, name);
        mls_append(buf, RECORD_CAP, len, "\t");
        mls_escape(buf, RECORD_CAP, len, f->file ? f->file : "?");
        mls_append(buf, RECORD_CAP, len, where);
        mls_append(buf, RECORD_CAP, len, "\t");
        mls_escape(buf, RECORD_CAP, len, f->message ? f->message : "");
        mls_append(buf, RECORD_CAP, len, "\n");
    }
}

// record — writes the record of one finished test in a single write(2).
static void record(const struct criterion_test_stats *st, int crashed)
{
    if (records_fd < 0 || st == NULL || st->test == NULL)
        return;
    static char buf[RECORD_CAP];
    size_t len = 0;
    const char *suite = st->test->category, *name = st->test->name;
    char nums[160];
    snprintf(nums, sizeof nums, "\t%d\t%d\t%d\t%d\t%d\t%.3f\n", (int)st->test_status,
             crashed || st->crashed ? 1 : 0, st->timed_out ? 1 : 0, st->exit_code, st->signal,
             (double)st->elapsed_time);
    mls_append(buf, sizeof buf, &len, "T\t");
    mls_escape(buf, sizeof buf, &len, suite);
    mls_append(buf, sizeof buf, &len, "\t");
    mls_escape(buf, sizeof buf, &len, name);
    mls_append(buf, sizeof buf, &len, nums);
    append_asserts(buf, &len, suite, name, st->asserts);
    if (len > 0 && buf[len - 1] != '\n') // cut short: end the last line
        buf[len - 1] = '\n';
    (void)mls_write_all(records_fd, buf, len);
}

ReportHook(POST_TEST)(struct criterion_test_stats *st)
{
    record(st, 0);
}

ReportHook(TEST_CRASH)(struct criterion_test_stats *st)
{
    record(st, 1);
}
