// cdecl_decl.c — the struct parser's declarations: the top level of a
// header, struct and union bodies, enums.
//
// A header is a sequence of declarations. Each is handled by its first words:
//   - type-defining (typedef, struct, union or enum before its first `;`,
//     `{` or `=`, outside parentheses): parsed strictly; anything outside
//     the subset fails with file:line, or with CDECL_KEEP_GOING is skipped
//     and noted;
//   - any other (functions, variables, _Static_assert, ...): skipped to its
//     end (a `;` at bracket depth 0, or a function body) and counted.
// A declaration of variables whose type is a struct defined in place
// (`struct s {...} x;`) keeps the struct and skips the variables.
// Also skipped: `extern "C" {` and its `}` (C++ guards, whose #ifdef the
// parser does not evaluate).
#include <stdlib.h>
#include <string.h>

#include "cdecl_int.h"

// ---- struct and union bodies -----------------------------------------------

typedef struct members {
    cdecl_member_t *v;
    size_t n, cap;
} members_t;

static void add_member(cdecl_parser_t *p, members_t *ms, cdecl_member_t m)
{
    if (ms->n == ms->cap) { // in the arena, so an error unwinding leaks nothing
        size_t cap = ms->cap ? ms->cap * 2 : 8;
        cdecl_member_t *v = cdecl_alloc(p, cap * sizeof(*v));
        if (ms->n)
            memcpy(v, ms->v, ms->n * sizeof(*v));
        ms->v = v;
        ms->cap = cap;
    }
    ms->v[ms->n++] = m;
}

// member_declaration — one declaration in a struct or union body, adding
// one member per declarator (or one anonymous struct/union member).
static void member_declaration(cdecl_parser_t *p, members_t *ms)
{
    const cdecl_tok_t *t = cdecl_peek(p, 0);
    if (t->kind == TK_PRAGMA_PACK)
        cdecl_fail(p, t->line, "#pragma pack inside a struct is not supported");
    if (cdecl_tok_is(t, "_Static_assert") || cdecl_tok_is(t, "static_assert")) {
        cdecl_next(p);
        if (!cdecl_tok_is(cdecl_peek(p, 0), "("))
            cdecl_fail(p, t->line, "expected `(` after %s", cdecl_tok_desc(p, t));
        cdecl_skip_balanced(p);
        cdecl_expect(p, ";", "_Static_assert");
        return;
    }
    int line = t->line;
    specs_t sp = cdecl_specifiers(p, CTX_MEMBER);
    const char *prefix = sp.alignas ? cdecl_printf(p, "_Alignas(%zu) ", sp.alignas) : "";
    if (cdecl_accept(p, ";")) {
        if (!sp.defines_anonymous)
            cdecl_fail(p, line,
                       "this declaration declares no member (a member needs a name; "
                       "only a struct or union without a tag may be anonymous)");
        add_member(p, ms,
                   (cdecl_member_t){ .type = sp.type,
                                     .alignas = sp.alignas,
                                     .decl = cdecl_printf(p, "%s%s", prefix, sp.spelling),
                                     .type_name = sp.spelling,
                                     .line = line });
        return;
    }
    for (;;) {
        decl_t d;
        const cdecl_type_t *ty = cdecl_declarator(p, sp.type, false, &d);
        t = cdecl_peek(p, 0);
        if (cdecl_tok_is(t, ":"))
            cdecl_fail(p, t->line,
                       "bit-field `%s` is not supported: how bit-fields are packed "
                       "is up to the compiler",
                       d.name);
        if (cdecl_tok_is(t, "="))
            cdecl_fail(p, t->line, "member `%s` cannot have an initializer", d.name);
        if (cdecl_is_any(t, cdecl_refused_words))
            cdecl_refuse(p, t);
        if (ty->kind == CDECL_FUNCTION)
            cdecl_fail(p, d.line,
                       "member `%s` is a function; a function pointer is written "
                       "`(*%s)(...)`",
                       d.name, d.name);
        const cdecl_type_t *whole = ty->kind == CDECL_ARRAY && ty->count == 0 ? ty->elem : ty;
        const char *why = cdecl_incomplete_reason(p, whole);
        if (why)
            cdecl_fail(p, d.line, "member `%s` has type %s", d.name, why);
        const char *type_name = sp.spelling;
        if (ty != sp.type) { // a node the declarator built: name it as written
            type_name = cdecl_spell(p, sp.spelling, &d, false);
            ((cdecl_type_t *)ty)->name = type_name;
        }
        add_member(p, ms,
                   (cdecl_member_t){ .name = d.name,
                                     .type = ty,
                                     .alignas = sp.alignas,
                                     .decl = cdecl_printf(p, "%s%s", prefix,
                                                          cdecl_spell(p, sp.spelling, &d, true)),
                                     .type_name = type_name,
                                     .line = d.line });
        if (cdecl_accept(p, ","))
            continue;
        cdecl_expect(p, ";", "member declaration");
        return;
    }
}

// collect_names — the member names of t reachable from it directly (through
// anonymous members too), appended to names[0..*n).
static void collect_names(const cdecl_type_t *t, const cdecl_member_t **names, size_t *n)
{
    for (size_t i = 0; i < t->nmembers; i++) {
        const cdecl_member_t *m = &t->members[i];
        if (m->name)
            names[(*n)++] = m;
        else
            collect_names(m->type, names, n);
    }
}

static size_t count_names(const cdecl_type_t *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->nmembers; i++)
        n += t->members[i].name ? 1 : count_names(t->members[i].type);
    return n;
}

static int by_name(const void *a, const void *b)
{
    const cdecl_member_t *x = *(const cdecl_member_t *const *)a,
                         *y = *(const cdecl_member_t *const *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

// finish_body — check a body just read and complete the type.
static void finish_body(cdecl_parser_t *p, cdecl_type_t *t, const members_t *ms, int line)
{
    if (ms->n == 0)
        cdecl_fail(p, line,
                   "%s has no members (empty structs are a GNU extension, not "
                   "supported)",
                   t->name);
    t->has_flexible = false; // a body read again after one that failed (CDECL_KEEP_GOING)
    for (size_t i = 0; i < ms->n; i++) {
        const cdecl_member_t *m = &ms->v[i];
        if (m->type->kind != CDECL_ARRAY || m->type->count != 0)
            continue;
        if (t->kind == CDECL_UNION)
            cdecl_fail(p, m->line, "flexible array member `%s` in a union", m->name);
        if (i != ms->n - 1)
            cdecl_fail(p, m->line, "flexible array member `%s` must be the last member", m->name);
        if (ms->n == 1)
            cdecl_fail(p, m->line, "flexible array member `%s` needs another member before it",
                       m->name);
        t->has_flexible = true;
    }
    t->members = ms->v;
    t->nmembers = ms->n;
    size_t nn = count_names(t);
    const cdecl_member_t **names = cdecl_alloc(p, (nn + 1) * sizeof(*names));
    size_t k = 0;
    collect_names(t, names, &k);
    qsort(names, k, sizeof(*names), by_name); // duplicates become neighbours
    for (size_t i = 1; i < k; i++)
        if (strcmp(names[i]->name, names[i - 1]->name) == 0)
            cdecl_fail(p, names[i]->line > names[i - 1]->line ? names[i]->line : names[i - 1]->line,
                       "duplicate member `%s` (on lines %d and %d)", names[i]->name,
                       names[i - 1]->line < names[i]->line ? names[i - 1]->line : names[i]->line,
                       names[i - 1]->line < names[i]->line ? names[i]->line : names[i - 1]->line);
    // The size bound: every member rounded up to the largest alignment.
    uint64_t bound = CDECL_MAX_ALIGNAS;
    for (size_t i = 0; i < ms->n; i++) {
        uint64_t b = cdecl_size_bound(ms->v[i].type) + CDECL_MAX_ALIGNAS;
        if (t->kind == CDECL_UNION)
            bound = b + CDECL_MAX_ALIGNAS > bound ? b + CDECL_MAX_ALIGNAS : bound;
        else
            bound += b;
        if (bound >= CDECL_MAX_BYTES)
            cdecl_fail(p, line, "%s is too large (it may exceed 2^48 bytes)", t->name);
    }
    t->bound_ = bound;
    uint64_t nodes = 1;
    for (size_t i = 0; i < ms->n; i++)
        nodes += ms->v[i].type->nodes_;
    if (nodes >= CDECL_MAX_NODES)
        cdecl_fail(p, line,
                   "%s is too complex (over %llu members with its nested structs "
                   "expanded)",
                   t->name, CDECL_MAX_NODES);
    t->nodes_ = nodes;
    t->complete = true;
}

// new_aggregate — an incomplete struct or union called `tag` (or anonymous).
static cdecl_type_t *new_aggregate(cdecl_parser_t *p, bool is_union, const cdecl_tok_t *tag)
{
    cdecl_type_t *t = cdecl_alloc(p, sizeof(*t));
    t->kind = is_union ? CDECL_UNION : CDECL_STRUCT;
    const char *kw = is_union ? "union" : "struct";
    if (tag) {
        cdecl_sym_t *s = cdecl_define(p, SYM_TAG, tag->s, tag->len);
        s->type = t;
        t->tag = s->name;
        t->name = cdecl_printf(p, "%s %s", kw, t->tag);
    } else {
        t->name = cdecl_printf(p, "%s {...}", kw);
    }
    return t;
}

static const char *tag_kind(const cdecl_type_t *t)
{
    return t->kind == CDECL_STRUCT ? "a struct" : t->kind == CDECL_UNION ? "a union" : "an enum";
}

cdecl_type_t *cdecl_aggregate(cdecl_parser_t *p, bool is_union, specs_t *sp)
{
    const char *kw = is_union ? "union" : "struct";
    const cdecl_tok_t *t = cdecl_peek(p, 0);
    if (cdecl_is_any(t, cdecl_refused_words))
        cdecl_refuse(p, t);
    const cdecl_tok_t *tag = NULL;
    if (t->kind == TK_IDENT && !cdecl_is_keyword(t)) {
        tag = t;
        cdecl_next(p);
    }
    bool body = cdecl_tok_is(cdecl_peek(p, 0), "{");
    if (!tag && !body)
        cdecl_fail(p, t->line, "expected a tag or `{` after `%s`, found %s", kw,
                   cdecl_tok_desc(p, t));
    cdecl_type_t *node = NULL;
    if (tag) {
        cdecl_sym_t *s = cdecl_lookup(p, tag->s, tag->len, true);
        if (s) {
            node = s->type;
            if (node->kind != (is_union ? CDECL_UNION : CDECL_STRUCT))
                cdecl_fail(p, tag->line, "`%.*s` was declared as %s, not as %s", (int)tag->len,
                           tag->s, tag_kind(node), is_union ? "a union" : "a struct");
            if (body && node->complete)
                cdecl_fail(p, tag->line, "redefinition of %s (first defined on line %d)",
                           node->name, node->line);
            if (body && node->state_ == 1)
                cdecl_fail(p, tag->line, "%s is defined inside itself", node->name);
        }
        if (!body)
            return node ? node : new_aggregate(p, is_union, tag);
    }
    if (!node)
        node = new_aggregate(p, is_union, tag);
    const cdecl_tok_t *brace = cdecl_next(p);
    if (p->pack)
        cdecl_fail(p, brace->line,
                   "%s is under #pragma pack, which changes its layout; "
                   "not supported",
                   node->name);
    cdecl_enter(p, brace->line);
    node->state_ = 1;
    node->line = brace->line;
    cdecl_grow(p, (void **)&p->defining, &p->capdefining, p->ndefining, sizeof(*p->defining));
    p->defining[p->ndefining++] = node;
    members_t ms = { 0 };
    while (!cdecl_accept(p, "}")) {
        if (cdecl_peek(p, 0)->kind == TK_EOF)
            cdecl_fail(p, brace->line, "%s: missing `}` at the end of its body", node->name);
        if (!cdecl_accept(p, ";"))
            member_declaration(p, &ms);
    }
    finish_body(p, node, &ms, brace->line);
    node->state_ = 0;
    p->ndefining--;
    cdecl_leave(p);
    if (tag) {
        cdecl_grow(p, (void **)&p->aggs, &p->capaggs, p->naggs, sizeof(*p->aggs));
        p->aggs[p->naggs++] = node;
    } else {
        sp->defines_anonymous = true;
    }
    if (cdecl_is_any(cdecl_peek(p, 0), cdecl_refused_words))
        cdecl_refuse(p, cdecl_peek(p, 0));
    return node;
}

// ---- enums -----------------------------------------------------------------

cdecl_type_t *cdecl_enumeration(cdecl_parser_t *p, specs_t *sp)
{
    (void)sp;
    const cdecl_tok_t *t = cdecl_peek(p, 0);
    const cdecl_tok_t *tag = NULL;
    if (t->kind == TK_IDENT && !cdecl_is_keyword(t)) {
        tag = t;
        cdecl_next(p);
    }
    cdecl_sym_t *s = tag ? cdecl_lookup(p, tag->s, tag->len, true) : NULL;
    if (s && s->type->kind != CDECL_SCALAR)
        cdecl_fail(p, tag->line, "`%.*s` was declared as %s, not as an enum", (int)tag->len, tag->s,
                   tag_kind(s->type));
    if (!cdecl_tok_is(cdecl_peek(p, 0), "{")) {
        if (!tag)
            cdecl_fail(p, t->line, "expected a tag or `{` after `enum`, found %s",
                       cdecl_tok_desc(p, t));
        if (!s)
            cdecl_fail(p, tag->line, "enum %.*s is not defined above", (int)tag->len, tag->s);
        return s->type;
    }
    if (s)
        cdecl_fail(p, tag->line, "redefinition of enum %.*s", (int)tag->len, tag->s);
    const cdecl_tok_t *brace = cdecl_next(p);
    int64_t v = -1, lo = INT64_MAX, hi = INT64_MIN;
    size_t n = 0;
    while (!cdecl_tok_is(cdecl_peek(p, 0), "}")) {
        const cdecl_tok_t *e = cdecl_next(p);
        if (e->kind != TK_IDENT || cdecl_is_keyword(e))
            cdecl_fail(p, e->line, "expected an enumerator name, found %s", cdecl_tok_desc(p, e));
        if (cdecl_accept(p, "="))
            v = cdecl_const_expr(p);
        else if (v == INT64_MAX)
            cdecl_fail(p, e->line, "enumerator value overflows");
        else
            v++;
        if (cdecl_lookup(p, e->s, e->len, false))
            cdecl_fail(p, e->line, "`%.*s` is already declared", (int)e->len, e->s);
        cdecl_define(p, SYM_ENUMERATOR, e->s, e->len)->value = v;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        n++;
        if (!cdecl_accept(p, ","))
            break;
    }
    cdecl_expect(p, "}", "enum");
    if (n == 0)
        cdecl_fail(p, brace->line, "an enum needs at least one enumerator");
    // gcc makes an enum 4 bytes when its values fit in int or unsigned int.
    if (lo < INT32_MIN || hi > (int64_t)UINT32_MAX || (lo < 0 && hi > INT32_MAX))
        cdecl_fail(p, brace->line,
                   "enum values from %lld to %lld do not fit in 32 bits "
                   "(the compiler would make it larger; not supported)",
                   (long long)lo, (long long)hi);
    cdecl_type_t *ty = cdecl_scalar_type(p, lo < 0 ? CDECL_INT : CDECL_UINT);
    ty->name = tag ? cdecl_printf(p, "enum %.*s", (int)tag->len, tag->s) : "enum {...}";
    if (tag)
        cdecl_define(p, SYM_TAG, tag->s, tag->len)->type = ty;
    return ty;
}

// ---- the top level ---------------------------------------------------------

// skip_declaration — move past the declaration at p->pos: to a `;` at
// depth 0, or past a function body. Fails only on unbalanced brackets.
static void skip_declaration(cdecl_parser_t *p)
{
    size_t from = p->pos;
    int line = cdecl_peek(p, 0)->line, nest = 0;
    bool body = false;
    for (;;) {
        const cdecl_tok_t *t = cdecl_peek(p, 0);
        if (t->kind == TK_EOF) {
            if (nest)
                cdecl_fail(p, line, "unbalanced brackets in the declaration that starts here");
            return;
        }
        if (t->kind == TK_PRAGMA_PACK && nest == 0 && p->pos != from)
            return;
        if (cdecl_tok_is(t, "(") || cdecl_tok_is(t, "[") || cdecl_tok_is(t, "{")) {
            if (cdecl_tok_is(t, "{") && nest == 0 && p->pos > from &&
                cdecl_tok_is(&p->toks[p->pos - 1], ")"))
                body = true;
            nest++;
        } else if (cdecl_tok_is(t, ")") || cdecl_tok_is(t, "]") || cdecl_tok_is(t, "}")) {
            if (nest == 0) {
                if (p->pos == from)
                    cdecl_next(p); // a stray closer: drop it
                return;
            }
            if (--nest == 0 && body) {
                cdecl_next(p);
                cdecl_accept(p, ";");
                return;
            }
        } else if (cdecl_tok_is(t, ";") && nest == 0) {
            cdecl_next(p);
            return;
        }
        cdecl_next(p);
    }
}

// type_defining — whether the declaration at p->pos may define a type: the
// words before its first `;`, `{` or `=` (outside parentheses, so not in a
// parameter list) include typedef, struct, union or enum.
static bool type_defining(cdecl_parser_t *p)
{
    static const char *const defining[] = { "typedef", "struct", "union", "enum", NULL };
    int nest = 0;
    for (size_t i = p->pos; i < p->ntoks; i++) {
        const cdecl_tok_t *t = &p->toks[i];
        if (t->kind == TK_EOF || t->kind == TK_PRAGMA_PACK)
            return false;
        if (cdecl_tok_is(t, "(") || cdecl_tok_is(t, "["))
            nest++;
        else if ((cdecl_tok_is(t, ")") || cdecl_tok_is(t, "]")) && nest > 0)
            nest--;
        else if (nest == 0 && (cdecl_tok_is(t, ";") || cdecl_tok_is(t, "{") ||
                               cdecl_tok_is(t, "=") || cdecl_tok_is(t, "}")))
            return false;
        else if (nest == 0 && cdecl_is_any(t, defining))
            return true;
    }
    return false;
}

static void typedef_names(cdecl_parser_t *p, const specs_t *sp)
{
    for (;;) {
        decl_t d;
        const cdecl_type_t *ty = cdecl_declarator(p, sp->type, false, &d);
        const cdecl_tok_t *t = cdecl_peek(p, 0);
        if (cdecl_is_any(t, cdecl_refused_words))
            cdecl_refuse(p, t);
        cdecl_sym_t *old = cdecl_lookup(p, d.name, strlen(d.name), false);
        if (old && old->kind == SYM_ENUMERATOR)
            cdecl_fail(p, d.line, "`%s` is already an enumerator", d.name);
        if (old && !cdecl_same_type(old->type, ty))
            cdecl_fail(p, d.line, "typedef `%s` conflicts with an earlier one (%s, not %s)", d.name,
                       old->type->name, ty->name);
        if (!old) {
            cdecl_sym_t *s = cdecl_define(p, SYM_TYPEDEF, d.name, strlen(d.name));
            bool aggregate = ty->kind == CDECL_STRUCT || ty->kind == CDECL_UNION;
            if (aggregate && ty == sp->type && sp->defines_anonymous && !ty->tag &&
                strstr(ty->name, "{...}")) {
                // `typedef struct { ... } name;`: the struct is known by this name.
                ((cdecl_type_t *)ty)->name = s->name;
                cdecl_grow(p, (void **)&p->aggs, &p->capaggs, p->naggs, sizeof(*p->aggs));
                p->aggs[p->naggs++] = ty;
            }
            s->type = aggregate ? (cdecl_type_t *)ty : cdecl_named_copy(p, ty, s->name);
        }
        if (cdecl_accept(p, ","))
            continue;
        cdecl_expect(p, ";", "typedef");
        return;
    }
}

// top_declaration — one type-defining declaration.
static void top_declaration(cdecl_parser_t *p)
{
    int line = cdecl_peek(p, 0)->line;
    specs_t sp = cdecl_specifiers(p, CTX_TOP);
    if (cdecl_accept(p, ";")) {
        if (sp.is_typedef)
            cdecl_fail(p, line, "typedef declares no name");
        if (sp.defines_anonymous)
            cdecl_fail(p, line,
                       "an anonymous %s here declares nothing; give it a tag or a "
                       "typedef name",
                       sp.type->kind == CDECL_UNION ? "union" : "struct");
        return;
    }
    if (!sp.is_typedef) { // variables or functions of this type
        const cdecl_tok_t *t = cdecl_peek(p, 0);
        if (!(t->kind == TK_IDENT && !cdecl_is_keyword(t)) && !cdecl_tok_is(t, "*") &&
            !cdecl_tok_is(t, "("))
            cdecl_fail(p, t->line, "expected `;` after %s, found %s", sp.type->name,
                       cdecl_tok_desc(p, t));
        skip_declaration(p);
        p->skipped++;
        return;
    }
    if (sp.storage)
        cdecl_fail(p, line, "typedef cannot be combined with a storage class");
    typedef_names(p, &sp);
}

// guarded_declaration — top_declaration; with CDECL_KEEP_GOING a failure
// becomes a note and the declaration is skipped.
static void guarded_declaration(cdecl_parser_t *p)
{
    if (!(p->flags & CDECL_KEEP_GOING)) {
        top_declaration(p);
        return;
    }
    size_t start = p->pos;
    jmp_buf here;
    p->catch_ = &here;
    if (setjmp(here) == 0) {
        top_declaration(p);
        p->catch_ = NULL;
        return;
    }
    p->catch_ = NULL;
    p->depth = 0;
    while (p->ndefining) // bodies cut short stay incomplete, marked skipped
        p->defining[--p->ndefining]->state_ = 2;
    const char *note = cdecl_printf(p, "%s (declaration skipped)", p->msg);
    p->pos = start;
    skip_declaration(p);
    cdecl_grow(p, (void **)&p->notes, &p->capnotes, p->nnotes, sizeof(*p->notes));
    p->notes[p->nnotes++] = note;
}

void cdecl_parse_unit(cdecl_parser_t *p)
{
    int extern_c = 0;
    for (;;) {
        const cdecl_tok_t *t = cdecl_peek(p, 0);
        if (t->kind == TK_EOF)
            return;
        if (t->kind == TK_PRAGMA_PACK) {
            p->pack = t->value ? p->pack + 1 : p->pack > 0 ? p->pack - 1 : 0;
            cdecl_next(p);
        } else if (cdecl_tok_is(t, ";")) {
            cdecl_next(p);
        } else if (cdecl_tok_is(t, "extern") && cdecl_peek(p, 1)->kind == TK_STRING &&
                   cdecl_tok_is(cdecl_peek(p, 2), "{")) {
            p->pos += 3;
            extern_c++;
        } else if (cdecl_tok_is(t, "}") && extern_c) {
            cdecl_next(p);
            extern_c--;
        } else if (type_defining(p)) {
            guarded_declaration(p);
        } else if (t->kind != TK_IDENT) {
            // C declarations start with a word; this is not C (or is broken).
            const char *msg = cdecl_printf(p, "%s:%d: expected a declaration, found %s", p->path,
                                           t->line, cdecl_tok_desc(p, t));
            if (!(p->flags & CDECL_KEEP_GOING))
                cdecl_fail(p, t->line, "expected a declaration, found %s", cdecl_tok_desc(p, t));
            skip_declaration(p);
            cdecl_grow(p, (void **)&p->notes, &p->capnotes, p->nnotes, sizeof(*p->notes));
            p->notes[p->nnotes++] = cdecl_printf(p, "%s (skipped)", msg);
        } else {
            skip_declaration(p);
            p->skipped++;
        }
    }
}
