// fixture_hang.c — a suite that hangs its runner: one test sleeps far past
// any sensible limit (with a timeout Criterion would wait for). check_fixture
// grades it as the pseudo-lab `hang` with `--suite-limit 2`, so the grader's
// watchdog must stop the runner: the test that finished first keeps its
// points (from the suite library's runner records, as no XML report is
// written), the others are reported as stopped, and the sleeping test
// process must not outlive the grading (its pid is left in MEMLAB_DATA, and
// it names itself mlhang-sleeper).
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "memlab/grade.h"

// 1/1, passed: it ran before the hang.
ML_TEST(a, finishes_first, 1, 5)
{
    cr_assert(1);
}

// 0/1: still asleep when the watchdog stops the suite.
ML_TEST(b, sleeps, 1, 1000)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/sleeper.pid", getenv("MEMLAB_DATA"));
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL, "cannot write %s", path);
    fprintf(f, "%d\n", (int)getpid());
    fclose(f);
    // Its name, for the check: inside the grader's PID namespace the pid
    // above means nothing outside.
    prctl(PR_SET_NAME, "mlhang-sleeper");
    for (;;)
        pause();
}

// 0/1: never started.
ML_TEST(c, never_starts, 1, 5)
{
    cr_assert(1);
}
