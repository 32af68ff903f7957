// probe.c — how the layout suite checks classifications: probes (an address,
// its kind and why), a world (this process's facts and map), and a helper
// thread with its own stack and thread-local variables (used by classify.c).
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "layout_suite.h"

// ---- probes ------------------------------------------------------------------------

// suite_add_probe — one more address to check, with the kind it is and why.
void suite_add_probe(probes_t *ps, const char *what, const void *addr, layout_kind_t want,
                     const char *why)
{
    cr_assert(ps->n < MAX_PROBES, "suite error: too many probes");
    ps->p[ps->n++] = (probe_t){ what, (uintptr_t)addr, want, why };
}

// suite_check_probes — classify every probe with the student's layout_classify
// over the oracle's map; one failure message lists every wrong answer.
void suite_check_probes(const layout_map_t *m, const layout_facts_t *f, const probes_t *ps)
{
    char msg[4096];
    size_t len = 0;
    int bad = 0;
    msg[0] = '\0';
    for (size_t i = 0; i < ps->n; i++) {
        const probe_t *p = &ps->p[i];
        layout_kind_t got = layout_classify(m, f, p->addr);
        if (got == p->want)
            continue;
        bad++;
        const layout_region_t *r = suite_oracle_region(m, p->addr);
        if (len < sizeof msg)
            len += (size_t)snprintf(
                msg + len, sizeof msg - len,
                "%s%s at %#" PRIxPTR " (region %s '%s'): layout_classify said %s, "
                "it is %s (%s)",
                bad > 1 ? "; " : "", p->what, p->addr, r != NULL ? r->perms : "none",
                r != NULL ? r->path : "", layout_kind_name(got), layout_kind_name(p->want), p->why);
    }
    cr_assert(bad == 0, "%d of %zu addresses wrong: %s", bad, ps->n, msg);
}

// ---- a world: the facts and the map of this process --------------------------------

// suite_world_new — this process's facts (the calling thread recorded) and an
// empty map; suite_world_snapshot reads the kernel's map now; suite_world_free.
world_t *suite_world_new(void)
{
    world_t *w = calloc(1, sizeof *w);
    cr_assert(w != NULL, "the suite ran out of memory");
    layout_facts_init(&w->facts);
    layout_map_init(&w->map);
    return w;
}

void suite_world_snapshot(world_t *w)
{
    layout_map_free(&w->map);
    suite_oracle_self(&w->map);
}

void suite_world_free(world_t *w)
{
    layout_map_free(&w->map);
    free(w);
}

// ---- a thread that records itself and waits ----------------------------------------

__thread int suite_tls = 5;   // .tdata
__thread long suite_tls_zero; // .tbss

// helper_main — record this thread in the facts, publish a local and the
// addresses of this thread's __thread variables, wait until released.
static void *helper_main(void *arg)
{
    helper_t *h = arg;
    volatile char local[64] = { 1 };
    int index = layout_facts_add_thread(h->facts);
    pthread_mutex_lock(&h->lock);
    h->index = index;
    h->local = (uintptr_t)&local[10];
    h->tls = (uintptr_t)&suite_tls;
    h->tls_zero = (uintptr_t)&suite_tls_zero;
    h->ready = true;
    pthread_cond_broadcast(&h->cond);
    while (!h->release)
        pthread_cond_wait(&h->cond, &h->lock);
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

// suite_helper_start — a thread recorded in `facts` (stack and TLS), parked.
void suite_helper_start(helper_t *h, layout_facts_t *facts)
{
    memset(h, 0, sizeof *h);
    h->facts = facts;
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->cond, NULL);
    cr_assert(pthread_create(&h->thread, NULL, helper_main, h) == 0,
              "the suite cannot create a thread");
    pthread_mutex_lock(&h->lock);
    while (!h->ready)
        pthread_cond_wait(&h->cond, &h->lock);
    pthread_mutex_unlock(&h->lock);
    cr_assert(h->index >= 0, "layout_facts_add_thread failed in the suite's thread");
}

// suite_helper_stop — release the thread and join it.
void suite_helper_stop(helper_t *h)
{
    pthread_mutex_lock(&h->lock);
    h->release = true;
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
    pthread_join(h->thread, NULL);
}
