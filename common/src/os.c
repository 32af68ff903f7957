// os.c — address space from the operating system, with byte accounting
// (Go's runtime/mem_linux.go: sysReserve, sysMap/sysUsed, sysUnused, sysFree).
//
// The three states of a range and the calls that move it:
//
//   (nothing) --ml_os_reserve--> reserved --ml_os_commit---> committed
//       ^                        (PROT_NONE)  <--ml_os_decommit-- (read/write)
//       +------ml_os_release------+
//
// reserve:  mmap(PROT_NONE, MAP_NORESERVE) takes address space only; no
//           memory is charged and any touch faults. Alignment is obtained by
//           over-reserving `align` extra bytes and unmapping the head and
//           the tail around the aligned range.
// commit:   mprotect(PROT_READ|PROT_WRITE); the kernel supplies zero-filled
//           pages on first touch.
// decommit: madvise(MADV_DONTNEED) drops the pages (the next commit sees
//           zeros again), then mprotect(PROT_NONE) so a stale use faults.
// release:  munmap.
//
// Counters are process-wide atomics, updated on every transition. They trust
// the caller to follow the state machine (commit only reserved ranges,
// decommit committed ones, decommit before release): they count calls, they
// do not inspect the page tables.
#include "memlab/os.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static atomic_size_t os_reserved;
static atomic_size_t os_committed;
static atomic_size_t os_total_committed;
static atomic_size_t os_total_decommitted;
static atomic_size_t os_page_size_cache;

// os_fail — a broken caller contract (an unmappable range): abort with a message.
static void os_fail(const char *func, const char *what, void *addr, size_t bytes)
{
    fprintf(stderr, "%s: %s of [%p, +%zu) failed: %s\n", func, what, addr, bytes, strerror(errno));
    abort();
}

// ml_os_page_size — the OS page size, read once (a benign race: every thread
// that reads it first stores the same value).
size_t ml_os_page_size(void)
{
    size_t ps = atomic_load_explicit(&os_page_size_cache, memory_order_relaxed);
    if (ps == 0) {
        long v = sysconf(_SC_PAGESIZE);
        ps = v > 0 ? (size_t)v : 4096;
        atomic_store_explicit(&os_page_size_cache, ps, memory_order_relaxed);
    }
    return ps;
}

// round_to_page — `bytes` rounded up to the OS page size; 0 on overflow.
static size_t round_to_page(size_t bytes)
{
    size_t ps = ml_os_page_size();
    if (bytes > SIZE_MAX - (ps - 1))
        return 0;
    return (bytes + ps - 1) & ~(ps - 1);
}

// ml_os_reserve — `bytes` of PROT_NONE address space aligned to `align`.
// Returns NULL (errno set, counters unchanged) for 0 bytes, an alignment that
// is not a power of two at least the page size, a size that overflows, or
// when the OS refuses.
void *ml_os_reserve(size_t bytes, size_t align)
{
    size_t ps = ml_os_page_size();
    if (align == 0)
        align = ps;
    if (bytes == 0 || align < ps || (align & (align - 1)) != 0) {
        errno = EINVAL;
        return NULL;
    }
    size_t len = round_to_page(bytes);
    if (len == 0 || len > SIZE_MAX - (align - ps)) {
        errno = ENOMEM;
        return NULL;
    }
    size_t over = len + (align - ps); // room to slide to an aligned start
    void *raw = mmap(NULL, over, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;

    uintptr_t start = ((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1);
    size_t head = start - (uintptr_t)raw;
    size_t tail = over - head - len;
    if (head != 0 && munmap(raw, head) != 0)
        os_fail("ml_os_reserve", "trimming the head", raw, head);
    if (tail != 0 && munmap((void *)(start + len), tail) != 0)
        os_fail("ml_os_reserve", "trimming the tail", (void *)(start + len), tail);

    atomic_fetch_add_explicit(&os_reserved, len, memory_order_relaxed);
    return (void *)start;
}

// ml_os_commit — make a page-aligned reserved range readable and writable.
// Returns 0, or -1 (errno set, the range left PROT_NONE, counters unchanged)
// if `addr` is not page-aligned or the OS refuses.
int ml_os_commit(void *addr, size_t bytes)
{
    size_t ps = ml_os_page_size();
    size_t len = round_to_page(bytes);
    if (((uintptr_t)addr & (ps - 1)) != 0 || len == 0) {
        errno = EINVAL;
        return -1;
    }
    if (mprotect(addr, len, PROT_READ | PROT_WRITE) != 0) {
        int saved = errno;
        (void)mprotect(addr, len, PROT_NONE); // undo a partial change
        errno = saved;
        return -1;
    }
    atomic_fetch_add_explicit(&os_committed, len, memory_order_relaxed);
    atomic_fetch_add_explicit(&os_total_committed, len, memory_order_relaxed);
    return 0;
}

// ml_os_decommit — drop the pages of a committed range and make it PROT_NONE
// again; it stays reserved. A range the OS rejects (not page-aligned, not
// mapped) is a caller bug: abort with a message. 0 bytes is a no-op.
void ml_os_decommit(void *addr, size_t bytes)
{
    size_t len = round_to_page(bytes);
    if (bytes == 0)
        return;
    if (madvise(addr, len, MADV_DONTNEED) != 0)
        os_fail("ml_os_decommit", "madvise(MADV_DONTNEED)", addr, len);
    if (mprotect(addr, len, PROT_NONE) != 0)
        os_fail("ml_os_decommit", "mprotect(PROT_NONE)", addr, len);
    atomic_fetch_sub_explicit(&os_committed, len, memory_order_relaxed);
    atomic_fetch_add_explicit(&os_total_decommitted, len, memory_order_relaxed);
}

// ml_os_release — unmap a range obtained from ml_os_reserve (same `bytes`).
// Committed parts must have been decommitted first, or `committed` stays
// high. An munmap failure is a caller bug: abort. 0 bytes is a no-op.
void ml_os_release(void *addr, size_t bytes)
{
    size_t len = round_to_page(bytes);
    if (bytes == 0)
        return;
    if (munmap(addr, len) != 0)
        os_fail("ml_os_release", "munmap", addr, len);
    atomic_fetch_sub_explicit(&os_reserved, len, memory_order_relaxed);
}

// ml_os_stats — each counter read atomically; the four reads are not one
// atomic snapshot when other threads move memory at the same time.
ml_os_stats_t ml_os_stats(void)
{
    ml_os_stats_t s;
    s.reserved = atomic_load_explicit(&os_reserved, memory_order_relaxed);
    s.committed = atomic_load_explicit(&os_committed, memory_order_relaxed);
    s.total_committed = atomic_load_explicit(&os_total_committed, memory_order_relaxed);
    s.total_decommitted = atomic_load_explicit(&os_total_decommitted, memory_order_relaxed);
    return s;
}
