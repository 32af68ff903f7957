// ptrset.c — a set of pointers (see ptrset.h). The table doubles when it is
// half full, so a probe sequence stays short.
#include "memlab/ptrset.h"

#include <stdint.h>
#include <stdlib.h>

// hash_ptr — the final mix of MurmurHash3: addresses differ in their middle
// bits, which a mask of the low bits alone would not spread.
static size_t hash_ptr(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

// slot_of — the slot holding p, or the empty slot where it would go.
static size_t slot_of(const void *const *keys, size_t cap, const void *p)
{
    size_t i = hash_ptr(p) & (cap - 1);
    while (keys[i] && keys[i] != p)
        i = (i + 1) & (cap - 1);
    return i;
}

// grow — double the table (256 slots at first). Returns -1 out of memory.
static int grow(ml_ptrset_t *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 256;
    const void **nk = calloc(ncap, sizeof *nk);
    if (!nk)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->keys[i])
            nk[slot_of(nk, ncap, s->keys[i])] = s->keys[i];
    free(s->keys);
    s->keys = nk;
    s->cap = ncap;
    return 0;
}

int ml_ptrset_add(ml_ptrset_t *s, const void *p)
{
    if ((s->n + 1) * 2 > s->cap && grow(s) != 0)
        return -1;
    size_t i = slot_of(s->keys, s->cap, p);
    if (s->keys[i])
        return 0;
    s->keys[i] = p;
    s->n++;
    return 1;
}

bool ml_ptrset_has(const ml_ptrset_t *s, const void *p)
{
    if (!s || !s->cap || !p)
        return false;
    return s->keys[slot_of(s->keys, s->cap, p)] == p;
}

void ml_ptrset_free(ml_ptrset_t *s)
{
    free(s->keys);
    *s = ML_PTRSET_INIT;
}
