// suitelib.h — internal interface between the files of the suite library
// (libmlgrade.a), which every grading suite links: main() and the manifest,
// the per-test process (limits, sandbox, output log, awards, notes) and the
// runner's report hooks. Not for suites; they include memlab/grade.h.
//
// Files and what the grader reads from each (all under $MEMLAB_OUTDIR):
//   suite_main.c     main(); `--memlab-manifest=FILE` writes the test list
//   test_process.c   ml_test_enter/complete, ml_award, ml_note, ml_replay; the
//                    per-test log <suite>.<name>.log, notes <suite>.<name>.notes
//                    and replay command <suite>.<name>.replay
//   sandbox.c        resource limits, seccomp filter, fault reporting
//   oomwatch.c       records failed allocations as `oom` notes
//   heapcount.c      ml_heap_blocks: the heap blocks the suite's objects hold
//                    (only in suites linked with ML_HEAP_COUNT_LDFLAGS)
//   runner_hooks.c   runner.tsv: one record per finished test (status,
//                    signal, exit code, failed assertions), from the runner
// Every line the library writes for the grader is tab-separated, with tab,
// newline, carriage return and backslash escaped as \t \n \r \\.
#ifndef MEMLAB_SUITELIB_H
#define MEMLAB_SUITELIB_H

#include <stdbool.h>
#include <stddef.h>

#include "memlab/grade.h"

// Environment variables the grader sets for a suite run.
#define MLS_ENV_OUTDIR "MEMLAB_OUTDIR" // per-test logs, notes, runner.tsv
#define MLS_ENV_AWARDS "MEMLAB_AWARDS" // the awards file of scored tests

#define MLS_DEFAULT_MEM_MB 1024     // address-space limit when .mem_mb = 0
#define MLS_OUTPUT_LIMIT (8u << 20) // bytes any one file of a test may reach
#define MLS_NPROC_HEADROOM 256      // processes/threads above the current count
#define MLS_NO_TIMEOUT_S 60         // wall-clock limit of a test declared without one

// The CPU-time limit of a test: .cpu_s, or 2 × timeout + 1, or for a test
// without a timeout 2 × MLS_NO_TIMEOUT_S.
double mls_cpu_limit(const ml_grade_info_t *info, double timeout_s);

// The grading options of a Criterion test, or NULL when its `.data` is not an
// ml_grade_info_t (checked by magic). Never fails otherwise.
const ml_grade_info_t *mls_info_of(void *data);

// mls_escape — appends `s` to the buffer `out` (capacity `cap`, current
// length *len) with \t \n \r \\ escaped; other control bytes become spaces.
// Stops silently when the buffer is full (always NUL-terminated when cap > 0).
void mls_escape(char *out, size_t cap, size_t *len, const char *s);

// mls_append — appends the plain string `s` like mls_escape, unescaped.
void mls_append(char *out, size_t cap, size_t *len, const char *s);

// mls_write_all — writes all of buf to fd in one write(2) where possible
// (retrying on EINTR and short writes). Returns 0, or -1 on error.
int mls_write_all(int fd, const char *buf, size_t len);

// mls_sandbox_apply — limits the calling test process before lab code runs:
// no core files, CPU seconds, file size, process count, address space (not
// under AddressSanitizer), a fault reporter, and (unless info->allow_exec) a
// seccomp filter refusing new processes and signals to other processes.
// `notes_fd` receives `fault` notes (may be -1). Problems are reported on
// stderr (the test's log) and the test continues with what could be applied.
void mls_sandbox_apply(const ml_grade_info_t *info, double timeout_s, int notes_fd);

// mls_oomwatch_arm — from now on, a failed malloc/calloc/realloc writes an
// `oom` note with the request size to `notes_fd` (at most a few per test).
void mls_oomwatch_arm(int notes_fd);

// mls_runner_hooks_init — makes the runner-side report hooks record to
// $MEMLAB_OUTDIR/runner.tsv (nothing is recorded when the variable is unset).
void mls_runner_hooks_init(void);

// True when this library was compiled with AddressSanitizer.
#if defined(__SANITIZE_ADDRESS__)
#define MLS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MLS_ASAN 1
#endif
#endif
#ifndef MLS_ASAN
#define MLS_ASAN 0
#endif

#endif
