// wrap.c — the allocator suite's view of what the student's code asks of the
// OS and the C library. The suite is linked with -Wl,--wrap for mmap,
// munmap, malloc, calloc, realloc and memcpy (allocator_SUITE_LDFLAGS in
// labs/allocator/lab.mk): every call to one of them from an object linked
// into the suite — the student's mm.c, the core, the suite itself — comes
// here first, and reaches the C library through __real_<name>. Calls from
// inside shared libraries (the C library's own, Criterion's) do not.
//
// What the wrappers do:
//   mmap, munmap          count the bytes mapped (page-rounded); mmap fails
//                         with ENOMEM while refusal is on
//   malloc, calloc,       return NULL while refusal is on, or once the
//   realloc               budget suite_wrap_refuse_after set is spent
//   memcpy                note a call whose two ranges overlap (undefined
//                         behaviour, which a particular memcpy may or may not
//                         survive), then copy as memmove would
// Refusal is switched on and off by one test at a time, while no other
// thread runs.
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include "allocator_suite.h"

void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int __real_munmap(void *addr, size_t len);
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__real_memcpy(void *dst, const void *src, size_t n);

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int __wrap_munmap(void *addr, size_t len);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_memcpy(void *dst, const void *src, size_t n);

static atomic_llong mapped;         // bytes mapped, page-rounded
static atomic_bool refuse_map;      // mmap fails with ENOMEM
static atomic_bool refuse_heap;     // malloc/calloc/realloc return NULL
static atomic_int heap_budget = -1; // heap calls still granted before refusal (-1: no limit)
static atomic_int refused;          // calls refused since the last switch
static atomic_ulong overlaps;       // memcpy calls with overlapping ranges

static size_t page_round(size_t len)
{
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    return (len + pg - 1) / pg * pg;
}

// heap_refused — whether this malloc/calloc/realloc is refused (counting
// it against the budget when there is one).
static bool heap_refused(void)
{
    if (atomic_load_explicit(&refuse_heap, memory_order_relaxed))
        return true;
    int b = atomic_load_explicit(&heap_budget, memory_order_relaxed);
    if (b < 0)
        return false;
    if (b == 0)
        return true;
    atomic_store_explicit(&heap_budget, b - 1, memory_order_relaxed);
    return false;
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (atomic_load_explicit(&refuse_map, memory_order_relaxed)) {
        atomic_fetch_add(&refused, 1);
        errno = ENOMEM;
        return MAP_FAILED;
    }
    void *p = __real_mmap(addr, len, prot, flags, fd, off);
    if (p != MAP_FAILED)
        atomic_fetch_add(&mapped, (long long)page_round(len));
    return p;
}

int __wrap_munmap(void *addr, size_t len)
{
    int r = __real_munmap(addr, len);
    if (r == 0)
        atomic_fetch_sub(&mapped, (long long)page_round(len));
    return r;
}

void *__wrap_malloc(size_t n)
{
    if (heap_refused()) {
        atomic_fetch_add(&refused, 1);
        return NULL;
    }
    return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    if (heap_refused()) {
        atomic_fetch_add(&refused, 1);
        return NULL;
    }
    return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    if (heap_refused()) {
        atomic_fetch_add(&refused, 1);
        return NULL;
    }
    return __real_realloc(p, n);
}

void *__wrap_memcpy(void *dst, const void *src, size_t n)
{
    uintptr_t d = (uintptr_t)dst, s = (uintptr_t)src;
    if (n && d != s && (d < s ? s - d : d - s) < n) {
        atomic_fetch_add(&overlaps, 1);
        return memmove(dst, src, n);
    }
    return __real_memcpy(dst, src, n);
}

long long suite_wrap_mapped(void)
{
    return atomic_load(&mapped);
}

int suite_wrap_refuse(bool map, bool heap)
{
    int n = atomic_exchange(&refused, 0);
    atomic_store(&refuse_map, map);
    atomic_store(&refuse_heap, heap);
    atomic_store(&heap_budget, -1);
    return n;
}

int suite_wrap_refuse_after(int calls)
{
    int n = atomic_exchange(&refused, 0);
    atomic_store(&refuse_map, false);
    atomic_store(&refuse_heap, false);
    atomic_store(&heap_budget, calls);
    return n;
}

unsigned long suite_wrap_overlapping_memcpys(void)
{
    return atomic_load(&overlaps);
}
