// fuzz_trace.c — fuzz target for the .rep trace parser (common/src/trace.c).
//
// LLVMFuzzerTestOneInput feeds arbitrary bytes to ml_trace_parse through
// fmemopen and checks, beyond "never crashes" (AddressSanitizer and UBSan
// watch every access):
//   - a rejected input gets a message "fuzz:<line>: ..." that fits the
//     buffer, and a shorter buffer gets a truncated, terminated prefix of the
//     same message;
//   - an accepted trace is valid by an independent check (kinds, ids in
//     range or free(NULL), sizes within the limit, the live set with
//     realloc(NULL, n) of blocks not live, line numbers increasing),
//     its summary counts add up, and it round-trips: ml_trace_write, then
//     ml_trace_read, gives the same header and operations.
// Any broken check aborts with a message, which a fuzzer reports as a crash.
//
// Two ways to drive it (tests/fuzz/fuzz.mk picks one):
//   - libFuzzer: clang -fsanitize=fuzzer,address,undefined; coverage-guided.
//   - without libFuzzer (-DML_FUZZ_STANDALONE): the main() below, a seeded
//     mutation loop over a seed corpus (bit flips, format-aware byte
//     insertions, deletions, line duplication, truncation, splicing), built
//     with AddressSanitizer. The sequence of inputs depends only on the
//     seed, so a failure is replayed with the same --seed and --iterations.
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memlab/rng.h"
#include "memlab/trace.h"

// Inputs the parser accepted (each one then round-tripped through a file).
static unsigned long long accepted;

// check — abort with a message when an invariant fails.
static void check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_trace: invariant broken: %s\n", what);
        abort();
    }
}

// scratch_path — a per-process file for the round trip, on tmpfs when there
// is one (the writer fsyncs, which is free there).
static const char *scratch_path(void)
{
    static char path[128];
    if (!path[0]) {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(path, sizeof path, "%s/memlab-fuzz-%ld.rep", dir, (long)getpid());
    }
    return path;
}

// check_error — the message of a rejected input, and its truncation.
static void check_error(const uint8_t *data, size_t size, const char *err)
{
    check(strncmp(err, "fuzz:", 5) == 0, "error message does not start with the name");
    const char *p = err + 5;
    check(*p >= '1' && *p <= '9', "error message has no line number");
    while (*p >= '0' && *p <= '9')
        p++;
    check(p[0] == ':' && p[1] == ' ' && p[2] != '\0', "error message is not 'name:line: text'");

    char small[17];
    size_t n = 1 + size % 16;
    memset(small, 'X', sizeof small);
    FILE *f = fmemopen((void *)data, size, "r");
    check(f != NULL, "fmemopen failed");
    ml_trace_t *t = ml_trace_parse(f, "fuzz", small, n);
    fclose(f);
    check(t == NULL, "the same input was accepted the second time");
    check(small[n - 1] == '\0' && strlen(small) == n - 1 &&
          strncmp(small, err, n - 1) == 0, "truncated error is not a prefix of the full one");
    check(small[n] == 'X', "error written past the buffer");
}

// check_trace — independent validity check of an accepted trace: ids in
// range (or ML_TRACE_NULL_ID in a free: free(NULL)), an `a` only of a block
// not live, an `r` of any block (of one not live it is realloc(NULL, n) and
// makes it live), an `f` only of a live block; and the summary's counts.
static void check_trace(const ml_trace_t *t)
{
    check(t->num_ids <= ML_TRACE_MAX_IDS && t->weight >= 0, "header out of range");
    check(t->num_ops == 0 || t->ops != NULL, "ops missing");
    bool *live = calloc(t->num_ids ? t->num_ids : 1, 1);
    check(live != NULL, "out of memory in the checker");
    unsigned prev_line = 4;
    size_t realloc_null = 0, free_null = 0;
    for (size_t i = 0; i < t->num_ops; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        check(op->line > prev_line, "line numbers do not increase");
        prev_line = op->line;
        check(op->size <= ML_TRACE_MAX_SIZE, "oversized request accepted");
        if (op->kind == ML_OP_FREE && op->id == ML_TRACE_NULL_ID) {
            check(op->size == 0, "free(NULL) with a size accepted");
            free_null++;
            continue;
        }
        check(op->id < t->num_ids, "id out of range accepted");
        switch (op->kind) {
        case ML_OP_ALLOC:
            check(!live[op->id], "allocation of a live block accepted");
            live[op->id] = true;
            break;
        case ML_OP_REALLOC:
            realloc_null += !live[op->id];
            live[op->id] = true;
            break;
        case ML_OP_FREE:
            check(live[op->id] && op->size == 0, "bad free accepted");
            live[op->id] = false;
            break;
        default:
            check(false, "unknown kind accepted");
        }
    }
    free(live);
    ml_trace_summary_t s = ml_trace_summarize(t);
    check(s.nalloc + s.nrealloc + s.nfree == t->num_ops, "summary counts do not add up");
    check(s.nrealloc_null == realloc_null && s.nfree_null == free_null,
          "summary miscounts realloc(NULL) or free(NULL)");
    check(s.peak_live_bytes <= s.total_alloc_bytes, "peak above total requested");
}

// check_round_trip — write t, read it back, compare.
static void check_round_trip(const ml_trace_t *t)
{
    const char *path = scratch_path();
    check(ml_trace_write(t, path) == 0, "writer failed on a valid trace");
    char err[256];
    ml_trace_t *b = ml_trace_read(path, err, sizeof err);
    if (!b)
        fprintf(stderr, "fuzz_trace: re-read failed: %s\n", err);
    check(b != NULL, "the reader rejects what the writer wrote");
    check(b->sugg_heapsize == t->sugg_heapsize && b->num_ids == t->num_ids &&
          b->num_ops == t->num_ops && b->weight == t->weight, "header changed in the round trip");
    for (size_t i = 0; i < t->num_ops; i++)
        check(b->ops[i].kind == t->ops[i].kind && b->ops[i].id == t->ops[i].id &&
              b->ops[i].size == t->ops[i].size && b->ops[i].line == i + 5,
              "operation changed in the round trip");
    ml_trace_free(b);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f)             // very old glibc refuses size 0
        f = fopen("/dev/null", "r");
    check(f != NULL, "cannot open the input");
    char err[512];
    memset(err, 'X', sizeof err);
    ml_trace_t *t = ml_trace_parse(f, "fuzz", err, sizeof err);
    fclose(f);
    if (!t) {
        check(memchr(err, '\0', sizeof err) != NULL, "error not terminated");
        check_error(data, size, err);
        return 0;
    }
    check(strcmp(t->name, "fuzz") == 0, "name not kept");
    check_trace(t);
    check_round_trip(t);
    ml_trace_free(t);
    accepted++;
    return 0;
}

#ifdef ML_FUZZ_STANDALONE
// ---- the mutation loop used when libFuzzer is not available -----------------------

#include <getopt.h>
#include "memlab/clock.h"

#define FUZZ_MAX_INPUT 8192
#define FUZZ_MAX_SEEDS 256

typedef struct input { uint8_t *b; size_t n; } input_t;

// Bytes and strings that matter to the format, for insertions.
static const char *const TOKENS[] = {
    "a ", "r ", "f ", "\n", "\r\n", "#", " ", "\t", "-", "0", "1", "9",
    "4294967295", "18446744073709551616", "1073741824", "1073741825",
    "16777216", "2147483648", "\0", "a 0 8\n", "f 0\n", "r 0 16\n",
    "-1", "f -1\n",
};

// load_seeds — read every regular file of `dir` (at most FUZZ_MAX_SEEDS, each cut
// to FUZZ_MAX_INPUT bytes), in name order so the run does not depend on the
// directory's order. Returns the count.
static size_t load_seeds(const char *dir, input_t *seeds)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    size_t count = 0;
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        FILE *f = names[i]->d_name[0] != '.' && count < FUZZ_MAX_SEEDS ? fopen(path, "rb") : NULL;
        if (f) {
            uint8_t *b = malloc(FUZZ_MAX_INPUT);
            size_t len = b ? fread(b, 1, FUZZ_MAX_INPUT, f) : 0;
            fclose(f);
            if (b)
                seeds[count++] = (input_t){ b, len };
        }
        free(names[i]);
    }
    free(names);
    return count;
}

// mutate — apply 1..8 random edits to buf (n bytes, capacity FUZZ_MAX_INPUT).
// Returns the new length.
static size_t mutate(ml_rng_t *r, uint8_t *buf, size_t n, const input_t *seeds, size_t nseeds)
{
    int edits = 1 + (int)ml_rng_below(r, 8);
    for (int e = 0; e < edits; e++) {
        size_t at = n ? (size_t)ml_rng_below(r, n + 1) : 0;
        switch (ml_rng_below(r, 7)) {
        case 0:             // flip a bit
            if (n)
                buf[ml_rng_below(r, n)] ^= (uint8_t)(1u << ml_rng_below(r, 8));
            break;
        case 1:             // overwrite a byte with anything
            if (n)
                buf[ml_rng_below(r, n)] = (uint8_t)ml_rng_below(r, 256);
            break;
        case 2: {           // insert a format token
            const char *tok = TOKENS[ml_rng_below(r, sizeof TOKENS / sizeof *TOKENS)];
            size_t k = tok[0] ? strlen(tok) : 1;
            if (n + k <= FUZZ_MAX_INPUT) {
                memmove(buf + at + k, buf + at, n - at);
                memcpy(buf + at, tok, k);
                n += k;
            }
            break;
        }
        case 3: {           // delete a run of bytes
            size_t k = (size_t)ml_rng_range(r, 1, 16);
            if (at + k > n)
                k = n - at;
            memmove(buf + at, buf + at + k, n - at - k);
            n -= k;
            break;
        }
        case 4: {           // duplicate the line around `at`
            size_t s = at, t = at;
            while (s > 0 && buf[s - 1] != '\n')
                s--;
            while (t < n && buf[t] != '\n')
                t++;
            if (t < n)
                t++;
            size_t k = t - s;
            if (k && n + k <= FUZZ_MAX_INPUT) {
                memmove(buf + t + k, buf + t, n - t);
                memcpy(buf + t, buf + s, k);
                n += k;
            }
            break;
        }
        case 5:             // truncate
            n = at;
            break;
        case 6: {           // splice in the tail of another seed
            const input_t *o = &seeds[ml_rng_below(r, nseeds)];
            size_t from = o->n ? (size_t)ml_rng_below(r, o->n) : 0, k = o->n - from;
            if (at + k > FUZZ_MAX_INPUT)
                k = FUZZ_MAX_INPUT - at;
            memcpy(buf + at, o->b + from, k);
            n = at + k;
            break;
        }
        }
    }
    return n;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fuzz_trace [--seed N] [--seconds S] [--iterations N] CORPUS_DIR\n"
            "Feeds mutations of the traces in CORPUS_DIR to the trace parser until S\n"
            "seconds (default 20) or N iterations have passed, whichever comes first.\n"
            "The inputs depend only on the seed (default 1). Exit 0 when every input\n"
            "passed; a broken invariant or memory error aborts.\n");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "seed", required_argument, NULL, 's' },
        { "seconds", required_argument, NULL, 't' },
        { "iterations", required_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    uint64_t seed = 1, iterations = UINT64_MAX;
    double seconds = 20;
    int c;
    while ((c = getopt_long(argc, argv, "s:t:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 's': seed = strtoull(optarg, NULL, 10); break;
        case 't': seconds = strtod(optarg, NULL); break;
        case 'n': iterations = strtoull(optarg, NULL, 10); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return 2;
    }
    static input_t seeds[FUZZ_MAX_SEEDS];
    size_t nseeds = load_seeds(argv[optind], seeds);
    if (nseeds == 0) {
        fprintf(stderr, "fuzz_trace: %s: no seed inputs\n", argv[optind]);
        return 1;
    }
    ml_rng_t r;
    ml_rng_seed(&r, seed);
    static uint8_t buf[FUZZ_MAX_INPUT];
    uint64_t t0 = ml_now_ns(), limit = (uint64_t)(seconds * 1e9), i;
    for (i = 0; i < iterations; i++) {
        if ((i & 255) == 0 && ml_now_ns() - t0 >= limit)
            break;
        const input_t *s = &seeds[ml_rng_below(&r, nseeds)];
        memcpy(buf, s->b, s->n);
        size_t n = mutate(&r, buf, s->n, seeds, nseeds);
        LLVMFuzzerTestOneInput(buf, n);
    }
    double secs = (double)(ml_now_ns() - t0) / 1e9;
    printf("fuzz_trace: %llu inputs in %.1f s (%.0f/s), %llu of them valid traces that "
           "round-tripped; seed %llu, %zu seed files: no failure\n",
           (unsigned long long)i, secs, (double)i / secs, accepted,
           (unsigned long long)seed, nseeds);
    for (size_t k = 0; k < nseeds; k++)
        free(seeds[k].b);
    return 0;
}
#endif
