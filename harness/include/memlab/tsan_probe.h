// tsan_probe.h — running a lab's ThreadSanitizer probe from a grading suite.
//
// A race on a lock-guarded structure is a window of a few instructions that
// a test on two cores seldom hits, so a stress test catches a missing lock
// by chance. A probe catches it on every run instead: a small program
// (harness/probes/<lab>_race.c) built a second time from the student's file
// with -fsanitize=thread, into build/<impl>/tsan/<lab>-race, whose
// scenarios put two threads through the guarded path in a fixed order kept
// by relaxed atomic flags (which order nothing for ThreadSanitizer). The
// only order between the threads' accesses is then the one the student's
// own synchronisation creates, and ThreadSanitizer reports any two of them,
// one a write, that nothing orders — whether or not they overlapped in time.
//
// A test that runs a probe starts a second process and needs an address
// space without limit (ThreadSanitizer maps terabytes of shadow memory):
//     ML_TEST(s, t, 2, 60, .allow_exec = true, .mem_mb = ML_MEM_UNLIMITED)
// The lab's lab.mk builds the probe ($(TSAN_CFLAGS), $(CORE_TSAN_LIB): see
// the Makefile) and makes the suite depend on it.
#ifndef MEMLAB_TSAN_PROBE_H
#define MEMLAB_TSAN_PROBE_H

#include <stdbool.h>
#include <stddef.h>

// What one scenario of a probe did.
typedef struct ml_tsan_run {
    bool race;         // ThreadSanitizer reported (a "WARNING: ThreadSanitizer")
    int status;        // the probe's wait status
    char report[1024]; // the report's headline and its first two frames in
                       // the student's file; else the log's first line
} ml_tsan_run_t;

// ml_tsan_probe_path — the probe `name` next to the running suite
// (<build>/tsan/<name>) into out; fails the test when it is not there.
void ml_tsan_probe_path(const char *name, char *out, size_t cap);

// ml_tsan_probe_run — runs `probe --scenario scenario` without address-space
// randomisation (ThreadSanitizer refuses some randomised layouts), with
// TSAN_OPTIONS halt_on_error=1 exitcode=66 disable_coredump=0 (no setrlimit
// call, which the sandbox refuses), its stdout and stderr in a scratch log;
// a run that ThreadSanitizer could not start ("FATAL: ThreadSanitizer", a
// rare shadow-memory layout) is tried again, up to three times. `file`
// names the student's file ("mm.c:"): the frames of the report quoted are
// the first two in it. Fails the test only on an internal error.
void ml_tsan_probe_run(const char *probe, const char *scenario, const char *file,
                       ml_tsan_run_t *out);

#endif
