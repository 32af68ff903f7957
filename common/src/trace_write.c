// trace_write.c — writes allocation traces in the `.rep` format (checked
// first, as the reader in trace.c would check them, and replaced atomically)
// and summarizes them: counts, the largest request, the peak of live bytes.
#include "trace_impl.h"
#include "memlab/outfile.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

// ---- the writer ---------------------------------------------------------------

// trace_is_valid — whether t would pass the reader: the same checks on ids
// (ML_TRACE_NULL_ID only in a free), sizes, kinds and the live set. Returns 1 (valid), 0 (invalid) or -1 (out
// of memory, errno ENOMEM).
static int trace_is_valid(const ml_trace_t *t)
{
    if (t->num_ops > 0 && !t->ops)
        return 0;
    if (t->num_ids > ML_TRACE_MAX_IDS || t->weight < 0)
        return 0;
    liveset_t ls = { 0 };
    int valid = 1;
    for (size_t i = 0; i < t->num_ops && valid == 1; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        if (op->kind != ML_OP_ALLOC && op->kind != ML_OP_REALLOC && op->kind != ML_OP_FREE)
            valid = 0;
        else if ((op->id >= t->num_ids && op->id != ML_TRACE_NULL_ID) ||
                 op->size > ML_TRACE_MAX_SIZE)
            valid = 0;
        else {
            apply_t a = ml_trace_liveset_apply_(&ls, op->kind, op->id);
            valid = APPLY_VALID(a) ? 1 : a == APPLY_NOMEM ? -1 : 0;
        }
    }
    free(ls.state);
    if (valid < 0)
        errno = ENOMEM;
    return valid;
}

// write_body — write t's header and operations to out. Returns 0, or -1
// when a write failed (errno set by stdio).
static int write_body(const ml_trace_t *t, FILE *out)
{
    if (fprintf(out, "%zu\n%" PRIu32 "\n%zu\n%d\n", t->sugg_heapsize, t->num_ids, t->num_ops,
                t->weight) < 0)
        return -1;
    for (size_t i = 0; i < t->num_ops; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        int n = op->kind != ML_OP_FREE
                    ? fprintf(out, "%c %" PRIu32 " %zu\n", (char)op->kind, op->id, op->size)
                : op->id == ML_TRACE_NULL_ID ? fprintf(out, "f -1\n")
                                             : fprintf(out, "f %" PRIu32 "\n", op->id);
        if (n < 0)
            return -1;
    }
    return 0;
}

// ml_trace_write — write t to `path` in the .rep format (the 4-line header,
// then one operation per line, LF endings, no comments, so that CMU's own
// mdriver reads it too; free(NULL) is written `f -1`, and an `r` of a block
// that is not live is written like any `r`, so the file reads back the
// same), mode 0644. Writes through ml_outfile (a temporary file in the same
// directory, flushed to disk and renamed over `path`), so `path` is either
// its old self or the complete new trace, never a partial file. Returns 0, or -1
// with errno set: EINVAL if t is not a valid trace (the reader would reject
// it), or the error of the failing system call. Leaves no temporary file
// behind on failure.
int ml_trace_write(const ml_trace_t *t, const char *path)
{
    if (!t || !path || !*path) {
        errno = EINVAL;
        return -1;
    }
    int v = trace_is_valid(t);
    if (v <= 0) {
        if (v == 0)
            errno = EINVAL;
        return -1;
    }
    ml_outfile_t o;
    FILE *out = ml_outfile_open(&o, path);
    if (!out)
        return -1;
    // A trace is an ordinary data file, whatever the umask.
    if (fchmod(fileno(out), 0644) != 0 || write_body(t, out) != 0) {
        ml_outfile_abort(&o);
        return -1;
    }
    return ml_outfile_commit_sync(&o);
}

// ---- the summary --------------------------------------------------------------

// ml_trace_summarize — counts per kind (of them nrealloc_null reallocs of a
// block that is not live, i.e. realloc(NULL, n), and nfree_null frees of
// NULL), the largest request, the total bytes requested (sizes of every `a`
// and `r`), and the peak of live payload bytes (the sum of the current sizes
// of live blocks, maximised over the trace). Tolerates a trace that was not
// read from a file: operations on ids out of range are skipped, an `a` of a
// live block replaces it, and an `f` of a block that is not live changes
// nothing. If memory for the per-block state cannot be had,
// peak_live_bytes and nrealloc_null are left 0 and the other fields are
// still filled in.
ml_trace_summary_t ml_trace_summarize(const ml_trace_t *t)
{
    ml_trace_summary_t s = { 0 };
    if (!t || !t->ops)
        return s;
    size_t n = t->num_ids ? t->num_ids : 1;
    size_t *cur = calloc(n, sizeof *cur); // the size of each live block, else 0
    bool *live = calloc(n, sizeof *live);
    if (!cur || !live) {
        free(cur);
        free(live);
        cur = NULL;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < t->num_ops; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        switch (op->kind) {
        case ML_OP_ALLOC: s.nalloc++; break;
        case ML_OP_REALLOC: s.nrealloc++; break;
        case ML_OP_FREE: s.nfree++; break;
        }
        if (op->kind != ML_OP_FREE) {
            s.total_alloc_bytes += op->size;
            if (op->size > s.max_size)
                s.max_size = op->size;
        } else if (op->id == ML_TRACE_NULL_ID) {
            s.nfree_null++;
            continue;
        }
        if (!cur || op->id >= t->num_ids)
            continue;
        uint32_t id = op->id;
        if (op->kind == ML_OP_REALLOC && !live[id])
            s.nrealloc_null++;
        if (op->kind == ML_OP_FREE && !live[id])
            continue;
        bytes -= cur[id];
        cur[id] = op->kind == ML_OP_FREE ? 0 : op->size;
        live[id] = op->kind != ML_OP_FREE;
        bytes += cur[id];
        if (bytes > s.peak_live_bytes)
            s.peak_live_bytes = bytes;
    }
    if (cur) {
        free(cur);
        free(live);
    }
    return s;
}
