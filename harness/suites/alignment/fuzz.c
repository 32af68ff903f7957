// fuzz.c — the alignment suite's robustness test: headers mutated at random
// (seeded); whatever the parser accepts, the student's functions survive.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "memlab/rng.h"
#include "alignment_suite.h"

// ---- robustness: whatever the parser accepts, the student's code survives ------------

static const char tricky_text[] =
    "/* a comment */ // another\n"
    "#include <stdint.h>\n#define N 4\n#if 0\nstruct gone { int x : 1; };\n#endif\n"
    "typedef unsigned long word_t;\ntypedef struct node node_t;\n"
    "enum mode { M_A = -1, M_B = 1 << 4, M_C };\n"
    "struct node { node_t *next; word_t w[M_C - 15]; enum mode m; "
    "int (*fns[2])(node_t *, int); };\n"
    "typedef union { char b[sizeof(long) * 3]; double d; } cell_t;\n"
    "struct table { cell_t cells[2][3]; struct { char k; union { int i; void *p; }; } e; "
    "_Alignas(32) char tail; node_t *first; char name[]; };\n"
    "extern int table_size(const struct table *);\nstatic int x = 3;\n";

static const char *const fuzz_snippets[] = {
    "{",           "}",
    ";",           "[",
    "]",           "(",
    ")",           "*",
    ":",           ",",
    "struct",      "union",
    "enum",        "typedef",
    "_Alignas(8)", "_Alignas(",
    "int",         "long double",
    "x",           "y0",
    "0",           "-1",
    "4096",        "99999999999999999999",
    "'",           "\"",
    "/*",          "*/",
    "//",          "#",
    "\\\n",        "\n",
    "sizeof(int)", "__attribute__((packed))",
    "[]",          "[0]",
    "(*)",         "struct s1",
    "node_t",      "...",
    "\0x",
};

void suite_robustness_fuzzed_headers_do_not_crash_the_layout(void)
{
    strbuf_t generated = { 0 };
    gen_t *g = calloc(1, sizeof(*g));
    cr_assert(g != NULL, "internal: out of memory");
    suite_gen_batch(g, 0xa11c0005, F_ALL, 12, &generated);
    const char *seeds[] = { suite_examples_text, tricky_text, generated.s };
    ml_rng_t r;
    ml_rng_seed(&r, 0xf022);
    FILE *devnull = fopen("/dev/null", "w");
    cr_assert(devnull != NULL, "internal: cannot open /dev/null");
    size_t parsed = 0;
    for (int iter = 0; iter < 400; iter++) {
        const char *seed = seeds[ml_rng_below(&r, 3)];
        size_t len = strlen(seed), cap = len * 2 + 256;
        char *buf = malloc(cap);
        cr_assert(buf != NULL, "internal: out of memory");
        memcpy(buf, seed, len);
        for (int k = 0, nmut = 1 + (int)ml_rng_below(&r, 4); k < nmut && len > 0; k++) {
            size_t at = ml_rng_below(&r, len), n;
            switch (ml_rng_below(&r, 4)) {
            case 0: // delete a range
                n = 1 + ml_rng_below(&r, 16);
                n = n > len - at ? len - at : n;
                memmove(buf + at, buf + at + n, len - at - n);
                len -= n;
                break;
            case 1: { // duplicate a range somewhere
                size_t from = ml_rng_below(&r, len);
                n = 1 + ml_rng_below(&r, 64);
                n = n > len - from ? len - from : n;
                if (len + n > cap)
                    break;
                char tmp[64];
                memcpy(tmp, buf + from, n);
                memmove(buf + at + n, buf + at, len - at);
                memcpy(buf + at, tmp, n);
                len += n;
                break;
            }
            case 2: { // insert a snippet
                const char *s = fuzz_snippets[ml_rng_below(&r, sizeof(fuzz_snippets) /
                                                                   sizeof(fuzz_snippets[0]))];
                n = *s ? strlen(s) : 2;
                if (len + n > cap)
                    break;
                memmove(buf + at + n, buf + at, len - at);
                memcpy(buf + at, s, n);
                len += n;
                break;
            }
            default: // one random byte
                buf[at] = (char)ml_rng_below(&r, 256);
                break;
            }
        }
        char err[600];
        cdecl_file_t *f =
            cdecl_parse("fuzz.h", buf, len, iter % 2 ? CDECL_KEEP_GOING : 0, err, sizeof err);
        if (!f) {
            int line = 0, at = 0;
            cr_assert(sscanf(err, "fuzz.h:%d: %n", &line, &at) == 1 && at > 0 && line >= 1,
                      "internal: a parser error without file:line: %s", err);
            free(buf);
            continue;
        }
        parsed++;
        for (size_t a = 0; a < f->naggregates; a++) {
            const cdecl_type_t *agg = f->aggregates[a];
            sl_member_layout_t *m = calloc(agg->nmembers, sizeof(*m));
            size_t *order = calloc(agg->nmembers, sizeof(*order));
            bool *seen = calloc(agg->nmembers, sizeof(*seen));
            cr_assert(m && order && seen, "internal: out of memory");
            sl_layout(agg, m);
            sl_type(agg);
            sl_stats(agg);
            sl_ptrbytes(agg);
            sl_report(devnull, agg);
            sl_optimal_order(agg, order);
            for (size_t k = 0; k < agg->nmembers; k++) {
                cr_assert(order[k] < agg->nmembers && !seen[order[k]],
                          "sl_optimal_order(%s) returned an order that is not a permutation of "
                          "its members, on this header:\n%.*s",
                          agg->name, (int)len, buf);
                seen[order[k]] = true;
            }
            free(m);
            free(order);
            free(seen);
        }
        cdecl_free(f);
        free(buf);
    }
    ml_note("%zu of 400 fuzzed headers parsed", parsed);
    fclose(devnull);
    suite_gen_free(g);
    free(g);
    suite_sb_free(&generated);
}
