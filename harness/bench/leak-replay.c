// leak-replay.c — the leak-detection bench's workload: replays the allocator
// lab's traces (CS:APP .rep format: a header of four numbers, then
// "a id size", "f id", "r id size" lines) through the C library's malloc,
// free and realloc, touching each block's first and last byte. The bench
// times it alone, under the tracker, under valgrind and, built with
// -fsanitize=leak, under LeakSanitizer.
//
//   leak-replay [-n REPS] TRACE.rep...
//
// All traces are read before the clock starts; the replay's own time (the
// ops only) is printed as "ops N seconds S". Exit 1 on an unreadable trace.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct op {
    char kind;
    unsigned id;
    size_t size;
} op_t;

typedef struct trace {
    op_t *ops;
    size_t nops, nids;
} trace_t;

static int load(const char *path, trace_t *t)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    long hdr[4];
    for (int i = 0; i < 4; i++)
        if (fscanf(f, "%ld", &hdr[i]) != 1) {
            fprintf(stderr, "%s:%d: expected a header number\n", path, i + 1);
            fclose(f);
            return -1;
        }
    t->nids = (size_t)hdr[1];
    t->ops = calloc((size_t)hdr[2] + 1, sizeof *t->ops);
    t->nops = 0;
    char k;
    unsigned id;
    while (t->nops < (size_t)hdr[2] && fscanf(f, " %c %u", &k, &id) == 2) {
        size_t size = 0;
        if ((k == 'a' || k == 'r') && fscanf(f, "%zu", &size) != 1)
            break;
        if (id >= t->nids)
            continue;
        t->ops[t->nops++] = (op_t){ k, id, size };
    }
    fclose(f);
    return 0;
}

static void replay(const trace_t *t, void **blk)
{
    memset(blk, 0, t->nids * sizeof *blk);
    for (size_t i = 0; i < t->nops; i++) {
        const op_t *o = &t->ops[i];
        switch (o->kind) {
        case 'a': blk[o->id] = malloc(o->size ? o->size : 1); break;
        case 'r': blk[o->id] = realloc(blk[o->id], o->size ? o->size : 1); break;
        case 'f':
            free(blk[o->id]);
            blk[o->id] = NULL;
            continue;
        default: continue;
        }
        char *p = blk[o->id];
        if (p && o->size) {
            p[0] = (char)i;
            p[o->size - 1] = (char)i;
        }
    }
    for (size_t i = 0; i < t->nids; i++)
        free(blk[i]);
}

int main(int argc, char **argv)
{
    int reps = 1, first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        reps = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || reps < 1) {
        fprintf(stderr, "usage: leak-replay [-n REPS] TRACE.rep...\n");
        return 2;
    }
    int n = argc - first;
    trace_t *t = calloc((size_t)n, sizeof *t);
    size_t maxids = 1, ops = 0;
    for (int i = 0; i < n; i++) {
        if (load(argv[first + i], &t[i]) != 0)
            return 1;
        maxids = t[i].nids > maxids ? t[i].nids : maxids;
        ops += t[i].nops;
    }
    void **blk = calloc(maxids, sizeof *blk);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int r = 0; r < reps; r++)
        for (int i = 0; i < n; i++)
            replay(&t[i], blk);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("ops %zu seconds %.6f\n", ops * (size_t)reps,
           (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
    for (int i = 0; i < n; i++)
        free(t[i].ops);
    free(t);
    free(blk);
    return 0;
}
