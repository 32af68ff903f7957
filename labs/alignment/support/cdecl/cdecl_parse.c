// cdecl_parse.c — the struct parser's specifiers and declarators, by
// recursive descent over tokens (cdecl_decl.c parses the declarations).
//
// Declarators follow C's inside-out rule: pointers bind to the type on the
// left, array and function suffixes to the name, parentheses group, so
// `int (*fp[4])(void)` is an array of 4 pointers to functions.
#include <string.h>

#include "cdecl_int.h"

// ---- tokens ----------------------------------------------------------------

const cdecl_tok_t *cdecl_peek(cdecl_parser_t *p, size_t ahead)
{
    size_t i = p->pos + ahead;
    return &p->toks[i < p->ntoks ? i : p->ntoks - 1];
}

const cdecl_tok_t *cdecl_next(cdecl_parser_t *p)
{
    const cdecl_tok_t *t = cdecl_peek(p, 0);
    if (p->pos + 1 < p->ntoks)
        p->pos++;
    return t;
}

bool cdecl_accept(cdecl_parser_t *p, const char *word)
{
    if (!cdecl_tok_is(cdecl_peek(p, 0), word))
        return false;
    cdecl_next(p);
    return true;
}

// tok_desc — a token as messages quote it.
const char *cdecl_tok_desc(cdecl_parser_t *p, const cdecl_tok_t *t)
{
    if (t->kind == TK_EOF)
        return "end of file";
    if (t->kind == TK_PRAGMA_PACK)
        return "#pragma pack";
    if (t->kind == TK_BAD)
        return (unsigned char)t->s[0] < 32 || (unsigned char)t->s[0] > 126
                   ? cdecl_printf(p, "a byte 0x%02x that is not C", (unsigned char)t->s[0])
                   : cdecl_printf(p, "a stray `%c`", t->s[0]);
    return cdecl_printf(p, "`%.*s`", (int)(t->len > 40 ? 40 : t->len), t->s);
}

void cdecl_expect(cdecl_parser_t *p, const char *punct, const char *context)
{
    const cdecl_tok_t *t = cdecl_peek(p, 0);
    if (!cdecl_accept(p, punct))
        cdecl_fail(p, t->line, "expected `%s` in %s, found %s", punct, context,
                   cdecl_tok_desc(p, t));
}

void cdecl_enter(cdecl_parser_t *p, int line)
{
    if (++p->depth > CDECL_MAX_DEPTH)
        cdecl_fail(p, line, "nested too deeply (more than %d levels)", CDECL_MAX_DEPTH);
}

void cdecl_leave(cdecl_parser_t *p)
{
    p->depth--;
}

// ---- words -----------------------------------------------------------------

static const char *const keywords[] = {
    "auto",          "break",       "case",           "char",
    "const",         "continue",    "default",        "do",
    "double",        "else",        "enum",           "extern",
    "float",         "for",         "goto",           "if",
    "inline",        "int",         "long",           "register",
    "restrict",      "return",      "short",          "signed",
    "sizeof",        "static",      "struct",         "switch",
    "typedef",       "union",       "unsigned",       "void",
    "volatile",      "while",       "_Alignas",       "_Alignof",
    "_Atomic",       "_Bool",       "_Complex",       "_Generic",
    "_Imaginary",    "_Noreturn",   "_Static_assert", "_Thread_local",
    "alignas",       "alignof",     "__attribute__",  "__attribute",
    "__extension__", "__restrict",  "__restrict__",   "__const",
    "__volatile__",  "__volatile",  "__inline",       "__inline__",
    "__signed__",    "__signed",    "__int128",       "__thread",
    "typeof",        "__typeof__",  "__typeof",       "__asm__",
    "__asm",         "asm",         "__alignof__",    "__alignof",
    "static_assert", "__complex__", "__declspec",
};

bool cdecl_is_keyword(const cdecl_tok_t *t)
{
    if (t->kind != TK_IDENT)
        return false;
    for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
        if (cdecl_tok_is(t, keywords[i]))
            return true;
    return false;
}

bool cdecl_is_any(const cdecl_tok_t *t, const char *const *words)
{
    for (; *words; words++)
        if (cdecl_tok_is(t, *words))
            return true;
    return false;
}

const char *const cdecl_basic_words[] = { "void",   "char",     "short",      "int",      "long",
                                          "signed", "unsigned", "__signed__", "__signed", "float",
                                          "double", "_Bool",    NULL };
const char *const cdecl_qualifier_words[] = { "const",        "volatile",     "restrict",
                                              "__restrict",   "__restrict__", "__const",
                                              "__volatile__", "__volatile",   NULL };
const char *const cdecl_storage_words[] = { "extern",        "static",    "auto",   "register",
                                            "_Thread_local", "__thread",  "inline", "__inline",
                                            "__inline__",    "_Noreturn", NULL };
const char *const cdecl_refused_words[] = { "_Atomic",     "_Complex",   "__complex__",
                                            "_Imaginary",  "__int128",   "__attribute__",
                                            "__attribute", "__declspec", "typeof",
                                            "__typeof__",  "__typeof",   "__asm__",
                                            "__asm",       "asm",        NULL };

// refuse — fail on a word outside the subset, saying why.
_Noreturn void cdecl_refuse(cdecl_parser_t *p, const cdecl_tok_t *t)
{
    const char *why = "is not supported";
    if (cdecl_tok_is(t, "__attribute__") || cdecl_tok_is(t, "__attribute"))
        why = "is not supported (attributes such as packed or aligned change the layout)";
    else if (cdecl_tok_is(t, "_Atomic"))
        why = "is not supported (atomic types may be laid out differently)";
    cdecl_fail(p, t->line, "%s %s", cdecl_tok_desc(p, t), why);
}

bool cdecl_starts_type(cdecl_parser_t *p, size_t at)
{
    const cdecl_tok_t *t = &p->toks[at < p->ntoks ? at : p->ntoks - 1];
    if (t->kind != TK_IDENT)
        return false;
    static const char *const more[] = { "struct", "union", "enum", "__extension__", NULL };
    if (cdecl_is_any(t, cdecl_basic_words) || cdecl_is_any(t, cdecl_qualifier_words) ||
        cdecl_is_any(t, more) || cdecl_is_any(t, cdecl_refused_words))
        return true;
    cdecl_sym_t *s = cdecl_lookup(p, t->s, t->len, false);
    return s && s->kind == SYM_TYPEDEF;
}

// ---- specifiers ------------------------------------------------------------

// basic_type — the scalar named by a combination of keywords, or fail.
static const cdecl_type_t *basic_type(cdecl_parser_t *p, int line, const int *n)
{
    enum { V, CH, SH, IN, LO, SI, UN, FL, DO, BO };
    static const char *const w[] = { "void",   "char",     "short", "int",    "long",
                                     "signed", "unsigned", "float", "double", "_Bool" };
    for (int k = 0; k < 10; k++)
        if (n[k] > (k == LO ? 2 : 1))
            cdecl_fail(p, line, "`%s` appears too often in one type", w[k]);
    if (n[SI] && n[UN])
        cdecl_fail(p, line, "a type cannot be both signed and unsigned");
    int others = n[V] + n[CH] + n[SH] + n[IN] + n[LO] + n[SI] + n[UN] + n[FL] + n[DO] + n[BO];
    bool sign = n[SI] || n[UN];
    if (n[V] || n[BO] || n[FL]) {
        if (others != 1)
            cdecl_fail(p, line, "`%s` cannot be combined with other type words",
                       n[V]    ? "void"
                       : n[BO] ? "_Bool"
                               : "float");
        return n[V] ? cdecl_void_type(p) : cdecl_scalar_type(p, n[BO] ? CDECL_BOOL : CDECL_FLOAT);
    }
    if (n[DO]) {
        if (others - n[LO] != 1 || n[LO] > 1)
            cdecl_fail(p, line, "only `long` can be combined with `double`");
        return cdecl_scalar_type(p, n[LO] ? CDECL_LDOUBLE : CDECL_DOUBLE);
    }
    if (n[CH]) {
        if (n[SH] || n[IN] || n[LO])
            cdecl_fail(p, line, "`char` cannot be combined with short, int or long");
        return cdecl_scalar_type(p, n[SI] ? CDECL_SCHAR : n[UN] ? CDECL_UCHAR : CDECL_CHAR);
    }
    if (n[SH] && n[LO])
        cdecl_fail(p, line, "a type cannot be both short and long");
    if (!n[SH] && !n[IN] && !n[LO] && !sign)
        cdecl_fail(p, line, "expected a type");
    cdecl_scalar_t s = n[SH]        ? CDECL_SHORT
                       : n[LO] == 2 ? CDECL_LLONG
                       : n[LO]      ? CDECL_LONG
                                    : CDECL_INT;
    return cdecl_scalar_type(p, n[UN] ? (cdecl_scalar_t)(s + 1) : s);
}

// specifiers — the words before the declarators: storage class,
// qualifiers, _Alignas, and exactly one type.
specs_t cdecl_specifiers(cdecl_parser_t *p, ctx_t ctx)
{
    specs_t sp = { 0 };
    int n[10] = { 0 };
    bool any_basic = false, is_const = false, is_volatile = false;
    int line = cdecl_peek(p, 0)->line;
    for (;;) {
        const cdecl_tok_t *t = cdecl_peek(p, 0);
        if (t->kind != TK_IDENT)
            break;
        if (cdecl_tok_is(t, "typedef") || cdecl_is_any(t, cdecl_storage_words)) {
            if (ctx != CTX_TOP)
                cdecl_fail(p, t->line, "%s is not allowed %s", cdecl_tok_desc(p, t),
                           ctx == CTX_MEMBER ? "on a struct member" : "in a type name");
            if (cdecl_tok_is(t, "typedef"))
                sp.is_typedef = true;
            else
                sp.storage = true;
            cdecl_next(p);
        } else if (cdecl_is_any(t, cdecl_qualifier_words) || cdecl_tok_is(t, "__extension__")) {
            is_const |= cdecl_tok_is(t, "const") || cdecl_tok_is(t, "__const");
            is_volatile |= cdecl_tok_is(t, "volatile") || cdecl_tok_is(t, "__volatile__") ||
                           cdecl_tok_is(t, "__volatile");
            cdecl_next(p);
        } else if (cdecl_tok_is(t, "_Alignas") || cdecl_tok_is(t, "alignas")) {
            if (ctx != CTX_MEMBER)
                cdecl_fail(p, t->line, "_Alignas is only supported on struct and union members");
            cdecl_next(p);
            cdecl_expect(p, "(", "_Alignas");
            if (cdecl_starts_type(p, p->pos))
                cdecl_fail(p, t->line,
                           "_Alignas(type) is not supported; write _Alignas(N) "
                           "with a number");
            int64_t a = cdecl_const_expr(p);
            cdecl_expect(p, ")", "_Alignas");
            if (a < 0 || (a & (a - 1)) || a > CDECL_MAX_ALIGNAS)
                cdecl_fail(p, t->line,
                           "_Alignas(%lld): the alignment must be a power of two "
                           "no larger than %d",
                           (long long)a, CDECL_MAX_ALIGNAS);
            if ((size_t)a > sp.alignas)
                sp.alignas = (size_t)a;
        } else if (cdecl_is_any(t, cdecl_refused_words)) {
            cdecl_refuse(p, t);
        } else if (cdecl_is_any(t, cdecl_basic_words)) {
            if (sp.type)
                cdecl_fail(p, t->line, "two types in one declaration (%s after %s)",
                           cdecl_tok_desc(p, t), sp.type->name);
            static const char *const w[] = { "void",   "char",     "short", "int",    "long",
                                             "signed", "unsigned", "float", "double", "_Bool" };
            for (int k = 0; k < 10; k++)
                if (cdecl_tok_is(t, w[k]))
                    n[k]++;
            if (cdecl_tok_is(t, "__signed__") || cdecl_tok_is(t, "__signed"))
                n[5]++;
            any_basic = true;
            cdecl_next(p);
        } else if (cdecl_tok_is(t, "struct") || cdecl_tok_is(t, "union") ||
                   cdecl_tok_is(t, "enum")) {
            if (sp.type || any_basic)
                cdecl_fail(p, t->line, "two types in one declaration");
            cdecl_next(p);
            sp.type = cdecl_tok_is(t, "enum") ? cdecl_enumeration(p, &sp)
                                              : cdecl_aggregate(p, cdecl_tok_is(t, "union"), &sp);
        } else if (!sp.type && !any_basic && !cdecl_is_keyword(t)) {
            cdecl_sym_t *s = cdecl_lookup(p, t->s, t->len, false);
            if (!s || s->kind != SYM_TYPEDEF)
                cdecl_fail(p, t->line, "unknown type name %s%s", cdecl_tok_desc(p, t),
                           p->flags & CDECL_KEEP_GOING
                               ? ""
                               : " (declared in an included header? try --cpp)");
            sp.type = s->type;
            cdecl_next(p);
        } else {
            break; // the declarator's name, or a keyword that ends the specifiers
        }
    }
    if (any_basic)
        sp.type = basic_type(p, line, n);
    if (!sp.type)
        cdecl_fail(p, line, "expected a type, found %s", cdecl_tok_desc(p, cdecl_peek(p, 0)));
    sp.spelling = cdecl_printf(p, "%s%s%s", is_const ? "const " : "",
                               is_volatile ? "volatile " : "", sp.type->name);
    return sp;
}

// ---- declarators -----------------------------------------------------------

static const cdecl_type_t *suffixes(cdecl_parser_t *p, const cdecl_type_t *base);

// skip_balanced — at an opening bracket, move past its matching close.
void cdecl_skip_balanced(cdecl_parser_t *p)
{
    const cdecl_tok_t *open = cdecl_next(p);
    int nest = 1;
    while (nest > 0) {
        const cdecl_tok_t *t = cdecl_next(p);
        if (t->kind == TK_EOF)
            cdecl_fail(p, open->line, "unbalanced %s: no matching close", cdecl_tok_desc(p, open));
        if (cdecl_tok_is(t, "(") || cdecl_tok_is(t, "[") || cdecl_tok_is(t, "{"))
            nest++;
        else if (cdecl_tok_is(t, ")") || cdecl_tok_is(t, "]") || cdecl_tok_is(t, "}"))
            nest--;
    }
}

// declarator_ — the type that `base` becomes through the declarator at
// p->pos; `abstract` declarators (in type names) have no name.
static const cdecl_type_t *declarator_(cdecl_parser_t *p, const cdecl_type_t *base, bool abstract,
                                       decl_t *d)
{
    cdecl_enter(p, cdecl_peek(p, 0)->line);
    int stars = 0;
    while (cdecl_accept(p, "*")) {
        if (++stars > CDECL_MAX_DEPTH)
            cdecl_fail(p, cdecl_peek(p, 0)->line, "more than %d levels of pointers",
                       CDECL_MAX_DEPTH);
        base = cdecl_pointer_to(p, base);
        for (;;) {
            const cdecl_tok_t *t = cdecl_peek(p, 0);
            if (cdecl_is_any(t, cdecl_qualifier_words))
                cdecl_next(p);
            else if (cdecl_is_any(t, cdecl_refused_words))
                cdecl_refuse(p, t);
            else
                break;
        }
    }
    const cdecl_tok_t *t = cdecl_peek(p, 0);
    const cdecl_type_t *result;
    if (cdecl_tok_is(t, "(") &&
        (!abstract || cdecl_tok_is(cdecl_peek(p, 1), "*") || cdecl_tok_is(cdecl_peek(p, 1), "("))) {
        // A parenthesized declarator: the suffixes after it apply first.
        size_t inner = p->pos + 1;
        cdecl_skip_balanced(p);
        const cdecl_type_t *outer = suffixes(p, base);
        size_t after = p->pos;
        p->pos = inner;
        result = declarator_(p, outer, abstract, d);
        cdecl_expect(p, ")", "declarator");
        p->pos = after;
    } else {
        if (t->kind == TK_IDENT && !cdecl_is_keyword(t) && !abstract) {
            d->name = cdecl_strndup(p, t->s, t->len);
            d->name_tok = p->pos;
            d->line = t->line;
            cdecl_next(p);
        } else if (!abstract) {
            if (cdecl_is_any(t, cdecl_refused_words))
                cdecl_refuse(p, t);
            cdecl_fail(p, t->line, "expected a name, found %s", cdecl_tok_desc(p, t));
        }
        result = suffixes(p, base);
    }
    cdecl_leave(p);
    return result;
}

// suffixes — array dimensions and parameter lists after a name.
static const cdecl_type_t *suffixes(cdecl_parser_t *p, const cdecl_type_t *base)
{
    enum { MAXS = 16 };
    size_t dims[MAXS];
    int lines[MAXS];
    int n = 0;
    for (;;) {
        const cdecl_tok_t *t = cdecl_peek(p, 0);
        if (!cdecl_tok_is(t, "[") && !cdecl_tok_is(t, "("))
            break;
        if (n == MAXS)
            cdecl_fail(p, t->line, "too many array dimensions or parameter lists");
        lines[n] = t->line;
        if (cdecl_tok_is(t, "(")) {
            cdecl_skip_balanced(p); // parameters do not matter for layout
            dims[n++] = SIZE_MAX;   // marks a function
            continue;
        }
        cdecl_next(p);
        if (cdecl_accept(p, "]")) {
            dims[n++] = 0;
            continue;
        }
        int64_t v = cdecl_const_expr(p);
        cdecl_expect(p, "]", "array size");
        if (v == 0)
            cdecl_fail(p, t->line,
                       "zero-length arrays (a GNU extension) are not supported; "
                       "use a flexible array member `[]` as the last member");
        if (v < 0)
            cdecl_fail(p, t->line, "array size %lld is negative", (long long)v);
        if (v > (int64_t)1 << 32)
            cdecl_fail(p, t->line, "array size %lld is too large", (long long)v);
        dims[n++] = (size_t)v;
    }
    for (int i = n; i-- > 0;) {
        if (dims[i] == SIZE_MAX)
            base = cdecl_function_returning(p, base, lines[i]);
        else {
            if (dims[i] == 0 && i > 0)
                cdecl_fail(p, lines[i], "only the first dimension of an array may be empty");
            if (base->kind == CDECL_FUNCTION)
                cdecl_fail(p, lines[i], "an array of functions is not allowed");
            base = cdecl_array_of(p, base, dims[i], lines[i]);
        }
    }
    return base;
}

// merges — whether token b written right after token a would read as other
// tokens: punctuators that make a longer one or a comment ("- -" is not
// "--", "/ *" not "/*"), or a number that would swallow a '.' or the other
// way round.
static bool merges(const cdecl_tok_t *a, const cdecl_tok_t *b)
{
    char x = a->s[a->len - 1], y = b->s[0];
    if (a->kind == TK_NUMBER || b->kind == TK_NUMBER)
        return (a->kind == TK_NUMBER && y == '.') || (x == '.' && b->kind == TK_NUMBER);
    if (a->kind != TK_PUNCT || b->kind != TK_PUNCT)
        return false;
    static const char *const pairs[] = { "--", "++", "<<", ">>", "&&", "||", "->", "<=",
                                         ">=", "==", "!=", "*=", "/=", "%=", "+=", "-=",
                                         "&=", "^=", "|=", "##", "..", "//", "/*" };
    for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++)
        if (pairs[k][0] == x && pairs[k][1] == y)
            return true;
    return false;
}

// join — the tokens [from, to) as text, without token `skip`, spaced the
// way people write declarations: "char *name[4]", "void (*fn)(int, long)",
// and so that the text reads back as the same tokens ("[3 - -1]").
static char *join(cdecl_parser_t *p, size_t from, size_t to, size_t skip)
{
    size_t cap = 1;
    for (size_t i = from; i < to; i++)
        cap += p->toks[i].len + 1;
    char *s = cdecl_alloc(p, cap), *o = s;
    const cdecl_tok_t *prev = NULL;
    int brackets = 0; // inside [...] sizes are written without spaces
    for (size_t i = from; i < to; i++) {
        const cdecl_tok_t *t = &p->toks[i];
        // Not text of the declaration: a directive in a parameter list
        // (which is skipped, whatever it holds).
        if (i == skip || t->kind == TK_PRAGMA_PACK)
            continue;
        bool word = t->kind == TK_IDENT || t->kind == TK_NUMBER || t->kind == TK_CHAR;
        brackets -= cdecl_tok_is(t, "]");
        bool space = false;
        if (prev && brackets > 0) {
            space = word && (prev->kind == TK_IDENT || prev->kind == TK_NUMBER);
        } else if (prev) {
            bool pword = prev->kind == TK_IDENT || prev->kind == TK_NUMBER || prev->kind == TK_CHAR;
            space = (word && pword) || cdecl_tok_is(prev, ",") ||
                    (cdecl_tok_is(t, "*") &&
                     (pword || cdecl_tok_is(prev, ")") || cdecl_tok_is(prev, "]")));
        }
        if (space || (prev && merges(prev, t)))
            *o++ = ' ';
        memcpy(o, t->s, t->len);
        o += t->len;
        brackets += cdecl_tok_is(t, "[");
        prev = t;
    }
    *o = '\0';
    return s;
}

// declarator — declarator_ plus the declarator's text.
const cdecl_type_t *cdecl_declarator(cdecl_parser_t *p, const cdecl_type_t *base, bool abstract,
                                     decl_t *d)
{
    *d = (decl_t){ .name_tok = SIZE_MAX, .from = p->pos, .line = cdecl_peek(p, 0)->line };
    const cdecl_type_t *t = declarator_(p, base, abstract, d);
    d->to = p->pos;
    return t;
}

// spell — "spelling declarator" with the name (decl) or without (a type).
char *cdecl_spell(cdecl_parser_t *p, const char *spelling, const decl_t *d, bool with_name)
{
    char *text = join(p, d->from, d->to, with_name ? SIZE_MAX : d->name_tok);
    return *text ? cdecl_printf(p, "%s %s", spelling, text) : cdecl_printf(p, "%s", spelling);
}

const cdecl_type_t *cdecl_type_name(cdecl_parser_t *p)
{
    int line = cdecl_peek(p, 0)->line;
    cdecl_enter(p, line);
    specs_t sp = cdecl_specifiers(p, CTX_TYPENAME);
    decl_t d;
    const cdecl_type_t *t = cdecl_declarator(p, sp.type, true, &d);
    if (d.to > d.from)
        t = cdecl_named_copy(p, t, cdecl_spell(p, sp.spelling, &d, false));
    cdecl_leave(p);
    return t;
}
