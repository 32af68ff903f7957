// grade.h — how a grading suite declares its tests: points, timeout and
// limits beside each Criterion test, in one place.
//
// A suite (harness/suites/<lab>.c) is a Criterion test file. Every graded test
// is written with ML_TEST (pass/fail) or ML_SCORED_TEST (a continuous score):
//
//     ML_TEST(alloc, malloc_zero_returns_null_or_unique, 2, 5) {
//         cr_assert(...);
//     }
//     ML_SCORED_TEST(alloc_perf, throughput_vs_glibc, 20, 60) {
//         double ratio = ...;
//         ml_award(ratio, "throughput %.2fx glibc", ratio);
//     }
//
// The four arguments are the suite name, the test name, the points and the
// timeout in seconds. Optional Criterion fields or grading options follow:
//     ML_TEST(s, t, 2, 5, .mem_mb = 1024, .allow_exec = true)
//
// What the macros guarantee (see harness/suitelib/suitelib.h):
//   - the points, kind and limits sit in the test's Criterion `.data`, where
//     the suite's `--memlab-manifest` mode reads them for the grader;
//   - the test process applies resource limits (address space, CPU seconds,
//     8 MiB per file written, no new processes, no internet sockets, no
//     signals to other processes; harness/suitelib/sandbox.c) before any lab
//     code runs, and sends its stdout/stderr to a per-test log of which the
//     grader's reports keep at most 64 KiB;
//   - completion proof: the test only passes if its body runs to the end. A
//     test body that is cut short by exit(0) in lab code is reported failed.
//   - a scored test earns points × the fraction given to ml_award() if it
//     passes and calls ml_award() exactly once; never or twice scores 0;
//   - ml_note() lines are shown with the test's result in every report (the
//     first few on the terminal too);
//   - every test that loses points shows one command that reproduces it:
//     the suite binary with a filter, or the lab's own program with the
//     case that failed when the test named it with ml_replay().
// Run a suite binary directly to debug it (output stays on the terminal):
//     build/solution/suites/<lab> --filter '<suite>/<test>' --verbose
//
// Failure messages are written for students: say what their code did, in
// their terms ("block 7 (size 24) overlaps block 3"), never "assert failed".
#ifndef MEMLAB_GRADE_H
#define MEMLAB_GRADE_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stddef.h>

// The exit status with which a test body that ran to its end leaves; the
// Criterion test is declared to expect it (its completion proof).
#define ML_EXIT_COMPLETE 83
// The exit status of a test that was not run because its sandbox could not be
// set up (see harness/suitelib/sandbox.c).
#define ML_EXIT_NO_SANDBOX 86

#define ML_GRADE_MAGIC 0x6d6c6772u // "mlgr": marks .data as an ml_grade_info_t

typedef enum {
    ML_KIND_PASS_FAIL = 0, // all points or none
    ML_KIND_SCORED = 1,    // points × the fraction passed to ml_award()
} ml_test_kind_t;

// .mem_mb = ML_MEM_UNLIMITED: no address-space limit, for a test that runs
// a program under ThreadSanitizer (which reserves terabytes of address space
// for its shadow and refuses to start under any limit).
#define ML_MEM_UNLIMITED ((size_t)-1)

// Grading options of one test. Suites set the optional fields by name in
// the macros' trailing arguments.
typedef struct ml_grade_info {
    unsigned magic; // ML_GRADE_MAGIC
    double points;  // the most this test can earn
    ml_test_kind_t kind;
    size_t mem_mb;     // address-space limit; 0 = default (1024 MiB); ML_MEM_UNLIMITED = none
    double cpu_s;      // CPU-time limit; 0 = 2 × timeout + 1
    bool allow_exec;   // may fork/exec, signal and use sockets (e.g. run cc)
    bool hidden;       // visibility "hidden" in results.json
    const char *title; // a human name for reports; default: the test name
} ml_grade_info_t;

// Called first in every test process (by the macros): limits, output log.
void ml_test_enter(const char *suite, const char *name, const ml_grade_info_t *info);
// Called last in every test body (by the macros): the completion proof.
_Noreturn void ml_test_complete(void);

// ml_award — the fraction (clamped to [0, 1]) of a scored test's points, with
// a one-line explanation shown to the student. Call it once per scored test.
void ml_award(double fraction, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

// ml_timing_repeats — how many timed runs a scored performance test should
// take the median of: the instructor's choice (an assignment's
// `timing-repeats`, passed as MEMLAB_TIMING_REPEATS) or else `dflt`.
int ml_timing_repeats(int dflt);

// ml_note — a line of context kept with the test's result (shown on failure
// and in the reports), e.g. the trace and seed a test used.
void ml_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// ml_replay — the command that replays this test's failure with the lab's
// own program, shown to the student (terminal, reports, results.json) in
// place of the default `<build>/suites/<lab> --filter 'suite/test' --verbose`.
// The last call before the test ends wins (a loop may name each case before
// checking it; a scored test names only its first failing case), and a test
// that passes with full points never shows it. The command starts with {build},
// which the grader replaces by the graded build's directory, then bin/ and
// the lab's program (or suites/ and the lab):
//     ml_replay("{build}/bin/tri-color -s %s --seed %llu -b %zu", name, seed, budget);
// Outside quotes it may hold only letters, digits, spaces and _-./:=,+@%;
// anything else goes in balanced single quotes ('a b*'). A command that
// breaks these rules is ignored (the grader warns) and the default shown.
void ml_replay(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// ml_heap_blocks — the heap blocks the objects linked into this suite hold
// now: allocated with malloc, calloc, realloc, strdup, strndup, getline or
// getdelim and not yet freed (harness/suitelib/heapcount.c). A test compares
// two readings around the student's calls. Only for a suite linked with
// ML_HEAP_COUNT_LDFLAGS (its lab.mk: <lab>_SUITE_LDFLAGS).
long ml_heap_blocks(void);

#define ML_TEST_(kind_, suite, name, pts, secs, ...)                           \
    static void ml_body_##suite##_##name(void);                                \
    static ml_grade_info_t ml_info_##suite##_##name = {                        \
        .magic = ML_GRADE_MAGIC, .points = (pts), .kind = (kind_), __VA_ARGS__ \
    };                                                                         \
    Test(suite, name, .exit_code = ML_EXIT_COMPLETE, .timeout = (secs),        \
         .data = &ml_info_##suite##_##name)                                    \
    {                                                                          \
        ml_test_enter(#suite, #name, &ml_info_##suite##_##name);               \
        ml_body_##suite##_##name();                                            \
        ml_test_complete();                                                    \
    }                                                                          \
    static void ml_body_##suite##_##name(void)

// ML_TEST(suite, name, points, timeout_seconds [, .option = value ...])
#define ML_TEST(suite, name, pts, secs, ...) \
    ML_TEST_(ML_KIND_PASS_FAIL, suite, name, pts, secs, __VA_ARGS__)
// ML_SCORED_TEST(suite, name, points, timeout_seconds [, options]): calls ml_award.
#define ML_SCORED_TEST(suite, name, pts, secs, ...) \
    ML_TEST_(ML_KIND_SCORED, suite, name, pts, secs, __VA_ARGS__)

#endif
