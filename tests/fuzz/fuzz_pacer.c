// fuzz_pacer.c — fuzz target for the pacer lab's gctrace reader
// (labs/pacer/support/gctrace.c, format in gctrace.h): the lines Go prints
// under GODEBUG=gctrace=1, which the bench and `pacer --gctrace` read.
//
// LLVMFuzzerTestOneInput feeds the bytes to pacer_gctrace_read through
// fmemopen and checks, beyond "never crashes" (AddressSanitizer and UBSan
// watch every access):
//   - a rejection names a line of the input ("fuzz:LINE: text"), the input
//     cut after that line is rejected with the very same message, and a
//     short buffer gets a terminated prefix of it;
//   - an accepted trace agrees with a count made here, line by line with
//     pacer_gctrace_parse: as many cycle lines as cycles, numbered 1, 2, ...,
//     the peak the most of their A and B;
//   - each cycle line round-trips: printed again by pacer_gctrace_print from
//     its numbers, it parses to the same cycle, heap sizes and goal.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "support/gctrace.h"

const char ml_fuzz_name[] = "fuzz_pacer";
const char ml_fuzz_accepted_what[] = "traces read and recounted";
unsigned long long ml_fuzz_accepted;

static bool rejects(const uint8_t *data, size_t size, char *err, size_t errlen)
{
    FILE *f = ml_fuzz_open(data, size);
    pacer_gctrace_sum_t sum;
    size_t line = 0;
    char why[512];
    int rc = pacer_gctrace_read(f, &sum, &line, why, sizeof why);
    fclose(f);
    if (rc == 0)
        return false;
    snprintf(err, errlen, "fuzz:%zu: %s", line, why);
    return true;
}

// The numbers of `g` printed as the lab prints a cycle, then parsed again.
static void check_round_trip(const pacer_gctrace_t *g)
{
    if (g->a_mb > (UINT64_MAX >> 20) || g->b_mb > (UINT64_MAX >> 20) ||
        g->c_mb > (UINT64_MAX >> 20) || g->goal_mb > (UINT64_MAX >> 20) ||
        g->stacks_mb > (UINT64_MAX >> 20) || g->globals_mb > (UINT64_MAX >> 20))
        return; // sizes in bytes would not fit: the lab never prints those
    pacer_cycle_rec_t r;
    memset(&r, 0, sizeof r);
    r.n = g->n;
    r.heap_start = g->a_mb << 20;
    r.heap_end = g->b_mb << 20;
    r.heap_marked = g->c_mb << 20;
    r.goal = g->goal_mb << 20;
    r.stacks = g->stacks_mb << 20;
    r.globals = g->globals_mb << 20;
    r.cpu_fraction = g->cpu_pct / 100.0;
    char buf[1024];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    ml_fuzz_check(f != NULL, "fmemopen for the round trip");
    pacer_gctrace_print(f, &r);
    fclose(f);
    pacer_gctrace_t h;
    char why[256];
    ml_fuzz_check(pacer_gctrace_parse(buf, &h, why, sizeof why) == 1,
                  "a line printed by pacer_gctrace_print parses");
    ml_fuzz_check(h.n == g->n && h.a_mb == g->a_mb && h.b_mb == g->b_mb && h.c_mb == g->c_mb &&
                      h.goal_mb == g->goal_mb && h.stacks_mb == g->stacks_mb &&
                      h.globals_mb == g->globals_mb,
                  "a printed cycle parses to the same numbers");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[600];
    if (rejects(data, size, err, sizeof err)) {
        ml_fuzz_check_line_error(data, size, err, rejects);
        return 0;
    }
    FILE *f = ml_fuzz_open(data, size);
    pacer_gctrace_sum_t sum;
    size_t line = 0;
    char why[256];
    ml_fuzz_check(pacer_gctrace_read(f, &sum, &line, why, sizeof why) == 0,
                  "the same input is accepted twice");
    fclose(f);
    // Recount, line by line.
    uint32_t cycles = 0;
    uint64_t peak = 0;
    size_t start = 0;
    while (start < size) {
        size_t end = start;
        while (end < size && data[end] != '\n')
            end++;
        size_t len = end - start;
        char *l = malloc(len + 1);
        ml_fuzz_check(l != NULL, "malloc");
        memcpy(l, data + start, len);
        l[len] = '\0';
        pacer_gctrace_t g;
        int k = pacer_gctrace_parse(l, &g, why, sizeof why);
        ml_fuzz_check(k >= 0, "every line of an accepted trace parses or is skipped");
        if (k == 1) {
            cycles++;
            ml_fuzz_check(g.n == cycles, "the cycles of an accepted trace count up from 1");
            if (g.a_mb > peak)
                peak = g.a_mb;
            if (g.b_mb > peak)
                peak = g.b_mb;
            check_round_trip(&g);
        }
        free(l);
        start = end + 1;
    }
    ml_fuzz_check(cycles == sum.cycles && cycles > 0, "the reader counts the cycle lines");
    ml_fuzz_check(peak == sum.peak_mb, "the reader's peak is the most of A and B");
    ml_fuzz_accepted++;
    return 0;
}
