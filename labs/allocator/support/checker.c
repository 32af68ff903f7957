// checker.c — the correctness pass of the trace driver (see checker.h).
//
// For each operation of the trace, in order:
//   a id n   p = mm_malloc(n); p must be non-NULL (n > 0), aligned as
//            mm_required_align(n), inside one in-use span of the page heap,
//            and overlap no live block (blocks.c answers in O(log n)).
//            Then the payload is filled with block id's pattern.
//   r id n   the old payload is verified, q = mm_realloc(p, n) gets the
//            same placement checks as a fresh block, its first min(old, n)
//            bytes must still hold the pattern, and the rest is filled.
//            When block id is not live (never allocated, or freed), p is
//            NULL, as in mdriver: mm_realloc(NULL, n) must allocate, and
//            its result is checked and filled like mm_malloc's.
//   f id     the payload is verified, then mm_free(p).
//   f -1     mm_free(NULL) (CMU's traces have it), which must not change
//            the page heap: the pages and spans in use are compared.
// The first violation stops the run and is reported as
// "trace:line: block 7 (size 24) overlaps block 3 ...". After the last
// operation every live block is verified and freed and the page heap checks
// its own consistency.
//
// Patterns: byte i of block id is a hash of (id, i / 8) — different for
// every block and every word, so a block written over by another block, by
// allocator metadata or by a realloc that copied the wrong bytes is caught
// at its next verification.
#include "support/checker.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/blocks.h"
#include "mm.h"

#define MIB ((size_t)1 << 20)

typedef struct run {
    const ml_trace_t *t;
    ml_pageheap_t *heap;
    checker_result_t *r;
    blocks_t idx;
    void **ptr;     // ptr[id]: the block's address
    size_t *size;   // size[id]: its payload size
    unsigned *born; // born[id]: the line that allocated it
    bool *live;
    size_t live_bytes;
} run_t;

const char *checker_trace_name(const ml_trace_t *t)
{
    const char *n = t->name ? t->name : "trace";
    const char *slash = strrchr(n, '/');
    return slash ? slash + 1 : n;
}

size_t checker_arena_for(const ml_trace_t *t)
{
    ml_trace_summary_t s = ml_trace_summarize(t);
    size_t want = 256 * MIB;
    if (s.peak_live_bytes < 2048 * MIB && 2 * s.peak_live_bytes + 128 * MIB > want)
        want = 2 * s.peak_live_bytes + 128 * MIB;
    return (want + ML_PAGE_SIZE - 1) & ~(ML_PAGE_SIZE - 1);
}

// ---- patterns ---------------------------------------------------------------

static inline uint64_t pattern_word(uint32_t id, size_t w)
{
    uint64_t x = ((uint64_t)id + 1) * 0x9e3779b97f4a7c15ull ^ ((uint64_t)w * 0xd6e8feb86659fd93ull);
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ull;
    return x ^ (x >> 32);
}

unsigned char checker_pattern_byte(uint32_t id, size_t i)
{
    return (unsigned char)(pattern_word(id, i / 8) >> (8 * (i % 8)));
}

void checker_fill(void *p, uint32_t id, size_t from, size_t to)
{
    unsigned char *b = p;
    size_t i = from;
    for (; i < to && i % 8; i++)
        b[i] = checker_pattern_byte(id, i);
    for (; i + 8 <= to; i += 8) {
        uint64_t w = pattern_word(id, i / 8);
        memcpy(b + i, &w, 8);
    }
    for (; i < to; i++)
        b[i] = checker_pattern_byte(id, i);
}

size_t checker_verify(const void *p, uint32_t id, size_t from, size_t to)
{
    const unsigned char *b = p;
    size_t i = from;
    for (; i < to && i % 8; i++)
        if (b[i] != checker_pattern_byte(id, i))
            return i;
    for (; i + 8 <= to; i += 8) {
        uint64_t w = pattern_word(id, i / 8), got;
        memcpy(&got, b + i, 8);
        if (got != w)
            break;
    }
    for (; i < to; i++)
        if (b[i] != checker_pattern_byte(id, i))
            return i;
    return to;
}

// ---- checks -----------------------------------------------------------------

// fail — record the first error as "trace:line: message". Returns false.
static bool fail(run_t *u, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(run_t *u, unsigned line, const char *fmt, ...)
{
    checker_result_t *r = u->r;
    if (!r->valid)
        return false;
    r->valid = false;
    int n = snprintf(r->error, sizeof r->error, "%s:%u: ", checker_trace_name(u->t), line);
    if (n < 0 || (size_t)n >= sizeof r->error)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error + n, sizeof r->error - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

// verify_payload — block id's bytes are still its pattern.
static bool verify_payload(run_t *u, unsigned line, uint32_t id, const char *when)
{
    size_t n = u->size[id];
    if (n == 0 || !u->ptr[id])
        return true;
    size_t bad = checker_verify(u->ptr[id], id, 0, n);
    if (bad == n)
        return true;
    const unsigned char *b = u->ptr[id];
    return fail(u, line,
                "block %u (size %zu) at %p was overwritten while allocated "
                "(seen %s): byte %zu is 0x%02x, expected 0x%02x; the block was allocated "
                "at line %u",
                id, n, u->ptr[id], when, bad, b[bad], checker_pattern_byte(id, bad), u->born[id]);
}

// place — the checks every new block gets: alignment, inside one in-use
// span, no overlap with a live block.
static bool place(run_t *u, unsigned line, uint32_t id, void *p, size_t n, const char *fn)
{
    uintptr_t a = (uintptr_t)p;
    if (n == 0)
        return true;
    if (!p)
        return fail(u, line,
                    "%s(%zu) returned NULL for block %u with %zu payload bytes "
                    "live; the heap is not out of memory",
                    fn, n, id, u->live_bytes);
    size_t align = mm_required_align(n);
    if (a % align)
        return fail(u, line,
                    "block %u (size %zu) at %p is not %zu-byte aligned "
                    "(a block of %zu bytes must be)",
                    id, n, p, align, n);
    ml_span_t *s = ml_pageheap_span_of(u->heap, p);
    if (!s)
        return fail(u, line,
                    "block %u (size %zu) at %p is not inside any span the "
                    "allocator holds from the page heap",
                    id, n, p);
    uintptr_t end = s->base + s->npages * ML_PAGE_SIZE;
    if (a + n > end || a + n < a)
        return fail(u, line,
                    "block %u (size %zu) at %p runs past the end of its span "
                    "[%#" PRIxPTR ", %#" PRIxPTR ")",
                    id, n, p, s->base, end);
    uint32_t o = blocks_overlap(&u->idx, a, n);
    if (o != BLOCKS_NONE) {
        const blocks_node_t *x = &u->idx.node[o];
        return fail(u, line,
                    "block %u (size %zu) at [%p, %p) overlaps block %u (size %zu) "
                    "at [%#" PRIxPTR ", %#" PRIxPTR "), allocated at line %u and not freed",
                    id, n, p, (void *)(a + n), o, x->size, x->addr, x->addr + x->size, u->born[o]);
    }
    return true;
}

// record — block id is live at p with n bytes (its pattern already written
// for bytes [0, keep)).
static void record(run_t *u, uint32_t id, void *p, size_t n, size_t keep, unsigned line)
{
    u->ptr[id] = p;
    u->size[id] = n;
    u->live[id] = true;
    if (n > 0 && p) {
        checker_fill(p, id, keep, n);
        blocks_insert(&u->idx, id, (uintptr_t)p, n);
    }
    if (keep == 0)
        u->born[id] = line;
}

static void forget(run_t *u, uint32_t id)
{
    if (u->size[id] > 0 && u->ptr[id])
        blocks_remove(&u->idx, id);
    u->live[id] = false;
    u->ptr[id] = NULL;
    u->size[id] = 0;
}

// op_alloc, op_realloc, op_free — one operation each. Return false on the
// first failed check.
static bool op_alloc(run_t *u, const ml_trace_op_t *op)
{
    void *p = mm_malloc(op->size);
    if (!place(u, op->line, op->id, p, op->size, "mm_malloc"))
        return false;
    record(u, op->id, p, op->size, 0, op->line);
    u->live_bytes += op->size;
    return true;
}

// op_realloc_null — `r` of a block that is not live: mm_realloc(NULL, n),
// which must behave as mm_malloc(n).
static bool op_realloc_null(run_t *u, const ml_trace_op_t *op)
{
    uint32_t id = op->id;
    size_t n = op->size;
    void *q = mm_realloc(NULL, n);
    if (n > 0 && !q)
        return fail(u, op->line,
                    "mm_realloc(NULL, %zu) for block %u (not live, so its "
                    "pointer is NULL) returned NULL with %zu payload bytes live; "
                    "realloc(NULL, n) must allocate like malloc(n)",
                    n, id, u->live_bytes);
    if (!place(u, op->line, id, q, n, "mm_realloc"))
        return false;
    // mm_realloc(NULL, 0) may return NULL or a block without bytes; either
    // way block id is live now and the trace's later free gives it back.
    record(u, id, q, n, 0, op->line);
    u->live_bytes += n;
    return true;
}

static bool op_realloc(run_t *u, const ml_trace_op_t *op)
{
    uint32_t id = op->id;
    if (!u->live[id])
        return op_realloc_null(u, op);
    size_t old = u->size[id], n = op->size;
    if (!verify_payload(u, op->line, id, "before mm_realloc"))
        return false;
    void *p = u->ptr[id];
    if (n > 0 && p && old > 0)
        blocks_remove(&u->idx, id);
    void *q = mm_realloc(p, n);
    if (n > 0 && !q)
        return fail(u, op->line,
                    "mm_realloc(block %u at %p, %zu) returned NULL; the block "
                    "had %zu bytes and the heap is not out of memory",
                    id, p, n, old);
    if (n == 0) {
        // mm_realloc(p, 0) freed p; a non-NULL result is a block without
        // bytes that the trace's later free will give back.
        u->live_bytes -= old;
        u->ptr[id] = q;
        u->size[id] = 0;
        return true;
    }
    if (!place(u, op->line, id, q, n, "mm_realloc"))
        return false;
    size_t keep = old < n ? old : n;
    size_t bad = checker_verify(q, id, 0, keep);
    if (bad != keep) {
        const unsigned char *b = q;
        return fail(u, op->line,
                    "mm_realloc(block %u, %zu) lost data: the block moved from %p "
                    "to %p and byte %zu of the %zu it had to keep is 0x%02x, expected 0x%02x",
                    id, n, p, q, bad, keep, b[bad], checker_pattern_byte(id, bad));
    }
    u->live_bytes = u->live_bytes - old + n;
    unsigned born = u->born[id];
    record(u, id, q, n, keep, op->line);
    if (keep == 0)
        u->born[id] = op->line;
    else
        u->born[id] = born;
    return true;
}

// op_free_null — `f -1`: mm_free(NULL) must do nothing, so the page heap
// holds the same pages and spans after it as before.
static bool op_free_null(run_t *u, const ml_trace_op_t *op)
{
    ml_pageheap_stats_t a = ml_pageheap_stats(u->heap);
    mm_free(NULL);
    ml_pageheap_stats_t b = ml_pageheap_stats(u->heap);
    if (a.inuse != b.inuse || a.spans_inuse != b.spans_inuse)
        return fail(u, op->line,
                    "mm_free(NULL) changed the page heap: %zu bytes in %zu "
                    "spans in use before, %zu bytes in %zu spans after; free(NULL) must "
                    "do nothing",
                    a.inuse, a.spans_inuse, b.inuse, b.spans_inuse);
    return true;
}

static bool op_free(run_t *u, const ml_trace_op_t *op)
{
    uint32_t id = op->id;
    if (id == ML_TRACE_NULL_ID)
        return op_free_null(u, op);
    if (!verify_payload(u, op->line, id, "at mm_free"))
        return false;
    void *p = u->ptr[id];
    u->live_bytes -= u->size[id];
    forget(u, id);
    mm_free(p);
    return true;
}

// finish — verify and free the blocks the trace left live, then the page
// heap's own consistency check.
static bool finish(run_t *u)
{
    unsigned last = u->t->num_ops ? u->t->ops[u->t->num_ops - 1].line : 1;
    for (uint32_t id = 0; id < u->t->num_ids; id++) {
        if (!u->live[id])
            continue;
        if (!verify_payload(u, last, id, "at the end of the trace"))
            return false;
        void *p = u->ptr[id];
        u->live_bytes -= u->size[id];
        forget(u, id);
        mm_free(p);
    }
    char err[256];
    if (ml_pageheap_check(u->heap, err, sizeof err) != 0)
        return fail(u, last, "after the trace the page heap is inconsistent: %s", err);
    return true;
}

int checker_run(const ml_trace_t *t, const checker_opts_t *o, checker_result_t *r)
{
    static const checker_opts_t none = { 0 };
    if (!o)
        o = &none;
    *r = (checker_result_t){ .valid = true };
    run_t u = { .t = t, .r = r };
    size_t arena = o->arena_bytes ? o->arena_bytes : checker_arena_for(t);
    size_t n = t->num_ids ? t->num_ids : 1;
    u.ptr = calloc(n, sizeof *u.ptr);
    u.size = calloc(n, sizeof *u.size);
    u.born = calloc(n, sizeof *u.born);
    u.live = calloc(n, sizeof *u.live);
    int rc = -1;
    if (!u.ptr || !u.size || !u.born || !u.live || blocks_init(&u.idx, t->num_ids) != 0) {
        snprintf(r->error, sizeof r->error, "%s: out of memory for the checker",
                 checker_trace_name(t));
        goto out;
    }
    u.heap = ml_pageheap_new(arena);
    if (!u.heap) {
        snprintf(r->error, sizeof r->error, "%s: cannot reserve a %zu MiB page heap",
                 checker_trace_name(t), arena / MIB);
        goto out;
    }
    if (mm_init(u.heap) != 0) {
        snprintf(r->error, sizeof r->error, "%s: mm_init failed", checker_trace_name(t));
        ml_pageheap_destroy(u.heap);
        goto out;
    }
    rc = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < t->num_ops; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        void *res = NULL;
        switch (op->kind) {
        case ML_OP_ALLOC:
            ok = op_alloc(&u, op);
            res = u.ptr[op->id];
            break;
        case ML_OP_REALLOC:
            ok = op_realloc(&u, op);
            res = u.ptr[op->id];
            break;
        case ML_OP_FREE: ok = op_free(&u, op); break;
        }
        if (u.live_bytes > r->peak_live)
            r->peak_live = u.live_bytes;
        if (ok) {
            r->ops_done = i + 1;
            if (o->probe)
                o->probe(o->ctx, i, op, res, u.live_bytes, u.heap);
        }
    }
    r->peak_inuse = ml_pageheap_stats(u.heap).peak_inuse;
    if (ok)
        ok = finish(&u);
    if (ok && r->peak_inuse > 0)
        r->utilization = (double)r->peak_live / (double)r->peak_inuse;
    mm_deinit();
    ml_pageheap_destroy(u.heap);
out:
    blocks_fini(&u.idx);
    free(u.ptr);
    free(u.size);
    free(u.born);
    free(u.live);
    return rc;
}
