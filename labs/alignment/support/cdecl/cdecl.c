// cdecl.c — the struct-declaration parser's entry points: parse a buffer or
// a file, find a struct by name, free a parse. Also the arena every parsed
// type lives in and the error exit the other cdecl_*.c files use.
//
// Lifetime: cdecl_parse allocates a parser (tokens, name tables: malloc'd,
// freed before it returns) and an arena (types, members, strings: handed
// to the caller inside cdecl_file_t, freed by cdecl_free). A bad input
// longjmps from wherever it is found back to cdecl_parse, which frees the
// parser and the arena; nothing else needs cleaning up.
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdecl_int.h"
#include "memlab/grow.h"

// ---- the arena -------------------------------------------------------------

typedef struct cdecl_chunk {
    struct cdecl_chunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
} cdecl_chunk_t;

struct cdecl_arena {
    cdecl_chunk_t *head;
};

// cdecl_arena_new — an empty arena, or NULL when out of memory.
cdecl_arena_t *cdecl_arena_new(void)
{
    return calloc(1, sizeof(cdecl_arena_t));
}

// cdecl_arena_free — release the arena and everything allocated in it.
void cdecl_arena_free(cdecl_arena_t *a)
{
    if (!a)
        return;
    for (cdecl_chunk_t *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

// arena_alloc — `bytes` zeroed bytes aligned to 16, or NULL when out of memory.
static void *arena_alloc(cdecl_arena_t *a, size_t bytes)
{
    bytes = (bytes + 15) & ~(size_t)15;
    cdecl_chunk_t *c = a->head;
    if (!c || c->cap - c->used < bytes) {
        size_t cap = bytes > 32768 ? bytes : 32768;
        c = malloc(sizeof(*c) + cap);
        if (!c)
            return NULL;
        c->cap = cap;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *m = c->data + c->used;
    c->used += bytes;
    memset(m, 0, bytes);
    return m;
}

// ---- helpers for the other parser files ------------------------------------

// cdecl_fail — report "path:line: message" and unwind to cdecl_parse.
_Noreturn void cdecl_fail(cdecl_parser_t *p, int line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(p->msg, sizeof(p->msg), "%s:%d: %s", p->path, line, msg);
    else
        snprintf(p->msg, sizeof(p->msg), "%s: %s", p->path, msg);
    longjmp(p->catch_ ? *p->catch_ : p->fail, 1);
}

// cdecl_alloc — zeroed arena memory; an out-of-memory failure unwinds.
void *cdecl_alloc(cdecl_parser_t *p, size_t bytes)
{
    void *m = arena_alloc(p->arena, bytes ? bytes : 1);
    if (!m)
        cdecl_fail(p, 0, "out of memory");
    return m;
}

// cdecl_strndup — a NUL-terminated arena copy of s[0..n).
char *cdecl_strndup(cdecl_parser_t *p, const char *s, size_t n)
{
    char *d = cdecl_alloc(p, n + 1);
    memcpy(d, s, n);
    return d;
}

// cdecl_printf — a formatted string in the arena.
char *cdecl_printf(cdecl_parser_t *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = cdecl_alloc(p, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

// cdecl_grow — make room for element n of the malloc'd vector *vec.
void cdecl_grow(cdecl_parser_t *p, void **vec, size_t *cap, size_t n, size_t size)
{
    if (!ml_grow_array_(vec, cap, n + 1, size, 64))
        cdecl_fail(p, 0, "out of memory");
}

// ---- public entry points ---------------------------------------------------

static void parser_release(cdecl_parser_t *p)
{
    free(p->toks);
    free(p->syms);
    free(p->buckets);
    free(p->aggs);
    free(p->notes);
    free(p->defining);
}

cdecl_file_t *cdecl_parse(const char *path, const char *text, size_t len, unsigned flags, char *err,
                          size_t errlen)
{
    if (errlen)
        err[0] = '\0';
    // volatile: both are used after a longjmp back into this function.
    cdecl_parser_t *volatile p = calloc(1, sizeof(*p));
    cdecl_arena_t *volatile arena = cdecl_arena_new();
    if (!p || !arena) {
        if (errlen)
            snprintf(err, errlen, "out of memory");
        free(p);
        cdecl_arena_free(arena);
        return NULL;
    }
    p->path = path ? path : "<input>";
    p->arena = arena;
    p->flags = flags;
    // A bad input longjmps here from anywhere below.
    if (setjmp(p->fail)) {
        if (errlen)
            snprintf(err, errlen, "%s", p->msg);
        parser_release(p);
        free(p);
        cdecl_arena_free(arena);
        return NULL;
    }
    cdecl_file_t *f = cdecl_alloc(p, sizeof(*f));
    f->path = cdecl_strndup(p, p->path, strlen(p->path));
    p->path = f->path;
    cdecl_builtin_typedefs(p);
    cdecl_lex(p, text, len);
    cdecl_parse_unit(p);

    const cdecl_type_t **aggs = cdecl_alloc(p, (p->naggs + 1) * sizeof(*aggs));
    if (p->naggs)
        memcpy(aggs, p->aggs, p->naggs * sizeof(*aggs));
    const char **notes = cdecl_alloc(p, (p->nnotes + 1) * sizeof(*notes));
    if (p->nnotes)
        memcpy(notes, p->notes, p->nnotes * sizeof(*notes));
    f->aggregates = aggs;
    f->naggregates = p->naggs;
    f->notes = notes;
    f->nnotes = p->nnotes;
    f->skipped = p->skipped;
    f->arena_ = arena;
    parser_release(p);
    free(p);
    return f;
}

#define CDECL_MAX_FILE (64u << 20)

cdecl_file_t *cdecl_parse_file(const char *path, unsigned flags, char *err, size_t errlen)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(path, "rb");
    if (!in) {
        if (errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    const char *why = NULL;
    while (buf) {
        if (len == cap) {
            if (cap >= CDECL_MAX_FILE) {
                why = "file too large (over 64 MiB)";
                break;
            }
            if (!ML_GROW_ARRAY(buf, cap, len + 1, 0)) {
                free(buf);
                buf = NULL;
                break;
            }
        }
        size_t n = fread(buf + len, 1, cap - len, in);
        len += n;
        if (n == 0) {
            if (ferror(in))
                why = strerror(errno ? errno : EIO);
            break;
        }
    }
    if (!is_stdin)
        fclose(in);
    if (!buf)
        why = "out of memory";
    if (why) {
        if (errlen)
            snprintf(err, errlen, "%s: %s", path, why);
        free(buf);
        return NULL;
    }
    cdecl_file_t *f = cdecl_parse(is_stdin ? "<stdin>" : path, buf, len, flags, err, errlen);
    free(buf);
    return f;
}

const cdecl_type_t *cdecl_find(const cdecl_file_t *f, const char *name)
{
    if (!f || !name)
        return NULL;
    const char *bare = name;
    if (strncmp(bare, "struct ", 7) == 0)
        bare += 7;
    else if (strncmp(bare, "union ", 6) == 0)
        bare += 6;
    for (size_t i = 0; i < f->naggregates; i++) {
        const cdecl_type_t *t = f->aggregates[i];
        if (strcmp(t->name, name) == 0 || (t->tag && strcmp(t->tag, bare) == 0))
            return t;
    }
    return NULL;
}

void cdecl_free(cdecl_file_t *f)
{
    if (f)
        cdecl_arena_free(f->arena_);
}

const char *cdecl_scalar_name(cdecl_scalar_t s)
{
    static const char *const names[CDECL_NSCALARS] = {
        [CDECL_BOOL] = "_Bool",
        [CDECL_CHAR] = "char",
        [CDECL_SCHAR] = "signed char",
        [CDECL_UCHAR] = "unsigned char",
        [CDECL_SHORT] = "short",
        [CDECL_USHORT] = "unsigned short",
        [CDECL_INT] = "int",
        [CDECL_UINT] = "unsigned int",
        [CDECL_LONG] = "long",
        [CDECL_ULONG] = "unsigned long",
        [CDECL_LLONG] = "long long",
        [CDECL_ULLONG] = "unsigned long long",
        [CDECL_FLOAT] = "float",
        [CDECL_DOUBLE] = "double",
        [CDECL_LDOUBLE] = "long double",
    };
    return (unsigned)s < CDECL_NSCALARS ? names[s] : "?";
}
