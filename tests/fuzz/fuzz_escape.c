// fuzz_escape.c — fuzz target for the escape lab's reader of the Go subset
// (labs/escape/support: golex.c, goparse.c, gocheck.c, gosrc.c, gowalk.c).
//
// LLVMFuzzerTestOneInput reads the bytes as a Go file and checks, beyond
// "never crashes" (AddressSanitizer and UBSan watch every access):
//   - a rejection reads "fuzz:LINE:COL: text" with LINE a line of the input
//     (or one past its last) and COL >= 1, and a shorter message buffer gets
//     the terminated prefix of the message;
//   - an accepted program is whole: every function has a type and a body,
//     every variable of a function's declarations belongs to it, the
//     batches of the analysis order name every function exactly once (a
//     closure with the function that contains it), and every expression
//     prints;
//   - the program generator, seeded from the input, writes a program the
//     reader accepts (the generator and the reader agree on the subset).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "gosrc.h"

const char ml_fuzz_name[] = "fuzz_escape";
const char ml_fuzz_accepted_what[] = "Go files of the subset";
unsigned long long ml_fuzz_accepted;

static void check(bool ok, const char *what)
{
    ml_fuzz_check(ok, what);
}

typedef struct seen {
    int *count;
    const go_program_t *p;
} seen_t;

static void on_batch(go_func_t **fns, int n, bool recursive, void *arg)
{
    seen_t *s = arg;
    (void)recursive;
    check(n >= 1, "a batch holds at least one function");
    for (int i = 0; i < n; i++) {
        check(fns[i]->index >= 0 && fns[i]->index < s->p->nfuncs, "batch function in range");
        s->count[fns[i]->index]++;
    }
    check(fns[0]->outer == NULL, "a batch is rooted at a declared function");
}

static void print_exprs(go_expr_t *e, int depth)
{
    char buf[256];
    if (!e || depth > 300)
        return;
    check(e->type != NULL, "every expression is typed");
    go_expr_string(e, buf, sizeof buf);
    check(strlen(buf) < sizeof buf, "a printed expression is terminated");
    print_exprs(e->x, depth + 1);
    print_exprs(e->y, depth + 1);
    for (int i = 0; i < e->nargs; i++)
        print_exprs(e->args[i], depth + 1);
}

static void visit(void *ctx, go_walk_event_t ev, go_stmt_t *s, int depth, bool enter)
{
    (void)ctx;
    (void)enter;
    check(depth >= 1, "loop depth starts at 1");
    if (ev == GW_STMT) {
        print_exprs(s->lhs, 0);
        print_exprs(s->rhs, 0);
    } else if (ev == GW_COND) {
        print_exprs(s->cond, 0);
    }
}

static void check_program(go_program_t *p)
{
    check(p->ndecls <= p->nfuncs, "declarations are functions");
    for (int i = 0; i < p->nfuncs; i++) {
        go_func_t *fn = p->funcs[i];
        check(fn->type && fn->type->kind == GT_FUNC, "a function has a func type");
        check(fn->index == i, "a function knows its index");
        for (int j = 0; j < fn->ndcl; j++)
            check(fn->dcl[j]->fn == fn, "a declared variable belongs to its function");
        go_walk_body(fn, visit, NULL);
    }
    int *count = calloc((size_t)p->nfuncs + 1, sizeof *count);
    seen_t s = { count, p };
    go_batches(p, on_batch, &s);
    for (int i = 0; i < p->nfuncs; i++)
        check(count[i] == 1, "every function is in exactly one batch");
    free(count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ML_FUZZ_MAX_INPUT)
        return 0;
    char err[512];
    go_program_t *p = go_program_parse("fuzz", (const char *)data, size, err, sizeof err);
    if (!p) {
        unsigned long line = 0, col = 0;
        int k = 0;
        check(sscanf(err, "fuzz:%lu:%lu: %n", &line, &col, &k) == 2 && k > 0 && err[k],
              "a rejection reads fuzz:LINE:COL: text");
        check(line >= 1 && line <= ml_fuzz_lines(data, size) + 1,
              "the line is a line of the input");
        check(col >= 1, "columns count from 1");
        char small[17];
        small[16] = 'X';
        go_program_t *q = go_program_parse("fuzz", (const char *)data, size, small, 16);
        check(q == NULL, "a rejected input is rejected again");
        ml_fuzz_check_truncation(err, small, 16);
    } else {
        ml_fuzz_accepted++;
        check_program(p);
        go_program_free(p);
    }
    // the generator's programs are in the subset
    uint64_t seed = 0;
    for (size_t i = 0; i < size && i < 8; i++)
        seed = seed << 8 | data[i];
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    check(f != NULL, "open_memstream");
    check(go_generate(seed, f) == 0, "the generator writes");
    fclose(f);
    go_program_t *g = go_program_parse("gen", text, len, err, sizeof err);
    if (!g)
        fprintf(stderr, "fuzz_escape: generated program of seed %llu refused: %s\n%s",
                (unsigned long long)seed, err, text);
    check(g != NULL, "the reader accepts every generated program");
    check_program(g);
    go_program_free(g);
    free(text);
    return 0;
}
