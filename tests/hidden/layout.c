// layout.c — an instructor-only suite for the layout lab, the example of
// `make grade HIDDEN=DIR` (README, "Instructors") and the hidden suite that
// `make test-hidden` grades (tests/tests.mk).
//
// A hidden suite is written like a lab's own suite (harness/suites/<lab>.c:
// ML_TEST with points and a timeout, Criterion's assertions) and compiled
// against the lab's header and the student's file. It is linked with the
// heap-block counter (ML_HEAP_COUNT_LDFLAGS, harness/suitelib/heapcount.c)
// in every lab whose own suite does not wrap malloc itself, so that a hidden
// test can ask ml_heap_blocks() whether the student's code returned what it
// took — here, across many reads of one file, where a leak of one block per
// read adds up.
//
// Its tests are graded with Gradescope's visibility "hidden": the student's
// terminal, report.md and junit.xml tell neither their names nor their
// points.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "memlab/grade.h"

// Three lines of a maps file, the last with a path of 300 bytes (longer than
// most first guesses at a line buffer).
static void long_maps(char *text, size_t cap)
{
    int n = snprintf(text, cap,
                     "00400000-00401000 r--p 00000000 08:01 12 /bin/x\n"
                     "00401000-00402000 rw-p 00000000 00:00 0\n"
                     "7f0000000000-7f0000001000 r--p 00000000 08:01 13 /d");
    for (int i = 0; i < 30 && n > 0 && (size_t)n < cap; i++)
        n += snprintf(text + n, cap - (size_t)n, "/dir%05d", i);
    if (n > 0 && (size_t)n < cap)
        snprintf(text + n, cap - (size_t)n, "\n");
}

// 100 reads of the same file, each map freed: afterwards the student's code
// holds no more heap blocks than before the first read.
static void reads_return_what_they_take(void)
{
    char text[1024];
    long_maps(text, sizeof text);
    long before = ml_heap_blocks();
    for (int i = 0; i < 100; i++) {
        FILE *f = fmemopen(text, strlen(text), "r");
        cr_assert(f != NULL, "fmemopen failed");
        layout_map_t m;
        layout_map_init(&m);
        char err[256] = "";
        int rc = layout_read_maps(f, "hidden.maps", &m, err, sizeof err);
        fclose(f);
        cr_assert(rc == 0, "read %d of hidden.maps failed: %s", i + 1, err);
        cr_assert(m.n == 3, "read %d of hidden.maps found %zu regions, not 3", i + 1, m.n);
        layout_map_free(&m);
    }
    long kept = ml_heap_blocks() - before;
    cr_assert(kept <= 0,
              "after 100 reads of hidden.maps, each map freed, your code holds %ld more heap "
              "block%s than before",
              kept, kept == 1 ? "" : "s");
}

ML_TEST(hidden, reads_return_what_they_take, 5, 10)
{
    reads_return_what_they_take();
}
