// gctrace.h — the one line per cycle that GODEBUG=gctrace=1 makes Go print,
// written by the lab's program and read back from Go's own runs (Go 1.19's
// format, runtime/mgc.go gcMarkTermination):
//
//   gc 7 @0.120s 4%: 0.018+1.2+0.004 ms clock, 0.018+0.3/0.9/0+0.004 ms cpu,
//      12->14->6 MB, 12 MB goal, 0 MB stacks, 0 MB globals, 1 P
//
// (one line). Read: cycle 7 started 0.120 s after the program did; the
// collector has used 4 % of the CPU since then; the heap live was 12 MB
// when the cycle started (A), 14 MB when marking ended (B) and 6 MB were
// marked live (C); the goal was 12 MB. MB here is 2^20 bytes, rounded down.
// A forced cycle ends in " (forced)"; the lab marks a cycle during which
// the limiter capped the collector with " (limited)". The lab's program writes the clock
// part as a single "X ms clock" (its real stop-the-world time) and no cpu
// part; the parser accepts both, and Go 1.18's lines (no stacks and
// globals: "..., 4 MB goal, 1 P").
#ifndef PACER_GCTRACE_H
#define PACER_GCTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "support/sim.h"

typedef struct pacer_gctrace {
    uint32_t n;                         // cycle number
    double at_s;                        // seconds since the start
    unsigned cpu_pct;                   // GC CPU % since the start
    uint64_t a_mb, b_mb, c_mb, goal_mb; // heap at start, at mark end, marked; goal
    uint64_t stacks_mb, globals_mb;     // 0 when the line has none (Go < 1.19)
    unsigned procs;                     // 0 when the line has none
    bool forced;
} pacer_gctrace_t;

// pacer_gctrace_parse — read one trace line (without or with its newline).
// Returns 1 and fills `out` for a cycle line, 0 for a line that is not one
// (it does not start with "gc " and a digit: Go prints other lines, e.g.
// the scavenger's), -1 for a line that starts like one but is malformed,
// with what is wrong in `why` (which may be NULL). Never reads past the
// line's terminating NUL.
int pacer_gctrace_parse(const char *line, pacer_gctrace_t *out, char *why, size_t whylen);

// The cycles of a whole trace.
typedef struct pacer_gctrace_sum {
    uint32_t cycles;  // cycle lines read
    uint64_t peak_mb; // the largest A or B
    uint64_t last_goal_mb;
    unsigned last_cpu_pct;
} pacer_gctrace_sum_t;

// pacer_gctrace_read — read every line of `f` (other lines are skipped).
// Returns 0; or -1 with the 1-based number of the offending line in
// *bad_line and the reason in `why`: a malformed cycle line, a line with a
// NUL byte or longer than 4 KiB, cycle numbers not counting up by one, or
// no cycle line at all (line 1 when the file is empty).
int pacer_gctrace_read(FILE *f, pacer_gctrace_sum_t *sum, size_t *bad_line, char *why,
                       size_t whylen);

// pacer_gctrace_print — the lab's trace line for cycle `r`, into `f`.
void pacer_gctrace_print(FILE *f, const pacer_cycle_rec_t *r);

#endif
