// ops.c — the mutation operators: the classic mistakes, applied one at a
// time to the tokens of function bodies (lex.c marks them).
//
//   rel-boundary  < <=, > >= swapped (an off-by-one in a comparison)
//   rel-negate    a comparison turned into its opposite (< into >=, == into !=)
//   const-plus    an integer constant one more (a bound, a size, a shift)
//   const-minus   an integer constant one less (not below zero)
//   logic-swap    && into || and back
//   cond-invert   the condition of an if or a while negated: (c) into (!(c))
//   stmt-delete   an expression statement (an assignment, a call) removed
//   lock-drop     a pthread lock or unlock call removed
//   atomic-relax  a memory order made memory_order_relaxed (__ATOMIC_RELAXED)
//
// An expression statement is told from a declaration by its first tokens:
// a statement that starts with a keyword, with two identifiers
// (`size_t n`) or with an identifier, stars and an identifier followed by
// `=`, `;`, `,` or `[` (`span_t *s = ...`) is not one. Calls to assert()
// are never deleted: in the reference they always hold, so removing one
// cannot change what a correct test sees. A deleted statement keeps its
// newlines, so every line of the mutant keeps its number.
//
// Mutants are appended in source order, and within one token in the order
// of the list above, so the same file always yields the same ids.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mutate.h"

const char *const mt_operators[][2] = {
    { "rel-boundary", "< and <=, > and >= swapped" },
    { "rel-negate", "a comparison made its opposite (< into >=, == into !=)" },
    { "const-plus", "an integer constant in code made one more" },
    { "const-minus", "an integer constant in code made one less (not below 0)" },
    { "logic-swap", "&& into ||, || into &&" },
    { "cond-invert", "the condition of an if or while negated" },
    { "stmt-delete", "an expression statement (assignment, call) removed" },
    { "lock-drop", "a pthread lock or unlock call removed" },
    { "atomic-relax", "a memory order made relaxed" },
    { NULL, NULL },
};

static bool tok_is(const mt_file_t *f, size_t k, const char *s)
{
    if (k >= f->ntok)
        return false;
    const mt_token_t *t = &f->tok[k];
    return t->len == strlen(s) && !memcmp(f->text + t->off, s, t->len);
}

char *mt_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) {
        fputs("mutate: out of memory\n", stderr);
        abort();
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

// A new zeroed string of room for n bytes and the terminator.
static char *alloc_n(size_t n)
{
    char *d = calloc(n + 1, 1);
    if (!d) {
        fputs("mutate: out of memory\n", stderr);
        abort();
    }
    return d;
}

char *mt_collapse(const char *text, size_t from, size_t to)
{
    char *d = alloc_n(to - from), *w = d;
    bool space = false;
    for (size_t i = from; i < to; i++) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = w > d;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = false;
        *w++ = c;
    }
    *w = '\0';
    return d;
}

// Appends a mutant replacing [off, off+len) of file fi with repl (owned).
static int add(mt_list_t *out, const mt_file_t *files, size_t fi, const char *op, size_t off,
               size_t len, char *repl)
{
    const mt_file_t *f = &files[fi];
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 256;
        mt_mutant_t *m = realloc(out->m, cap * sizeof *m);
        if (!m) {
            fputs("mutate: out of memory\n", stderr);
            return -1;
        }
        out->m = m;
        out->cap = cap;
    }
    mt_mutant_t *m = &out->m[out->n];
    memset(m, 0, sizeof *m);
    snprintf(m->id, sizeof m->id, "m%04zu", out->n + 1);
    m->op = op;
    m->file = fi;
    m->off = off;
    m->len = len;
    m->repl = repl;
    m->line = 1;
    for (size_t i = 0; i < off; i++)
        m->line += f->text[i] == '\n';
    // The whole lines the range touches, before and after.
    size_t ls = off, le = off + len;
    while (ls > 0 && f->text[ls - 1] != '\n')
        ls--;
    while (le < f->size && f->text[le] != '\n')
        le++;
    m->before = mt_collapse(f->text, ls, le);
    size_t rl = strlen(repl), n = (off - ls) + rl + (le - off - len);
    char *after = alloc_n(n);
    memcpy(after, f->text + ls, off - ls);
    memcpy(after + (off - ls), repl, rl);
    memcpy(after + (off - ls) + rl, f->text + off + len, le - off - len);
    m->after = mt_collapse(after, 0, n);
    free(after);
    out->n++;
    return 0;
}

static int add_str(mt_list_t *out, const mt_file_t *files, size_t fi, const char *op,
                   const mt_token_t *t, const char *repl)
{
    return add(out, files, fi, op, t->off, t->len, mt_strndup(repl, strlen(repl)));
}

// The integer value of a number token and the text it is written in:
// decimal, hex (0x) or octal (leading 0), with a u/l suffix kept.
// Returns false for a floating constant or one out of range.
static bool int_value(const mt_file_t *f, const mt_token_t *t, uint64_t *v, int *base,
                      size_t *digits_end)
{
    const char *s = f->text + t->off;
    size_t i = 0, n = t->len;
    *base = 10;
    if (n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        *base = 16;
        i = 2;
    } else if (n > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '7')
        *base = 8;
    uint64_t x = 0;
    size_t start = i;
    for (; i < n; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0 || d >= *base)
            break;
        if (x > (UINT64_MAX - (uint64_t)d) / (uint64_t)*base)
            return false;
        x = x * (uint64_t)*base + (uint64_t)d;
    }
    if (i == start)
        return false;
    for (size_t k = i; k < n; k++)
        if (!strchr("uUlL", s[k]))
            return false; // 1.5, 1e3, 0x1p3: floating
    *v = x;
    *digits_end = i;
    return true;
}

static char *int_text(const mt_file_t *f, const mt_token_t *t, uint64_t v, int base,
                      size_t digits_end)
{
    char buf[64];
    const char *s = f->text + t->off;
    if (base == 16)
        snprintf(buf, sizeof buf, s[1] == 'X' ? "0X%llX" : "0x%llx", (unsigned long long)v);
    else if (base == 8)
        snprintf(buf, sizeof buf, "0%llo", (unsigned long long)v);
    else
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    // The new digits, then the literal's own suffix (u, l, ...), which can be
    // of any length: only n bytes are read from buf.
    size_t n = strlen(buf), sl = t->len - digits_end;
    char *r = malloc(n + sl + 1);
    if (!r) {
        fputs("mutate: out of memory\n", stderr);
        abort();
    }
    memcpy(r, buf, n);
    memcpy(r + n, s + digits_end, sl);
    r[n + sl] = '\0';
    return r;
}

static const char *const keywords[] = {
    "return",        "if",       "else",    "while",      "for",           "do",
    "switch",        "case",     "default", "break",      "continue",      "goto",
    "sizeof",        "void",     "char",    "short",      "int",           "long",
    "float",         "double",   "signed",  "unsigned",   "_Bool",         "bool",
    "struct",        "union",    "enum",    "const",      "volatile",      "static",
    "extern",        "register", "auto",    "inline",     "typedef",       "restrict",
    "_Atomic",       "_Alignas", "typeof",  "__typeof__", "__attribute__", "_Static_assert",
    "static_assert", "asm",      "__asm__", NULL,
};

static bool is_keyword(const mt_file_t *f, size_t k)
{
    for (int i = 0; keywords[i]; i++)
        if (tok_is(f, k, keywords[i]))
            return true;
    return false;
}

static bool is_punct(const mt_file_t *f, size_t k, const char *s)
{
    return k < f->ntok && f->tok[k].kind == MT_PUNCT && tok_is(f, k, s);
}

static bool is_ident(const mt_file_t *f, size_t k)
{
    return k < f->ntok && f->tok[k].kind == MT_IDENT;
}

// The index of the `;` ending the statement that starts at k, at bracket
// depth 0; f->ntok if there is none in the body.
static size_t statement_end(const mt_file_t *f, size_t k)
{
    int depth = 0;
    for (; k < f->ntok && f->tok[k].in_body; k++) {
        const mt_token_t *t = &f->tok[k];
        if (t->kind != MT_PUNCT)
            continue;
        char c = f->text[t->off];
        if (t->len == 1 && (c == '(' || c == '[' || c == '{'))
            depth++;
        else if (t->len == 1 && (c == ')' || c == ']' || c == '}')) {
            if (--depth < 0)
                return f->ntok;
        } else if (t->len == 1 && c == ';' && depth == 0)
            return k;
    }
    return f->ntok;
}

// The index of the bracket that closes the one at k.
static size_t matching(const mt_file_t *f, size_t k)
{
    int depth = 0;
    for (; k < f->ntok; k++) {
        if (f->tok[k].kind != MT_PUNCT || f->tok[k].len != 1)
            continue;
        char c = f->text[f->tok[k].off];
        if (c == '(' || c == '[' || c == '{')
            depth++;
        else if ((c == ')' || c == ']' || c == '}') && --depth == 0)
            return k;
    }
    return f->ntok;
}

static const char *const lock_calls[] = {
    "pthread_mutex_lock",    "pthread_mutex_unlock",  "pthread_mutex_trylock",
    "pthread_spin_lock",     "pthread_spin_unlock",   "pthread_rwlock_rdlock",
    "pthread_rwlock_wrlock", "pthread_rwlock_unlock", NULL,
};

// Whether the statement [k, end] is an expression statement worth deleting,
// and under which operator.
static const char *deletable(const mt_file_t *f, size_t k, size_t end)
{
    if (end >= f->ntok || end == k)
        return NULL;
    if (is_ident(f, k)) {
        if (is_keyword(f, k) || tok_is(f, k, "assert"))
            return NULL;
        if (is_ident(f, k + 1) || is_punct(f, k + 1, ":"))
            return NULL; // a declaration, or a label
        size_t j = k + 1;
        while (is_punct(f, j, "*"))
            j++;
        if (j > k + 1 && is_ident(f, j) &&
            (is_punct(f, j + 1, "=") || is_punct(f, j + 1, ";") || is_punct(f, j + 1, ",") ||
             is_punct(f, j + 1, "[")))
            return NULL; // type *name = ...
        for (int i = 0; lock_calls[i]; i++)
            if (tok_is(f, k, lock_calls[i]) && is_punct(f, k + 1, "(") &&
                matching(f, k + 1) + 1 == end)
                return "lock-drop";
        return "stmt-delete";
    }
    if (is_punct(f, k, "(") && is_punct(f, k + 1, ")"))
        return NULL;
    if (is_punct(f, k, "(") && tok_is(f, k + 1, "void")) {
        size_t j = k; // (void)x, (void)y; does nothing
        while (is_punct(f, j, "(") && tok_is(f, j + 1, "void") && is_punct(f, j + 2, ")") &&
               is_ident(f, j + 3) && (is_punct(f, j + 4, ",") || j + 4 == end))
            j += 5;
        if (j == end + 1)
            return NULL;
    }
    if (is_punct(f, k, "*") || is_punct(f, k, "(") || is_punct(f, k, "++") || is_punct(f, k, "--"))
        return "stmt-delete";
    return NULL;
}

static int delete_statement(mt_list_t *out, const mt_file_t *files, size_t fi, const char *op,
                            size_t k, size_t end)
{
    const mt_file_t *f = &files[fi];
    size_t off = f->tok[k].off, stop = f->tok[end].off + 1, nl = 0;
    for (size_t i = off; i < stop; i++)
        nl += f->text[i] == '\n';
    char *repl = alloc_n(1 + nl);
    repl[0] = ';';
    memset(repl + 1, '\n', nl);
    return add(out, files, fi, op, off, stop - off, repl);
}

int mt_generate(const mt_file_t *files, size_t fi, mt_list_t *out)
{
    const mt_file_t *f = &files[fi];
    // stmt_start: the token after `{`, `}`, `;`, `else`, `do`, a case label
    // or a control header's `)` begins a statement.
    bool stmt_start = false, in_case = false;
    int parens = 0;     // ( and [ open inside the body: a `;` there is a for header's
    size_t *ctl = NULL; // the closing `)` of each control header seen
    size_t nctl = 0, capctl = 0;
    int rc = 0;
    for (size_t k = 0; k < f->ntok && rc == 0; k++) {
        const mt_token_t *t = &f->tok[k];
        bool start = stmt_start;
        stmt_start = false;
        if (!t->in_body) {
            stmt_start = is_punct(f, k, "{") && k + 1 < f->ntok && f->tok[k + 1].in_body;
            continue;
        }
        if (start) {
            size_t end = statement_end(f, k);
            const char *op = deletable(f, k, end);
            if (op)
                rc = delete_statement(out, files, fi, op, k, end);
        }
        if (t->kind == MT_PUNCT) {
            static const char *const rel[][3] = {
                { "<", "<=", ">=" }, { "<=", "<", ">" },   { ">", ">=", "<=" },
                { ">=", ">", "<" },  { "==", NULL, "!=" }, { "!=", NULL, "==" },
            };
            for (int i = 0; i < 6 && rc == 0; i++)
                if (tok_is(f, k, rel[i][0])) {
                    if (rel[i][1])
                        rc = add_str(out, files, fi, "rel-boundary", t, rel[i][1]);
                    if (rc == 0)
                        rc = add_str(out, files, fi, "rel-negate", t, rel[i][2]);
                }
            if (tok_is(f, k, "&&"))
                rc = add_str(out, files, fi, "logic-swap", t, "||");
            else if (tok_is(f, k, "||"))
                rc = add_str(out, files, fi, "logic-swap", t, "&&");
            if (tok_is(f, k, "(") || tok_is(f, k, "["))
                parens++;
            else if (tok_is(f, k, ")") || tok_is(f, k, "]"))
                parens--;
            if (tok_is(f, k, "{") || tok_is(f, k, "}") || (tok_is(f, k, ";") && parens == 0))
                stmt_start = true;
            if (tok_is(f, k, ";"))
                in_case = false;
            if (tok_is(f, k, ":") && in_case) {
                stmt_start = true;
                in_case = false;
            }
            if (tok_is(f, k, ")") && nctl > 0 && ctl[nctl - 1] == k) {
                nctl--;
                stmt_start = true;
            }
        } else if (t->kind == MT_NUMBER) {
            uint64_t v;
            int base;
            size_t de;
            if (int_value(f, t, &v, &base, &de)) {
                if (v < UINT64_MAX)
                    rc = add(out, files, fi, "const-plus", t->off, t->len,
                             int_text(f, t, v + 1, base, de));
                if (rc == 0 && v > 0)
                    rc = add(out, files, fi, "const-minus", t->off, t->len,
                             int_text(f, t, v - 1, base, de));
            }
        } else if (t->kind == MT_IDENT) {
            if (tok_is(f, k, "else") || tok_is(f, k, "do"))
                stmt_start = true;
            if (tok_is(f, k, "case") || tok_is(f, k, "default"))
                in_case = true;
            bool cond = tok_is(f, k, "if") || tok_is(f, k, "while");
            if ((cond || tok_is(f, k, "for") || tok_is(f, k, "switch")) &&
                is_punct(f, k + 1, "(")) {
                size_t close = matching(f, k + 1);
                // `while (c);` closing a do-while starts no statement.
                if (!(tok_is(f, k, "while") && is_punct(f, close + 1, ";"))) {
                    if (nctl == capctl) {
                        capctl = capctl ? 2 * capctl : 16;
                        size_t *c = realloc(ctl, capctl * sizeof *c);
                        if (!c) {
                            free(ctl);
                            fputs("mutate: out of memory\n", stderr);
                            return -1;
                        }
                        ctl = c;
                    }
                    ctl[nctl++] = close;
                }
                if (cond && close < f->ntok) {
                    size_t off = f->tok[k + 1].off, stop = f->tok[close].off + 1;
                    char *repl = alloc_n(stop - off + 3);
                    memcpy(repl, "(!", 2);
                    memcpy(repl + 2, f->text + off, stop - off);
                    repl[stop - off + 2] = ')';
                    rc = add(out, files, fi, "cond-invert", off, stop - off, repl);
                }
            }
            static const char *const orders[] = {
                "memory_order_acquire",
                "memory_order_release",
                "memory_order_acq_rel",
                "memory_order_seq_cst",
                "memory_order_consume",
                "__ATOMIC_ACQUIRE",
                "__ATOMIC_RELEASE",
                "__ATOMIC_ACQ_REL",
                "__ATOMIC_SEQ_CST",
                "__ATOMIC_CONSUME",
                NULL,
            };
            for (int i = 0; orders[i] && rc == 0; i++)
                if (tok_is(f, k, orders[i]))
                    rc = add_str(out, files, fi, "atomic-relax", t,
                                 orders[i][0] == '_' ? "__ATOMIC_RELAXED" : "memory_order_relaxed");
        }
    }
    free(ctl);
    return rc;
}

int mt_render(FILE *out, const mt_file_t *files, size_t fi, const mt_mutant_t *m)
{
    const mt_file_t *f = &files[fi];
    if (!m || m->file != fi) {
        fwrite(f->text, 1, f->size, out);
        return ferror(out) ? -1 : 0;
    }
    // The header: one line, with any "*/" of the quoted code broken up.
    fprintf(out, "/* mutant %s: %s, line %u: \"", m->id, m->op, m->line);
    for (const char *s = m->before; *s; s++)
        fputs(s[0] == '*' && s[1] == '/' ? "* " : (char[]){ *s, 0 }, out);
    fputs("\" -> \"", out);
    for (const char *s = m->after; *s; s++)
        fputs(s[0] == '*' && s[1] == '/' ? "* " : (char[]){ *s, 0 }, out);
    fputs("\" */\n", out);
    fwrite(f->text, 1, m->off, out);
    fputs(m->repl, out);
    fwrite(f->text + m->off + m->len, 1, f->size - m->off - m->len, out);
    return ferror(out) ? -1 : 0;
}
