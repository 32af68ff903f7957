// cdecl_types.c — building the struct parser's types, and the names it
// knows: typedef names, tags and enumerators, all at file scope as in C.
//
// Type nodes are immutable once built, with one exception: a struct or union
// is created incomplete when its tag is first seen (`struct node;` or
// `struct node *next;`) and completed in place when its body is read, so
// pointers taken earlier see the completed type.
//
// The size bound: every node carries bound_, an upper bound of its size in
// bytes that does not depend on the ABI (a basic type is at most 16 bytes,
// an alignment at most CDECL_MAX_ALIGNAS). Refusing types whose bound
// reaches 2^48 guarantees that no layout computation overflows. Likewise
// nodes_ counts the nodes a recursive walk visits, nested structs expanded
// (a struct used twice counts twice), refused from 2^20 on.
#include <stdlib.h>
#include <string.h>

#include "cdecl_int.h"

static cdecl_type_t *new_type(cdecl_parser_t *p, cdecl_kind_t kind, const char *name)
{
    cdecl_type_t *t = cdecl_alloc(p, sizeof(*t));
    t->kind = kind;
    t->name = name;
    return t;
}

cdecl_type_t *cdecl_scalar_type(cdecl_parser_t *p, cdecl_scalar_t s)
{
    cdecl_type_t *t = new_type(p, CDECL_SCALAR, cdecl_scalar_name(s));
    t->scalar = s;
    t->bound_ = 16;
    t->nodes_ = 1;
    return t;
}

cdecl_type_t *cdecl_void_type(cdecl_parser_t *p)
{
    return new_type(p, CDECL_VOID, "void");
}

// cdecl_pointer_to — a pointer to t (t may be incomplete, void or a function).
cdecl_type_t *cdecl_pointer_to(cdecl_parser_t *p, const cdecl_type_t *t)
{
    cdecl_type_t *ptr = new_type(p, CDECL_POINTER, cdecl_printf(p, "%s *", t->name));
    ptr->elem = t;
    ptr->bound_ = 16;
    ptr->nodes_ = 1;
    return ptr;
}

// cdecl_incomplete_reason — why t cannot be used by value (as a member or
// an array element), or NULL if it can.
const char *cdecl_incomplete_reason(cdecl_parser_t *p, const cdecl_type_t *t)
{
    switch (t->kind) {
    case CDECL_VOID: return "void";
    case CDECL_FUNCTION: return "a function type";
    case CDECL_STRUCT:
    case CDECL_UNION:
        if (t->state_ == 1)
            return cdecl_printf(p, "%s, which is still being defined (use a pointer)", t->name);
        if (t->state_ == 2)
            return cdecl_printf(p, "%s, whose definition was skipped", t->name);
        if (!t->complete)
            return cdecl_printf(p, "%s, which is declared but not defined above", t->name);
        if (t->has_flexible)
            return cdecl_printf(p, "%s, which ends in a flexible array member", t->name);
        return NULL;
    case CDECL_ARRAY: return t->count == 0 ? "an array of unknown size" : NULL;
    default: return NULL;
    }
}

// cdecl_array_of — `count` elements of t; count 0 is a flexible array (the
// caller checks that it is the last member). Fails on incomplete elements
// and on types too large.
cdecl_type_t *cdecl_array_of(cdecl_parser_t *p, const cdecl_type_t *t, size_t count, int line)
{
    const char *why = cdecl_incomplete_reason(p, t);
    if (why)
        cdecl_fail(p, line, "array of %s is not allowed", why);
    if (count && t->bound_ > CDECL_MAX_BYTES / count)
        cdecl_fail(p, line, "array of %zu x %s is too large (over 2^48 bytes)", count, t->name);
    cdecl_type_t *a = new_type(p, CDECL_ARRAY,
                               count ? cdecl_printf(p, "%s [%zu]", t->name, count)
                                     : cdecl_printf(p, "%s []", t->name));
    a->elem = t;
    a->count = count;
    a->bound_ = count * t->bound_;
    a->nodes_ = t->nodes_ + 1;
    return a;
}

cdecl_type_t *cdecl_function_returning(cdecl_parser_t *p, const cdecl_type_t *t, int line)
{
    if (t->kind == CDECL_ARRAY || t->kind == CDECL_FUNCTION)
        cdecl_fail(p, line, "a function cannot return %s",
                   t->kind == CDECL_ARRAY ? "an array" : "a function");
    cdecl_type_t *f = new_type(p, CDECL_FUNCTION, cdecl_printf(p, "%s ()", t->name));
    f->elem = t;
    return f;
}

// cdecl_named_copy — t under another name (a typedef of a non-aggregate).
cdecl_type_t *cdecl_named_copy(cdecl_parser_t *p, const cdecl_type_t *t, const char *name)
{
    cdecl_type_t *c = cdecl_alloc(p, sizeof(*c));
    *c = *t;
    c->name = name;
    return c;
}

// cdecl_same_type — whether a and b are the same C type (for redeclared
// typedefs): aggregates by identity, the rest by structure.
bool cdecl_same_type(const cdecl_type_t *a, const cdecl_type_t *b)
{
    for (;;) {
        if (a == b)
            return true;
        if (a->kind != b->kind)
            return false;
        switch (a->kind) {
        case CDECL_SCALAR: return a->scalar == b->scalar;
        case CDECL_VOID:
        case CDECL_FUNCTION: return true;
        case CDECL_ARRAY:
            if (a->count != b->count)
                return false;
            /* fallthrough */
        case CDECL_POINTER:
            a = a->elem;
            b = b->elem;
            continue;
        default: return false;
        }
    }
}

// ---- names -----------------------------------------------------------------

static size_t sym_hash(const char *name, size_t len, bool tag)
{
    uint64_t h = tag ? 0x9e3779b97f4a7c15ull : 0xcbf29ce484222325ull; // FNV-1a
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)name[i]) * 0x100000001b3ull;
    return (size_t)h;
}

// rehash — make the table at least twice as large as the symbols.
static void rehash(cdecl_parser_t *p)
{
    size_t n = p->nbuckets ? p->nbuckets * 2 : 1024;
    size_t *b = calloc(n, sizeof(*b));
    if (!b)
        cdecl_fail(p, 0, "out of memory");
    for (size_t i = 0; i < p->nsyms; i++) {
        cdecl_sym_t *s = &p->syms[i];
        size_t h = sym_hash(s->name, strlen(s->name), s->kind == SYM_TAG) & (n - 1);
        s->next = b[h];
        b[h] = i + 1;
    }
    free(p->buckets);
    p->buckets = b;
    p->nbuckets = n;
}

// cdecl_lookup — the tag (tag = true) or ordinary name (typedef or
// enumerator) name[0..len), or NULL.
cdecl_sym_t *cdecl_lookup(cdecl_parser_t *p, const char *name, size_t len, bool tag)
{
    if (!p->nbuckets)
        return NULL;
    size_t i = p->buckets[sym_hash(name, len, tag) & (p->nbuckets - 1)];
    for (; i; i = p->syms[i - 1].next) {
        cdecl_sym_t *s = &p->syms[i - 1];
        if ((s->kind == SYM_TAG) == tag && strncmp(s->name, name, len) == 0 && s->name[len] == '\0')
            return s;
    }
    return NULL;
}

// cdecl_define — a new symbol; the caller has checked for conflicts.
cdecl_sym_t *cdecl_define(cdecl_parser_t *p, cdecl_sym_kind_t kind, const char *name, size_t len)
{
    cdecl_grow(p, (void **)&p->syms, &p->capsyms, p->nsyms, sizeof(cdecl_sym_t));
    cdecl_sym_t *s = &p->syms[p->nsyms++];
    *s = (cdecl_sym_t){ .kind = kind, .name = cdecl_strndup(p, name, len) };
    if (p->nsyms * 2 > p->nbuckets) {
        rehash(p); // links every symbol, the new one included
    } else {
        size_t h = sym_hash(name, len, kind == SYM_TAG) & (p->nbuckets - 1);
        s->next = p->buckets[h];
        p->buckets[h] = p->nsyms;
    }
    return s;
}

// The typedef names every header may use without declaring them: those of
// <stdint.h>, <stddef.h>, <stdbool.h> and <sys/types.h>, as glibc defines
// them on x86-64. A header may redeclare them (with the same type).
void cdecl_builtin_typedefs(cdecl_parser_t *p)
{
    static const struct {
        const char *name;
        cdecl_scalar_t s;
    } names[] = {
        { "bool", CDECL_BOOL },
        { "int8_t", CDECL_SCHAR },
        { "uint8_t", CDECL_UCHAR },
        { "int16_t", CDECL_SHORT },
        { "uint16_t", CDECL_USHORT },
        { "int32_t", CDECL_INT },
        { "uint32_t", CDECL_UINT },
        { "int64_t", CDECL_LONG },
        { "uint64_t", CDECL_ULONG },
        { "int_least8_t", CDECL_SCHAR },
        { "uint_least8_t", CDECL_UCHAR },
        { "int_least16_t", CDECL_SHORT },
        { "uint_least16_t", CDECL_USHORT },
        { "int_least32_t", CDECL_INT },
        { "uint_least32_t", CDECL_UINT },
        { "int_least64_t", CDECL_LONG },
        { "uint_least64_t", CDECL_ULONG },
        { "int_fast8_t", CDECL_SCHAR },
        { "uint_fast8_t", CDECL_UCHAR },
        { "int_fast16_t", CDECL_LONG },
        { "uint_fast16_t", CDECL_ULONG },
        { "int_fast32_t", CDECL_LONG },
        { "uint_fast32_t", CDECL_ULONG },
        { "int_fast64_t", CDECL_LONG },
        { "uint_fast64_t", CDECL_ULONG },
        { "intptr_t", CDECL_LONG },
        { "uintptr_t", CDECL_ULONG },
        { "intmax_t", CDECL_LONG },
        { "uintmax_t", CDECL_ULONG },
        { "size_t", CDECL_ULONG },
        { "ssize_t", CDECL_LONG },
        { "ptrdiff_t", CDECL_LONG },
        { "off_t", CDECL_LONG },
        { "time_t", CDECL_LONG },
        { "pid_t", CDECL_INT },
        { "uid_t", CDECL_UINT },
        { "gid_t", CDECL_UINT },
        { "mode_t", CDECL_UINT },
        { "wchar_t", CDECL_INT },
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        size_t n = strlen(names[i].name);
        cdecl_sym_t *s = cdecl_define(p, SYM_TYPEDEF, names[i].name, n);
        s->type = cdecl_named_copy(p, cdecl_scalar_type(p, names[i].s), s->name);
    }
}

// cdecl_size_bound — the size bound of t (see the top of this file).
uint64_t cdecl_size_bound(const cdecl_type_t *t)
{
    return t->bound_;
}

// cdecl_basic_size — sizeof (align = false) or _Alignof (align = true) of
// a basic type, a pointer or an array of those, for constant expressions
// such as `char pad[64 - sizeof(long)]`; 0 for any other type.
uint64_t cdecl_basic_size(const cdecl_type_t *t, bool align)
{
    static const unsigned char sizes[CDECL_NSCALARS] = {
        [CDECL_BOOL] = 1,  [CDECL_CHAR] = 1,   [CDECL_SCHAR] = 1,    [CDECL_UCHAR] = 1,
        [CDECL_SHORT] = 2, [CDECL_USHORT] = 2, [CDECL_INT] = 4,      [CDECL_UINT] = 4,
        [CDECL_LONG] = 8,  [CDECL_ULONG] = 8,  [CDECL_LLONG] = 8,    [CDECL_ULLONG] = 8,
        [CDECL_FLOAT] = 4, [CDECL_DOUBLE] = 8, [CDECL_LDOUBLE] = 16,
    };
    switch (t->kind) {
    case CDECL_SCALAR: return sizes[t->scalar];
    case CDECL_POINTER: return 8;
    case CDECL_ARRAY:
        if (t->count == 0)
            return 0;
        return align ? cdecl_basic_size(t->elem, true)
                     : t->count * cdecl_basic_size(t->elem, false);
    default: return 0;
    }
}
