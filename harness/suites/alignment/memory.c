// memory.c — the alignment suite's test that the student's functions keep
// no memory between calls (the handout: "nothing may keep memory between
// calls"). A leak of a few bytes per call changes no answer, so only the
// allocator can show it: the suite counts the blocks handed out and not
// given back with ml_heap_blocks() (harness/suitelib/heapcount.c; the suite
// is linked with ML_HEAP_COUNT_LDFLAGS, see labs/alignment/lab.mk).
// Each function runs on every aggregate of the handout's examples and of a
// few over-aligned structs, WARMUP times (a cache that fills once is not a
// leak), then ROUNDS more times; after those the count must be what it was
// before them.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "alignment_suite.h"

enum { WARMUP = 2, ROUNDS = 20 };

// Structs whose smallest order is not Go's (an over-aligned member), so that
// sl_optimal_order takes its longest path.
static const char overaligned_text[] =
    "struct m1 { char a[10]; int b; _Alignas(4) char c[9]; };\n"
    "struct m2 { _Alignas(16) char a; long b; int c; char d; short e; };\n"
    "struct m3 { struct m1 x; _Alignas(32) char y; void *p; struct m2 z; char t[]; };\n";

// One of the student's functions, run on one aggregate.
typedef enum which { W_TYPE, W_LAYOUT, W_PTRBYTES, W_STATS, W_REPORT, W_ORDER, W_COUNT } which_t;

static const char *const which_name[W_COUNT] = { "sl_type",  "sl_layout", "sl_ptrbytes",
                                                 "sl_stats", "sl_report", "sl_optimal_order" };

// call — `w` on every aggregate of f (scratch arrays m and order hold
// at least the largest aggregate's members).
static void call(which_t w, const cdecl_file_t *f, FILE *devnull, sl_member_layout_t *m,
                 size_t *order)
{
    for (size_t a = 0; a < f->naggregates; a++) {
        const cdecl_type_t *agg = f->aggregates[a];
        switch (w) {
        case W_TYPE: sl_type(agg); break;
        case W_LAYOUT: sl_layout(agg, m); break;
        case W_PTRBYTES: sl_ptrbytes(agg); break;
        case W_STATS: sl_stats(agg); break;
        case W_REPORT: sl_report(devnull, agg); break;
        default:
            if (agg->kind == CDECL_STRUCT)
                sl_optimal_order(agg, order);
            break;
        }
    }
}

// max_members — the most members of any aggregate of f.
static size_t max_members(const cdecl_file_t *f)
{
    size_t n = 1;
    for (size_t a = 0; a < f->naggregates; a++)
        if (f->aggregates[a]->nmembers > n)
            n = f->aggregates[a]->nmembers;
    return n;
}

void suite_robustness_repeated_calls_keep_no_memory(void)
{
    cdecl_file_t *files[2] = { suite_parse_text("examples.h", suite_examples_text),
                               suite_parse_text("overaligned.h", overaligned_text) };
    const char *names[2] = { "the handout's examples (labs/alignment/data/examples.h)",
                             "three structs with over-aligned members" };
    FILE *devnull = fopen("/dev/null", "w");
    cr_assert(devnull != NULL, "internal: cannot open /dev/null");
    char msg[2048];
    size_t len = 0;
    msg[0] = '\0';
    for (int i = 0; i < 2; i++) {
        size_t n = max_members(files[i]);
        sl_member_layout_t *m = calloc(n, sizeof(*m));
        size_t *order = calloc(n, sizeof(*order));
        cr_assert(m != NULL && order != NULL, "internal: out of memory");
        for (which_t w = 0; w < W_COUNT; w++) {
            for (int r = 0; r < WARMUP; r++)
                call(w, files[i], devnull, m, order);
            long before = ml_heap_blocks();
            for (int r = 0; r < ROUNDS; r++)
                call(w, files[i], devnull, m, order);
            long kept = ml_heap_blocks() - before;
            if (kept > 0 && len < sizeof msg)
                len +=
                    (size_t)snprintf(msg + len, sizeof msg - len,
                                     "\n  %s on each of the %zu aggregates of %s, %d times "
                                     "over: %ld more blocks allocated than freed",
                                     which_name[w], files[i]->naggregates, names[i], ROUNDS, kept);
        }
        free(m);
        free(order);
    }
    fclose(devnull);
    cdecl_free(files[0]);
    cdecl_free(files[1]);
    cr_assert(len == 0,
              "memory is kept between calls (the handout: \"nothing may keep memory between "
              "calls\"):%s",
              msg);
}
