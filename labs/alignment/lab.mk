# lab.mk — the alignment lab: struct layout on x86-64 System V.
# The student writes structlayout.c; the struct-declaration parser
# (support/cdecl/) is provided support code.
alignment_ORDER   := 2
alignment_STUDENT := structlayout.c
alignment_SUPPORT := $(addprefix support/cdecl/,cdecl.c cdecl_lex.c cdecl_types.c cdecl_expr.c \
                       cdecl_parse.c cdecl_decl.c)
alignment_LDLIBS  := $(PKG_JANSSON)
alignment_BENCH   := 1
alignment_FUZZ    := cdecl

# The fuzz target of the struct-declaration parser (tests/fuzz/fuzz.mk).
FUZZ_SRCS_cdecl  := tests/fuzz/fuzz_cdecl.c $(sort $(wildcard labs/alignment/support/cdecl/*.c))
FUZZ_INC_cdecl   := -Ilabs/alignment
FUZZ_SEEDS_cdecl := labs/alignment/data tests/fuzz/corpus/cdecl
FUZZ_SECS_cdecl   = $(FUZZ_SECONDS)
FUZZ_WHAT_cdecl  := the alignment lab's struct-declaration parser

# The grading suite counts the blocks the student's code allocates and frees
# (harness/suites/alignment/memory.c, with ml_heap_blocks of
# harness/suitelib/heapcount.c).
alignment_SUITE_LDFLAGS := $(ML_HEAP_COUNT_LDFLAGS)
