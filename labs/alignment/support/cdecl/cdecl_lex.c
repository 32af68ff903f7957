// cdecl_lex.c — the struct parser's lexer: header text -> an array of
// tokens, each with its line number.
//
// Skipped: white space, /* */ and // comments, and preprocessor lines (a
// `#` first on its line, with backslash continuations), which are never
// evaluated — except two that would silently change what the header means:
//   - `#if 0` ... `#endif` (or `#else`/`#elif`): the block is skipped;
//   - `#pragma pack(...)`: becomes a TK_PRAGMA_PACK token so that the
//     parser can refuse the structs it would pack.
// Characters outside C become TK_BAD tokens and numbers that are not
// integers carry a reason in `bad`: both are errors only if the parser
// needs them (a declaration that is skipped may contain anything). The
// lexer itself fails only on an unterminated comment, string or character,
// and on a NUL byte anywhere (binary input; declarations are kept as text).
#include <ctype.h>
#include <string.h>

#include "cdecl_int.h"

typedef struct lexer {
    cdecl_parser_t *p;
    const char *s, *end;
    int line;
    bool at_line_start; // only white space since the last newline
} lexer_t;

static void push(lexer_t *L, cdecl_tok_kind_t kind, const char *s, size_t len)
{
    cdecl_parser_t *p = L->p;
    cdecl_grow(p, (void **)&p->toks, &p->captoks, p->ntoks, sizeof(cdecl_tok_t));
    p->toks[p->ntoks++] = (cdecl_tok_t){ .kind = kind, .s = s, .len = len, .line = L->line };
}

bool cdecl_tok_is(const cdecl_tok_t *t, const char *word)
{
    size_t n = strlen(word);
    return (t->kind == TK_PUNCT || t->kind == TK_IDENT) && t->len == n &&
           memcmp(t->s, word, n) == 0;
}

// skip_directive_line — move past the rest of a preprocessor line (with its
// continuations); returns the directive's text, comments not removed.
static void skip_directive_line(lexer_t *L, const char **start, const char **stop)
{
    *start = L->s;
    while (L->s < L->end && *L->s != '\n') {
        if (*L->s == '\\' && L->s + 1 < L->end && L->s[1] == '\n') {
            L->s += 2;
            L->line++;
            continue;
        }
        L->s++;
    }
    *stop = L->s;
}

// directive_word — the identifier starting at *q (after blanks), advancing *q.
static size_t directive_word(const char **q, const char *stop, const char **w)
{
    while (*q < stop && (**q == ' ' || **q == '\t'))
        (*q)++;
    *w = *q;
    while (*q < stop && (isalnum((unsigned char)**q) || **q == '_'))
        (*q)++;
    return (size_t)(*q - *w);
}

static bool word_is(const char *w, size_t n, const char *lit)
{
    return n == strlen(lit) && memcmp(w, lit, n) == 0;
}

// directive — handle the preprocessor line whose `#` L->s points past.
static void directive(lexer_t *L)
{
    int line = L->line;
    const char *start, *stop, *w;
    skip_directive_line(L, &start, &stop);
    const char *q = start;
    size_t n = directive_word(&q, stop, &w);
    if (word_is(w, n, "pragma")) {
        n = directive_word(&q, stop, &w);
        if (word_is(w, n, "pack")) {
            // pack() and pack(pop) end packing; anything else starts it.
            const char *a = memchr(q, '(', (size_t)(stop - q));
            bool ends = false;
            if (a) {
                a++;
                size_t m = directive_word(&a, stop, &w);
                ends = (m == 0 && a < stop && *a == ')') || word_is(w, m, "pop");
            }
            push(L, TK_PRAGMA_PACK, start, (size_t)(stop - start));
            L->p->toks[L->p->ntoks - 1].line = line;
            L->p->toks[L->p->ntoks - 1].value = ends ? 0 : 1;
        }
        return;
    }
    if (!word_is(w, n, "if"))
        return;
    while (q < stop && (*q == ' ' || *q == '\t'))
        q++;
    if (!(q < stop && *q == '0' && (q + 1 == stop || !isalnum((unsigned char)q[1]))))
        return;
    // `#if 0`: skip lines up to the matching #else, #elif or #endif.
    int nest = 0;
    while (L->s < L->end) {
        L->s++; // the newline
        L->line++;
        const char *r = L->s;
        while (r < L->end && (*r == ' ' || *r == '\t'))
            r++;
        if (r < L->end && *r == '#') {
            L->s = r + 1;
            skip_directive_line(L, &start, &stop);
            q = start;
            n = directive_word(&q, stop, &w);
            if (word_is(w, n, "if") || word_is(w, n, "ifdef") || word_is(w, n, "ifndef"))
                nest++;
            else if (word_is(w, n, "endif") && nest-- == 0)
                return;
            else if (nest == 0 && (word_is(w, n, "else") || word_is(w, n, "elif")))
                return;
        } else {
            while (L->s < L->end && *L->s != '\n')
                L->s++;
        }
    }
}

// quoted — a string or character constant starting at L->s (the quote).
static void quoted(lexer_t *L, const char *begin)
{
    char q = *L->s++;
    uint64_t value = 0;
    int nchars = 0;
    const char *bad = NULL;
    while (L->s < L->end && *L->s != q) {
        if (*L->s == '\n')
            cdecl_fail(L->p, L->line, "missing terminating %c character", q);
        unsigned c = (unsigned char)*L->s++;
        if (c == '\\' && L->s < L->end) {
            c = (unsigned char)*L->s++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'a': c = '\a'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'v': c = '\v'; break;
            case 'x': {
                unsigned v = 0;
                while (L->s < L->end && isxdigit((unsigned char)*L->s)) {
                    int d = (unsigned char)*L->s++;
                    v = (v << 4) | (unsigned)(isdigit(d) ? d - '0' : (tolower(d) - 'a' + 10));
                    v &= 0xffffff;
                }
                c = v & 0xff;
                break;
            }
            default:
                if (c >= '0' && c <= '7') {
                    unsigned v = c - '0';
                    for (int k = 0; k < 2 && L->s < L->end && *L->s >= '0' && *L->s <= '7'; k++)
                        v = v * 8 + (unsigned)(*L->s++ - '0');
                    c = v & 0xff;
                }
                break; // \\ \' \" \? and unknown escapes: the character itself
            }
        }
        value = (uint64_t)(int64_t)(signed char)c; // char is signed on x86-64
        nchars++;
    }
    if (L->s >= L->end)
        cdecl_fail(L->p, L->line, "missing terminating %c character", q);
    L->s++;
    if (q == '"') {
        push(L, TK_STRING, begin, (size_t)(L->s - begin));
        return;
    }
    if (nchars != 1)
        bad = nchars ? "multi-character constants are not supported" : "empty character constant";
    push(L, TK_CHAR, begin, (size_t)(L->s - begin));
    L->p->toks[L->p->ntoks - 1].value = value;
    L->p->toks[L->p->ntoks - 1].bad = bad;
}

// number — a pp-number; integers get their value, anything else a reason.
static void number(lexer_t *L)
{
    const char *b = L->s;
    while (L->s < L->end) {
        char c = *L->s;
        if ((c == '+' || c == '-') && strchr("eEpP", L->s[-1]) &&
            !(b[0] == '0' && (b[1] == 'x' || b[1] == 'X') && (L->s[-1] == 'e' || L->s[-1] == 'E')))
            L->s++;
        else if (isalnum((unsigned char)c) || c == '_' || c == '.')
            L->s++;
        else
            break;
    }
    size_t n = (size_t)(L->s - b);
    push(L, TK_NUMBER, b, n);
    cdecl_tok_t *t = &L->p->toks[L->p->ntoks - 1];
    size_t i = 0;
    unsigned base = 10;
    if (n > 1 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X'))
        base = 16, i = 2;
    else if (n > 1 && b[0] == '0' && (b[1] == 'b' || b[1] == 'B'))
        base = 2, i = 2;
    else if (b[0] == '0')
        base = 8;
    uint64_t v = 0;
    size_t digits = 0;
    for (; i < n; i++, digits++) {
        int c = tolower((unsigned char)b[i]);
        unsigned d = isdigit(c)               ? (unsigned)(c - '0')
                     : (c >= 'a' && c <= 'f') ? (unsigned)(c - 'a' + 10)
                                              : 99;
        if (d >= base)
            break;
        if (v > (UINT64_MAX - d) / base) {
            t->bad = "integer constant is too large";
            return;
        }
        v = v * base + d;
    }
    // What is left must be an integer suffix: u, l, ll in any order/case.
    int us = 0, ls = 0;
    for (; i < n; i++) {
        char c = (char)tolower((unsigned char)b[i]);
        if (c == 'u' && !us)
            us = 1;
        else if (c == 'l' && ls < 2 && (ls == 0 || b[i - 1] == b[i]))
            ls++;
        else {
            bool fp = memchr(b, '.', n) || (base == 10 && (memchr(b, 'e', n) || memchr(b, 'E', n)));
            t->bad = fp ? "floating constants are not supported here" : "invalid integer constant";
            return;
        }
    }
    if (digits == 0 && base != 8)
        t->bad = "invalid integer constant";
    t->value = v;
}

static const char *const puncts[] = {
    "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
    "&&",  "||",  "*=",  "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
};

void cdecl_lex(cdecl_parser_t *p, const char *text, size_t len)
{
    lexer_t L = { .p = p, .s = text, .end = text + len, .line = 1, .at_line_start = true };
    const char *nul = len ? memchr(text, '\0', len) : NULL;
    if (nul) {
        int line = 1;
        for (const char *c = text; c < nul; c++)
            line += *c == '\n';
        cdecl_fail(p, line, "a NUL byte: this is not a text file");
    }
    while (L.s < L.end) {
        char c = *L.s;
        if (c == '\n') {
            L.line++;
            L.s++;
            L.at_line_start = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            L.s++;
            continue;
        }
        if (c == '\\' && L.s + 1 < L.end && L.s[1] == '\n') { // line splice
            L.s += 2;
            L.line++;
            continue;
        }
        if (c == '/' && L.s + 1 < L.end && L.s[1] == '*') {
            int line = L.line;
            L.s += 2;
            while (L.s + 1 < L.end && !(L.s[0] == '*' && L.s[1] == '/'))
                L.line += *L.s++ == '\n';
            if (L.s + 1 >= L.end)
                cdecl_fail(p, line, "unterminated /* comment");
            L.s += 2;
            continue;
        }
        if (c == '/' && L.s + 1 < L.end && L.s[1] == '/') {
            while (L.s < L.end && *L.s != '\n')
                L.s++;
            continue;
        }
        if (c == '#' && L.at_line_start) {
            L.s++;
            directive(&L);
            continue;
        }
        L.at_line_start = false;
        const char *b = L.s;
        if (isalpha((unsigned char)c) || c == '_' || c == '$') {
            while (L.s < L.end && (isalnum((unsigned char)*L.s) || *L.s == '_' || *L.s == '$'))
                L.s++;
            size_t n = (size_t)(L.s - b);
            bool prefix = (n == 1 && (c == 'L' || c == 'u' || c == 'U')) ||
                          (n == 2 && c == 'u' && b[1] == '8');
            if (prefix && L.s < L.end && (*L.s == '\'' || *L.s == '"')) {
                quoted(&L, b);
                continue;
            }
            push(&L, TK_IDENT, b, n);
            continue;
        }
        if (isdigit((unsigned char)c) ||
            (c == '.' && L.s + 1 < L.end && isdigit((unsigned char)L.s[1]))) {
            number(&L);
            continue;
        }
        if (c == '\'' || c == '"') {
            quoted(&L, b);
            continue;
        }
        size_t n = 0;
        for (size_t k = 0; k < sizeof(puncts) / sizeof(puncts[0]); k++) {
            size_t m = strlen(puncts[k]);
            if ((size_t)(L.end - L.s) >= m && memcmp(L.s, puncts[k], m) == 0) {
                n = m;
                break;
            }
        }
        if (n == 0 && c && strchr("[](){}.&*+-~!/%<>^|?:;=,#", c))
            n = 1;
        if (n) {
            L.s += n;
            push(&L, TK_PUNCT, b, n);
        } else {
            L.s++;
            push(&L, TK_BAD, b, 1);
        }
    }
    push(&L, TK_EOF, L.end, 0);
}
