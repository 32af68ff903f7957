// gocheck.h — the checker's internals, shared by gocheck.c (declarations
// and statements), gocheck_types.c (scopes and types) and gocheck_expr.c
// (expressions and the compiler's implicit steps). Not for the student:
// escape.c sees the checked tree through gosrc.h.
#ifndef ESCAPE_GOCHECK_H
#define ESCAPE_GOCHECK_H

#include "golex.h"

typedef enum { EN_VAR, EN_FUNC, EN_TYPE, EN_BUILTIN, EN_CONST, EN_PKG } ent_kind_t;

typedef struct ent {
    const char *name;
    ent_kind_t kind;
    go_var_t *var;
    go_func_t *fn;
    go_type_t *type;
    bool used;
    struct ent *next;
} ent_t;

typedef struct scope {
    ent_t *ents;
    struct scope *parent;
    go_func_t *fn; // the function whose body this scope is in (NULL: package)
} scope_t;

typedef struct valcall {
    go_expr_t *call;
    go_func_t *fn; // the function that contains the call
} valcall_t;

typedef struct checker {
    go_program_t *p;
    go_errctx_t *ec;
    go_file_t *f;
    scope_t *universe, *pkg, *cur;
    go_func_t *fn; // the function being checked
    go_type_t *t_int, *t_bool, *t_byte, *t_string, *t_any, *t_nil, *t_uint, *t_ustr, *t_ubool,
        *t_void;
    valcall_t *vcs;
    int nvcs, capvcs;
    go_func_t **funcs;
    int nfuncs, capfuncs;
    bool fmt_used;
    int nclosures;
} checker_t;

#define FAIL(c, ...) go_fail((c)->ec, __VA_ARGS__)

// The arena of the program being checked (gck_grow allocates in it).
extern go_program_t *gck_grow_prog;

void *gck_grow(void *v, int *cap, int n, size_t size);
go_type_t *gck_mk_type(checker_t *c, go_kind_t k, const char *name);
ent_t *gck_declare(checker_t *c, scope_t *s, const char *name, ent_kind_t k, go_pos_t pos);
ent_t *gck_lookup(checker_t *c, const char *name);
void gck_push_scope(checker_t *c);
void gck_pop_scope(checker_t *c);
go_type_t *gck_resolve_type(checker_t *c, go_type_t *t, go_pos_t pos);
go_type_t *gck_resolve_body(checker_t *c, go_type_t *t, go_pos_t pos);
bool gck_identical(const go_type_t *a, const go_type_t *b);
bool gck_is_untyped(const go_type_t *t);
go_func_t *gck_find_method(const go_type_t *named, const char *name);
bool gck_implements(const go_type_t *v, const go_type_t *t, const char **missing);
go_type_t *gck_default_type(checker_t *c, go_type_t *t);
bool gck_is_integer(const go_type_t *t);
bool gck_is_const(const go_expr_t *e);
long gck_const_int(const go_expr_t *e);
go_expr_t *gck_new_node(checker_t *c, go_op_t op, go_pos_t pos, go_type_t *t);
char *gck_tstr(const go_type_t *t, char *b);
void gck_last_setter(const go_expr_t *e, go_pos_t *pos);
go_expr_t *gck_convert(checker_t *c, go_expr_t *e, go_type_t *t, go_pos_t pos, const char *ctx);
bool gck_addressable(const go_expr_t *e);
go_var_t *gck_outer_var(const go_expr_t *e);
void gck_use_var(checker_t *c, go_var_t *v);
go_type_t *gck_expr_as_type(checker_t *c, go_expr_t *e);
go_expr_t *gck_check_funclit(checker_t *c, go_expr_t *e);
void gck_pack_args(checker_t *c, go_expr_t *call, go_type_t *ft);
go_type_t *gck_fmt_sig(checker_t *c, const char *name, go_pos_t pos);
go_expr_t *gck_check_builtin(checker_t *c, go_expr_t *e, const char *name);
go_expr_t *gck_check_call(checker_t *c, go_expr_t *e);
go_expr_t *gck_check_complit(checker_t *c, go_expr_t *e);
go_expr_t *gck_check_dot(checker_t *c, go_expr_t *e);
go_expr_t *gck_check_expr(checker_t *c, go_expr_t *e);
go_var_t *gck_new_var(checker_t *c, const char *name, go_pos_t pos, go_type_t *t, go_class_t cls);
go_expr_t *gck_check_lhs(checker_t *c, go_expr_t *e);
void gck_check_stmt(checker_t *c, go_stmt_t *s);
void gck_check_block(checker_t *c, go_block_t *b, bool new_scope);
bool gck_terminates(const go_block_t *b);
void gck_add_func(checker_t *c, go_func_t *fn);
void gck_declare_signature(checker_t *c, go_func_t *fn, go_fdecl_t *d);
void gck_check_func_body(checker_t *c, go_func_t *fn, go_fdecl_t *d);
go_expr_t *gck_static_value(go_expr_t *e, go_func_t *in);
go_func_t *gck_static_callee(go_expr_t *fv, go_func_t *in);

#endif
