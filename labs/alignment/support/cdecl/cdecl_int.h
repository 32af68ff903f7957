// cdecl_int.h — the parser's private parts, shared by cdecl*.c: the arena,
// tokens, the parser state and the functions one part calls in another.
//
//   cdecl.c        the public entry points, the arena, error reporting
//   cdecl_lex.c    text -> tokens (comments and preprocessor lines skipped)
//   cdecl_types.c  type construction, the name tables, the size bound
//   cdecl_expr.c   integer constant expressions
//   cdecl_parse.c  specifiers and declarators
//   cdecl_decl.c   struct, union and enum bodies; the top level
//
// Errors: a bad input calls cdecl_fail(), which longjmps back to the top
// level of cdecl_parse (every allocation is in the arena, so nothing leaks).
#ifndef CDECL_INT_H
#define CDECL_INT_H

#include <setjmp.h>
#include <stdint.h>

#include "cdecl.h"

// ---- arena: everything a parsed file owns, freed in one go ----------------
typedef struct cdecl_arena cdecl_arena_t;
cdecl_arena_t *cdecl_arena_new(void);
void cdecl_arena_free(cdecl_arena_t *a);

// ---- tokens ----------------------------------------------------------------
typedef enum {
    TK_EOF,
    TK_IDENT,
    TK_NUMBER, // an integer constant (value) or a bad/float number (bad)
    TK_CHAR,   // a character constant (value)
    TK_STRING,
    TK_PUNCT,       // s[0..len) is the punctuator
    TK_PRAGMA_PACK, // a `#pragma pack(...)` line: value 1 = push/set, 0 = pop/reset
    TK_BAD,         // a character outside C; an error if the parser meets it
} cdecl_tok_kind_t;

typedef struct cdecl_tok {
    cdecl_tok_kind_t kind;
    const char *s;
    size_t len;
    int line;
    uint64_t value;
    const char *bad; // non-NULL: why this number or character is unusable
} cdecl_tok_t;

// ---- symbols ---------------------------------------------------------------
typedef enum { SYM_TYPEDEF, SYM_TAG, SYM_ENUMERATOR } cdecl_sym_kind_t;

typedef struct cdecl_sym {
    cdecl_sym_kind_t kind;
    const char *name;
    cdecl_type_t *type; // SYM_TYPEDEF, SYM_TAG
    int64_t value;      // SYM_ENUMERATOR
    size_t next;        // the next symbol in its hash chain, plus 1 (0: none)
} cdecl_sym_t;

// ---- the parser ------------------------------------------------------------
#define CDECL_MAX_DEPTH 64           // nesting of parens, braces, expressions
#define CDECL_MAX_ALIGNAS 4096       // the largest _Alignas accepted
#define CDECL_MAX_BYTES (1ull << 48) // every type is smaller than this
#define CDECL_MAX_NODES (1ull << 20) // and has fewer nodes, nesting expanded

typedef struct cdecl_parser {
    const char *path;
    cdecl_arena_t *arena;
    unsigned flags;
    // tokens
    cdecl_tok_t *toks;
    size_t ntoks, captoks, pos;
    // error exit: cdecl_fail writes msg and longjmps to *catch_ if set
    // (one declaration, CDECL_KEEP_GOING), else to fail (the whole parse)
    jmp_buf fail;
    jmp_buf *catch_;
    char msg[512];
    int depth;
    cdecl_type_t **defining; // structs whose bodies are being read
    size_t ndefining, capdefining;
    // names (file scope)
    cdecl_sym_t *syms;
    size_t nsyms, capsyms;
    size_t *buckets; // hash of (namespace, name): first symbol index + 1
    size_t nbuckets; // a power of two, at least 2 * nsyms
    // results
    const cdecl_type_t **aggs;
    size_t naggs, capaggs;
    const char **notes;
    size_t nnotes, capnotes;
    size_t skipped;
    int pack; // depth of active #pragma pack
} cdecl_parser_t;

// cdecl.c
void *cdecl_alloc(cdecl_parser_t *p, size_t bytes); // zeroed; fails on OOM
char *cdecl_strndup(cdecl_parser_t *p, const char *s, size_t n);
char *cdecl_printf(cdecl_parser_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void cdecl_fail(cdecl_parser_t *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
// Grow *vec (malloc'd, elements of `size` bytes) to hold one more element.
void cdecl_grow(cdecl_parser_t *p, void **vec, size_t *cap, size_t n, size_t size);

// cdecl_lex.c: fill p->toks from text; fails only on unterminated comments,
// character constants or strings, and on NUL bytes.
void cdecl_lex(cdecl_parser_t *p, const char *text, size_t len);
bool cdecl_tok_is(const cdecl_tok_t *t, const char *punct_or_word);

// cdecl_types.c
const char *cdecl_incomplete_reason(cdecl_parser_t *p, const cdecl_type_t *t);
cdecl_type_t *cdecl_scalar_type(cdecl_parser_t *p, cdecl_scalar_t s);
cdecl_type_t *cdecl_void_type(cdecl_parser_t *p);
cdecl_type_t *cdecl_pointer_to(cdecl_parser_t *p, const cdecl_type_t *t);
cdecl_type_t *cdecl_array_of(cdecl_parser_t *p, const cdecl_type_t *t, size_t count, int line);
cdecl_type_t *cdecl_function_returning(cdecl_parser_t *p, const cdecl_type_t *t, int line);
cdecl_type_t *cdecl_named_copy(cdecl_parser_t *p, const cdecl_type_t *t, const char *name);
bool cdecl_same_type(const cdecl_type_t *a, const cdecl_type_t *b);
cdecl_sym_t *cdecl_lookup(cdecl_parser_t *p, const char *name, size_t len, bool tag);
cdecl_sym_t *cdecl_define(cdecl_parser_t *p, cdecl_sym_kind_t kind, const char *name, size_t len);
void cdecl_builtin_typedefs(cdecl_parser_t *p);
uint64_t cdecl_size_bound(const cdecl_type_t *t);
uint64_t cdecl_basic_size(const cdecl_type_t *t, bool align);

// cdecl_expr.c: an integer constant expression at p->pos.
int64_t cdecl_const_expr(cdecl_parser_t *p);

// cdecl_parse.c: specifiers and declarators
typedef enum { CTX_TOP, CTX_MEMBER, CTX_TYPENAME } ctx_t;

typedef struct cdecl_specs {
    bool is_typedef;
    bool storage; // extern, static, inline, ...
    const cdecl_type_t *type;
    const char *spelling; // "const unsigned long", "struct point"
    size_t alignas;
    bool defines_anonymous; // a struct/union without a tag defined here
} specs_t;

typedef struct cdecl_decl {
    const char *name; // NULL in an abstract declarator
    size_t name_tok;  // index of the name token (or SIZE_MAX)
    size_t from, to;  // the declarator's tokens
    int line;
} decl_t;

extern const char *const cdecl_basic_words[],
    *const cdecl_qualifier_words[], *const cdecl_storage_words[], *const cdecl_refused_words[];
bool cdecl_is_any(const cdecl_tok_t *t, const char *const *words);
bool cdecl_is_keyword(const cdecl_tok_t *t);
_Noreturn void cdecl_refuse(cdecl_parser_t *p, const cdecl_tok_t *t);
const char *cdecl_tok_desc(cdecl_parser_t *p, const cdecl_tok_t *t);
void cdecl_skip_balanced(cdecl_parser_t *p);
bool cdecl_starts_type(cdecl_parser_t *p, size_t at);
specs_t cdecl_specifiers(cdecl_parser_t *p, ctx_t ctx);
const cdecl_type_t *cdecl_declarator(cdecl_parser_t *p, const cdecl_type_t *base, bool abstract,
                                     decl_t *d);
char *cdecl_spell(cdecl_parser_t *p, const char *spelling, const decl_t *d, bool with_name);
const cdecl_type_t *cdecl_type_name(cdecl_parser_t *p);

// cdecl_decl.c: struct, union and enum bodies; the top level
cdecl_type_t *cdecl_aggregate(cdecl_parser_t *p, bool is_union, specs_t *sp);
cdecl_type_t *cdecl_enumeration(cdecl_parser_t *p, specs_t *sp);
void cdecl_parse_unit(cdecl_parser_t *p);

// token helpers (cdecl_parse.c)
const cdecl_tok_t *cdecl_peek(cdecl_parser_t *p, size_t ahead);
const cdecl_tok_t *cdecl_next(cdecl_parser_t *p);
bool cdecl_accept(cdecl_parser_t *p, const char *punct_or_word);
void cdecl_expect(cdecl_parser_t *p, const char *punct, const char *context);
void cdecl_enter(cdecl_parser_t *p, int line);
void cdecl_leave(cdecl_parser_t *p);

#endif
