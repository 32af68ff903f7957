// fuzz_loop.c — the driver used when libFuzzer is not available: a seeded
// mutation loop around any target's LLVMFuzzerTestOneInput (fuzz.h).
//
// It first feeds every seed file unchanged (so the regression inputs kept in
// tests/fuzz/corpus/ are always replayed), then, until the time or the
// iteration budget runs out, a mutation of a random seed: bit flips, random
// bytes, insertions of tokens of the format (from a libFuzzer dictionary,
// --dict), deletions, line duplication, truncation and splicing with another
// seed. Each input is handed over in a buffer of exactly its size, so
// AddressSanitizer sees a read one byte past the end. The sequence of inputs
// depends only on the seed: a failure is replayed with the same --seed and
// --iterations, and the input that failed is written to the --artifact file
// (on a broken invariant, which aborts, or a sanitizer's report), to be run
// alone or kept in tests/fuzz/corpus/.
#include <ctype.h>
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "memlab/clock.h"
#include "memlab/rng.h"

#define FUZZ_MAX_SEEDS 512
#define FUZZ_MAX_TOKENS 256

typedef struct input {
    uint8_t *b;
    size_t n;
} input_t;

static input_t seeds[FUZZ_MAX_SEEDS];
static size_t nseeds;
static input_t tokens[FUZZ_MAX_TOKENS];
static size_t ntokens;

// load_file — append the file at `path` (cut to ML_FUZZ_MAX_INPUT bytes) to
// the seeds. Returns false if it cannot be read.
static bool load_file(const char *path)
{
    if (nseeds == FUZZ_MAX_SEEDS)
        return true;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint8_t *b = malloc(ML_FUZZ_MAX_INPUT);
    size_t len = b ? fread(b, 1, ML_FUZZ_MAX_INPUT, f) : 0;
    fclose(f);
    if (!b)
        return false;
    seeds[nseeds++] = (input_t){ b, len };
    return true;
}

// load_seeds — a seed file, or every regular file of a directory (in name
// order, so the run does not depend on the directory's order). Returns
// false if `path` cannot be read.
static bool load_seeds(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    if (!S_ISDIR(st.st_mode))
        return load_file(path);
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0)
        return false;
    for (int i = 0; i < n; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", path, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(p, &st) == 0 && S_ISREG(st.st_mode))
            load_file(p);
        free(names[i]);
    }
    free(names);
    return true;
}

// load_dict — the tokens of a libFuzzer dictionary: lines `name="value"` or
// `"value"` with \\, \" and \xNN escapes; '#' lines and blank lines are
// skipped. Returns false with "path:line: what is wrong" on stderr.
static bool load_dict(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return false;
    }
    char line[1024];
    unsigned lineno = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line + strspn(line, " \t");
        if (*p == '#' || *p == '\n' || *p == '\0')
            continue;
        char *q = strchr(p, '"');
        uint8_t tok[256];
        size_t n = 0;
        ok = q != NULL;
        for (q = q ? q + 1 : p; ok && *q != '"'; q++) {
            int c = (unsigned char)*q;
            if (c == '\0' || c == '\n' || n == sizeof tok) {
                ok = false;
            } else if (c == '\\' && (q[1] == '\\' || q[1] == '"')) {
                tok[n++] = (uint8_t) * ++q;
            } else if (c == '\\' && q[1] == 'x') {
                unsigned v = 0;
                ok = isxdigit((unsigned char)q[2]) && isxdigit((unsigned char)q[3]) &&
                     sscanf(q + 2, "%2x", &v) == 1;
                tok[n++] = (uint8_t)v;
                q += 3;
            } else {
                tok[n++] = (uint8_t)c;
            }
        }
        if (!ok || n == 0 || ntokens == FUZZ_MAX_TOKENS) {
            fprintf(stderr, "%s:%u: not a dictionary entry name=\"value\" (or too many)\n", path,
                    lineno);
            ok = false;
            break;
        }
        tokens[ntokens].b = malloc(n);
        if (!tokens[ntokens].b) {
            ok = false;
            break;
        }
        memcpy(tokens[ntokens].b, tok, n);
        tokens[ntokens++].n = n;
    }
    fclose(f);
    return ok;
}

// mutate — apply 1..8 random edits to buf (n bytes, capacity
// ML_FUZZ_MAX_INPUT). Returns the new length.
static size_t mutate(ml_rng_t *r, uint8_t *buf, size_t n)
{
    int edits = 1 + (int)ml_rng_below(r, 8);
    for (int e = 0; e < edits; e++) {
        size_t at = n ? (size_t)ml_rng_below(r, n + 1) : 0;
        switch (ml_rng_below(r, 7)) {
        case 0: // flip a bit
            if (n)
                buf[ml_rng_below(r, n)] ^= (uint8_t)(1u << ml_rng_below(r, 8));
            break;
        case 1: // overwrite a byte with anything
            if (n)
                buf[ml_rng_below(r, n)] = (uint8_t)ml_rng_below(r, 256);
            break;
        case 2: { // insert a token of the format (or a newline)
            input_t nl = { (uint8_t *)"\n", 1 };
            const input_t *t = ntokens ? &tokens[ml_rng_below(r, ntokens)] : &nl;
            if (n + t->n <= ML_FUZZ_MAX_INPUT) {
                memmove(buf + at + t->n, buf + at, n - at);
                memcpy(buf + at, t->b, t->n);
                n += t->n;
            }
            break;
        }
        case 3: { // delete a run of bytes
            size_t k = (size_t)ml_rng_range(r, 1, 16);
            if (at + k > n)
                k = n - at;
            memmove(buf + at, buf + at + k, n - at - k);
            n -= k;
            break;
        }
        case 4: { // duplicate the line around `at`
            size_t s = at, t = at;
            while (s > 0 && buf[s - 1] != '\n')
                s--;
            while (t < n && buf[t] != '\n')
                t++;
            if (t < n)
                t++;
            size_t k = t - s;
            if (k && n + k <= ML_FUZZ_MAX_INPUT) {
                memmove(buf + t + k, buf + t, n - t);
                memcpy(buf + t, buf + s, k);
                n += k;
            }
            break;
        }
        case 5: // truncate
            n = at;
            break;
        case 6: { // splice in the tail of another seed
            const input_t *o = &seeds[ml_rng_below(r, nseeds)];
            size_t from = o->n ? (size_t)ml_rng_below(r, o->n) : 0, k = o->n - from;
            if (at + k > ML_FUZZ_MAX_INPUT)
                k = ML_FUZZ_MAX_INPUT - at;
            memcpy(buf + at, o->b + from, k);
            n = at + k;
            break;
        }
        }
    }
    return n;
}

// The input being run, and where to write it if the run dies.
static const uint8_t *current;
static size_t current_len;
static const char *artifact;

// save_current — write the input being run to the artifact file; called
// when the process dies, so only async-signal-safe calls.
static void save_current(void)
{
    static volatile sig_atomic_t saved;
    if (!artifact || !current || saved)
        return;
    saved = 1;
    int fd = open(artifact, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    for (size_t off = 0; off < current_len;) {
        ssize_t k = write(fd, current + off, current_len - off);
        if (k <= 0)
            break;
        off += (size_t)k;
    }
    close(fd);
    static const char msg[] = "fuzz_loop: the input that failed is in ";
    if (write(2, msg, sizeof msg - 1) > 0 && write(2, artifact, strlen(artifact)) > 0)
        (void)!write(2, "\n", 1);
}

static void on_abort(int sig)
{
    save_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

// run_one — feed buf[0..n) to the target in a buffer of exactly n bytes.
static void run_one(const uint8_t *buf, size_t n)
{
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        fprintf(stderr, "%s: out of memory\n", ml_fuzz_name);
        exit(1);
    }
    memcpy(exact, buf, n);
    current = exact;
    current_len = n;
    LLVMFuzzerTestOneInput(exact, n);
    current = NULL;
    free(exact);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: %s [--seed N] [--seconds S] [--iterations N] [--dict FILE]\n"
            "       [--artifact FILE] SEEDS...\n"
            "Feeds each seed (a file, or every file of a directory) to the target, then\n"
            "mutations of them until S seconds (default 10) or N inputs have passed,\n"
            "whichever comes first. Mutations insert tokens from --dict FILE (a\n"
            "libFuzzer dictionary). The inputs depend only on the seed (default 1); an\n"
            "input that fails is written to the --artifact FILE. Exit 0 when every\n"
            "input passed, 1 on unreadable seeds or dictionary, 2 on bad usage; a\n"
            "broken invariant or memory error aborts.\n",
            ml_fuzz_name);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "seed", required_argument, NULL, 's' },
        { "seconds", required_argument, NULL, 't' },
        { "iterations", required_argument, NULL, 'n' },
        { "dict", required_argument, NULL, 'd' },
        { "artifact", required_argument, NULL, 'a' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    uint64_t seed = 1, iterations = UINT64_MAX;
    double seconds = 10;
    const char *dict = NULL;
    char *end;
    int c;
    while ((c = getopt_long(argc, argv, "s:t:n:d:a:h", opts, NULL)) != -1) {
        switch (c) {
        case 's': seed = strtoull(optarg, &end, 10); break;
        case 't': seconds = strtod(optarg, &end); break;
        case 'n': iterations = strtoull(optarg, &end, 10); break;
        case 'd': dict = optarg; continue;
        case 'a': artifact = optarg; continue;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        if (*end || end == optarg) {
            fprintf(stderr, "%s: '%s' is not a number\n", ml_fuzz_name, optarg);
            return 2;
        }
    }
    if (optind == argc) {
        usage(stderr);
        return 2;
    }
    if (dict && !load_dict(dict))
        return 1;
    for (int i = optind; i < argc; i++)
        if (!load_seeds(argv[i])) {
            perror(argv[i]);
            return 1;
        }
    if (nseeds == 0) {
        fprintf(stderr, "%s: no seed inputs\n", ml_fuzz_name);
        return 1;
    }
    signal(SIGABRT, on_abort);
    __sanitizer_set_death_callback(save_current);
    uint64_t t0 = ml_now_ns(), limit = (uint64_t)(seconds * 1e9), i = 0;
    for (size_t k = 0; k < nseeds && i < iterations; k++, i++)
        run_one(seeds[k].b, seeds[k].n);
    ml_rng_t r;
    ml_rng_seed(&r, seed);
    static uint8_t buf[ML_FUZZ_MAX_INPUT];
    for (; i < iterations; i++) {
        if ((i & 63) == 0 && ml_now_ns() - t0 >= limit)
            break;
        const input_t *s = &seeds[ml_rng_below(&r, nseeds)];
        memcpy(buf, s->b, s->n);
        run_one(buf, mutate(&r, buf, s->n));
    }
    double secs = (double)(ml_now_ns() - t0) / 1e9;
    printf("%s: %llu inputs in %.1f s (%.0f/s), %llu of them %s; seed %llu, %zu seed files, "
           "%zu tokens: no failure\n",
           ml_fuzz_name, (unsigned long long)i, secs, secs > 0 ? (double)i / secs : 0.0,
           ml_fuzz_accepted, ml_fuzz_accepted_what, (unsigned long long)seed, nseeds, ntokens);
    for (size_t k = 0; k < nseeds; k++)
        free(seeds[k].b);
    for (size_t k = 0; k < ntokens; k++)
        free(tokens[k].b);
    return 0;
}
