// race.c — the spool registry under ThreadSanitizer (task 5): runs
// build/<impl>/tsan/pools-race (harness/probes/pools_race.c over the
// student's pools.c built with -fsanitize=thread; labs/pools/lab.mk), one
// scenario at a time, through the suite library's probe runner
// (memlab/tsan_probe.h), and fails on any report. The test needs
// .allow_exec (a second process) and .mem_mb = ML_MEM_UNLIMITED
// (ThreadSanitizer's shadow memory).
#include <limits.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "memlab/grade.h"
#include "memlab/tsan_probe.h"
#include "pools_suite.h"

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
    ml_tsan_probe_path("pools-race", probe, sizeof probe);
    for (size_t i = 0; i < sizeof scen / sizeof scen[0]; i++) {
        ml_tsan_run_t r;
        ml_tsan_probe_run(probe, scen[i].name, "pools.c:", &r);
        if (r.race)
            cr_assert(
                false,
                "spool registry, scenario %s: %s; the two threads are ordered by nothing "
                "but your pools' own synchronisation, and ThreadSanitizer reports: %s. Several threads may create and destroy spools at once " SUITE_SEE(
                    "Threads") "; replay: build/<impl>/tsan/pools-race --scenario %s",
                scen[i].name, scen[i].what, r.report, scen[i].name);
        if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0)
            cr_assert(false,
                      "spool registry, scenario %s: %s — the program under ThreadSanitizer "
                      "%s %d (%s); replay: build/<impl>/tsan/pools-race --scenario %s",
                      scen[i].name, scen[i].what,
                      WIFEXITED(r.status) ? "exited with" : "was killed by signal",
                      WIFEXITED(r.status) ? WEXITSTATUS(r.status) : WTERMSIG(r.status),
                      r.report[0] ? r.report : "no report", scen[i].name);
    }
}
