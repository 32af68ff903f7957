// fixture_killer.c — a suite whose test kills its own test runner (allowed
// to, as an .allow_exec test is not under the signal rules of the sandbox).
// Built as suites/hang.hidden next to fixture_hang.c, so check_fixture grades
// it in the same run: the test that finished first keeps its point, and the
// others get "no result: the test runner died (SIGKILL)", with no XML
// report to read.
#include <signal.h>
#include <unistd.h>

#include "memlab/grade.h"

// 1/1, passed: it ran before the runner died.
ML_TEST(a, finishes_first, 1, 5)
{
    cr_assert(1);
}

// 0/1: kills the runner, and dies with it (PR_SET_PDEATHSIG).
ML_TEST(b, kills_the_runner, 1, 5, .allow_exec = true)
{
    kill(getppid(), SIGKILL);
    for (;;)
        pause();
}

// 0/1: never started.
ML_TEST(c, never_starts, 1, 5)
{
    cr_assert(1);
}
