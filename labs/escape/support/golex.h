// golex.h — the tokens of the escape lab's Go subset (golex.c) and the
// parser's internals shared by goparse.c and gocheck.c.
#ifndef ESCAPE_GOLEX_H
#define ESCAPE_GOLEX_H

#include <setjmp.h>
#include "gosrc.h"

typedef enum go_tok {
    T_EOF,
    T_IDENT,
    T_INT,
    T_STRING,
    T_OP,
    T_SEMI,
    // keywords
    T_BREAK,
    T_CASE,
    T_CHAN,
    T_CONST,
    T_CONTINUE,
    T_DEFAULT,
    T_DEFER,
    T_ELSE,
    T_FALLTHROUGH,
    T_FOR,
    T_FUNC,
    T_GO,
    T_GOTO,
    T_IF,
    T_IMPORT,
    T_INTERFACE,
    T_MAP,
    T_PACKAGE,
    T_RANGE,
    T_RETURN,
    T_SELECT,
    T_STRUCT,
    T_SWITCH,
    T_TYPE,
    T_VAR,
} go_tok_t;

typedef struct go_token {
    go_tok_t tok;
    go_pos_t pos;
    char text[256]; // identifier, operator, literal as written (a string: its value)
    bool auto_semi; // a T_SEMI inserted at a newline or EOF
} go_token_t;

typedef struct go_lexer {
    const char *src;
    size_t len, off;
    int line, col;
    go_tok_t last; // the previous token, for semicolon insertion
    const char *lastop;
} go_lexer_t;

// The checker and parser report errors by longjmp to the entry point.
typedef struct go_errctx {
    jmp_buf jb;
    char *err;
    size_t errlen;
    const char *file;
} go_errctx_t;

_Noreturn void go_fail(go_errctx_t *ec, go_pos_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

// go_lex_next — the next token of the source; bad bytes fail through ec.
void go_lex_next(go_lexer_t *lx, go_errctx_t *ec, go_token_t *t);

// ---- the parsed file, before checking --------------------------------------

// An unresolved named type: kind GT_VOID with a name (resolved by gocheck.c).
#define GT_NAMEREF GT_VOID

// Internal expression op: a type used as a conversion's callee (`any(x)`,
// `interface{}(x)`); gocheck.c turns the call into a conversion.
#define GE_TYPEEXPR ((go_op_t)100)

typedef struct go_tdecl {
    const char *name;
    go_pos_t pos;
    go_type_t *type;
} go_tdecl_t;

typedef struct go_fdecl {
    const char *name;
    go_pos_t pos;
    go_field_t recv; // recv.name == NULL: not a method; recv.type: *T (a NAMEREF elem)
    bool has_recv;
    go_field_t *params;
    int nparams;
    bool variadic;
    go_field_t result; // result.type == NULL: none
    go_block_t body;
    go_expr_t *lit; // a func literal: its node
} go_fdecl_t;

typedef struct go_file {
    go_tdecl_t *types;
    int ntypes;
    go_field_t *globals;
    int nglobals;
    go_fdecl_t *funcs; // declarations in source order
    int nfuncs;
    bool imports_fmt;
    go_pos_t fmt_pos;
} go_file_t;

// go_parse_file — parse the whole file. Fails through ec.
void go_parse_file(go_program_t *p, go_errctx_t *ec, const char *src, size_t len, go_file_t *f);
// go_check_file — resolve and type the parsed file into p. Fails through ec.
void go_check_file(go_program_t *p, go_errctx_t *ec, go_file_t *f);

// Parsed statements keep the declared type of `var x T` here, and a func
// literal's declaration in its expression's `lit` pointer (see goparse.c).
#endif
