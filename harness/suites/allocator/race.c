// race.c — the hand-over path under ThreadSanitizer (stage 3, the mcache):
// runs build/<impl>/tsan/allocator-race (harness/probes/allocator_race.c
// over the student's mm.c built with -fsanitize=thread; labs/allocator/
// lab.mk), one scenario at a time, through the suite library's probe
// runner (memlab/tsan_probe.h), and fails on any report or when the probe
// finds a block handed out twice.
//
//   mcache/central_lists_without_races  thread 1 allocates blocks of one
//       class and hands them to thread 2, which frees them; thread 1
//       refills from the class, then each exits; each step follows the
//       other thread's, ordered by nothing but mm.c's own locks and
//       atomics. A path that touches a class's shared spans, lists or
//       tiny-block counts without them (flushing a thread's freed objects,
//       a free whose cache cannot be made, a refill, a span cut again for
//       another class, spare spans given back before the heap grows, a
//       thread's exit, a log of tiny frees applied, the rest of a refill
//       that gave spans back to the page heap first) is reported on every
//       run, where a stress test (mcache/handover_on_one_class) hits its
//       window only by chance. Six scenarios, as the probe's header says:
//       each leads a thread to the class by another of those paths.
// The test needs .allow_exec (a second process) and .mem_mb =
// ML_MEM_UNLIMITED (ThreadSanitizer's shadow memory).
#include <limits.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "memlab/grade.h"
#include "memlab/tsan_probe.h"
#include "allocator_suite.h"

void suite_mcache_central_lists_without_races(void)
{
    static const struct {
        const char *name, *what;
    } scen[] = {
        { "flush-refill", "thread 1 allocates 256 blocks of 4096 bytes and hands them to "
                          "thread 2, then allocates one more; thread 2 frees the 256; thread "
                          "1 allocates 128 again; thread 2 exits, then thread 1" },
        { "refused-free", "as flush-refill, but the C library refuses every malloc of thread 2 "
                          "while it frees (a per-thread cache that cannot be made)" },
        { "reclaim", "as flush-refill, but after thread 2's frees thread 1 first allocates a "
                     "large block of 40000 bytes" },
        { "recut", "as flush-refill, but after thread 2's frees thread 1 first allocates a "
                   "2048-byte block (another class of 1-page spans)" },
        { "tiny", "as flush-refill, with 4-byte pieces instead of 4096-byte blocks" },
        { "paused-refill", "as flush-refill, but a first thread has held a 32768-byte and a "
                           "1 MiB block at once, then freed them; thread 2 frees while "
                           "thread 1's malloc of its one more block waits in its first call "
                           "of free() (up to 5 seconds)" },
    };
    char probe[PATH_MAX];
    ml_tsan_probe_path("allocator-race", probe, sizeof probe);
    for (size_t i = 0; i < sizeof scen / sizeof scen[0]; i++) {
        ml_tsan_run_t r;
        ml_tsan_probe_run(probe, scen[i].name, "mm.c:", &r);
        if (r.race)
            cr_assert(false,
                      "hand-over path, scenario %s: %s; each step follows the other "
                      "thread's, ordered by nothing but your mm.c's own synchronisation, "
                      "and ThreadSanitizer reports: %s. A free from another thread and a "
                      "refill of the same class may run at once (handout: The mcache); "
                      "replay: build/<impl>/tsan/allocator-race --scenario %s",
                      scen[i].name, scen[i].what, r.report, scen[i].name);
        if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0)
            cr_assert(false,
                      "hand-over path, scenario %s: %s — the program under ThreadSanitizer "
                      "%s %d (%s); replay: build/<impl>/tsan/allocator-race --scenario %s",
                      scen[i].name, scen[i].what,
                      WIFEXITED(r.status) ? "exited with" : "was killed by signal",
                      WIFEXITED(r.status) ? WEXITSTATUS(r.status) : WTERMSIG(r.status),
                      r.report[0] ? r.report : "no report", scen[i].name);
    }
}
