// bookkeeping.c — the tracker's own memory across runs and when it is
// refused: the table, lk_classify's marks and lk_group's scratch come from
// lk_mem_alloc and go back (twenty runs of track, classify, group, reset
// leave as many lk_mem regions mapped, and as many malloc bytes in use, as
// before); and when lk_mem_alloc refuses (the system is out of memory), the
// table stays as it was, the classification says so instead of crashing
// and lk_group makes no records.
//
// The refusal is forced at link time: the suite is linked with
// -Wl,--wrap=lk_mem_alloc (labs/leak-detection/lab.mk), so every call of the
// student's code to lk_mem_alloc reaches __wrap_lk_mem_alloc below, which
// refuses while suite_refuse_mem is set and otherwise passes the call on.
// The malloc count (mallinfo2) is a plain-build check: the grader runs the
// sanitized build with LeakSanitizer off, and ASan's mallinfo2 counts
// nothing.
#include <malloc.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "lk_suite.h"
#include "memlab/grade.h"

void *__real_lk_mem_alloc(size_t size);
void *__wrap_lk_mem_alloc(size_t size);

static atomic_bool suite_refuse_mem;
static atomic_int suite_refused;

void *__wrap_lk_mem_alloc(size_t size)
{
    if (atomic_load(&suite_refuse_mem)) {
        atomic_fetch_add(&suite_refused, 1);
        return NULL;
    }
    return __real_lk_mem_alloc(size);
}

#define RUN_BLOCKS 2000
#define RUNS 20
#define REPLAY_RUNS \
    "replay: build/<impl>/suites/leak-detection --filter 'track/bookkeeping_across_runs' --verbose"

static size_t regions_now(void)
{
    lk_region_t r[1024];
    return lk_mem_regions(r, 1024);
}

// one_run — what the tracker does in one program's life: track blocks (a
// lost list, some reachable ones), classify them at exit, summarize and
// group the report, then forget everything.
static void one_run(int run, uintptr_t *words)
{
    static lk_block_t b[RUN_BLOCKS];
    lk_track_reset();
    for (size_t i = 0; i < RUN_BLOCKS; i++)
        cr_assert(lk_track_alloc((uintptr_t)&words[4 * i], 32, 1 + (uint32_t)(i % 7)) == 0,
                  "run %d: lk_track_alloc of block %zu failed", run, i);
    for (size_t i = 0; i + 1 < RUN_BLOCKS; i++)
        words[4 * i] = (i % 3) ? (uintptr_t)&words[4 * (i + 1)] : 0;
    size_t n = lk_track_snapshot(b, RUN_BLOCKS);
    cr_assert(n == RUN_BLOCKS, "run %d: snapshot of %d blocks returned %zu", run, RUN_BLOCKS, n);
    uintptr_t root[2] = { (uintptr_t)&words[0], (uintptr_t)&words[4 * 900] };
    lk_region_t r = { (uintptr_t)root, (uintptr_t)(root + 2), LK_ROOT_DATA, false, "run root" };
    cr_assert(lk_classify(&r, 1, b, n) == 0,
              "run %d: lk_classify returned -1 on a heap with "
              "room",
              run);
    lk_count_t sum[LK_NKINDS];
    lk_summarize(b, n, sum);
    lk_record_t rec[64];
    size_t nr = lk_group(b, n, rec, 64);
    cr_assert(nr > 0, "run %d: lk_group made no record of %zu blocks", run, n);
    lk_track_reset();
}

void suite_track_bookkeeping_across_runs(void)
{
    static uintptr_t words[4 * RUN_BLOCKS];
    lk_track_reset();
    one_run(0, words); // the first run may set up what lives for good
    size_t regions0 = regions_now();
    size_t malloc0 = mallinfo2().uordblks;
    for (int run = 1; run <= RUNS; run++) {
        one_run(run, words);
        size_t regions = regions_now();
        cr_assert(regions <= regions0,
                  "scenario: %d runs of track %d blocks, classify, summarize, group, reset; "
                  "after run %d, %zu lk_mem regions are mapped, %zu after the first run: one "
                  "of these steps keeps memory it took with lk_mem_alloc (handout: "
                  "labs/leak-detection/README.md, tasks 1-3, the lab's own memory); %s",
                  RUNS, RUN_BLOCKS, run, regions, regions0, REPLAY_RUNS);
    }
    size_t malloc1 = mallinfo2().uordblks;
    cr_assert(malloc1 <= malloc0 + 16384,
              "scenario: %d runs of track %d blocks, classify, summarize, group, reset; malloc "
              "holds %zu bytes more than after the first run: a step allocates with malloc and "
              "never frees (handout: labs/leak-detection/README.md, the lab's own memory); %s",
              RUNS, RUN_BLOCKS, malloc1 - malloc0, REPLAY_RUNS);
}

#define REPLAY_REFUSED \
    "replay: build/<impl>/suites/leak-detection --filter 'track/memory_refused' --verbose"

void suite_track_memory_refused(void)
{
    lk_track_reset();
    // The table grows by lk_mem_alloc; track until a growth is refused.
    atomic_store(&suite_refused, 0);
    size_t ok = 0;
    int arc = 0;
    for (; ok < 200000; ok++) {
        if (ok == 100)
            atomic_store(&suite_refuse_mem, true); // refuse from now on
        if ((arc = lk_track_alloc(0x40000000 + 64 * (uintptr_t)ok, 48, 3)) != 0)
            break;
    }
    atomic_store(&suite_refuse_mem, false);
    cr_assert(ok < 200000 && atomic_load(&suite_refused) > 0,
              "scenario: lk_mem_alloc refuses every request after block 100; 200000 blocks "
              "were tracked without the table asking for memory");
    cr_assert(arc == -1,
              "scenario: lk_mem_alloc refused; step: lk_track_alloc of block %zu returned %d: "
              "leaks.h says it returns 0 or -1; %s",
              ok, arc, REPLAY_REFUSED);
    cr_assert(lk_track_count() == ok,
              "scenario: lk_mem_alloc refused; step: lk_track_alloc of block %zu returned -1; "
              "lk_track_count is %zu, want %zu (the blocks tracked before): a refused block "
              "must leave the table as it was (handout: labs/leak-detection/README.md, task "
              "1); %s",
              ok, lk_track_count(), ok, REPLAY_REFUSED);
    for (size_t i = 0; i < ok; i++)
        cr_assert(lk_track_lookup(0x40000000 + 64 * (uintptr_t)i, NULL) == 1,
                  "after a refused lk_track_alloc, block %zu (tracked before) is gone; %s", i,
                  REPLAY_REFUSED);
    cr_assert(lk_track_lookup(0x40000000 + 64 * (uintptr_t)ok, NULL) == 0,
              "the block whose lk_track_alloc returned -1 is in the table; %s", REPLAY_REFUSED);
    // A realloc to a new address while memory is refused: it may be tracked
    // (no growth needed) or refused, but its result must say which.
    uintptr_t moved = 0x40000000 + 64 * (uintptr_t)(ok + 1);
    atomic_store(&suite_refuse_mem, true);
    int rrc = lk_track_realloc(0x40000000, moved, 96, 5);
    atomic_store(&suite_refuse_mem, false);
    lk_block_t got;
    int found = lk_track_lookup(moved, &got);
    cr_assert((rrc == 0 && found == 1 && got.size == 96 && got.site == 5) ||
                  (rrc == -1 && found == 0),
              "scenario: lk_mem_alloc refuses; step: lk_track_realloc of block 0 to a new "
              "address returned %d, and the new address is %s: the result must say whether "
              "the moved block is tracked (leaks.h, lk_track_realloc); %s",
              rrc, found ? "tracked" : "not tracked", REPLAY_REFUSED);
    cr_assert(lk_track_alloc(0x40000000 + 64 * (uintptr_t)ok, 48, 3) == 0,
              "lk_track_alloc fails although lk_mem_alloc gives memory again");
    // The classification's marks refused: -1, no crash.
    static lk_block_t b[16];
    static uintptr_t mem[16 * 4];
    for (size_t i = 0; i < 16; i++)
        b[i] = (lk_block_t){ (uintptr_t)&mem[4 * i], 32, 1, 0 };
    atomic_store(&suite_refuse_mem, true);
    int rc = lk_classify(NULL, 0, b, 16);
    atomic_store(&suite_refuse_mem, false);
    bool all_lost = true;
    for (size_t i = 0; i < 16; i++)
        all_lost = all_lost && b[i].kind == LK_DEFINITE;
    cr_assert(rc == -1 || (rc == 0 && all_lost),
              "scenario: lk_mem_alloc refuses; step: lk_classify of 16 blocks with no root "
              "returned %d%s: it must either say it ran out of memory (-1) or classify "
              "correctly (handout: labs/leak-detection/README.md, task 2); %s",
              rc, rc == 0 ? " with wrong kinds" : "", REPLAY_REFUSED);
    // lk_group's scratch refused: no records (0), or, for a solution that
    // needs no memory, the right three.
    for (size_t i = 0; i < 3; i++)
        b[i] = (lk_block_t){ (uintptr_t)&mem[4 * i], 30 - 10 * i, 1 + (uint32_t)i, LK_DEFINITE };
    lk_record_t rec[8];
    memset(rec, 0, sizeof rec);
    atomic_store(&suite_refuse_mem, true);
    size_t nr = lk_group(b, 3, rec, 8);
    atomic_store(&suite_refuse_mem, false);
    bool right = nr == 3;
    for (size_t i = 0; right && i < 3; i++)
        right = rec[i].site == 1 + i && rec[i].kind == LK_DEFINITE && rec[i].bytes == 30 - 10 * i &&
                rec[i].blocks == 1;
    cr_assert(nr == 0 || right,
              "scenario: lk_mem_alloc refuses; step: lk_group of 3 lost blocks from 3 sites "
              "returned %zu%s: when memory is refused it must return 0 (no records), or else "
              "group correctly (leaks.h, lk_group); %s",
              nr, nr == 3 ? " with wrong records" : "", REPLAY_REFUSED);
    lk_track_reset();
}
