// race.c — the spool registry under ThreadSanitizer (task 5): runs
// build/<impl>/tsan/pools-race (harness/probes/pools_race.c over the
// student's pools.c built with -fsanitize=thread; labs/pools/lab.mk), one
// scenario at a time, and fails on any report. ThreadSanitizer starts only
// without an address-space limit (hence the test's .mem_mb =
// ML_MEM_UNLIMITED) and, told disable_coredump=0, makes no setrlimit call,
// which the sandbox refuses (the core limit is 0 already); it is a second
// process, hence .allow_exec.
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/grade.h"
#include "pools_suite.h"

// probe_path — the probe next to this suite: <build>/tsan/pools-race.
static void probe_path(char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cr_assert(n > 0, "internal: cannot read /proc/self/exe");
    exe[n] = 0;
    snprintf(out, cap, "%s/../tsan/pools-race", dirname(exe));
    cr_assert(access(out, X_OK) == 0, "internal: %s is missing (make pools builds it)", out);
}

// run_probe — runs the probe on one scenario with its output in log;
// returns its wait status.
static int run_probe(const char *probe, const char *scenario, const char *log)
{
    pid_t pid = fork();
    cr_assert(pid >= 0, "internal: fork failed");
    if (pid == 0) {
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

// first_lines — the report's headline and the first two frames in a
// pools.c (where in the student's code the accesses are), joined into out;
// the log's first line when there is no report.
static void first_lines(const char *log, char *out, size_t cap)
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
        bool frame = t[0] == '#' && strstr(t, "pools.c:") != NULL;
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

void suite_spool_registry_without_races(void)
{
    static const struct {
        const char *name, *what;
    } scen[] = {
        { "init-init", "thread 1 calls spool_init, then thread 2 calls spool_init on a pool of "
                       "its own, then each destroys its pool" },
        { "destroy-init", "thread 2 calls spool_init, then thread 1 calls spool_destroy on a "
                          "pool made before both threads started" },
    };
    char probe[PATH_MAX];
    probe_path(probe, sizeof probe);
    char log[] = "/tmp/pools-race.XXXXXX";
    int fd = mkstemp(log);
    cr_assert(fd >= 0, "internal: cannot make a scratch file");
    close(fd);
    for (size_t i = 0; i < sizeof scen / sizeof scen[0]; i++) {
        int st = 0;
        // ThreadSanitizer may fail to map its shadow memory on a rare
        // address-space layout: that is not a race, so try again.
        bool race = false;
        for (int attempt = 0; attempt < 3; attempt++) {
            st = run_probe(probe, scen[i].name, log);
            race = log_has(log, "WARNING: ThreadSanitizer");
            if (race || !log_has(log, "FATAL: ThreadSanitizer"))
                break;
        }
        char report[1024];
        first_lines(log, report, sizeof report);
        if (race) {
            unlink(log);
            cr_assert(
                false,
                "spool registry, scenario %s: %s; the two threads are ordered by nothing "
                "but your pools' own synchronisation, and ThreadSanitizer reports: %s. Several threads may create and destroy spools at once " SUITE_SEE(
                    "Threads") "; replay: build/<impl>/tsan/pools-race --scenario %s",
                scen[i].name, scen[i].what, report, scen[i].name);
        }
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            unlink(log);
            cr_assert(false,
                      "spool registry, scenario %s: %s — the program under ThreadSanitizer "
                      "%s %d (%s); replay: build/<impl>/tsan/pools-race --scenario %s",
                      scen[i].name, scen[i].what,
                      WIFEXITED(st) ? "exited with" : "was killed by signal",
                      WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st),
                      report[0] ? report : "no report", scen[i].name);
        }
    }
    unlink(log);
}
