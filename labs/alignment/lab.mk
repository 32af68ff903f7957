# lab.mk — the alignment lab: struct layout on x86-64 System V.
# The student writes structlayout.c; the struct-declaration parser (cdecl*)
# is provided support code.
alignment_STUDENT := structlayout.c
alignment_SUPPORT := cdecl.c cdecl_lex.c cdecl_types.c cdecl_expr.c cdecl_parse.c cdecl_decl.c
alignment_BENCH := 1
