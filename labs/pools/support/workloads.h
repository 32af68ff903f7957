// workloads.h — the pools lab's workloads: the same work done through each
// pool and through plain malloc/free, timed, with the memory each held. The
// program (main.c) prints them; the benchmark (harness/bench/pools.c) sweeps
// them over sizes and threads.
//
//   churn     get an object, write it, put it back, with `live` objects held
//             across operations (live 1 is sync.Pool's get-use-put); each
//             operation gives back a random one of them and gets another
//   batch     get `live` objects, write them, give them all back, again and
//             again (a request that allocates a handful of objects)
//   buffers   request/response buffers: a request buffer and a response
//             buffer of mixed sizes (log-uniform in [min_size, max_size]) per
//             request, `live` requests in flight
//   tree      build a binary tree of `tree_nodes` 48-byte nodes per request,
//             walk it, then drop the whole tree (arena: one reset)
//   prodcons  one thread makes messages, another consumes and drops them
//
// Time: the CPU time of the thread that ran the loop (the slowest thread's,
// with several), per operation, so that a busy machine's preemptions do not
// count; prodcons, where threads wait on each other, is timed on the wall
// clock.
//
// Memory, in bytes: `peak` is the most the pool held from its sources during
// the run (its page heap's peak in-use bytes plus the peak of objects its
// new callback made); `held` is what it still holds after the workload gave
// every object back. For malloc, `peak` is the live bytes requested (malloc's
// own overhead is not visible) and `held` is 0.
#ifndef POOLS_WORKLOADS_H
#define POOLS_WORKLOADS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    PW_MALLOC,
    PW_FIXPOOL,
    PW_ARENA,
    PW_BUFPOOL,
    PW_BPOOL,
    PW_SPOOL,
    PW_NPOOLS
} pw_pool_t;

typedef enum { PW_CHURN, PW_BATCH, PW_BUFFERS, PW_TREE, PW_PRODCONS, PW_NWORKS } pw_work_t;

typedef struct pw_config {
    size_t ops;                // operations (objects, requests or messages) per thread
    size_t size;               // churn: object size
    size_t live;               // churn, batch, buffers: objects / requests held at once
    size_t min_size, max_size; // buffers: the range of sizes
    size_t tree_nodes;         // tree: nodes per request
    int threads;               // churn, batch: threads (each its own pool, except bpool, spool)
    uint64_t seed;
    bool debug; // fixpool: debug pools (poison, checks)
} pw_config_t;

typedef struct pw_result {
    double ns_per_op;  // wall time per operation (per thread)
    size_t ops;        // operations done in all
    size_t peak, held; // bytes, see above
    uint64_t checksum; // of the data written and read back (same for every pool)
    bool ok;
    char why[160]; // when !ok: what failed
} pw_result_t;

// pw_default_config — ops 200000, size 64, live 1, buffers 16 B..64 KiB,
// tree_nodes 1000, 1 thread, seed 1.
pw_config_t pw_default_config(void);

const char *pw_pool_name(pw_pool_t p);
const char *pw_work_name(pw_work_t w);
// pw_pool_parse / pw_work_parse — the pool or workload called `name`, or -1.
int pw_pool_parse(const char *name);
int pw_work_parse(const char *name);
// pw_supported — whether workload w can run through pool p (an arena frees
// nothing one by one; a fixpool and an arena are not shared between threads;
// a fixpool has one size).
bool pw_supported(pw_work_t w, pw_pool_t p);

// pw_run — run workload w through pool p. Returns 0, or -1 when the pool
// failed the work (r->why says how) or the pair is not supported.
int pw_run(pw_work_t w, pw_pool_t p, const pw_config_t *cfg, pw_result_t *r);

#endif
