// fixture.c — what every test of the allocator suite starts from: a fresh
// page heap with the student's mm_init over it, and synthetic traces run
// through the lab's checker (overlap, alignment, payload patterns).
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/checker.h"
#include "memlab/grade.h"
#include "memlab/pageheap.h"
#include "memlab/rng.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"
#include "memlab/grow.h"

// ---- a fresh allocator ------------------------------------------------------

ml_pageheap_t *suite_heap;

ml_pageheap_t *suite_fresh(size_t arena)
{
    if (suite_heap) {
        mm_deinit();
        ml_pageheap_destroy(suite_heap);
    }
    suite_heap = ml_pageheap_new(arena);
    cr_assert(suite_heap, "internal: cannot make a %zu MiB page heap", arena / MIB);
    cr_assert(mm_init(suite_heap) == 0, "mm_init returned -1 for a fresh page heap");
    return suite_heap;
}

size_t suite_inuse(void)
{
    return ml_pageheap_stats(suite_heap).inuse;
}

void *suite_must_alloc(size_t size, const char *why)
{
    void *p = mm_malloc(size);
    cr_assert(p, "mm_malloc(%zu) returned NULL %s", size, why);
    return p;
}

int suite_usable_class(size_t size)
{
    return ml_size_to_class((size + 15) & ~(size_t)15);
}

// ---- synthetic traces through the checker -----------------------------------

void suite_syn_init(synth_t *s, const char *name, uint32_t num_ids)
{
    memset(s, 0, sizeof *s);
    s->t.name = (char *)name;
    s->t.num_ids = num_ids;
    s->t.weight = 1;
}

void suite_syn_op(synth_t *s, ml_op_kind_t kind, uint32_t id, size_t size)
{
    cr_assert(ML_GROW_ARRAY(s->t.ops, s->cap, s->t.num_ops + 1, 1024), "internal: out of memory");
    s->t.ops[s->t.num_ops] = (ml_trace_op_t){
        .kind = kind, .id = id, .size = size, .line = (unsigned)(s->t.num_ops + 5)
    };
    s->t.num_ops++;
}

checker_result_t suite_syn_check(synth_t *s, const char *what)
{
    checker_result_t r;
    checker_opts_t o = { .arena_bytes = 256 * MIB };
    if (suite_heap) {
        mm_deinit();
        ml_pageheap_destroy(suite_heap);
        suite_heap = NULL;
    }
    cr_assert(checker_run(&s->t, &o, &r) == 0, "%s", r.error);
    cr_assert(r.valid, "%s\n(the test's own trace, %s; line N is its operation N-4)", r.error,
              what);
    free(s->t.ops);
    return r;
}

// ---- threads ----------------------------------------------------------------

void suite_in_thread(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    cr_assert(pthread_create(&t, NULL, fn, arg) == 0, "internal: pthread_create failed");
    pthread_join(t, NULL);
}

void *suite_churn(void *arg)
{
    churn_t *c = arg;
    void **b = calloc(c->n, sizeof *b);
    ml_rng_t rng;
    ml_rng_seed(&rng, c->seed);
    for (size_t i = 0; i < c->n; i++)
        if (!(b[i] = mm_malloc(c->size)))
            c->failed = true;
    ml_rng_shuffle(&rng, b, c->n, sizeof *b);
    for (size_t i = 0; i < c->n; i++)
        mm_free(b[i]);
    free(b);
    return NULL;
}
