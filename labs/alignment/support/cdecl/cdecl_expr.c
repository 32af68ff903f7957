// cdecl_expr.c — integer constant expressions for the struct parser: array
// sizes, enumerator values and _Alignas arguments.
//
// Grammar (C's, by precedence): ?: || && | ^ & == != < > <= >= << >> + -
// * / % and the unary - + ~ ! casts sizeof _Alignof, over integer and
// character constants, enumerators and parentheses. Values are signed 64-bit;
// an overflow, a division by zero or a shift out of range is an error, as
// is anything that is not constant (a macro name the header never defined,
// sizeof of a struct — computing that is the lab's job).
#include <string.h>

#include "cdecl_int.h"

static int64_t cond_expr(cdecl_parser_t *p);

static int64_t checked(cdecl_parser_t *p, int line, bool overflow, int64_t v)
{
    if (overflow)
        cdecl_fail(p, line, "integer overflow in constant expression");
    return v;
}

// size_or_align — sizeof or _Alignof (the keyword is already consumed).
static int64_t size_or_align(cdecl_parser_t *p, const char *op, bool align, int line)
{
    if (!(cdecl_tok_is(cdecl_peek(p, 0), "(") && cdecl_starts_type(p, p->pos + 1)))
        cdecl_fail(p, line, "%s of an expression is not supported; write %s(type)", op, op);
    cdecl_next(p);
    const cdecl_type_t *t = cdecl_type_name(p);
    cdecl_expect(p, ")", op);
    uint64_t v = cdecl_basic_size(t, align);
    if (v == 0)
        cdecl_fail(p, line,
                   "%s(%s) is not supported in a constant expression: only basic types, "
                   "pointers and arrays of them (the layout of structs is what this lab computes)",
                   op, t->name);
    return (int64_t)v;
}

static int64_t unary(cdecl_parser_t *p)
{
    const cdecl_tok_t *t = cdecl_peek(p, 0);
    int line = t->line;
    cdecl_enter(p, line);
    int64_t v;
    if (cdecl_accept(p, "-")) {
        int64_t x = unary(p);
        v = checked(p, line, x == INT64_MIN, -x);
    } else if (cdecl_accept(p, "+")) {
        v = unary(p);
    } else if (cdecl_accept(p, "~")) {
        v = ~unary(p);
    } else if (cdecl_accept(p, "!")) {
        v = !unary(p);
    } else if (cdecl_accept(p, "sizeof")) {
        v = size_or_align(p, "sizeof", false, line);
    } else if (cdecl_accept(p, "_Alignof") || cdecl_accept(p, "alignof") ||
               cdecl_accept(p, "__alignof__") || cdecl_accept(p, "__alignof")) {
        v = size_or_align(p, "_Alignof", true, line);
    } else if (cdecl_tok_is(t, "(") && cdecl_starts_type(p, p->pos + 1)) {
        cdecl_next(p); // a cast: the value is kept as is
        cdecl_type_name(p);
        cdecl_expect(p, ")", "cast");
        v = unary(p);
    } else if (cdecl_accept(p, "(")) {
        v = cond_expr(p);
        cdecl_expect(p, ")", "parenthesized expression");
    } else if (t->kind == TK_NUMBER || t->kind == TK_CHAR) {
        if (t->bad)
            cdecl_fail(p, line, "%.*s: %s", (int)t->len, t->s, t->bad);
        if (t->kind == TK_NUMBER && t->value > INT64_MAX)
            cdecl_fail(p, line, "%.*s: integer constant is too large", (int)t->len, t->s);
        v = (int64_t)t->value;
        cdecl_next(p);
    } else if (t->kind == TK_IDENT) {
        cdecl_sym_t *s = cdecl_lookup(p, t->s, t->len, false);
        if (!s || s->kind != SYM_ENUMERATOR)
            cdecl_fail(p, line,
                       "`%.*s` is not a constant (macros are not expanded: "
                       "preprocess the header first, e.g. with --cpp)",
                       (int)t->len, t->s);
        v = s->value;
        cdecl_next(p);
    } else {
        cdecl_fail(p, line, "expected a constant expression, found `%.*s`",
                   (int)(t->len > 40 ? 40 : t->len), t->kind == TK_EOF ? "end of file" : t->s);
    }
    cdecl_leave(p);
    return v;
}

// The binary operators, by precedence level (loosest first).
static const char *const levels[][5] = {
    { "||" },
    { "&&" },
    { "|" },
    { "^" },
    { "&" },
    { "==", "!=" },
    { "<", ">", "<=", ">=" },
    { "<<", ">>" },
    { "+", "-" },
    { "*", "/", "%" },
};
#define NLEVELS (int)(sizeof(levels) / sizeof(levels[0]))

static int64_t apply(cdecl_parser_t *p, int line, const char *op, int64_t a, int64_t b)
{
    int64_t r;
    if (!strcmp(op, "||"))
        return a || b;
    if (!strcmp(op, "&&"))
        return a && b;
    if (!strcmp(op, "|"))
        return a | b;
    if (!strcmp(op, "^"))
        return a ^ b;
    if (!strcmp(op, "&"))
        return a & b;
    if (!strcmp(op, "=="))
        return a == b;
    if (!strcmp(op, "!="))
        return a != b;
    if (!strcmp(op, "<"))
        return a < b;
    if (!strcmp(op, ">"))
        return a > b;
    if (!strcmp(op, "<="))
        return a <= b;
    if (!strcmp(op, ">="))
        return a >= b;
    bool over;
    if (!strcmp(op, "+") || !strcmp(op, "-") || !strcmp(op, "*")) {
        over = op[0] == '+'   ? __builtin_add_overflow(a, b, &r)
               : op[0] == '-' ? __builtin_sub_overflow(a, b, &r)
                              : __builtin_mul_overflow(a, b, &r);
        return checked(p, line, over, r);
    }
    if (!strcmp(op, "<<") || !strcmp(op, ">>")) {
        if (b < 0 || b > 62)
            cdecl_fail(p, line, "shift by %lld is out of range", (long long)b);
        if (op[0] == '>')
            return a >> b;
        if (a < 0 || a > (INT64_MAX >> b))
            cdecl_fail(p, line, "integer overflow in constant expression");
        return a << b;
    }
    if (b == 0)
        cdecl_fail(p, line, "division by zero in constant expression");
    if (a == INT64_MIN && b == -1)
        cdecl_fail(p, line, "integer overflow in constant expression");
    return op[0] == '/' ? a / b : a % b;
}

static int64_t binary(cdecl_parser_t *p, int level)
{
    if (level == NLEVELS)
        return unary(p);
    int64_t v = binary(p, level + 1);
    for (;;) {
        const cdecl_tok_t *t = cdecl_peek(p, 0);
        const char *op = NULL;
        for (int k = 0; k < 5 && levels[level][k]; k++)
            if (t->kind == TK_PUNCT && cdecl_tok_is(t, levels[level][k]))
                op = levels[level][k];
        if (!op)
            return v;
        cdecl_next(p);
        int64_t w = binary(p, level + 1);
        v = apply(p, t->line, op, v, w);
    }
}

static int64_t cond_expr(cdecl_parser_t *p)
{
    int line = cdecl_peek(p, 0)->line;
    cdecl_enter(p, line);
    int64_t c = binary(p, 0);
    if (cdecl_accept(p, "?")) {
        int64_t a = cond_expr(p);
        cdecl_expect(p, ":", "conditional expression");
        int64_t b = cond_expr(p);
        c = c ? a : b;
    }
    cdecl_leave(p);
    return c;
}

int64_t cdecl_const_expr(cdecl_parser_t *p)
{
    return cond_expr(p);
}
