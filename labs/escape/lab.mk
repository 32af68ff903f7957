# lab.mk — the escape lab: Go's escape analysis over a subset of Go, in C,
# checked against the real compiler (go build -gcflags='-m -l', Go 1.19).
# The student writes escape.c; the Go reader (lexer, parser, checker, the
# order of analysis) and the graph plumbing are support code.
escape_STUDENT := escape.c
escape_SUPPORT := support/golex.c support/goparse.c support/goparse_expr.c support/gocheck.c support/gocheck_types.c \
                  support/gocheck_expr.c support/gosrc.c \
                  support/gowalk.c support/escgraph.c support/gogen.c
escape_LDLIBS  := $(PKG_JANSSON)
# The suite counts the heap blocks the analysis holds (walk/frees_what_it_allocates,
# ml_heap_blocks of harness/suitelib/heapcount.c).
escape_SUITE_LDFLAGS := $(ML_HEAP_COUNT_LDFLAGS)
escape_BENCH   := 1
escape_ORDER   := 3

# The lab's parser under the fuzzer (tests/fuzz/fuzz.mk).
escape_FUZZ := escape
FUZZ_SRCS_escape  := tests/fuzz/fuzz_escape.c labs/escape/support/golex.c \
                     labs/escape/support/goparse.c labs/escape/support/goparse_expr.c \
                     labs/escape/support/gocheck.c \
                     labs/escape/support/gocheck_types.c labs/escape/support/gocheck_expr.c \
                     labs/escape/support/gosrc.c labs/escape/support/gowalk.c \
                     labs/escape/support/gogen.c
FUZZ_INC_escape   := -Ilabs/escape -Ilabs/escape/support
FUZZ_SEEDS_escape := labs/escape/data tests/fuzz/corpus/escape
FUZZ_SECS_escape   = $(FUZZ_SECONDS)
FUZZ_WHAT_escape  := the escape lab's Go-subset reader

# The comparisons with the real Go compiler (skipped, saying so, without Go):
#   escape-expected-check  the committed expectations are what Go prints;
#   escape-diff            300 random programs, the reference against Go,
#                          line by line (at least 99 % of lines must agree).
# And, without Go:
#   escape-closure-size-check  the unit closure_size.go (4,255 lines) is what
#                              scripts/escape-closure-size.sh writes.
escape_CHECKS := escape-closure-size-check escape-expected-check escape-diff
.PHONY: escape-closure-size-check escape-expected-check escape-diff
escape-closure-size-check:
	@echo "== escape: the unit closure_size.go is what its generator writes"
	@scripts/escape-closure-size.sh --check
escape-expected-check:
	@echo "== escape: the committed expectations are what the installed Go prints"
	@scripts/escape-expected.sh --check
escape-diff:
	@$(MAKE) --no-print-directory IMPL=solution build/solution/bin/escape >/dev/null
	@echo "== escape: the reference against the real compiler on 300 random programs"
	@scripts/escape-diff.sh -n 300 build/solution/bin/escape

