// goparse.h — the parser's internals, shared by goparse.c (the parser's
// machinery, statements and declarations) and goparse_expr.c (types and
// expressions).
#ifndef ESCAPE_GOPARSE_H
#define ESCAPE_GOPARSE_H

#include "golex.h"

#define MAX_DEPTH 200

typedef struct parser {
    go_program_t *p;
    go_errctx_t *ec;
    go_lexer_t lx;
    go_token_t tok, next; // the current token and one of lookahead
    int nolit;            // >0: a bare `T {` is a block, not a composite literal
    int depth;            // nesting, bounded so that hostile input cannot overflow the stack
} parser_t;

// A growing array in the program's arena (a parse error unwinds with
// longjmp, so nothing here may own heap memory of its own).
typedef struct vec {
    void *v;
    int n, cap;
    go_program_t *p;
} vec_t;

typedef struct pitem {
    const char *name;  // NULL: a bare type
    go_type_t *type;   // NULL: a bare identifier (a name or a type, decided later)
    const char *ident; // the bare identifier
    go_pos_t pos;
    bool ddd;
} pitem_t;

// The arena of the program being parsed (gp_vec_push allocates in it).
extern go_program_t *gp_vec_prog;

bool gp_starts_type(const parser_t *ps);
go_field_t *gp_parse_params(parser_t *ps, int *n, bool *variadic);
go_field_t gp_parse_result(parser_t *ps);
go_type_t *gp_func_type(parser_t *ps, go_field_t *params, int n, bool variadic, go_field_t res);
go_type_t *gp_parse_type(parser_t *ps);
go_expr_t *gp_parse_funclit(parser_t *ps);
go_expr_t *gp_parse_complit(parser_t *ps, go_type_t *t);
go_expr_t *gp_parse_operand(parser_t *ps);
go_expr_t *gp_parse_primary(parser_t *ps);
go_expr_t *gp_parse_unary(parser_t *ps);
int gp_precedence(const parser_t *ps);
go_expr_t *gp_parse_binary(parser_t *ps, int prec);
go_expr_t *gp_parse_expr(parser_t *ps);
void gp_next(parser_t *ps);
bool gp_is_op(const parser_t *ps, const char *op);
const char *gp_tok_desc(const go_token_t *t, char *buf, size_t len);
_Noreturn void gp_unexpected(parser_t *ps, const char *want);
void gp_expect_op(parser_t *ps, const char *op);
const char *gp_expect_ident(parser_t *ps);
void gp_skip_semis(parser_t *ps);
void gp_expect_semi(parser_t *ps);
void gp_enter(parser_t *ps);
go_expr_t *gp_new_expr(parser_t *ps, go_op_t op, go_pos_t pos);
go_type_t *gp_new_type(parser_t *ps, go_kind_t k);
void gp_vec_push(vec_t *v, const void *item, size_t size);
void *gp_vec_keep(parser_t *ps, vec_t *v, size_t size);
go_stmt_t *gp_new_stmt(parser_t *ps, go_stmt_op_t op, go_pos_t pos);
go_stmt_t *gp_parse_simple(parser_t *ps);
go_stmt_t *gp_parse_var(parser_t *ps);
go_stmt_t *gp_parse_if(parser_t *ps);
go_stmt_t *gp_parse_cond_or_simple(parser_t *ps);
go_stmt_t *gp_parse_for(parser_t *ps);
go_stmt_t *gp_parse_stmt(parser_t *ps);
void gp_parse_block(parser_t *ps, go_block_t *b);
void gp_parse_func(parser_t *ps, vec_t *funcs);

#endif
