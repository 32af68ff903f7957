// golex.c — the lexer of the escape lab's Go subset.
//
// It follows the Go specification's lexical rules that the subset needs:
// identifiers, decimal integer literals, interpreted string literals with the
// simple escapes (\n \t \\ \" \'), // and /* */ comments, the operators, and
// automatic semicolons (a newline or the end of the file after an
// identifier, a literal, `return`, `break`, `continue`, `++`, `--`, `)`, `]`
// or `}` ends the statement). Positions are the compiler's: the column
// counts bytes and a tab is one column.
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "golex.h"

_Noreturn void go_fail(go_errctx_t *ec, go_pos_t pos, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(ec->err, ec->errlen, "%s:%d:%d: %s", ec->file, pos.line, pos.col, msg);
    longjmp(ec->jb, 1);
}

static const struct {
    const char *word;
    go_tok_t tok;
} keywords[] = {
    { "break", T_BREAK },
    { "case", T_CASE },
    { "chan", T_CHAN },
    { "const", T_CONST },
    { "continue", T_CONTINUE },
    { "default", T_DEFAULT },
    { "defer", T_DEFER },
    { "else", T_ELSE },
    { "fallthrough", T_FALLTHROUGH },
    { "for", T_FOR },
    { "func", T_FUNC },
    { "go", T_GO },
    { "goto", T_GOTO },
    { "if", T_IF },
    { "import", T_IMPORT },
    { "interface", T_INTERFACE },
    { "map", T_MAP },
    { "package", T_PACKAGE },
    { "range", T_RANGE },
    { "return", T_RETURN },
    { "select", T_SELECT },
    { "struct", T_STRUCT },
    { "switch", T_SWITCH },
    { "type", T_TYPE },
    { "var", T_VAR },
};

// The operators, longest first so that the first match is the longest.
static const char *ops[] = {
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=",
    ">=",  ":=",  "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>",
    "&^",  "+",   "-",   "*",   "/",  "%",  "&",  "|",  "^",  "<",  ">",  "=",
    "!",   "(",   ")",   "[",   "]",  "{",  "}",  ",",  ";",  ".",  ":",  "~",
};

static bool ends_statement(const go_lexer_t *lx)
{
    switch (lx->last) {
    case T_IDENT:
    case T_INT:
    case T_STRING:
    case T_RETURN:
    case T_BREAK:
    case T_CONTINUE:
    case T_FALLTHROUGH: return true;
    case T_OP:
        return lx->lastop &&
               (!strcmp(lx->lastop, "++") || !strcmp(lx->lastop, "--") ||
                !strcmp(lx->lastop, ")") || !strcmp(lx->lastop, "]") || !strcmp(lx->lastop, "}"));
    default: return false;
    }
}

static int peekc(const go_lexer_t *lx, size_t k)
{
    return lx->off + k < lx->len ? (unsigned char)lx->src[lx->off + k] : -1;
}

static void advance(go_lexer_t *lx)
{
    if (lx->src[lx->off] == '\n') {
        lx->line++;
        lx->col = 1;
    } else {
        lx->col++;
    }
    lx->off++;
}

static void semi(go_lexer_t *lx, go_token_t *t, go_pos_t pos)
{
    t->tok = T_SEMI;
    t->pos = pos;
    strcpy(t->text, "newline");
    t->auto_semi = true;
    lx->last = T_SEMI;
    lx->lastop = NULL;
}

void go_lex_next(go_lexer_t *lx, go_errctx_t *ec, go_token_t *t)
{
    memset(t, 0, sizeof *t);
    for (;;) {
        int c = peekc(lx, 0);
        go_pos_t pos = { lx->line, lx->col };
        if (c < 0) {
            if (ends_statement(lx)) {
                semi(lx, t, pos);
                return;
            }
            t->tok = T_EOF;
            t->pos = pos;
            lx->last = T_EOF;
            return;
        }
        if (c == '\n') {
            if (ends_statement(lx)) {
                semi(lx, t, pos);
                advance(lx);
                return;
            }
            advance(lx);
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            advance(lx);
            continue;
        }
        if (c == 0)
            go_fail(ec, pos, "a NUL byte in the source");
        if (c == '/' && peekc(lx, 1) == '/') {
            while (peekc(lx, 0) >= 0 && peekc(lx, 0) != '\n')
                advance(lx);
            continue;
        }
        if (c == '/' && peekc(lx, 1) == '*') {
            bool newline = false;
            advance(lx);
            advance(lx);
            for (;;) {
                if (peekc(lx, 0) < 0)
                    go_fail(ec, pos, "comment not terminated");
                if (peekc(lx, 0) == '*' && peekc(lx, 1) == '/') {
                    advance(lx);
                    advance(lx);
                    break;
                }
                if (peekc(lx, 0) == '\n')
                    newline = true;
                advance(lx);
            }
            if (newline && ends_statement(lx)) {
                semi(lx, t, pos);
                return;
            }
            continue;
        }
        t->pos = pos;
        if (isalpha(c) || c == '_') {
            size_t n = 0;
            while (isalnum(peekc(lx, 0)) || peekc(lx, 0) == '_') {
                if (n + 1 >= sizeof t->text)
                    go_fail(ec, pos, "identifier too long");
                t->text[n++] = (char)peekc(lx, 0);
                advance(lx);
            }
            t->tok = T_IDENT;
            for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
                if (!strcmp(keywords[i].word, t->text))
                    t->tok = keywords[i].tok;
            lx->last = t->tok;
            lx->lastop = NULL;
            return;
        }
        if (c >= 0x80)
            go_fail(ec, pos, "unsupported: non-ASCII source text");
        if (isdigit(c)) {
            size_t n = 0;
            while (isalnum(peekc(lx, 0)) || peekc(lx, 0) == '_' || peekc(lx, 0) == '.') {
                int d = peekc(lx, 0);
                if (!isdigit(d))
                    go_fail(ec, pos, "unsupported: number literal other than decimal integer");
                if (n + 1 >= 19)
                    go_fail(ec, pos, "unsupported: integer literal too large");
                t->text[n++] = (char)d;
                advance(lx);
            }
            if (n > 1 && t->text[0] == '0')
                go_fail(ec, pos, "unsupported: octal integer literal");
            t->tok = T_INT;
            lx->last = T_INT;
            return;
        }
        if (c == '"') {
            size_t n = 0;
            advance(lx);
            for (;;) {
                int d = peekc(lx, 0);
                if (d < 0 || d == '\n')
                    go_fail(ec, pos, "string literal not terminated");
                advance(lx);
                if (d == '"')
                    break;
                if (d < 0x20 || d >= 0x7f)
                    go_fail(ec, pos, "unsupported: non-printable byte in string literal");
                if (d == '\\') {
                    int e = peekc(lx, 0);
                    switch (e) {
                    case 'n': d = '\n'; break;
                    case 't': d = '\t'; break;
                    case '\\': d = '\\'; break;
                    case '"': d = '"'; break;
                    case '\'': d = '\''; break;
                    default: go_fail(ec, pos, "unsupported: escape sequence in string literal");
                    }
                    advance(lx);
                }
                if (n + 1 >= sizeof t->text)
                    go_fail(ec, pos, "unsupported: string literal longer than 255 bytes");
                t->text[n++] = (char)d;
            }
            t->tok = T_STRING;
            lx->last = T_STRING;
            return;
        }
        if (c == '`' || c == '\'')
            go_fail(ec, pos, "unsupported: %s literal", c == '`' ? "raw string" : "rune");
        for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
            size_t k = strlen(ops[i]);
            if (lx->off + k <= lx->len && !memcmp(lx->src + lx->off, ops[i], k)) {
                for (size_t j = 0; j < k; j++)
                    advance(lx);
                t->tok = T_OP;
                strcpy(t->text, ops[i]);
                if (!strcmp(ops[i], ";")) {
                    t->tok = T_SEMI;
                    lx->last = T_SEMI;
                    lx->lastop = NULL;
                    return;
                }
                lx->last = T_OP;
                lx->lastop = ops[i];
                return;
            }
        }
        go_fail(ec, pos, "invalid character %#x in the source", c);
    }
}
