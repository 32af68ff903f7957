// test_os.c — unit tests of the address-space layer (common/src/os.c):
// reservation and alignment, commit/decommit semantics (access, zeroing),
// and the byte counters. Each Criterion test runs in its own process, so the
// process-wide counters only see this test's calls; the tests still compare
// deltas to stay independent of any memory the test runner itself maps.
#include <criterion/criterion.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "memlab/os.h"

#define KiB ((size_t)1 << 10)
#define MiB ((size_t)1 << 20)

// write_faults — whether writing one byte at `p` raises SIGSEGV. A local
// handler jumps back, so the test goes on (and works under AddressSanitizer,
// which would otherwise turn the fault into its own report).
static sigjmp_buf fault_jmp;
static void on_fault(int sig)
{
    (void)sig;
    siglongjmp(fault_jmp, 1);
}

static bool write_faults(char *p)
{
    struct sigaction sa = { 0 }, old_segv, old_bus;
    sa.sa_handler = on_fault;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &old_segv);
    sigaction(SIGBUS, &sa, &old_bus);
    volatile bool faulted = false;
    if (sigsetjmp(fault_jmp, 1) == 0)
        *(volatile char *)p = 1;
    else
        faulted = true;
    sigaction(SIGSEGV, &old_segv, NULL);
    sigaction(SIGBUS, &old_bus, NULL);
    return faulted;
}

Test(os, page_size_is_a_power_of_two_of_at_least_4_kib, .timeout = 5)
{
    size_t ps = ml_os_page_size();
    cr_assert_geq(ps, 4096, "page size %zu", ps);
    cr_assert_eq(ps & (ps - 1), 0, "page size %zu is not a power of two", ps);
}

Test(os, reserve_returns_addresses_aligned_as_asked, .timeout = 5)
{
    size_t aligns[] = { 0, 4096, 64 * KiB, 1 * MiB, 4 * MiB };
    for (size_t i = 0; i < sizeof aligns / sizeof aligns[0]; i++) {
        size_t a = aligns[i] ? aligns[i] : ml_os_page_size();
        void *p = ml_os_reserve(3 * MiB + 123, aligns[i]);
        cr_assert_not_null(p, "reserve with alignment %zu failed", aligns[i]);
        cr_assert_eq((uintptr_t)p % a, 0, "%p is not aligned to %zu", p, a);
        ml_os_release(p, 3 * MiB + 123);
    }
}

Test(os, reserve_rejects_bad_alignment_and_zero_bytes, .timeout = 5)
{
    ml_os_stats_t before = ml_os_stats();
    cr_assert_null(ml_os_reserve(MiB, 3 * 4096), "an alignment that is not a power of two");
    cr_assert_null(ml_os_reserve(MiB, 512), "an alignment below the page size");
    cr_assert_null(ml_os_reserve(0, 0), "zero bytes");
    cr_assert_null(ml_os_reserve(SIZE_MAX - 100, 0), "a size that overflows when rounded");
    cr_assert_eq(ml_os_stats().reserved, before.reserved,
                 "failed reservations must not change the counters");
}

Test(os, reserve_of_an_impossible_size_returns_null_and_counts_nothing, .timeout = 5)
{
    ml_os_stats_t before = ml_os_stats();
    void *p = ml_os_reserve((size_t)1 << 62, 0); // 4 EiB: more than the address space
    cr_assert_null(p, "a 4 EiB reservation cannot succeed");
    cr_assert_eq(ml_os_stats().reserved, before.reserved);
}

Test(os, reserve_and_release_are_counted_in_whole_pages, .timeout = 5)
{
    size_t ps = ml_os_page_size();
    ml_os_stats_t s0 = ml_os_stats();
    void *p = ml_os_reserve(1, 0);
    cr_assert_not_null(p);
    ml_os_stats_t s1 = ml_os_stats();
    cr_assert_eq(s1.reserved - s0.reserved, ps,
                 "reserving 1 byte takes one page (%zu), "
                 "counted %zu",
                 ps, s1.reserved - s0.reserved);
    cr_assert_eq(s1.committed, s0.committed, "reserving commits nothing");
    ml_os_release(p, 1);
    cr_assert_eq(ml_os_stats().reserved, s0.reserved, "release gives the page back");
}

Test(os, reserved_memory_faults_when_touched, .timeout = 5)
{
    char *p = ml_os_reserve(64 * KiB, 0);
    cr_assert_not_null(p);
    cr_assert(write_faults(p + 100), "writing to reserved (uncommitted) memory did not fault");
    ml_os_release(p, 64 * KiB);
}

Test(os, committed_memory_is_zeroed_and_writable, .timeout = 5)
{
    size_t len = 256 * KiB;
    unsigned char *p = ml_os_reserve(len, 0);
    cr_assert_not_null(p);
    cr_assert_eq(ml_os_commit(p, len), 0, "commit failed");
    for (size_t i = 0; i < len; i++)
        cr_assert_eq(p[i], 0, "fresh committed byte %zu is %u, not 0", i, p[i]);
    memset(p, 0x5a, len);
    cr_assert_eq(p[len - 1], 0x5a);
    ml_os_decommit(p, len);
    ml_os_release(p, len);
}

Test(os, commit_and_decommit_update_the_counters, .timeout = 5)
{
    size_t len = 1 * MiB;
    ml_os_stats_t s0 = ml_os_stats();
    char *p = ml_os_reserve(4 * len, 0);
    cr_assert_not_null(p);
    cr_assert_eq(ml_os_commit(p, len), 0);
    cr_assert_eq(ml_os_commit(p + 2 * len, len), 0);
    ml_os_stats_t s1 = ml_os_stats();
    cr_assert_eq(s1.reserved - s0.reserved, 4 * len);
    cr_assert_eq(s1.committed - s0.committed, 2 * len, "two 1 MiB commits, counted %zu",
                 s1.committed - s0.committed);
    cr_assert_eq(s1.total_committed - s0.total_committed, 2 * len);

    ml_os_decommit(p, len);
    ml_os_stats_t s2 = ml_os_stats();
    cr_assert_eq(s2.committed - s0.committed, len, "decommit must lower `committed`");
    cr_assert_eq(s2.total_decommitted - s0.total_decommitted, len);
    cr_assert_eq(s2.total_committed, s1.total_committed, "totals never go down");

    ml_os_decommit(p + 2 * len, len);
    ml_os_release(p, 4 * len);
    ml_os_stats_t s3 = ml_os_stats();
    cr_assert_eq(s3.reserved, s0.reserved);
    cr_assert_eq(s3.committed, s0.committed);
    cr_assert_eq(s3.total_decommitted - s0.total_decommitted, 2 * len);
}

Test(os, commit_rejects_an_unaligned_address, .timeout = 5)
{
    char *p = ml_os_reserve(64 * KiB, 0);
    cr_assert_not_null(p);
    ml_os_stats_t s0 = ml_os_stats();
    cr_assert_eq(ml_os_commit(p + 1, 4096), -1, "an unaligned commit must fail");
    cr_assert_eq(ml_os_stats().committed, s0.committed, "a failed commit counts nothing");
    ml_os_release(p, 64 * KiB);
}

Test(os, decommit_loses_contents_and_recommit_reads_zeros, .timeout = 5)
{
    size_t len = 128 * KiB;
    unsigned char *p = ml_os_reserve(len, 0);
    cr_assert_not_null(p);
    cr_assert_eq(ml_os_commit(p, len), 0);
    memset(p, 0xff, len);
    ml_os_decommit(p, len);
    cr_assert_eq(ml_os_commit(p, len), 0);
    for (size_t i = 0; i < len; i += 512)
        cr_assert_eq(p[i], 0, "byte %zu kept its value (%u) across decommit", i, p[i]);
    ml_os_decommit(p, len);
    ml_os_release(p, len);
}

Test(os, decommitted_memory_faults_when_touched, .timeout = 5)
{
    size_t len = 64 * KiB;
    char *p = ml_os_reserve(len, 0);
    cr_assert_not_null(p);
    cr_assert_eq(ml_os_commit(p, len), 0);
    cr_assert_not(write_faults(p), "committed memory must be writable");
    ml_os_decommit(p, len);
    cr_assert(write_faults(p), "writing to decommitted memory did not fault");
    ml_os_release(p, len);
}

// Four threads commit and decommit their own slices concurrently; the
// counters must come out exact (they are atomic).
#define OS_THREADS 4
#define OS_ROUNDS 500
typedef struct {
    char *base;
    size_t len;
} os_slice_t;

static void *commit_loop(void *arg)
{
    os_slice_t *sl = arg;
    for (int i = 0; i < OS_ROUNDS; i++) {
        if (ml_os_commit(sl->base, sl->len) != 0)
            return (void *)1;
        sl->base[0] = (char)i;
        ml_os_decommit(sl->base, sl->len);
    }
    return NULL;
}

Test(os, counters_stay_exact_under_concurrent_commits, .timeout = 20)
{
    size_t slice = 16 * KiB;
    ml_os_stats_t s0 = ml_os_stats();
    char *p = ml_os_reserve(OS_THREADS * slice, 0);
    cr_assert_not_null(p);
    pthread_t th[OS_THREADS];
    os_slice_t sl[OS_THREADS];
    for (int t = 0; t < OS_THREADS; t++) {
        sl[t] = (os_slice_t){ p + t * slice, slice };
        cr_assert_eq(pthread_create(&th[t], NULL, commit_loop, &sl[t]), 0);
    }
    for (int t = 0; t < OS_THREADS; t++) {
        void *rc;
        pthread_join(th[t], &rc);
        cr_assert_null(rc, "thread %d: a commit failed", t);
    }
    ml_os_stats_t s1 = ml_os_stats();
    size_t moved = (size_t)OS_THREADS * OS_ROUNDS * slice;
    cr_assert_eq(s1.committed, s0.committed, "every commit was decommitted");
    cr_assert_eq(s1.total_committed - s0.total_committed, moved,
                 "total_committed grew by %zu, expected %zu",
                 s1.total_committed - s0.total_committed, moved);
    cr_assert_eq(s1.total_decommitted - s0.total_decommitted, moved);
    ml_os_release(p, OS_THREADS * slice);
    cr_assert_eq(ml_os_stats().reserved, s0.reserved);
}
