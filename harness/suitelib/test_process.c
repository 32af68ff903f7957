// test_process.c — the life of one graded test's process, between Criterion's
// fork and its exit: ml_test_enter (output log, limits, sandbox), the body's
// ml_award / ml_note calls, and ml_test_complete (the completion proof).
//
// Files under $MEMLAB_OUTDIR, written only while the grader runs the suite:
//   <suite>.<name>.log    the test's stdout and stderr (capped by RLIMIT_FSIZE)
//   <suite>.<name>.notes  `note TEXT` lines from ml_note, plus `oom BYTES` and
//                         `fault SIGNAL ADDRESS KIND` lines from the sandbox
//   <suite>.<name>.replay one `replay COMMAND` line: the last ml_replay call
//                         (rewritten in place by each call)
// and $MEMLAB_AWARDS gets one `SUITE/NAME FRACTION TEXT` line per ml_award.
// Every line is written with one write(2) on an O_APPEND descriptor, so
// concurrent tests (criterion -j2) never interleave within a line.
//
// Without MEMLAB_OUTDIR (a student running the suite binary directly) output
// stays on the terminal and awards, notes and replay commands are printed to
// stderr (a replay's {build} replaced by this suite's build directory).
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "suitelib.h"

#define MAX_NOTES 100 // notes kept per test; more would flood the notes file
#define MAX_AWARDS 8  // award lines written per test (more than one scores 0)
#define LINE_CAP 4096 // bytes of one award or note line

static struct {
    int entered;
    char id[512]; // "suite/name", escaped
    char suite[256], name[256];
    int awards_fd; // -1 when not run by the grader
    int notes_fd;
    int notes, awards; // lines written so far
    int replay_fd;     // opened by the first ml_replay call
} cur = { .awards_fd = -1, .notes_fd = -1, .replay_fd = -1 };

// Opens $MEMLAB_OUTDIR/<suite>.<name><ext> for appending, truncated, or
// returns -1 (the variable unset, or the file cannot be created).
static int open_outfile(const char *suite, const char *name, const char *ext)
{
    const char *dir = getenv(MLS_ENV_OUTDIR);
    if (dir == NULL || *dir == '\0')
        return -1;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s.%s%s", dir, suite, name, ext) >= (int)sizeof path)
        return -1;
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
}

// Sends stdout and stderr to the test's log; stdin reads /dev/null.
static void redirect_output(const char *suite, const char *name)
{
    int fd = open_outfile(suite, name, ".log");
    if (fd < 0)
        return;
    fflush(stdout);
    fflush(stderr);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
    setvbuf(stdout, NULL, _IOLBF, 0); // keep lines printed before a crash
    int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (in >= 0) {
        dup2(in, STDIN_FILENO);
        close(in);
    }
}

void ml_test_enter(const char *suite, const char *name, const ml_grade_info_t *info)
{
    // If the runner dies, its tests die with it rather than run on unwatched.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    size_t len = 0;
    mls_escape(cur.id, sizeof cur.id, &len, suite);
    mls_append(cur.id, sizeof cur.id, &len, "/");
    mls_escape(cur.id, sizeof cur.id, &len, name);
    cur.entered = 1;
    snprintf(cur.suite, sizeof cur.suite, "%s", suite);
    snprintf(cur.name, sizeof cur.name, "%s", name);

    redirect_output(suite, name);
    cur.notes_fd = open_outfile(suite, name, ".notes");
    const char *awards = getenv(MLS_ENV_AWARDS);
    if (awards != NULL && *awards != '\0')
        cur.awards_fd = open(awards, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

    // In the test process Criterion's copy of the test's options may sit at
    // a misaligned address: read the field bytewise.
    double timeout = 0;
    if (criterion_current_test != NULL && criterion_current_test->data != NULL)
        memcpy(&timeout,
               (const char *)criterion_current_test->data +
                   offsetof(struct criterion_test_extra_data, timeout),
               sizeof timeout);
    mls_oomwatch_arm(cur.notes_fd);
    mls_sandbox_apply(info, timeout, cur.notes_fd);
}

_Noreturn void ml_test_complete(void)
{
    fflush(stdout);
    fflush(stderr);
    // _exit, not exit: atexit handlers of lab code must not run after the
    // body, and the status is the proof that the body ran to its end.
    _exit(ML_EXIT_COMPLETE);
}

void ml_award(double fraction, const char *fmt, ...)
{
    char text[LINE_CAP / 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (isnan(fraction) || fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    if (cur.awards_fd < 0) {
        fprintf(stderr, "memlab: %s awarded %.0f%%: %s\n",
                cur.entered ? cur.id : "(outside a graded test)", 100 * fraction, text);
        return;
    }
    if (cur.awards >= MAX_AWARDS)
        return;
    cur.awards++;
    char line[LINE_CAP], num[64];
    size_t len = 0;
    snprintf(num, sizeof num, "\t%.9f\t", fraction);
    mls_append(line, sizeof line, &len, cur.id);
    mls_append(line, sizeof line, &len, num);
    mls_escape(line, sizeof line - 1, &len, text);
    mls_append(line, sizeof line, &len, "\n");
    (void)mls_write_all(cur.awards_fd, line, len);
    fprintf(stderr, "memlab: awarded %.0f%%: %s\n", 100 * fraction, text);
}

int ml_timing_repeats(int dflt)
{
    const char *s = getenv("MEMLAB_TIMING_REPEATS");
    char *end;
    long v = s && *s ? strtol(s, &end, 10) : 0;
    return v >= 1 && v <= 101 && *end == '\0' ? (int)v : dflt;
}

void ml_note(const char *fmt, ...)
{
    char text[LINE_CAP - 16];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (cur.notes_fd < 0) {
        fprintf(stderr, "note: %s\n", text);
        return;
    }
    if (cur.notes > MAX_NOTES)
        return;
    char line[LINE_CAP];
    size_t len = 0;
    if (cur.notes++ == MAX_NOTES) {
        mls_append(line, sizeof line, &len, "note\t(further notes were dropped)\n");
    } else {
        mls_append(line, sizeof line, &len, "note\t");
        mls_escape(line, sizeof line - 1, &len, text);
        mls_append(line, sizeof line, &len, "\n");
    }
    (void)mls_write_all(cur.notes_fd, line, len);
}

// The build directory of this suite binary (<build>/suites/<lab>), relative
// to the working directory when it lies below it; "{build}" when unknown.
static void own_build(char *out, size_t cap)
{
    char exe[4096], cwd[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    snprintf(out, cap, "{build}");
    if (n <= 0)
        return;
    exe[n] = '\0';
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(exe, '/');
        if (slash == NULL || slash == exe)
            return;
        *slash = '\0';
    }
    size_t c = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
    if (c > 0 && strncmp(exe, cwd, c) == 0 && exe[c] == '/')
        snprintf(out, cap, "%s", exe + c + 1);
    else
        snprintf(out, cap, "%s", exe);
}

void ml_replay(const char *fmt, ...)
{
    char text[LINE_CAP - 16];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (cur.notes_fd < 0) {
        char build[4096];
        own_build(build, sizeof build);
        const char *rest = strncmp(text, "{build}", 7) == 0 ? text + 7 : NULL;
        fprintf(stderr, "replay: %s%s\n", rest ? build : "", rest ? rest : text);
        return;
    }
    if (cur.replay_fd < 0) {
        cur.replay_fd = open_outfile(cur.suite, cur.name, ".replay");
        if (cur.replay_fd < 0)
            return;
    }
    char line[LINE_CAP];
    size_t len = 0;
    mls_append(line, sizeof line, &len, "replay\t");
    mls_escape(line, sizeof line - 1, &len, text);
    mls_append(line, sizeof line, &len, "\n");
    // O_APPEND: truncating first makes the write land at offset 0.
    if (ftruncate(cur.replay_fd, 0) == 0)
        (void)mls_write_all(cur.replay_fd, line, len);
}
