// trace.h — allocation traces in the CS:APP malloc-lab `.rep` format.
//
// A trace file is a header of four integers, then one operation per line:
//
//     <sugg_heapsize>        (ignored by memlab, kept when rewriting)
//     <num_ids>              ids are 0 .. num_ids-1
//     <num_ops>              the number of operation lines that follow
//     <weight>               (kept; 1 in CMU's traces)
//     a <id> <size>          allocate `size` bytes as block <id>
//     r <id> <size>          reallocate block <id> to `size` bytes
//     f <id>                 free block <id>
//     f -1                   free(NULL)
//
// The operations mean what CS:APP's mdriver makes of them. mdriver keeps a
// pointer per id, NULL until the id is first allocated and again after it
// is freed, and passes that pointer on, so:
//   - `r` of a block that is not live (never allocated, or freed) is
//     realloc(NULL, size): it allocates, and the block is live after it.
//     It is stored as an ordinary ML_OP_REALLOC; whether the block was live
//     is known only by replaying the operations before it (every consumer
//     keeps a pointer per id anyway, NULL when the block is not live);
//   - `f -1` is free(NULL), which must do nothing. It is stored as
//     ML_OP_FREE with id ML_TRACE_NULL_ID, the one id outside [0, num_ids)
//     a trace may hold: index nothing with it.
//
// Lines may end in CRLF; blank lines and lines starting with '#' are
// ignored. The reader checks that every id is in range (apart from the -1
// of `f -1`), that an `a` names a block that is not live, that an `f` names
// a live block, and that the number of operations equals num_ops. Any
// violation is reported as "file:line: what is wrong".
#ifndef MEMLAB_TRACE_H
#define MEMLAB_TRACE_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include "memlab/rng.h"

// Limits the reader enforces (and the generator respects): a request size
// above ML_TRACE_MAX_SIZE (1 GiB) and a header declaring more than
// ML_TRACE_MAX_IDS ids are reported as errors.
#define ML_TRACE_MAX_SIZE ((size_t)1 << 30)
#define ML_TRACE_MAX_IDS ((uint32_t)1 << 24)

// The id of a free(NULL) operation (`f -1` in a file).
#define ML_TRACE_NULL_ID UINT32_MAX

typedef enum { ML_OP_ALLOC = 'a', ML_OP_REALLOC = 'r', ML_OP_FREE = 'f' } ml_op_kind_t;

typedef struct ml_trace_op {
    ml_op_kind_t kind;
    uint32_t id;   // < num_ids, or ML_TRACE_NULL_ID for free(NULL)
    size_t size;   // 0 for free
    unsigned line; // line number in the file it came from (1-based)
} ml_trace_op_t;

typedef struct ml_trace {
    char *name; // the file's path (or a generator's name)
    size_t sugg_heapsize;
    uint32_t num_ids;
    size_t num_ops;
    int weight;
    ml_trace_op_t *ops; // num_ops operations
} ml_trace_t;

// ml_trace_read — parse a trace file. Returns the trace, or NULL with
// "path:line: what is wrong" written into err (errlen bytes) on any error.
ml_trace_t *ml_trace_read(const char *path, char *err, size_t errlen);
// ml_trace_parse — the same from a stream; `name` is used in messages.
ml_trace_t *ml_trace_parse(FILE *f, const char *name, char *err, size_t errlen);
// ml_trace_write — write a trace in the .rep format (free(NULL) as `f -1`),
// so that ml_trace_read gives the same trace back. Writes to a temporary
// file renamed into place, so a failure never leaves a partial file.
// Returns 0, or -1 with errno set (EINVAL: a trace the reader would reject).
int ml_trace_write(const ml_trace_t *t, const char *path);
void ml_trace_free(ml_trace_t *t);

// Statistics that do not need an allocator: the peak of live payload bytes,
// the total bytes requested, counts per kind. nalloc + nrealloc + nfree is
// the number of operations; nrealloc_null of the reallocs are
// realloc(NULL, n) (an `r` of a block that is not live) and nfree_null of
// the frees are free(NULL).
typedef struct ml_trace_summary {
    size_t peak_live_bytes, total_alloc_bytes;
    size_t nalloc, nrealloc, nfree, max_size;
    size_t nrealloc_null, nfree_null;
} ml_trace_summary_t;
ml_trace_summary_t ml_trace_summarize(const ml_trace_t *t);

// ---- generator --------------------------------------------------------------
// A distribution of request sizes.
typedef enum {
    ML_DIST_UNIFORM,   // uniform in [min, max]
    ML_DIST_LOG,       // log-uniform in [min, max] (many small, few large)
    ML_DIST_POW2,      // powers of two in [min, max]
    ML_DIST_ALTERNATE, // alternating min and max (fragmenting)
    ML_DIST_CHOICE,    // one of `choices` (up to 8 sizes), uniformly
} ml_size_dist_kind_t;

typedef struct ml_size_dist {
    ml_size_dist_kind_t kind;
    size_t min, max;
    size_t choices[8];
    size_t nchoices;
} ml_size_dist_t;

typedef struct ml_trace_gen {
    const char *name;
    uint64_t seed;
    uint32_t num_blocks; // how many blocks are allocated in all
    ml_size_dist_t sizes;
    double
        mean_lifetime;   // mean lifetime in operations (exponential); 0 = never freed until the end
    double realloc_prob; // probability that an op reallocates a live block
    double realloc_growth; // a realloc multiplies the size by this (e.g. 1.5)
    int free_all_at_end;   // 1: free every live block at the end
} ml_trace_gen_t;

// ml_trace_generate — a valid trace drawn from the distributions, the same
// for the same parameters and seed. NULL if memory runs out.
ml_trace_t *ml_trace_generate(const ml_trace_gen_t *g);

#endif
