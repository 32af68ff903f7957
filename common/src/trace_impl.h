// trace_impl.h — what the trace reader (trace.c) and the trace writer and
// summary (trace_write.c) share: the live set, which replays a trace's
// operations to tell a valid `a`, `r` or `f` from an invalid one.
#ifndef MEMLAB_TRACE_IMPL_H
#define MEMLAB_TRACE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "memlab/trace.h"

enum { BLOCK_NEVER = 0, BLOCK_LIVE = 1, BLOCK_FREED = 2 };

typedef struct liveset {
    uint8_t *state; // state[id] for id < cap; ids ≥ cap are BLOCK_NEVER
    size_t cap;
} liveset_t;

// What applying one operation to the live set found. The first three are
// valid operations (APPLY_VALID tells them from the rest).
typedef enum {
    APPLY_OK,            // `a` of a block not live, `r` or `f` of a live one
    APPLY_REALLOC_NULL,  // `r` of a block not live: realloc(NULL, n), now live
    APPLY_FREE_NULL,     // `f -1`: free(NULL), the set unchanged
    APPLY_ALLOC_LIVE,    // `a` of a block that is live
    APPLY_NOT_ALLOCATED, // `f` of a block never allocated
    APPLY_ALREADY_FREED, // `f` of a block that was freed
    APPLY_NULL_ID,       // `a` or `r` of ML_TRACE_NULL_ID (only `f -1` exists)
    APPLY_NOMEM,
} apply_t;

#define APPLY_VALID(a) ((a) <= APPLY_FREE_NULL)

// ml_trace_liveset_apply_ — apply operation `kind` on block `id` to the set
// (trace.c). Returns one of the valid results and updates the set, or the
// reason the operation is invalid (the set unchanged), or APPLY_NOMEM when
// the set could not grow (unchanged). The caller has checked that id is in
// range or is ML_TRACE_NULL_ID.
apply_t ml_trace_liveset_apply_(liveset_t *ls, ml_op_kind_t kind, uint32_t id);

#endif
