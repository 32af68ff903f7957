// allocators.h — the allocators the trace driver and the benchmarks put side
// by side: the lab's mm (over a fresh page heap per trace), the C library's
// malloc in the same process, and real allocators (jemalloc, mimalloc,
// tcmalloc) in runner processes started with LD_PRELOAD, since jemalloc
// cannot be loaded with dlopen (its TLS model needs it at startup).
#ifndef ALLOCATORS_H
#define ALLOCATORS_H

#include <stddef.h>

#include "support/replay.h"

// The lab's allocator: begin() makes a page heap and calls mm_init, end()
// calls mm_deinit and destroys it; footprint() is the heap's HeapInuse.
replay_alloc_t *allocators_mm(void);
// This process's malloc/free/realloc (glibc unless something is preloaded),
// under the given name. footprint() is known for glibc (its arena and
// mmapped bytes less the trimmable top, mallinfo2), jemalloc (stats.active)
// and tcmalloc (its bytes in spans); mimalloc publishes only its committed
// memory, too far from HeapInuse, so its utilization is not measured. The
// real allocators' figures are taken from before the runner reads the
// trace, which makes them lower bounds (see allocators_runner_main).
replay_alloc_t *allocators_libc(const char *name);

// A real allocator that a runner process can preload.
typedef struct allocators_ext {
    const char *name;   // "jemalloc"
    const char *lib;    // "libjemalloc.so.2"
    const char *symbol; // a symbol only it exports, to prove it is loaded
} allocators_ext_t;

// allocators_find — the real allocator called `name`, or NULL.
const allocators_ext_t *allocators_find(const char *name);
// The names allocators_find knows, comma-separated (for --help).
#define ALLOCATORS_KNOWN "jemalloc,mimalloc,tcmalloc"

typedef struct allocators_result {
    double ops_per_sec;    // median throughput; 0 when the run failed
    double util;           // utilization; < 0 when not measurable
    double mm_ops_per_sec; // a real allocator's runner also times the
                           // program's own mm, in alternation with it in
                           // the same process: the ratio of the two is
                           // free of the noise between processes (two
                           // cores of different speeds, other load); 0
                           // when not timed
} allocators_result_t;

// What a runner measures.
#define ALLOCATORS_TIME 1u // throughput (median of `reps` runs)
#define ALLOCATORS_UTIL 2u // utilization

// allocators_run — run `exe --runner name` over the trace files, with
// LD_PRELOAD=lib when lib is not NULL, and collect one result per file
// (what `what` asks for; the rest stays 0 / -1). Utilization of a real
// allocator is only meaningful on a fresh process: measure it one trace per
// call. Returns 0, or -1 with the reason in `err` (the library could not be
// preloaded, the runner failed).
int allocators_run(const char *exe, const char *name, const char *lib, char *const *files,
                   size_t nfiles, unsigned what, int reps, allocators_result_t *res, char *err,
                   size_t errlen);

// allocators_self_exe — the path of the running program, for allocators_run.
const char *allocators_self_exe(void);

// allocators_runner_main — the hidden runner mode,
//   PROGRAM --runner NAME [--reps N] [--no-time] [--no-util] -- FILE...
// NAME is "mm" (this program's mm), "glibc" or a real allocator's name (the
// process's malloc, which the parent preloaded). Prints one line per trace,
// "result INDEX OPS_PER_SEC UTIL MM_OPS_PER_SEC" (the last 0 unless NAME is
// a real allocator), or "missing SYMBOL" when the named allocator is not
// the one running. Returns the exit status.
int allocators_runner_main(int argc, char **argv);

#endif
