// trace.c — reads and checks allocation traces in the CS:APP malloc-lab
// `.rep` format (see trace.h for the format); trace_write.c writes and
// summarizes them.
//
// The allocator labs replay these traces against a student's allocator, so
// the reader is the gate that keeps a malformed file from turning into a
// confusing allocator failure: every problem is reported as
// "file:line: what is wrong", and a trace is returned only when the whole
// file is valid (no partial results).
//
// What the reader accepts, beyond the plain format:
//   - CRLF line endings, spaces and tabs around and between fields;
//   - blank lines and lines whose first non-blank character is '#';
//   - a last line without a newline;
//   - a header that declares more ids than the operations use;
//   - both header layouts found in the wild: CMU's 2002 handout traces put
//     `sugg_heapsize num_ids num_ops weight` on the four lines, the 2016
//     ones `weight num_ids num_ops peak_bytes`. Only lines 2 and 3 are
//     interpreted; lines 1 and 4 are kept as sugg_heapsize and weight and
//     written back unchanged;
//   - the two operations CMU's trace sets use on a NULL pointer, read as
//     CS:APP's mdriver replays them: `f -1` is free(NULL) (an ML_OP_FREE of
//     ML_TRACE_NULL_ID), and an `r` of a block that is not live (never
//     allocated, or freed) is realloc(NULL, n), which makes the block live.
// What it rejects (each with the line where it is found): a missing or
// truncated header; a field that is not a decimal number, is negative (but
// the -1 of `f -1`) or overflows; an unknown operation letter; a missing or
// extra field; an id outside [0, num_ids); an `a` of a live block; an `f` of
// a block that is not live (never allocated, or already freed — the error
// says which); a size above ML_TRACE_MAX_SIZE; more or fewer operations
// than num_ops; a NUL byte (binary data).
//
// Errors found only at the end of the file (a truncated header, too few
// operations) are reported at the line after the last one, where the
// missing text was expected.
//
// Data structures:
//   line_t      one line split into at most MAX_FIELDS fields
//   liveset_t   one byte of state per block id (never / live / freed),
//               grown on demand up to the largest id seen; the reader and
//               the writer's self-check share it (trace_impl.h)
//   parser_t    the reader's state: header fields read so far, the growing
//               array of operations, the live set
#include "trace_impl.h"
#include "memlab/grow.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

// ---- the live set -----------------------------------------------------------

// ml_trace_liveset_apply_ — apply operation `kind` on block `id` to the
// set. Returns a valid result (APPLY_OK, APPLY_REALLOC_NULL for an `r` of a
// block that is not live, which makes it live, APPLY_FREE_NULL for `f -1`)
// and updates the set, or the reason the operation is invalid (the set
// unchanged), or APPLY_NOMEM when the set could not grow (unchanged). The
// caller has checked that id is in range or is ML_TRACE_NULL_ID.
apply_t ml_trace_liveset_apply_(liveset_t *ls, ml_op_kind_t kind, uint32_t id)
{
    if (id == ML_TRACE_NULL_ID)
        return kind == ML_OP_FREE ? APPLY_FREE_NULL : APPLY_NULL_ID;
    if (id >= ls->cap) {
        size_t old = ls->cap;
        if (!ML_GROW_ARRAY(ls->state, ls->cap, (size_t)id + 1, 64))
            return APPLY_NOMEM;
        memset(ls->state + old, BLOCK_NEVER, ls->cap - old);
    }
    uint8_t *s = &ls->state[id];
    switch (kind) {
    case ML_OP_ALLOC:
        if (*s == BLOCK_LIVE)
            return APPLY_ALLOC_LIVE;
        *s = BLOCK_LIVE;
        return APPLY_OK;
    case ML_OP_REALLOC:
        if (*s == BLOCK_LIVE)
            return APPLY_OK;
        *s = BLOCK_LIVE;
        return APPLY_REALLOC_NULL;
    case ML_OP_FREE: break;
    }
    if (*s != BLOCK_LIVE)
        return *s == BLOCK_NEVER ? APPLY_NOT_ALLOCATED : APPLY_ALREADY_FREED;
    *s = BLOCK_FREED;
    return APPLY_OK;
}

// ---- lines and numbers --------------------------------------------------------

#define MAX_FIELDS 4

typedef struct line {
    const char *field[MAX_FIELDS];
    size_t len[MAX_FIELDS];
    int nfields; // fields found, up to MAX_FIELDS + 1 ("too many")
} line_t;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// split_line — split buf[0..len) at blanks into ln. Stops counting at
// MAX_FIELDS + 1. Never fails.
static void split_line(const char *buf, size_t len, line_t *ln)
{
    size_t i = 0;
    ln->nfields = 0;
    while (ln->nfields <= MAX_FIELDS) {
        while (i < len && is_blank(buf[i]))
            i++;
        if (i == len)
            break;
        size_t start = i;
        while (i < len && !is_blank(buf[i]))
            i++;
        if (ln->nfields < MAX_FIELDS) {
            ln->field[ln->nfields] = buf + start;
            ln->len[ln->nfields] = i - start;
        }
        ln->nfields++;
    }
}

typedef enum { NUM_OK, NUM_NOT_NUMBER, NUM_NEGATIVE, NUM_OVERFLOW } num_t;

// parse_u64 — parse s[0..len) as a decimal number of 1 or more digits (no
// sign, no spaces) into *out. Returns NUM_OK, or why it is not one; *out is
// set only on NUM_OK.
static num_t parse_u64(const char *s, size_t len, uint64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (len > 0 && s[0] == '-') {
        neg = true;
        i = 1;
    }
    if (i == len)
        return NUM_NOT_NUMBER;
    uint64_t v = 0;
    bool overflow = false;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return NUM_NOT_NUMBER;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            overflow = true;
        else
            v = v * 10 + d;
    }
    if (neg)
        return NUM_NEGATIVE;
    if (overflow)
        return NUM_OVERFLOW;
    *out = v;
    return NUM_OK;
}

// show — a printable copy of a field for an error message: at most 24
// characters, anything outside printable ASCII replaced by '?', "..." when
// cut. Returns buf.
static const char *show(const char *s, size_t len, char buf[32])
{
    size_t n = len < 24 ? len : 24, j = 0;
    for (size_t i = 0; i < n; i++)
        buf[j++] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
    if (len > n) {
        memcpy(buf + j, "...", 3);
        j += 3;
    }
    buf[j] = '\0';
    return buf;
}

// ---- the parser ---------------------------------------------------------------

// The header's four lines, in order, as a reader of the message knows them.
static const char *const HEADER_FIELD[4] = {
    "suggested heap size",
    "number of ids",
    "number of operations",
    "weight",
};

typedef struct parser {
    const char *name;
    char *err;
    size_t errlen;
    bool failed;
    int nheader; // header numbers read so far (0..4)
    uint64_t header[4];
    unsigned header_line[4];
    ml_trace_op_t *ops;
    size_t nops, cap;
    liveset_t live;
} parser_t;

// fail — record "name:line: message" in the error buffer (first error only)
// and return false, so that callers can `return fail(...)`.
__attribute__((format(printf, 3, 4))) static bool fail(parser_t *p, unsigned line, const char *fmt,
                                                       ...)
{
    if (p->failed)
        return false;
    p->failed = true;
    if (!p->err || p->errlen == 0)
        return false;
    int n = snprintf(p->err, p->errlen, "%s:%u: ", p->name, line);
    if (n >= 0 && (size_t)n < p->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

// number_field — parse field f of ln as an unsigned number named `what` into
// *out. Returns true, or false with the error recorded.
static bool number_field(parser_t *p, unsigned line, const line_t *ln, int f, const char *what,
                         uint64_t *out)
{
    char b[32];
    const char *s = ln->field[f];
    size_t len = ln->len[f];
    switch (parse_u64(s, len, out)) {
    case NUM_OK: return true;
    case NUM_NEGATIVE: return fail(p, line, "%s %s is negative", what, show(s, len, b));
    case NUM_OVERFLOW:
        return fail(p, line, "%s %s is too large to be a 64-bit number", what, show(s, len, b));
    case NUM_NOT_NUMBER: break;
    }
    return fail(p, line, "%s '%s' is not a number", what, show(s, len, b));
}

// header_line — take one non-blank line as the next header number. Returns
// true, or false with the error recorded.
static bool header_line(parser_t *p, unsigned line, const line_t *ln)
{
    int k = p->nheader;
    const char *what = HEADER_FIELD[k];
    char b[32];
    // An operation where a number is due means the header is cut short.
    char c = ln->field[0][0];
    if (ln->len[0] == 1 && (c == 'a' || c == 'r' || c == 'f') && ln->nfields > 1)
        return fail(p, line,
                    "header truncated: found an operation where the "
                    "%s (header line %d of 4) was expected",
                    what, k + 1);
    uint64_t v;
    if (!number_field(p, line, ln, 0, what, &v))
        return false;
    if (ln->nfields > 1)
        return fail(p, line,
                    "header line %d of 4 (the %s) has extra text '%s' "
                    "after the number",
                    k + 1, what, show(ln->field[1], ln->len[1], b));
    if (k == 1 && v > ML_TRACE_MAX_IDS)
        return fail(p, line,
                    "number of ids %" PRIu64 " is more than memlab's "
                    "limit of %" PRIu32,
                    v, ML_TRACE_MAX_IDS);
    if (k == 2 && v > SIZE_MAX / sizeof(ml_trace_op_t))
        return fail(p, line, "number of operations %" PRIu64 " is too large", v);
    if (k == 3 && v > INT_MAX)
        return fail(p, line, "weight %" PRIu64 " is too large (at most %d)", v, INT_MAX);
    p->header[k] = v;
    p->header_line[k] = line;
    p->nheader++;
    return true;
}

// op_line — parse one operation line, check it against the header and the
// live set, and append it. Returns true, or false with the error recorded.
static bool op_line(parser_t *p, unsigned line, const line_t *ln)
{
    char b[32];
    uint64_t num_ids = p->header[1], num_ops = p->header[2];
    if (p->nops == num_ops)
        return fail(p, line,
                    "more operations than the %" PRIu64 " that the "
                    "header (line %u) declares",
                    num_ops, p->header_line[2]);

    char c = ln->field[0][0];
    if (ln->len[0] != 1 || (c != 'a' && c != 'r' && c != 'f'))
        return fail(p, line, "unknown operation '%s' (expected a, r or f)",
                    show(ln->field[0], ln->len[0], b));
    ml_op_kind_t kind = (ml_op_kind_t)c;
    int want = kind == ML_OP_FREE ? 2 : 3;
    const char *form = kind == ML_OP_FREE ? "f <id>" : c == 'a' ? "a <id> <size>" : "r <id> <size>";
    if (ln->nfields < want)
        return fail(p, line, "missing field: expected '%s'", form);
    if (ln->nfields > want)
        return fail(p, line, "extra field '%s': expected '%s'",
                    show(ln->field[want], ln->len[want], b), form);

    uint64_t id, size = 0;
    if (kind == ML_OP_FREE && ln->len[1] == 2 && memcmp(ln->field[1], "-1", 2) == 0)
        id = ML_TRACE_NULL_ID; // free(NULL)
    else if (!number_field(p, line, ln, 1, "block id", &id))
        return false;
    else if (id >= num_ids) {
        if (num_ids == 0)
            return fail(p, line,
                        "block id %" PRIu64 " is out of range: the "
                        "header (line %u) declares no ids",
                        id, p->header_line[1]);
        return fail(p, line,
                    "block id %" PRIu64 " is out of range: the header "
                    "(line %u) declares %" PRIu64 " ids, 0..%" PRIu64,
                    id, p->header_line[1], num_ids, num_ids - 1);
    }
    if (want == 3) {
        if (!number_field(p, line, ln, 2, "size", &size))
            return false;
        if (size > ML_TRACE_MAX_SIZE)
            return fail(p, line,
                        "size %" PRIu64 " is more than memlab's limit "
                        "of 1 GiB (%zu bytes)",
                        size, ML_TRACE_MAX_SIZE);
    }

    switch (ml_trace_liveset_apply_(&p->live, kind, (uint32_t)id)) {
    case APPLY_OK:
    case APPLY_REALLOC_NULL:
    case APPLY_FREE_NULL: break;
    case APPLY_ALLOC_LIVE:
        return fail(p, line,
                    "block %" PRIu64 " is allocated again while it is "
                    "still live (no free since its last allocation)",
                    id);
    case APPLY_NOT_ALLOCATED:
        return fail(p, line,
                    "free of block %" PRIu64 ", which was never "
                    "allocated",
                    id);
    case APPLY_ALREADY_FREED:
        return fail(p, line, "free of block %" PRIu64 ", which was already freed", id);
    case APPLY_NULL_ID: // not reached: only `f` takes -1
        return fail(p, line, "block id -1 means NULL, which only 'f -1' may name");
    case APPLY_NOMEM: return fail(p, line, "out of memory");
    }

    if (!ML_GROW_ARRAY(p->ops, p->cap, p->nops + 1, num_ops < 256 ? (size_t)num_ops : 256))
        return fail(p, line, "out of memory");
    p->ops[p->nops++] = (ml_trace_op_t){
        .kind = kind,
        .id = (uint32_t)id,
        .size = (size_t)size,
        .line = line,
    };
    return true;
}

// finish — the checks that need the whole file, then the trace itself.
// `eof_line` is the line after the last one. Returns the trace, or NULL with
// the error recorded.
static ml_trace_t *finish(parser_t *p, unsigned eof_line)
{
    if (p->nheader == 0) {
        fail(p, eof_line,
             "empty trace: expected a header of four numbers "
             "(suggested heap size, number of ids, number of operations, "
             "weight), one per line");
        return NULL;
    }
    if (p->nheader < 4) {
        fail(p, eof_line,
             "header truncated: the file ends where the %s "
             "(header line %d of 4) was expected",
             HEADER_FIELD[p->nheader], p->nheader + 1);
        return NULL;
    }
    if (p->nops < p->header[2]) {
        fail(p, eof_line,
             "the file ends after %zu of the %" PRIu64
             " operations that the header (line %u) declares (truncated "
             "file?)",
             p->nops, p->header[2], p->header_line[2]);
        return NULL;
    }
    ml_trace_t *t = calloc(1, sizeof *t);
    char *name = strdup(p->name);
    if (!t || !name) {
        free(t);
        free(name);
        fail(p, eof_line, "out of memory");
        return NULL;
    }
    t->name = name;
    t->sugg_heapsize = (size_t)p->header[0];
    t->num_ids = (uint32_t)p->header[1];
    t->num_ops = p->nops;
    t->weight = (int)p->header[3];
    t->ops = p->ops; // ownership moves to the trace
    p->ops = NULL;
    return t;
}

// ml_trace_parse — parse a trace from f; `name` (the path, or any label;
// "<stream>" when NULL) starts every message. Returns the trace, or NULL
// with "name:line: what is wrong" in err (when err is non-NULL and errlen >
// 0). Reads f to the first error or to the end; does not close it. Nothing
// is allocated on failure.
ml_trace_t *ml_trace_parse(FILE *f, const char *name, char *err, size_t errlen)
{
    parser_t p = { .name = name ? name : "<stream>", .err = err, .errlen = errlen };
    if (err && errlen)
        err[0] = '\0';
    char *buf = NULL;
    size_t bufcap = 0;
    unsigned line = 0;
    ssize_t len;
    ml_trace_t *t = NULL;
    if (!f) {
        fail(&p, 1, "no input stream");
        return NULL;
    }

    errno = 0;
    while ((len = getline(&buf, &bufcap, f)) >= 0) {
        line++;
        if (memchr(buf, '\0', (size_t)len)) {
            fail(&p, line, "line contains a NUL byte (not a text file?)");
            goto out;
        }
        line_t ln;
        split_line(buf, (size_t)len, &ln);
        if (ln.nfields == 0 || ln.field[0][0] == '#')
            continue;
        bool ok = p.nheader < 4 ? header_line(&p, line, &ln) : op_line(&p, line, &ln);
        if (!ok)
            goto out;
    }
    // getline also returns -1 when it cannot grow its buffer, without
    // setting the stream's end-of-file flag.
    if (ferror(f) || !feof(f)) {
        fail(&p, line + 1, "read error: %s", strerror(errno ? errno : EIO));
        goto out;
    }
    t = finish(&p, line + 1);
out:
    free(buf);
    free(p.ops);
    free(p.live.state);
    return t;
}

// ml_trace_read — open `path` and parse it (see ml_trace_parse). Returns the
// trace, or NULL with the error in err: "path:line: what is wrong", or
// "path: cannot open: reason".
ml_trace_t *ml_trace_read(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    ml_trace_t *t = ml_trace_parse(f, path, err, errlen);
    fclose(f);
    return t;
}

// ml_trace_free — release t and everything it owns. NULL is allowed.
void ml_trace_free(ml_trace_t *t)
{
    if (!t)
        return;
    free(t->ops);
    free(t->name);
    free(t);
}
