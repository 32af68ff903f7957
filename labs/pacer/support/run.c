// run.c — run a workload on the simulated runtime and keep what happened
// (see run.h): the simulation's callbacks append to growable arrays.
#include "support/run.h"

#include <stdlib.h>
#include <string.h>

static bool grow(void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 64;
    void *a = realloc(*arr, nc * elem);
    if (!a)
        return false;
    *arr = a;
    *cap = nc;
    return true;
}

typedef struct run_ctx {
    pacer_run_t *r;
    bool failed;
} run_ctx_t;

static void on_cycle(const pacer_cycle_rec_t *c, void *arg)
{
    run_ctx_t *x = arg;
    pacer_run_t *r = x->r;
    size_t cap = r->cap;
    if (!grow((void **)&r->cycles, &cap, r->ncycles, sizeof *r->cycles)) {
        x->failed = true;
        return;
    }
    size_t cap2 = r->cap, cap3 = r->cap;
    if (!grow((void **)&r->after, &cap2, r->ncycles, sizeof *r->after) ||
        !grow((void **)&r->mapped_after, &cap3, r->ncycles, sizeof *r->mapped_after)) {
        x->failed = true;
        return;
    }
    r->cap = cap;
    r->cycles[r->ncycles] = *c;
    pacer_sim_memstats(r->sim, &r->after[r->ncycles]);
    r->mapped_after[r->ncycles] = pacer_sim_mem(r->sim).mapped;
    r->ncycles++;
    if (r->opts.echo)
        r->opts.echo(c, r->opts.echo_arg);
}

static void on_sample(const pacer_sample_t *s, void *arg)
{
    run_ctx_t *x = arg;
    pacer_run_t *r = x->r;
    if (!grow((void **)&r->samples, &r->scap, r->nsamples, sizeof *r->samples)) {
        x->failed = true;
        return;
    }
    r->samples[r->nsamples++] = *s;
}

int pacer_run(const pacer_workload_t *w, const pacer_run_opts_t *o, pacer_run_t *r)
{
    memset(r, 0, sizeof *r);
    r->w = w;
    r->opts = *o;
    run_ctx_t x = { r, false };
    pacer_sim_config_t cfg = pacer_sim_default_config();
    cfg.gogc = o->gogc;
    cfg.memory_limit = o->memory_limit;
    cfg.real_pauses = o->real_pauses;
    cfg.max_cycles = o->max_cycles;
    cfg.on_cycle = on_cycle;
    cfg.on_sample = o->samples ? on_sample : NULL;
    cfg.sample_bytes = o->samples ? 256u << 10 : 0;
    cfg.arg = &x;
    r->sim = pacer_sim_new(&cfg);
    if (!r->sim)
        return -1;
    r->steps_done = w->run(r->sim, o->steps ? o->steps : PACER_STEPS);
    r->tot = pacer_sim_totals(r->sim);
    pacer_sim_memstats(r->sim, &r->final);
    r->oom = pacer_sim_out_of_memory(r->sim);
    r->spiral = pacer_sim_spiral(r->sim);
    pacer_sim_destroy(r->sim);
    r->sim = NULL;
    return x.failed ? -1 : 0;
}

void pacer_run_free(pacer_run_t *r)
{
    free(r->cycles);
    free(r->after);
    free(r->mapped_after);
    free(r->samples);
    memset(r, 0, sizeof *r);
}
