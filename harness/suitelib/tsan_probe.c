// tsan_probe.c — runs a lab's ThreadSanitizer probe (a second program built
// from the student's file with -fsanitize=thread) from a grading suite and
// reads its report; see memlab/tsan_probe.h for why a probe, and
// harness/probes/ for the probes themselves.
//
// Steps of one run: fork; in the child, ask to be killed when the test's
// process dies (the grader kills a test that runs past its timeout: a probe
// that hangs must not spin on after it), send stdout and stderr to a
// scratch log, set TSAN_OPTIONS, turn off address-space randomisation, exec
// the probe; in the parent, wait, then look in the log for a report
// ("WARNING: ThreadSanitizer") or for a start-up failure ("FATAL:
// ThreadSanitizer", tried again), and quote the report's headline and its
// first two frames in the student's file.
#include "memlab/tsan_probe.h"

#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/grade.h"

void ml_tsan_probe_path(const char *name, char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cr_assert(n > 0, "internal: cannot read /proc/self/exe");
    exe[n] = 0;
    snprintf(out, cap, "%s/../tsan/%s", dirname(exe), name);
    cr_assert(access(out, X_OK) == 0, "internal: %s is missing (the lab's make target builds it)",
              out);
}

// run_once — the probe on one scenario, its output in log; its wait status.
static int run_once(const char *probe, const char *scenario, const char *log)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    cr_assert(pid >= 0, "internal: fork failed");
    if (pid == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) == 0 && getppid() != parent)
            _exit(127); // the test's process is already gone
        FILE *f = freopen(log, "w", stdout);
        if (!f || dup2(fileno(stdout), 2) < 0)
            _exit(127);
        setenv("TSAN_OPTIONS", "halt_on_error=1 exitcode=66 disable_coredump=0", 1);
        // Without address-space randomisation: on kernels that randomise
        // mappings over more bits than ThreadSanitizer's layout expects, it
        // refuses to start ("unexpected memory mapping").
        int pers = personality(0xffffffff);
        if (pers != -1)
            personality((unsigned long)pers | ADDR_NO_RANDOMIZE);
        execl(probe, probe, "--scenario", scenario, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0)
        ;
    return st;
}

// log_has — whether the log holds the text s.
static bool log_has(const char *log, const char *s)
{
    FILE *f = fopen(log, "r");
    if (!f)
        return false;
    char line[512];
    bool found = false;
    while (!found && fgets(line, sizeof line, f))
        found = strstr(line, s) != NULL;
    fclose(f);
    return found;
}

// first_lines — the report's headline and its first two frames in `file`,
// joined into out; the log's first line when there is no report.
static void first_lines(const char *log, const char *file, char *out, size_t cap)
{
    out[0] = 0;
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    char line[512];
    int frames = 0;
    size_t len = 0;
    while (fgets(line, sizeof line, f) && frames < 2) {
        line[strcspn(line, "\n")] = 0;
        const char *t = line + strspn(line, " ");
        bool head = strstr(t, "WARNING: ThreadSanitizer") != NULL;
        bool frame = t[0] == '#' && strstr(t, file) != NULL;
        if (!head && !frame)
            continue;
        frames += frame;
        int w = snprintf(out + len, cap - len, "%s%s", len ? " | " : "", t);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
    if (len == 0 && fseek(f, 0, SEEK_SET) == 0 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        snprintf(out, cap, "%s", line);
    }
    fclose(f);
}

void ml_tsan_probe_run(const char *probe, const char *scenario, const char *file,
                       ml_tsan_run_t *out)
{
    char log[] = "/tmp/memlab-tsan.XXXXXX";
    int fd = mkstemp(log);
    cr_assert(fd >= 0, "internal: cannot make a scratch file");
    close(fd);
    // ThreadSanitizer may fail to map its shadow memory on a rare
    // address-space layout: that is not a race, so try again.
    for (int attempt = 0; attempt < 3; attempt++) {
        out->status = run_once(probe, scenario, log);
        out->race = log_has(log, "WARNING: ThreadSanitizer");
        if (out->race || !log_has(log, "FATAL: ThreadSanitizer"))
            break;
    }
    first_lines(log, file, out->report, sizeof out->report);
    unlink(log);
}
