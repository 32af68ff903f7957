// checker.h — run a trace through mm_* and check every operation, like
// CS:APP's mdriver: alignment, payload inside a span of the page heap, no
// overlap with a live block, payload bytes intact until free, realloc keeps
// the old prefix, realloc(NULL, n) allocates, free(NULL) does nothing.
// Also measures utilization: the peak of live payload bytes over the peak
// of bytes in spans (Go's HeapInuse), read from the page heap.
#ifndef CHECKER_H
#define CHECKER_H

#include <stdbool.h>
#include <stddef.h>

#include "memlab/pageheap.h"
#include "memlab/trace.h"

// Called after every operation of a checked run (for charts and probes):
// `block` is the operation's result (NULL for a free), `live_bytes` the
// payload bytes live after it. op->id is ML_TRACE_NULL_ID for free(NULL).
typedef void (*checker_probe_t)(void *ctx, size_t opno, const ml_trace_op_t *op, void *block,
                                size_t live_bytes, ml_pageheap_t *heap);

typedef struct checker_opts {
    size_t arena_bytes;    // page heap arena; 0 = checker_arena_for(t)
    checker_probe_t probe; // optional
    void *ctx;
} checker_opts_t;

typedef struct checker_result {
    bool valid;         // every operation passed every check
    char error[512];    // "trace:line: what is wrong" when !valid
    size_t ops_done;    // operations run before the first error
    size_t peak_live;   // peak of live payload bytes
    size_t peak_inuse;  // peak of bytes in spans (HeapInuse)
    double utilization; // peak_live / peak_inuse; 0 when invalid
} checker_result_t;

// checker_arena_for — the arena size a trace gets by default: 256 MiB, or
// more for a trace whose live data needs it.
size_t checker_arena_for(const ml_trace_t *t);

// checker_run — a fresh page heap, mm_init, every operation of `t` with its
// checks, then the remaining blocks checked and freed, the page heap's own
// consistency check, mm_deinit and the heap destroyed. Fills `r`. Returns 0
// when the run took place (valid or not), -1 when it could not start (no
// memory for the heap or mm_init failed; r->error says which).
int checker_run(const ml_trace_t *t, const checker_opts_t *o, checker_result_t *r);

// checker_trace_name — the file name of a trace without its directory.
const char *checker_trace_name(const ml_trace_t *t);

// Payload patterns: byte i of block `id` is checker_pattern_byte(id, i).
// checker_fill writes bytes [from, to) of a block; checker_verify returns
// the index of the first byte in [from, to) that differs, or `to`.
unsigned char checker_pattern_byte(uint32_t id, size_t i);
void checker_fill(void *p, uint32_t id, size_t from, size_t to);
size_t checker_verify(const void *p, uint32_t id, size_t from, size_t to);

#endif
