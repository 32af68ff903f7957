// gcroots.c — the GC heap's roots: named globals and shadow stacks of frames
// (Go's data/bss segments and goroutine stacks, runtime/mgcmark.go's
// markroot).
//
// Globals are heap-owned pointer variables, each allocated on its own so
// its address stays valid for the heap's life; stores to them go through
// ml_gc_write_global and run the write barrier while marking. Stacks are
// lists of frames, top first; a frame is a malloc'd block of N slots. Frame
// stores never run a barrier: like a Go stack, a shadow stack is scanned
// (and, for some barriers, re-scanned) by the collector instead. Each stack
// and frame has a `scanned` flag for the collector's use (Go's gcscandone);
// ml_gc_cycle_begin clears them all.
#include <stdlib.h>
#include <string.h>

#include "gcheap_impl.h"
#include "memlab/grow.h"

static _Noreturn void root_bug(const char *fn, const char *what)
{
    fprintf(stderr, "%s: %s\n", fn, what);
    abort();
}

// ---- globals --------------------------------------------------------------------

int ml_gc_global_add(ml_gc_heap_t *h, const char *name)
{
    if (h->nglobals >= INT32_MAX || !ML_GROW_ARRAY(h->globals, h->capglobals, h->nglobals + 1, 8))
        return -1;
    ml_gc_global_t *g = calloc(1, sizeof *g);
    char *nm = strdup(name ? name : "");
    if (!g || !nm) {
        free(g);
        free(nm);
        return -1;
    }
    g->name = nm;
    h->globals[h->nglobals] = g;
    return (int)h->nglobals++;
}

static ml_gc_global_t *global(const ml_gc_heap_t *h, int g, const char *fn)
{
    if (g < 0 || (size_t)g >= h->nglobals)
        root_bug(fn, "no such global");
    return h->globals[g];
}

size_t ml_gc_num_globals(const ml_gc_heap_t *h)
{
    return h->nglobals;
}
const char *ml_gc_global_name(const ml_gc_heap_t *h, int g)
{
    return global(h, g, "ml_gc_global_name")->name;
}
void *ml_gc_global_get(const ml_gc_heap_t *h, int g)
{
    return global(h, g, "ml_gc_global_get")->ptr;
}
void **ml_gc_global_slot(const ml_gc_heap_t *h, int g)
{
    return &global(h, g, "ml_gc_global_slot")->ptr;
}

void ml_gc_write_global(ml_gc_heap_t *h, int g, void *val)
{
    ml_gc_write_ptr(h, &global(h, g, "ml_gc_write_global")->ptr, val);
}

// ---- stacks ---------------------------------------------------------------------

ml_gc_stack_t *ml_gc_stack_new(ml_gc_heap_t *h, const char *name)
{
    if (!ML_GROW_ARRAY(h->stacks, h->capstacks, h->nstacks + 1, 8))
        return NULL;
    ml_gc_stack_t *st = calloc(1, sizeof *st);
    char *nm = strdup(name ? name : "");
    if (!st || !nm) {
        free(st);
        free(nm);
        return NULL;
    }
    st->name = nm;
    h->stacks[h->nstacks++] = st;
    return st;
}

size_t ml_gc_num_stacks(const ml_gc_heap_t *h)
{
    return h->nstacks;
}

ml_gc_stack_t *ml_gc_stack_at(const ml_gc_heap_t *h, size_t i)
{
    if (i >= h->nstacks)
        root_bug("ml_gc_stack_at", "no such stack");
    return h->stacks[i];
}

void ml_gc_switch_stack(ml_gc_heap_t *h, ml_gc_stack_t *st)
{
    for (size_t i = 0; i < h->nstacks; i++)
        if (h->stacks[i] == st) {
            h->core.current = st;
            return;
        }
    root_bug("ml_gc_switch_stack", "the stack does not belong to this heap");
}

const char *ml_gc_stack_name(const ml_gc_stack_t *st)
{
    return st->name;
}
size_t ml_gc_stack_depth(const ml_gc_stack_t *st)
{
    return st->depth;
}
ml_gc_frame_t *ml_gc_stack_top(const ml_gc_stack_t *st)
{
    return st->top;
}
ml_gc_frame_t *ml_gc_frame_caller(const ml_gc_frame_t *f)
{
    return f->caller;
}
void ml_gc_stack_set_scanned(ml_gc_stack_t *st, bool scanned)
{
    st->core.scanned = scanned;
}
bool ml_gc_frame_scanned(const ml_gc_frame_t *f)
{
    return f->scanned;
}
void ml_gc_frame_set_scanned(ml_gc_frame_t *f, bool scanned)
{
    f->scanned = scanned;
}

// ---- frames ---------------------------------------------------------------------

ml_gc_frame_t *ml_gc_push_frame(ml_gc_heap_t *h, const char *name, size_t nslots)
{
    if (nslots > (SIZE_MAX - sizeof(ml_gc_frame_t)) / sizeof(void *))
        return NULL;
    ml_gc_frame_t *f = calloc(1, sizeof *f + nslots * sizeof(void *));
    if (!f)
        return NULL;
    ml_gc_stack_t *st = h->core.current;
    f->name = name ? name : "?";
    f->nslots = nslots;
    f->stack = st;
    f->caller = st->top;
    st->top = f;
    st->depth++;
    return f;
}

void ml_gc_pop_frame(ml_gc_heap_t *h, ml_gc_frame_t *f)
{
    ml_gc_stack_t *st = h->core.current;
    if (!f || st->top != f)
        root_bug("ml_gc_pop_frame", "the frame is not the top of the current stack");
    st->top = f->caller;
    st->depth--;
    free(f);
}

const char *ml_gc_frame_name(const ml_gc_frame_t *f)
{
    return f->name;
}
size_t ml_gc_frame_nslots(const ml_gc_frame_t *f)
{
    return f->nslots;
}
ml_gc_stack_t *ml_gc_frame_stack(const ml_gc_frame_t *f)
{
    return f->stack;
}

void **ml_gc_frame_slot(ml_gc_frame_t *f, size_t i)
{
    if (i >= f->nslots)
        root_bug("ml_gc_frame_slot", "slot index past the frame's slots");
    return &f->slots[i];
}

void *ml_gc_frame_get(const ml_gc_frame_t *f, size_t i)
{
    if (i >= f->nslots)
        root_bug("ml_gc_frame_get", "slot index past the frame's slots");
    return f->slots[i];
}

void ml_gc_frame_set(ml_gc_frame_t *f, size_t i, void *val)
{
    if (i >= f->nslots)
        root_bug("ml_gc_frame_set", "slot index past the frame's slots");
    f->slots[i] = val; // no write barrier: stacks are scanned instead
}

// ---- all roots ------------------------------------------------------------------

void ml_gc_foreach_root(ml_gc_heap_t *h, ml_gc_root_fn fn, void *arg)
{
    for (size_t g = 0; g < h->nglobals; g++) {
        ml_gc_root_t r = { .kind = ML_ROOT_GLOBAL, .name = h->globals[g]->name, .global = (int)g };
        fn(h, &h->globals[g]->ptr, &r, arg);
    }
    for (size_t s = 0; s < h->nstacks; s++) {
        ml_gc_stack_t *st = h->stacks[s];
        for (ml_gc_frame_t *f = st->top; f; f = f->caller)
            for (size_t i = 0; i < f->nslots; i++) {
                ml_gc_root_t r = { .kind = ML_ROOT_STACK,
                                   .name = f->name,
                                   .global = -1,
                                   .stack = st,
                                   .frame = f,
                                   .index = i };
                fn(h, &f->slots[i], &r, arg);
            }
    }
}
