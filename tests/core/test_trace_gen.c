// test_trace_gen.c — unit tests of the trace generator
// (common/src/trace_gen.c): determinism from the seed, validity of every
// generated trace (the reader accepts what the writer writes), and that the
// sizes, lifetimes and reallocations follow the requested distributions.
// Statistical checks use fixed seeds and tolerances several standard
// deviations wide: deterministic, never flaky.
#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memlab/trace.h"

static ml_trace_gen_t base_params(void)
{
    return (ml_trace_gen_t){
        .name = "gen-test",
        .seed = 12345,
        .num_blocks = 5000,
        .sizes = { .kind = ML_DIST_UNIFORM, .min = 16, .max = 1024 },
        .mean_lifetime = 100,
        .realloc_prob = 0.1,
        .realloc_growth = 1.5,
        .free_all_at_end = 1,
    };
}

static ml_trace_t *generate_ok(const ml_trace_gen_t *g)
{
    errno = 0;
    ml_trace_t *t = ml_trace_generate(g);
    cr_assert(t != NULL, "ml_trace_generate failed: %s", strerror(errno));
    return t;
}

static bool same_ops(const ml_trace_t *a, const ml_trace_t *b)
{
    if (a->num_ops != b->num_ops || a->num_ids != b->num_ids)
        return false;
    for (size_t i = 0; i < a->num_ops; i++)
        if (a->ops[i].kind != b->ops[i].kind || a->ops[i].id != b->ops[i].id ||
            a->ops[i].size != b->ops[i].size)
            return false;
    return true;
}

// alloc_sizes — the sizes of the `a` operations, in order; *n their count.
static size_t *alloc_sizes(const ml_trace_t *t, size_t *n)
{
    size_t *v = malloc((t->num_ops + 1) * sizeof *v);
    cr_assert(v);
    *n = 0;
    for (size_t i = 0; i < t->num_ops; i++)
        if (t->ops[i].kind == ML_OP_ALLOC)
            v[(*n)++] = t->ops[i].size;
    return v;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

// ---- determinism and validity ----------------------------------------------------

Test(trace_gen, same_seed_gives_an_identical_trace, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    ml_trace_t *a = generate_ok(&g), *b = generate_ok(&g);
    cr_assert(same_ops(a, b), "two runs with seed %lu differ", (unsigned long)g.seed);
    cr_assert(a->sugg_heapsize == b->sugg_heapsize);
    ml_trace_free(a);
    ml_trace_free(b);
}

Test(trace_gen, different_seeds_give_different_traces, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    ml_trace_t *a = generate_ok(&g);
    g.seed = 12346;
    ml_trace_t *b = generate_ok(&g);
    cr_assert(!same_ops(a, b), "seeds 12345 and 12346 gave the same trace");
    ml_trace_free(a);
    ml_trace_free(b);
}

Test(trace_gen, header_fields_describe_the_generated_trace, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    ml_trace_t *t = generate_ok(&g);
    ml_trace_summary_t s = ml_trace_summarize(t);
    cr_assert_str_eq(t->name, "gen-test");
    cr_assert(t->num_ids == g.num_blocks && t->weight == 1);
    cr_assert(s.nalloc == g.num_blocks, "%zu allocations, want one per block", s.nalloc);
    cr_assert(t->sugg_heapsize == s.peak_live_bytes && s.peak_live_bytes > 0);
    ml_trace_free(t);
    g.name = NULL;
    t = generate_ok(&g);
    cr_assert_str_eq(t->name, "generated");
    ml_trace_free(t);
}

Test(trace_gen, reader_accepts_what_the_writer_writes_for_every_distribution, .timeout = 5)
{
    char dir[] = "/tmp/memlab-gen-XXXXXX", path[64];
    cr_assert(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/g.rep", dir);
    ml_size_dist_t dists[] = {
        { .kind = ML_DIST_UNIFORM, .min = 0, .max = 100 },
        { .kind = ML_DIST_LOG, .min = 1, .max = 1 << 20 },
        { .kind = ML_DIST_POW2, .min = 8, .max = 1 << 16 },
        { .kind = ML_DIST_ALTERNATE, .min = 16, .max = 4000 },
        { .kind = ML_DIST_CHOICE, .choices = { 24, 48, 1 << 30 }, .nchoices = 3 },
    };
    double lifetimes[] = { 0, 1, 50 };
    for (size_t d = 0; d < sizeof dists / sizeof *dists; d++)
        for (size_t l = 0; l < 3; l++)
            for (int end = 0; end < 2; end++) {
                ml_trace_gen_t g = base_params();
                g.num_blocks = 800;
                g.sizes = dists[d];
                g.mean_lifetime = lifetimes[l];
                g.free_all_at_end = end;
                g.realloc_prob = 0.3;
                g.realloc_growth = d == 4 ? 2.0 : 0.7;
                g.seed = d * 100 + l * 10 + (unsigned)end;
                ml_trace_t *t = generate_ok(&g);
                cr_assert(ml_trace_write(t, path) == 0, "write failed: %s", strerror(errno));
                char err[512];
                ml_trace_t *back = ml_trace_read(path, err, sizeof err);
                cr_assert(back != NULL,
                          "distribution %zu, lifetime %g, free_all %d: "
                          "the reader rejects the generated trace: %s",
                          d, lifetimes[l], end, err);
                cr_assert(same_ops(t, back), "trace changed on the way through the file");
                // The reader accepts realloc(NULL, n) and free(NULL) from
                // CMU's traces; the generator reallocates only live blocks.
                ml_trace_summary_t s = ml_trace_summarize(t);
                cr_assert(s.nrealloc_null == 0 && s.nfree_null == 0,
                          "generated %zu reallocs of blocks not live, %zu free(NULL)",
                          s.nrealloc_null, s.nfree_null);
                ml_trace_free(t);
                ml_trace_free(back);
            }
    unlink(path);
    rmdir(dir);
}

Test(trace_gen, zero_blocks_give_an_empty_valid_trace, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.num_blocks = 0;
    ml_trace_t *t = generate_ok(&g);
    cr_assert(t->num_ops == 0 && t->num_ids == 0);
    ml_trace_free(t);
}

Test(trace_gen, invalid_parameters_are_refused_with_einval, .timeout = 5)
{
    ml_trace_gen_t bad[12];
    for (int i = 0; i < 12; i++)
        bad[i] = base_params();
    bad[0].realloc_prob = 1.0; // would never allocate again
    bad[1].realloc_prob = -0.1;
    bad[2].realloc_growth = 0;
    bad[3].mean_lifetime = -1;
    bad[4].sizes = (ml_size_dist_t){ .kind = ML_DIST_UNIFORM, .min = 10, .max = 5 };
    bad[5].sizes = (ml_size_dist_t){ .kind = ML_DIST_LOG, .min = 0, .max = 5 };
    bad[6].sizes = (ml_size_dist_t){ .kind = ML_DIST_POW2, .min = 5, .max = 7 };
    bad[7].sizes = (ml_size_dist_t){ .kind = ML_DIST_CHOICE, .nchoices = 0 };
    bad[8].sizes = (ml_size_dist_t){ .kind = ML_DIST_CHOICE, .choices = { 8 }, .nchoices = 9 };
    bad[9].sizes =
        (ml_size_dist_t){ .kind = ML_DIST_UNIFORM, .min = 1, .max = ML_TRACE_MAX_SIZE + 1 };
    bad[10].num_blocks = ML_TRACE_MAX_IDS + 1;
    bad[11].mean_lifetime = NAN;
    for (int i = 0; i < 12; i++) {
        errno = 0;
        ml_trace_t *t = ml_trace_generate(&bad[i]);
        cr_assert(t == NULL && errno == EINVAL, "bad parameter set %d was accepted", i);
    }
    errno = 0;
    cr_assert(ml_trace_generate(NULL) == NULL && errno == EINVAL);
    ml_trace_gen_t ok = base_params();
    ok.realloc_prob = 0;
    ok.realloc_growth = 0; // irrelevant without reallocs
    ml_trace_t *t = generate_ok(&ok);
    ml_trace_free(t);
}

// ---- size distributions -----------------------------------------------------------

Test(trace_gen, uniform_sizes_stay_in_range_and_average_the_midpoint, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.num_blocks = 20000;
    g.sizes = (ml_size_dist_t){ .kind = ML_DIST_UNIFORM, .min = 100, .max = 300 };
    ml_trace_t *t = generate_ok(&g);
    size_t n, *v = alloc_sizes(t, &n);
    double sum = 0;
    bool lo = false, hi = false;
    for (size_t i = 0; i < n; i++) {
        cr_assert(v[i] >= 100 && v[i] <= 300, "size %zu outside [100, 300]", v[i]);
        sum += (double)v[i];
        lo |= v[i] == 100;
        hi |= v[i] == 300;
    }
    cr_assert(fabs(sum / n - 200) < 3, "mean size %.1f, want 200", sum / n);
    cr_assert(lo && hi, "both ends of the range should occur");
    free(v);
    ml_trace_free(t);
}

Test(trace_gen, log_sizes_put_equal_weight_on_every_doubling, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.num_blocks = 20000;
    g.sizes = (ml_size_dist_t){ .kind = ML_DIST_LOG, .min = 16, .max = 16 * 1024 - 1 };
    ml_trace_t *t = generate_ok(&g);
    size_t n, *v = alloc_sizes(t, &n);
    int octave[10] = { 0 }; // [16,32), [32,64), ..., [8192,16384)
    for (size_t i = 0; i < n; i++) {
        cr_assert(v[i] >= 16 && v[i] < 16 * 1024);
        int k = 0;
        while ((size_t)16 << (k + 1) <= v[i])
            k++;
        octave[k]++;
    }
    for (int k = 0; k < 10; k++)
        cr_assert(abs(octave[k] - 2000) < 200, "octave %d holds %d sizes, want about 2000", k,
                  octave[k]);
    qsort(v, n, sizeof *v, cmp_size);
    // The median of a log-uniform is the geometric mean of its ends: 512.
    cr_assert(v[n / 2] > 460 && v[n / 2] < 570, "median %zu, want about 512", v[n / 2]);
    free(v);
    ml_trace_free(t);
}

Test(trace_gen, pow2_sizes_are_powers_of_two_covering_the_range, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.num_blocks = 9000;
    g.realloc_prob = 0;
    g.sizes = (ml_size_dist_t){ .kind = ML_DIST_POW2, .min = 10, .max = 5000 };
    ml_trace_t *t = generate_ok(&g);
    size_t n, *v = alloc_sizes(t, &n);
    int count[13] = { 0 };
    for (size_t i = 0; i < n; i++) {
        cr_assert((v[i] & (v[i] - 1)) == 0, "size %zu is not a power of two", v[i]);
        cr_assert(v[i] >= 16 && v[i] <= 4096, "size %zu outside [16, 4096]", v[i]);
        count[__builtin_ctzll(v[i])]++;
    }
    for (int e = 4; e <= 12; e++) // 9 exponents, about 1000 each
        cr_assert(abs(count[e] - 1000) < 150, "2^%d drawn %d times, want about 1000", e, count[e]);
    free(v);
    ml_trace_free(t);
}

Test(trace_gen, alternate_sizes_alternate_between_min_and_max, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.sizes = (ml_size_dist_t){ .kind = ML_DIST_ALTERNATE, .min = 8, .max = 4096 };
    ml_trace_t *t = generate_ok(&g);
    size_t n, *v = alloc_sizes(t, &n);
    for (size_t i = 0; i < n; i++)
        cr_assert(v[i] == (i % 2 ? 4096u : 8u), "allocation %zu has size %zu", i, v[i]);
    free(v);
    ml_trace_free(t);
}

Test(trace_gen, choice_sizes_come_only_from_the_choices_uniformly, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.num_blocks = 16000;
    g.sizes =
        (ml_size_dist_t){ .kind = ML_DIST_CHOICE, .choices = { 8, 40, 72, 2000 }, .nchoices = 4 };
    ml_trace_t *t = generate_ok(&g);
    size_t n, *v = alloc_sizes(t, &n);
    int count[4] = { 0 };
    for (size_t i = 0; i < n; i++) {
        int k = v[i] == 8 ? 0 : v[i] == 40 ? 1 : v[i] == 72 ? 2 : v[i] == 2000 ? 3 : -1;
        cr_assert(k >= 0, "size %zu is not one of the choices", v[i]);
        count[k]++;
    }
    for (int k = 0; k < 4; k++)
        cr_assert(abs(count[k] - 4000) < 250, "choice %d drawn %d times, want about 4000", k,
                  count[k]);
    free(v);
    ml_trace_free(t);
}

// ---- lifetimes ----------------------------------------------------------------------

Test(trace_gen, lifetimes_are_exponential_with_the_requested_mean, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.num_blocks = 20000;
    g.mean_lifetime = 200;
    g.realloc_prob = 0;
    ml_trace_t *t = generate_ok(&g);
    size_t *born = calloc(g.num_blocks, sizeof *born), *died = calloc(g.num_blocks, sizeof *died);
    cr_assert(born && died);
    for (size_t i = 0; i < t->num_ops; i++) {
        if (t->ops[i].kind == ML_OP_ALLOC)
            born[t->ops[i].id] = i;
        else if (t->ops[i].kind == ML_OP_FREE)
            died[t->ops[i].id] = i;
    }
    // Blocks of the first half die long before the last allocation, so
    // their lifetimes are not cut short by the end of the trace.
    double sum = 0;
    int longer = 0, n = (int)g.num_blocks / 2;
    for (int id = 0; id < n; id++) {
        double life = (double)(died[id] - born[id]);
        sum += life;
        longer += life > 200;
    }
    cr_assert(fabs(sum / n - 200) < 10, "mean lifetime %.1f ops, want about 200", sum / n);
    // For an exponential, P(life > mean) = 1/e.
    cr_assert(fabs((double)longer / n - exp(-1)) < 0.03,
              "%.3f of lifetimes exceed the mean, want 1/e = 0.368", (double)longer / n);
    free(born);
    free(died);
    ml_trace_free(t);
}

Test(trace_gen, zero_mean_lifetime_frees_only_at_the_end, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.mean_lifetime = 0;
    ml_trace_t *t = generate_ok(&g);
    ml_trace_summary_t s = ml_trace_summarize(t);
    size_t last_alloc = 0, first_free = t->num_ops;
    for (size_t i = 0; i < t->num_ops; i++) {
        if (t->ops[i].kind == ML_OP_ALLOC)
            last_alloc = i;
        if (t->ops[i].kind == ML_OP_FREE && i < first_free)
            first_free = i;
    }
    cr_assert(first_free > last_alloc, "a block was freed before the last allocation");
    cr_assert(s.nfree == g.num_blocks);
    ml_trace_free(t);
    g.free_all_at_end = 0;
    t = generate_ok(&g);
    cr_assert(ml_trace_summarize(t).nfree == 0, "immortal blocks must stay live");
    ml_trace_free(t);
}

Test(trace_gen, free_all_at_end_decides_whether_blocks_stay_live, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.mean_lifetime = 2000;
    ml_trace_t *t = generate_ok(&g);
    cr_assert(ml_trace_summarize(t).nfree == g.num_blocks, "every block should be freed");
    ml_trace_free(t);
    g.free_all_at_end = 0;
    t = generate_ok(&g);
    ml_trace_summary_t s = ml_trace_summarize(t);
    cr_assert(s.nfree > 0 && s.nfree < g.num_blocks,
              "%zu of %u blocks freed: long-lived ones should stay live", s.nfree, g.num_blocks);
    ml_trace_free(t);
}

// ---- reallocation -------------------------------------------------------------------

Test(trace_gen, realloc_share_follows_realloc_prob_and_grows_by_the_factor, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.num_blocks = 16000;
    g.realloc_prob = 0.2;
    g.realloc_growth = 1.5;
    ml_trace_t *t = generate_ok(&g);
    ml_trace_summary_t s = ml_trace_summarize(t);
    double share = (double)s.nrealloc / (double)(s.nrealloc + s.nalloc);
    cr_assert(fabs(share - 0.2) < 0.015, "reallocs are %.3f of a+r, want 0.2", share);
    size_t *cur = calloc(g.num_blocks, sizeof *cur);
    for (size_t i = 0; i < t->num_ops; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        if (op->kind == ML_OP_REALLOC) {
            size_t want = (size_t)round((double)cur[op->id] * 1.5);
            cr_assert(op->size == want, "r %u: size %zu, want %zu (1.5 x %zu)", op->id, op->size,
                      want, cur[op->id]);
        }
        if (op->kind != ML_OP_FREE)
            cur[op->id] = op->size;
    }
    free(cur);
    ml_trace_free(t);
}

Test(trace_gen, growing_sizes_are_clamped_at_the_reader_limit, .timeout = 5)
{
    ml_trace_gen_t g = base_params();
    g.num_blocks = 200;
    g.mean_lifetime = 0;
    g.realloc_prob = 0.8;
    g.realloc_growth = 4;
    g.sizes = (ml_size_dist_t){ .kind = ML_DIST_CHOICE, .choices = { 1 << 28 }, .nchoices = 1 };
    ml_trace_t *t = generate_ok(&g);
    ml_trace_summary_t s = ml_trace_summarize(t);
    cr_assert(s.max_size == ML_TRACE_MAX_SIZE, "largest size %zu, want the 1 GiB cap", s.max_size);
    ml_trace_free(t);
}
