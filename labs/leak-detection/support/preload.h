// preload.h — what the tracker's parts share inside lib/libleak.so
// (support/preload.c: the interposed allocation calls; support/roots.c: the
// roots at exit; support/dump.c: the report file).
#ifndef LEAK_PRELOAD_H
#define LEAK_PRELOAD_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "leaks.h"

#define LK_MAX_FRAMES 8 // frames kept per allocation site

// The interned allocation sites: site s (1..n) has frames pc[0..depth).
typedef struct lk_site_rec {
    uintptr_t pc[LK_MAX_FRAMES];
    int depth;
} lk_site_rec_t;

// lk_sites — the interned sites; *n receives how many (site ids are 1..n,
// entry 0 is unused).
const lk_site_rec_t *lk_sites(size_t *n);

// lk_sites_init — finds the tracker's own code (where walks stop). Called
// once, from the library's constructor.
void lk_sites_init(void);
// lk_site_walk — the return addresses of the callers of the interposed
// function whose frame is `fp` into pc (room for LK_MAX_FRAMES); returns
// how many.
int lk_site_walk(uintptr_t *pc, uintptr_t *fp);
// lk_site_intern — the site number of the call stack pc[0..depth): the same
// number for the same stack, 0 when the site table is full. Under the
// tracker's lock.
uint32_t lk_site_intern(const uintptr_t *pc, int depth);

// A heap-size sample: milliseconds since start and live bytes.
typedef struct lk_sample {
    double ms;
    size_t live;
} lk_sample_t;

const lk_sample_t *lk_samples(size_t *n);

// The tracker's counters, valgrind's HEAP SUMMARY.
typedef struct lk_counters {
    size_t allocs, frees, bytes_allocated, live_bytes;
} lk_counters_t;
lk_counters_t lk_counters(void);

// lk_roots_collect — the roots of the program at this moment into `out`
// (room for `cap`): writable segments of the executable and libraries,
// every live thread's stack from its stack pointer up and its registers,
// other writable anonymous memory that holds no block, and the lab's own
// memory (marked own). The other threads are stopped until
// lk_roots_release. `uc` is the context of a crashing thread (NULL at exit);
// `sp` the calling thread's stack pointer otherwise. `blocks` (sorted) tells
// the heap's mappings apart. Returns the number of regions.
size_t lk_roots_collect(lk_region_t *out, size_t cap, const ucontext_t *uc, uintptr_t sp,
                        const lk_block_t *blocks, size_t nblocks);
// lk_roots_release — lets the threads stopped by lk_roots_collect go on.
void lk_roots_release(void);

// lk_out_dir — $LEAK_OUT as it was at start (the C library's final cleanup
// clears the environment), "" if unset.
const char *lk_out_dir(void);

// lk_dump_report — writes the report of this process to $LEAK_OUT/<pid>.json
// (through a temporary file). `end` is "exit" or "crash", `sig` the signal.
void lk_dump_report(const char *end, int sig, const lk_block_t *blocks, size_t n,
                    const lk_region_t *roots, size_t nroots);

#endif
