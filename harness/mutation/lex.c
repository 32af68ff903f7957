// lex.c — a C tokenizer just good enough to mutate a student file safely.
//
// It reads the file as the compiler's translation phases 1–3 would, minus
// what a mutation never needs: comments are skipped; a line whose first
// non-blank character is `#` is a preprocessor directive and is skipped
// with its backslash continuations (so `#include <x.h>`, `#define N 8` and
// `#if A < B` are never mutated); string and character literals (with any
// L/u/U/u8 prefix) are single opaque tokens; a preprocessing number is one
// token. Operators are matched longest first.
//
// Function bodies: at file scope a `{` that follows a `)` opens a function
// body (`int f(void) {`, also after `__attribute__((...))`); a `{` after
// anything else (`= {`, `struct s {`) does not. Every token between such a
// brace and its match has in_body set; the mutation operators look at no
// other token.
//
// Errors are the file's, reported as "path:line: what is wrong": an
// unterminated comment (at the line where it opened), an unterminated
// string or character literal, a character C does not use outside literals
// (`@`, `$`, a backtick), a closing bracket without its opening one or the
// end of the file inside brackets.
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mutate.h"

FILE *mt_errors;

FILE *mt_err(void)
{
    return mt_errors ? mt_errors : stderr;
}

int mt_file_load(mt_file_t *f, const char *path)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    const char *slash = strrchr(path, '/');
    f->name = slash ? slash + 1 : path;
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            fclose(in);
            fprintf(stderr, "%s: out of memory\n", path);
            return -1;
        }
        n += fread(buf + n, 1, cap - n, in);
        if (n < cap)
            break;
        cap *= 2;
        char *b = realloc(buf, cap + 1);
        if (!b)
            free(buf);
        buf = b;
    }
    bool bad = ferror(in);
    fclose(in);
    if (bad) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    f->text = buf;
    f->size = n;
    return 0;
}

void mt_file_free(mt_file_t *f)
{
    free(f->text);
    free(f->tok);
    f->text = NULL;
    f->tok = NULL;
}

// The operators, longest first within each leading character.
static const char *const puncts[] = {
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
    "&&",  "||",  "*=",  "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "[",
    "]",   "(",   ")",   "{",  "}",  ".",  "&",  "*",  "+",  "-",  "~",  "!",
    "/",   "%",   "<",   ">",  "^",  "|",  "?",  ":",  ";",  "=",  ",",  "#",
};

static bool is_ident_char(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

typedef struct {
    mt_file_t *f;
    size_t i;
    unsigned line;
    size_t cap;
} lexer_t;

static int fail(const lexer_t *lx, unsigned line, const char *what)
{
    fprintf(mt_err(), "%s:%u: %s\n", lx->f->path, line, what);
    return -1;
}

// Steps over a backslash-newline at i, if any; returns whether it did.
static bool splice(lexer_t *lx)
{
    const char *t = lx->f->text;
    if (t[lx->i] == '\\' && t[lx->i + 1] == '\n') {
        lx->i += 2;
        lx->line++;
        return true;
    }
    return false;
}

// Skips a comment at i. Returns 1 if there was one, 0 if not, -1 on error.
static int skip_comment(lexer_t *lx)
{
    const char *t = lx->f->text;
    if (t[lx->i] != '/' || (t[lx->i + 1] != '*' && t[lx->i + 1] != '/'))
        return 0;
    unsigned from = lx->line;
    if (t[lx->i + 1] == '/') {
        lx->i += 2;
        while (t[lx->i] && t[lx->i] != '\n')
            if (!splice(lx))
                lx->i++;
        return 1;
    }
    for (lx->i += 2; t[lx->i]; lx->i++) {
        if (t[lx->i] == '\n')
            lx->line++;
        else if (t[lx->i] == '*' && t[lx->i + 1] == '/') {
            lx->i += 2;
            return 1;
        }
    }
    return fail(lx, from, "a comment opened here is never closed");
}

// Skips a literal opened by `quote` at i. Returns 0 or -1.
static int skip_literal(lexer_t *lx, char quote)
{
    const char *t = lx->f->text;
    for (lx->i++; t[lx->i] != quote; lx->i++) {
        if (splice(lx)) {
            lx->i--;
            continue;
        }
        if (t[lx->i] == '\\' && t[lx->i + 1] != '\0' && t[lx->i + 1] != '\n')
            lx->i++;
        else if (t[lx->i] == '\n' || t[lx->i] == '\0')
            return fail(lx, lx->line,
                        quote == '"' ? "a string literal is not closed on its line"
                                     : "a character literal is not closed on its line");
    }
    lx->i++;
    return 0;
}

// Skips a preprocessor directive starting at i (the `#`), comments and
// literals inside it included, up to the end of its last line.
static int skip_directive(lexer_t *lx)
{
    const char *t = lx->f->text;
    while (t[lx->i] && t[lx->i] != '\n') {
        if (splice(lx))
            continue;
        int c = skip_comment(lx);
        if (c < 0)
            return -1;
        if (c > 0)
            continue;
        // `#include <a'b.h>` or `#error don't`: quotes in a directive need
        // not pair up, so only a literal that closes on the line is one.
        lx->i++;
    }
    return 0;
}

static int push(lexer_t *lx, mt_kind_t kind, size_t off, unsigned line)
{
    mt_file_t *f = lx->f;
    if (f->ntok == lx->cap) {
        size_t cap = lx->cap ? 2 * lx->cap : 1024;
        mt_token_t *t = realloc(f->tok, cap * sizeof *t);
        if (!t)
            return fail(lx, line, "out of memory");
        f->tok = t;
        lx->cap = cap;
    }
    f->tok[f->ntok++] = (mt_token_t){ .kind = kind, .off = off, .len = lx->i - off, .line = line };
    return 0;
}

// Marks the tokens of function bodies and checks that brackets balance.
static int mark_bodies(lexer_t *lx)
{
    mt_file_t *f = lx->f;
    enum { MAXD = 256 };
    char open[MAXD];
    unsigned open_line[MAXD];
    int depth = 0, body_at = -1; // body_at: the depth of the body's `{`
    for (size_t k = 0; k < f->ntok; k++) {
        mt_token_t *t = &f->tok[k];
        if (t->kind != MT_PUNCT || t->len != 1) {
            t->in_body = body_at >= 0;
            continue;
        }
        char c = f->text[t->off];
        if (c == '{' || c == '(' || c == '[') {
            t->in_body = body_at >= 0;
            if (depth == MAXD)
                return fail(lx, t->line, "brackets nested too deep");
            if (c == '{' && depth == 0 && k > 0 && f->tok[k - 1].kind == MT_PUNCT &&
                f->text[f->tok[k - 1].off] == ')' && f->tok[k - 1].len == 1) {
                body_at = 0;
                t->in_body = false;
            }
            open[depth] = c;
            open_line[depth++] = t->line;
        } else if (c == '}' || c == ')' || c == ']') {
            char want = c == '}' ? '{' : c == ')' ? '(' : '[';
            if (depth == 0 || open[depth - 1] != want) {
                char msg[96];
                snprintf(msg, sizeof msg, "'%c' closes nothing%s", c,
                         depth ? "; a bracket opened before is still open" : "");
                return fail(lx, t->line, msg);
            }
            depth--;
            if (c == '}' && depth == body_at)
                body_at = -1;
            t->in_body = body_at >= 0;
        } else
            t->in_body = body_at >= 0;
    }
    if (depth > 0) {
        char msg[96];
        snprintf(msg, sizeof msg, "this '%c' is never closed", open[depth - 1]);
        return fail(lx, open_line[depth - 1], msg);
    }
    return 0;
}

int mt_lex(mt_file_t *f)
{
    lexer_t lx = { .f = f, .i = 0, .line = 1 };
    const char *t = f->text;
    for (size_t i = 0; i < f->size; i++) {
        if (t[i] == '\0')
            return fail(&lx, lx.line, "a NUL byte; a C source file holds none");
        lx.line += t[i] == '\n';
    }
    lx.line = 1;
    bool line_start = true; // only blanks since the last newline
    while (t[lx.i]) {
        char c = t[lx.i];
        if (c == '\n') {
            lx.line++;
            lx.i++;
            line_start = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || splice(&lx)) {
            if (c != '\\')
                lx.i++;
            continue;
        }
        int cm = skip_comment(&lx);
        if (cm < 0)
            return -1;
        if (cm > 0)
            continue;
        size_t off = lx.i;
        unsigned line = lx.line;
        if (c == '#' && line_start) {
            if (skip_directive(&lx) < 0)
                return -1;
            continue;
        }
        line_start = false;
        mt_kind_t kind;
        if (is_ident_char(c) && !(c >= '0' && c <= '9')) {
            while (is_ident_char(t[lx.i]))
                lx.i++;
            size_t n = lx.i - off;
            bool prefix = (n == 1 && strchr("LuU", c)) || (n == 2 && !strncmp(t + off, "u8", 2));
            if (prefix && (t[lx.i] == '"' || t[lx.i] == '\'')) {
                kind = t[lx.i] == '"' ? MT_STRING : MT_CHAR;
                if (skip_literal(&lx, t[lx.i]) < 0)
                    return -1;
            } else
                kind = MT_IDENT;
        } else if ((c >= '0' && c <= '9') ||
                   (c == '.' && t[lx.i + 1] >= '0' && t[lx.i + 1] <= '9')) {
            kind = MT_NUMBER;
            for (lx.i++;; lx.i++) {
                char d = t[lx.i];
                if (strchr("eEpP", d) && d && (t[lx.i + 1] == '+' || t[lx.i + 1] == '-'))
                    lx.i++;
                else if (!is_ident_char(d) && d != '.')
                    break;
            }
        } else if (c == '"' || c == '\'') {
            kind = c == '"' ? MT_STRING : MT_CHAR;
            if (skip_literal(&lx, c) < 0)
                return -1;
        } else {
            kind = MT_PUNCT;
            size_t k = 0, n = sizeof puncts / sizeof puncts[0];
            for (; k < n; k++)
                if (!strncmp(t + lx.i, puncts[k], strlen(puncts[k])))
                    break;
            if (k == n) {
                char msg[80];
                if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
                    snprintf(msg, sizeof msg, "a byte 0x%02x outside any literal or comment",
                             (unsigned char)c);
                else
                    snprintf(msg, sizeof msg, "'%c' outside any literal or comment", c);
                return fail(&lx, line, msg);
            }
            lx.i += strlen(puncts[k]);
        }
        if (push(&lx, kind, off, line) < 0)
            return -1;
    }
    return mark_bodies(&lx);
}
