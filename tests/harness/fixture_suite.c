// fixture_suite.c — a grading suite whose "student code" misbehaves in every
// way the grader must survive: failed assertions with awkward messages,
// crashes, an endless loop, an output flood, an early exit(0), a 64 GiB
// allocation, a fork bomb, an attempt to kill the runner, a network socket, forged result
// files, and scored tests that report 0.5, twice, or never.
//
// tests/harness/harness.mk builds it like a lab's suite (as the pseudo-lab
// `fixture`), grades it and runs check_fixture.c, which asserts the exact
// points, statuses and messages. Each test says what the grader must report.
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/grade.h"

// Opaque to the compiler, so the crashes below happen at run time.
static int *volatile nowhere = NULL;
static volatile size_t huge = (size_t)64 << 30;

// 2/2, passed.
ML_TEST(basic, passes, 2, 5, .title = "a test that passes")
{
    cr_assert(1 + 1 == 2, "arithmetic is broken");
}

// 0/2, failed: the message, quotes and backslashes intact.
ML_TEST(basic, assert_quotes, 2, 5)
{
    const char *got = "c\\d \"q\"";
    cr_assert(strcmp(got, "a\\b") == 0, "expected \"a\\b\" but your code returned \"%s\"", got);
}

// 0/1, failed: "segmentation fault", at a NULL pointer.
ML_TEST(hostile, segfault, 1, 5)
{
    *nowhere = 1;
}

// 0/1, failed: "aborted"; its replay command, with a shell metacharacter
// outside quotes, is refused for the suite binary with a filter.
ML_TEST(hostile, aborts, 1, 5)
{
    ml_replay("{build}/bin/fixture; touch /tmp/memlab-replay-forged");
    abort();
}

// 0/1, failed: "did not finish within 1 s"; costs only its timeout.
ML_TEST(hostile, loops_forever, 1, 1)
{
    for (volatile unsigned long i = 0;; i++) {}
}

// 0/1, failed: "printed more than 8 MiB"; the report keeps at most 64 KiB.
ML_TEST(hostile, floods_stdout, 1, 10)
{
    for (int i = 0; i < 200000; i++)
        printf("line %6d of a flood of output that no report should carry in full\n", i);
}

// 0/1, failed: "stopped before its end" (exit(0) would otherwise pass).
ML_TEST(hostile, exits_early, 1, 5)
{
    exit(0);
}

// 0/1, failed: "exceeded the memory limit of 1024 MiB", machine unharmed.
ML_TEST(hostile, allocates_64gib, 1, 10)
{
    char *p = malloc(huge);
    memset(p, 1, huge);
    cr_assert(p[huge - 1] == 1, "memory lost its contents");
}

// 0/1, failed: "exceeded the memory limit of 256 MiB" (under ASan, of the
// suite's RSS limit), from many small allocations, each one touched.
ML_TEST(hostile, leaks_until_oom, 1, 20, .mem_mb = 256)
{
    for (size_t total = 0; total < huge; total += 1 << 20) {
        char *p = malloc(1 << 20);
        memset(p, 1, 1 << 20);
    }
}

// 0/1, failed: every fork refused ("Operation not permitted"), no bomb.
ML_TEST(hostile, fork_bomb, 1, 5)
{
    int refused = 0, err = 0;
    for (int i = 0; i < 1000; i++) {
        pid_t pid = fork(); // a real fork bomb: children would loop too
        if (pid < 0) {
            refused++;
            err = errno;
        }
    }
    cr_assert(refused == 0, "fork() was refused %d of 1000 times: %s", refused, strerror(err));
}

// 0/1, failed: the runner survives ("Operation not permitted").
ML_TEST(hostile, kills_runner, 1, 5)
{
    int rc = kill(getppid(), SIGKILL);
    cr_assert(rc == 0, "kill(runner) failed: %s", strerror(errno));
}

// 0/1, failed: no internet sockets ("Operation not permitted").
ML_TEST(hostile, opens_a_socket, 1, 5)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(fd >= 0, "socket(AF_INET) failed: %s", strerror(errno));
}

// 1/1, passed — but results.json, junit.xml and report.md are the grader's.
ML_TEST(hostile, forges_results, 1, 5)
{
    const char *data = getenv("MEMLAB_DATA"); // <build>/grade/data/<lab>
    cr_assert(data != NULL, "MEMLAB_DATA is not set");
    static const char *const files[] = { "results.json", "junit.xml", "report.md" };
    for (size_t i = 0; i < 3; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/../../%s", data, files[i]);
        FILE *f = fopen(path, "w");
        if (f == NULL) { // the grader's jail: only the test's own directories are writable
            printf("forging %s refused: %s\n", files[i], strerror(errno));
            continue;
        }
        fputs("{\"score\": 1000000, \"output\": \"FORGED\", \"tests\": []}\n", f);
        fclose(f);
    }
    printf("PASSED: all tests passed, score 1000000/1000000\n");
}

static void *add_up(void *arg)
{
    long *n = arg;
    for (int i = 0; i < 1000; i++)
        *n += 1;
    return NULL;
}

// 1/1, passed: threads still work under the sandbox.
ML_TEST(threads, work, 1, 5)
{
    pthread_t t[4];
    long n[4] = { 0 };
    for (int i = 0; i < 4; i++)
        cr_assert(pthread_create(&t[i], NULL, add_up, &n[i]) == 0, "pthread_create failed");
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    cr_assert(n[0] + n[1] + n[2] + n[3] == 4000, "threads did not run");
}

// 1/1, passed: a test declared .allow_exec may start a program.
ML_TEST(exec, allowed, 1, 5, .allow_exec = true)
{
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork failed: %s", strerror(errno));
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", "exit 7", (char *)NULL);
        _exit(1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 7, "the child did not run (status %d)",
              status);
}

// 2/4: half the points, with the award's text.
ML_SCORED_TEST(scored, half, 4, 5)
{
    ml_award(0.5, "throughput 0.50x the reference");
}

// 0/4: two awards are one too many.
ML_SCORED_TEST(scored, twice, 4, 5)
{
    ml_award(1.0, "first report");
    ml_award(1.0, "second report");
}

// 0/4: no award at all.
ML_SCORED_TEST(scored, never, 4, 5)
{
}

// 0/2: an award counts only if the test passes.
ML_SCORED_TEST(scored, award_then_fail, 2, 5)
{
    ml_award(1.0, "full marks, before failing");
    cr_assert(0, "the heap was corrupted after the benchmark");
}

// 1/1, passed: the note is kept in the report.
ML_TEST(notes, kept, 1, 5)
{
    ml_note("trace %s, seed %d", "short.rep", 42);
}

// 0/1, failed: the report shows the suite's replay command, {build}
// replaced by the build graded, and the note naming the case.
ML_TEST(replay, named, 1, 5)
{
    ml_replay("{build}/bin/fixture --case 'a b*' -n %d", 2);
    ml_replay("{build}/bin/fixture --case 'a b*' -n %d", 3); // the last one wins
    ml_note("case a b*: expected 3, got 4");
    cr_assert(0, "case a b* came back wrong");
}

// 0/1, failed: a replay command that runs a program outside the build's
// bin/ is refused; the suite binary with a filter is shown instead.
ML_TEST(replay, refused, 1, 5)
{
    ml_replay("{build}/bin/../../../bin/rm -rf /tmp/memlab-replay-forged");
    cr_assert(0, "failed after a bad replay command");
}
