// fuzz_mutate.c — fuzz target for the mutation generator's tokenizer and
// operators (harness/mutation/lex.c, ops.c): any bytes as a C file.
//
// LLVMFuzzerTestOneInput tokenizes the bytes and checks, beyond "never
// crashes" (AddressSanitizer and UBSan watch every access):
//   - a rejection prints one message "fuzz:LINE: text" whose LINE is a line
//     of the input;
//   - tokens are in order, inside the input, and never overlap;
//   - every mutant of an accepted file is numbered in sequence, replaces a
//     range that lies inside the input and starts at a token of a function
//     body, and its mutated file is accepted again (an operator never breaks
//     the brackets, a literal or a comment) and is no longer the input.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mutate.h"

const char ml_fuzz_name[] = "fuzz_mutate";
const char ml_fuzz_accepted_what[] = "files tokenized and mutated";
unsigned long long ml_fuzz_accepted;

// Tokenizes text[0..size) as file "fuzz"; returns mt_lex's result and
// checks the message of a rejection.
static int lex(mt_file_t *f, char *text, size_t size)
{
    memset(f, 0, sizeof *f);
    f->path = f->name = "fuzz";
    f->text = text;
    f->size = size;
    char *msg = NULL;
    size_t msglen = 0;
    mt_errors = open_memstream(&msg, &msglen);
    int rc = mt_lex(f);
    fclose(mt_errors);
    mt_errors = NULL;
    if (rc != 0) {
        unsigned long line = 0;
        ml_fuzz_check(sscanf(msg, "fuzz:%lu: ", &line) == 1, "a rejection names fuzz:LINE");
        ml_fuzz_check(line >= 1 && line <= ml_fuzz_lines((const uint8_t *)text, size) + 1,
                      "the rejection's line is a line of the input");
        ml_fuzz_check(strchr(msg, '\n') == msg + msglen - 1, "one line of message");
    } else
        ml_fuzz_check(msglen == 0, "an accepted file gets no message");
    free(msg);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    mt_file_t f;
    if (lex(&f, text, size) != 0) {
        free(f.tok);
        free(text);
        return 0;
    }
    for (size_t k = 0; k < f.ntok; k++) {
        ml_fuzz_check(f.tok[k].len > 0 && f.tok[k].off + f.tok[k].len <= size,
                      "a token lies inside the input");
        ml_fuzz_check(k == 0 || f.tok[k - 1].off + f.tok[k - 1].len <= f.tok[k].off,
                      "tokens are in order and never overlap");
    }
    mt_list_t all = { 0 };
    ml_fuzz_check(mt_generate(&f, 0, &all) == 0, "mt_generate succeeds");
    for (size_t i = 0; i < all.n; i++) {
        const mt_mutant_t *m = &all.m[i];
        char id[32];
        snprintf(id, sizeof id, "m%04zu", i + 1);
        ml_fuzz_check(!strcmp(m->id, id), "mutants are numbered in sequence");
        ml_fuzz_check(m->off + m->len <= size && m->len > 0,
                      "a mutant's range is inside the input");
        size_t k = 0;
        while (k < f.ntok && f.tok[k].off < m->off)
            k++;
        ml_fuzz_check(k < f.ntok && f.tok[k].off == m->off && f.tok[k].in_body,
                      "a mutant starts at a token of a function body");
        char *out = NULL;
        size_t outlen = 0;
        FILE *o = open_memstream(&out, &outlen);
        ml_fuzz_check(mt_render(o, &f, 0, m) == 0, "a mutant renders");
        fclose(o);
        ml_fuzz_check(outlen != size + 0 || memcmp(out, text, size) != 0, "a mutant differs");
        mt_file_t g;
        ml_fuzz_check(lex(&g, out, outlen) == 0, "a mutant of an accepted file is accepted");
        free(g.tok);
        free(out);
    }
    for (size_t i = 0; i < all.n; i++) {
        free(all.m[i].repl);
        free(all.m[i].before);
        free(all.m[i].after);
    }
    free(all.m);
    free(f.tok);
    free(text);
    ml_fuzz_accepted++;
    return 0;
}
