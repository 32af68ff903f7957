// ownmem.c — the lab's own memory: page-rounded anonymous mappings for the
// tracker's tables, kept apart from the heap it watches (leaks.h, lk_mem_*).
//
// Every live region is remembered in a fixed array so that the root
// enumeration can hand them to lk_classify marked `own`: the tracker's table
// holds the address of every live block, and scanning it would make every
// block look reachable.
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

#include "leaks.h"

#define OWN_MAX 1024

static struct {
    uintptr_t start, end;
} own[OWN_MAX];
static size_t nown;
static pthread_mutex_t own_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t page_round(size_t n)
{
    return (n + 4095) & ~(size_t)4095;
}

void *lk_mem_alloc(size_t size)
{
    if (size == 0)
        size = 1;
    size = page_round(size);
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    pthread_mutex_lock(&own_lock);
    if (nown < OWN_MAX)
        own[nown++].start = (uintptr_t)p, own[nown - 1].end = (uintptr_t)p + size;
    pthread_mutex_unlock(&own_lock);
    return p;
}

void lk_mem_free(void *p, size_t size)
{
    if (!p)
        return;
    size = page_round(size ? size : 1);
    pthread_mutex_lock(&own_lock);
    for (size_t i = 0; i < nown; i++)
        if (own[i].start == (uintptr_t)p) {
            own[i] = own[--nown];
            break;
        }
    pthread_mutex_unlock(&own_lock);
    munmap(p, size);
}

size_t lk_mem_regions(lk_region_t *out, size_t cap)
{
    pthread_mutex_lock(&own_lock);
    size_t n = nown;
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = (lk_region_t){ own[i].start, own[i].end, LK_ROOT_ANON, true, "lk_mem region" };
    pthread_mutex_unlock(&own_lock);
    return n;
}
