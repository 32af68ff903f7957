// trace_write.c — writes allocation traces in the `.rep` format (checked
// first, as the reader in trace.c would check them, and replaced atomically)
// and summarizes them: counts, the largest request, the peak of live bytes.
#include "trace_impl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// ---- the writer ---------------------------------------------------------------

// trace_is_valid — whether t would pass the reader: the same checks on ids,
// sizes, kinds and the live set. Returns 1 (valid), 0 (invalid) or -1 (out
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
        else if (op->id >= t->num_ids || op->size > ML_TRACE_MAX_SIZE)
            valid = 0;
        else {
            apply_t a = ml_trace_liveset_apply_(&ls, op->kind, op->id);
            valid = a == APPLY_OK ? 1 : a == APPLY_NOMEM ? -1 : 0;
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
    if (fprintf(out, "%zu\n%" PRIu32 "\n%zu\n%d\n", t->sugg_heapsize,
                t->num_ids, t->num_ops, t->weight) < 0)
        return -1;
    for (size_t i = 0; i < t->num_ops; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        int n = op->kind == ML_OP_FREE
            ? fprintf(out, "f %" PRIu32 "\n", op->id)
            : fprintf(out, "%c %" PRIu32 " %zu\n", (char)op->kind, op->id, op->size);
        if (n < 0)
            return -1;
    }
    return 0;
}

// ml_trace_write — write t to `path` in the .rep format (the 4-line header,
// then one operation per line, LF endings, no comments, so that CMU's own
// mdriver reads it too). Writes a temporary file in the same directory,
// flushes it to disk and renames it over `path`, so `path` is either its old
// self or the complete new trace, never a partial file. Returns 0, or -1
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
    size_t plen = strlen(path);
    char *tmp = malloc(plen + sizeof ".tmp.XXXXXX");
    if (!tmp)
        return -1;
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    FILE *out = fdopen(fd, "w");
    if (!out) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        errno = e;
        return -1;
    }
    // mkstemp creates the file 0600; a trace is an ordinary data file.
    int rc = fchmod(fd, 0644);
    if (rc == 0)
        rc = write_body(t, out);
    if (rc == 0 && fflush(out) != 0)
        rc = -1;
    if (rc == 0 && fsync(fd) != 0)
        rc = -1;
    int e = errno;
    if (fclose(out) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0) {
        unlink(tmp);
        errno = e;
    }
    free(tmp);
    return rc;
}

// ---- the summary --------------------------------------------------------------

// ml_trace_summarize — counts per kind, the largest request, the total bytes
// requested (sizes of every `a` and `r`), and the peak of live payload bytes
// (the sum of the current sizes of live blocks, maximised over the trace).
// Tolerates a trace that was not read from a file: operations on ids out of
// range are skipped, and a free or realloc of a block that is not live
// counts its old size as 0. If memory for the per-block sizes cannot be
// had, peak_live_bytes is left 0 and the other fields are still filled in.
ml_trace_summary_t ml_trace_summarize(const ml_trace_t *t)
{
    ml_trace_summary_t s = { 0 };
    if (!t || !t->ops)
        return s;
    size_t *cur = calloc(t->num_ids ? t->num_ids : 1, sizeof *cur);
    size_t live = 0;
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
        }
        if (!cur || op->id >= t->num_ids)
            continue;
        size_t old = op->kind == ML_OP_ALLOC ? 0 : cur[op->id];
        size_t now = op->kind == ML_OP_FREE ? 0 : op->size;
        if (op->kind == ML_OP_ALLOC)
            live -= cur[op->id];   // an `a` over a live block replaces it
        cur[op->id] = now;
        live = live - old + now;
        if (live > s.peak_live_bytes)
            s.peak_live_bytes = live;
    }
    free(cur);
    return s;
}
