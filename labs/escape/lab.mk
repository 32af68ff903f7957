# lab.mk — the escape lab: Go's escape analysis over a subset of Go, in C,
# checked against the real compiler (go build -gcflags='-m -l', Go 1.19).
# The student writes escape.c; the Go reader (lexer, parser, checker, the
# order of analysis) and the graph plumbing are support code.
escape_STUDENT := escape.c
escape_SUPPORT := support/golex.c support/goparse.c support/gocheck.c support/gosrc.c \
                  support/gowalk.c support/escgraph.c support/gogen.c
escape_LDLIBS  := $(PKG_JANSSON)
escape_BENCH   := 1
escape_ORDER   := 3
