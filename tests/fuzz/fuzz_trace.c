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
// Driven by libFuzzer or by the mutation loop of fuzz_loop.c (fuzz.h).
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memlab/trace.h"

#include "fuzz.h"

const char ml_fuzz_name[] = "fuzz_trace";
const char ml_fuzz_accepted_what[] = "valid traces that round-tripped";
unsigned long long ml_fuzz_accepted;

// check — abort with a message when an invariant fails.
static void check(bool ok, const char *what)
{
    ml_fuzz_check(ok, what);
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
    unsigned long line = ml_fuzz_error_line(err, "fuzz");
    check(line >= 1 && line <= ml_fuzz_lines(data, size) + 1,
          "error names a line not in the input");

    char small[17];
    size_t n = 1 + size % 16;
    memset(small, 'X', sizeof small);
    FILE *f = ml_fuzz_open(data, size);
    ml_trace_t *t = ml_trace_parse(f, "fuzz", small, n);
    fclose(f);
    check(t == NULL, "the same input was accepted the second time");
    ml_fuzz_check_truncation(err, small, n);
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
        default: check(false, "unknown kind accepted");
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
              b->num_ops == t->num_ops && b->weight == t->weight,
          "header changed in the round trip");
    for (size_t i = 0; i < t->num_ops; i++)
        check(b->ops[i].kind == t->ops[i].kind && b->ops[i].id == t->ops[i].id &&
                  b->ops[i].size == t->ops[i].size && b->ops[i].line == i + 5,
              "operation changed in the round trip");
    ml_trace_free(b);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = ml_fuzz_open(data, size);
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
    ml_fuzz_accepted++;
    return 0;
}
