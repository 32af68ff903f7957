// threshold.c — the layout suite's tests of layout_find_mmap_threshold: the
// truth is the suite's own binary search over where malloc puts a request,
// measured before the student's experiment runs.
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "layout_suite.h"

// observe — where malloc puts `size` bytes, by the oracle: 1 brk heap,
// 0 anonymous mmap, -1 elsewhere. Leaves malloc's heap trimmed.
static int observe(size_t size)
{
    void *p = malloc(size);
    cr_assert(p != NULL, "malloc(%zu) failed", size);
    layout_map_t m;
    suite_oracle_self(&m);
    const layout_region_t *r = suite_oracle_region(&m, (uintptr_t)p);
    int where = r == NULL ? -1 : strcmp(r->path, "[heap]") == 0 ? 1 : r->path[0] == '\0' ? 0 : -1;
    layout_map_free(&m);
    free(p);
    malloc_trim(0);
    return where;
}

// true_threshold — the smallest size in [lo, hi] malloc serves with mmap
// with `pin` pinned, found by the suite's own binary search; 0 if none.
static long true_threshold(size_t pin, size_t lo, size_t hi)
{
    cr_assert(mallopt(M_MMAP_THRESHOLD, (int)pin) == 1, "suite error: mallopt refused %zu", pin);
    if (observe(hi) != 0)
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int where = observe(mid);
        cr_assert(where >= 0, "suite error: malloc(%zu) is neither in the heap nor in mmap", mid);
        if (where == 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return (long)lo;
}

// malloc_is_tunable — whether this malloc accepts mallopt (glibc's does;
// a sanitizer's malloc does not, and then the experiment must return -1).
static bool malloc_is_tunable(void)
{
    return mallopt(M_MMAP_THRESHOLD, 128 << 10) == 1;
}

// threshold_evidence — why `got` is not the answer `want`, told by what
// malloc did with a request on the wrong side of the student's answer, never
// by the answer itself (finding it is the task): a `got` too high has a
// smaller request that is already mmapped, one too low is still in the heap.
static const char *threshold_evidence(size_t pin, long want, long got, char *msg, size_t len)
{
    const char *replay = "replay: build/student/bin/layout --pin";
    if (got <= 0 && want > 0)
        snprintf(msg, len,
                 "with M_MMAP_THRESHOLD pinned to %zu, layout_find_mmap_threshold returned %ld, "
                 "but some request in [1, 32 MiB] is served by mmap (%s %zu)",
                 pin, got, replay, pin);
    else if (want == 0)
        snprintf(msg, len,
                 "with M_MMAP_THRESHOLD pinned to %zu, layout_find_mmap_threshold returned %ld, "
                 "but the suite saw no request in [1, 32 MiB] served by mmap (%s %zu)",
                 pin, got, replay, pin);
    else if (got > want)
        snprintf(msg, len,
                 "with M_MMAP_THRESHOLD pinned to %zu, layout_find_mmap_threshold returned %ld, "
                 "but malloc(%ld) is already served by mmap: the answer is smaller (%s %zu)",
                 pin, got, got - 1, replay, pin);
    else
        snprintf(msg, len,
                 "with M_MMAP_THRESHOLD pinned to %zu, layout_find_mmap_threshold returned %ld, "
                 "but malloc(%ld) comes from the brk heap: the answer is larger (%s %zu)",
                 pin, got, got, replay, pin);
    return msg;
}

void suite_threshold_finds_the_pinned_threshold(void)
{
    static const size_t pins[] = { 64 << 10, 100000, (256 << 10) + 8 };
    const size_t hi = (size_t)32 << 20;
    layout_facts_t *f = malloc(sizeof *f);
    cr_assert(f != NULL);
    layout_facts_init(f);
    bool tunable = malloc_is_tunable();
    int right = 0;
    char msg[512];
    for (size_t i = 0; i < 3; i++) {
        // The truth first, measured on a heap the student's code has not touched.
        long want = tunable ? true_threshold(pins[i], 1, hi) : -1;
        long got = layout_find_mmap_threshold(pins[i], 1, hi, f);
        if (!tunable) {
            if (got == -1)
                right++;
            else
                ml_note(
                    "this malloc ignores mallopt (it is a sanitizer's), so the experiment "
                    "cannot pin %zu: layout_find_mmap_threshold should return -1, it returned %ld",
                    pins[i], got);
            continue;
        }
        if (got == want)
            right++;
        else
            ml_note("%s", threshold_evidence(pins[i], want, got, msg, sizeof msg));
    }
    free(f);
    ml_award(right / 3.0, "%d of 3 pinned thresholds found to the byte", right);
}

void suite_threshold_handles_ranges_and_refusals(void)
{
    layout_facts_t *f = malloc(sizeof *f);
    cr_assert(f != NULL);
    layout_facts_init(f);
    bool tunable = malloc_is_tunable();
    // The largest pin mallopt's int can carry: what this malloc does with
    // it, asked first (glibc takes it; [1, 4096] then all comes from the
    // brk heap).
    const size_t max_pin = (size_t)INT32_MAX, wrap_pin = (size_t)1 << 32;
    long max_want =
        mallopt(M_MMAP_THRESHOLD, INT32_MAX) == 1 ? true_threshold(max_pin, 1, 4096) : -1;
    int fds = suite_open_fds();
    long blocks = ml_heap_blocks();
    long below = layout_find_mmap_threshold(64 << 10, 1, 4096, f);
    long above = layout_find_mmap_threshold(64 << 10, 100000, 200000, f);
    long one_heap = layout_find_mmap_threshold(64 << 10, 4096, 4096, f);
    long one_mmap = layout_find_mmap_threshold(64 << 10, 100000, 100000, f);
    // Pins on both sides of what mallopt's int can carry: INT32_MAX as it
    // is; one more, and 2^32 (0 once cut to an int), cannot be pinned.
    long at_max = layout_find_mmap_threshold(max_pin, 1, 4096, f);
    // The pin stays in force afterwards: a request far above 65536 now
    // comes from the brk heap (observed before anything else pins again).
    int kept_pin = max_want == -1 ? -1 : observe(300000);
    long past_max = layout_find_mmap_threshold(max_pin + 1, 1, 4096, f);
    long wraps = layout_find_mmap_threshold(wrap_pin, 1, 4096, f);
    // Last: once malloc has returned NULL in a process with threads, glibc
    // serves this thread from another arena, outside the brk heap.
    long refused = layout_find_mmap_threshold(64 << 10, 1, (size_t)1 << 62, f);
    long kept = ml_heap_blocks() - blocks;
    int left = suite_open_fds() - fds;
    cr_assert(left == 0,
              "after eight experiments (pinned to 65536, 2147483647, 2147483648 and 2^32) %d "
              "more file descriptor(s) are open than before: each probe must leave the "
              "process as it found it (the handout, task 6)",
              left);
    cr_assert(kept <= 0,
              "after eight experiments (pinned to 65536, 2147483647, 2147483648 and 2^32) %ld "
              "more heap block(s) are allocated than before: free what you allocate (the "
              "handout, task 6)",
              kept);
    if (!tunable) {
        cr_assert(below == -1 && above == -1 && one_heap == -1 && one_mmap == -1 && refused == -1,
                  "this malloc ignores mallopt (a sanitizer's): every call must return -1, "
                  "yours returned %ld, %ld, %ld, %ld and %ld",
                  below, above, one_heap, one_mmap, refused);
    } else {
        cr_assert(below == 0,
                  "pinned to 65536, every request in [1, 4096] comes from the brk heap: "
                  "expected 0, got %ld",
                  below);
        cr_assert(above == 100000,
                  "pinned to 65536, every request in [100000, 200000] is mmapped: "
                  "expected 100000 (the smallest in the range), got %ld",
                  above);
        cr_assert(one_heap == 0,
                  "pinned to 65536, the range [4096, 4096] holds one size, from the brk heap: "
                  "expected 0, got %ld",
                  one_heap);
        cr_assert(one_mmap == 100000,
                  "pinned to 65536, the range [100000, 100000] holds one size, mmapped: "
                  "expected 100000, got %ld",
                  one_mmap);
        cr_assert(refused == -1,
                  "pinned to 65536, in the range [1, 2^62] malloc refuses the largest request "
                  "(it returns NULL), so the experiment cannot run: expected -1, got %ld",
                  refused);
    }
    // With the threshold that high, a reader's own buffers grow the brk heap
    // while it reads the maps, and the kernel can then print the heap twice:
    // -1 (the maps cannot be read) is an answer too. Whether the pin was
    // made is seen in what malloc does after the call.
    cr_assert(at_max == max_want || at_max == -1,
              "pinned to %zu (INT32_MAX, the largest int mallopt takes), range [1, 4096]: "
              "expected %ld (%s), got %ld",
              max_pin, max_want,
              max_want == -1 ? "this malloc refuses the pin" : "all from the brk heap", at_max);
    cr_assert(max_want == -1 || kept_pin == 1,
              "after layout_find_mmap_threshold(%zu, 1, 4096) (INT32_MAX, the largest int "
              "mallopt takes), malloc(300000) is %s: the pin should have been made and stay in "
              "force afterwards (the handout, task 6)",
              max_pin, kept_pin == 0 ? "mmapped" : "neither in the brk heap nor mmapped");
    cr_assert(past_max == -1 && wraps == -1,
              "pins of %zu and %zu do not fit in mallopt's int, so the experiment cannot pin "
              "them (the handout, task 6): expected -1 for both, got %ld and %ld",
              max_pin + 1, wrap_pin, past_max, wraps);
    free(f);
}
