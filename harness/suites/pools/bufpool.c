// bufpool.c — the buffer pool (task 3): classes on both sides of every power
// of two, reuse within a class only, the cap per class, foreign buffers
// refused without a byte written, pages returned.
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "pools_suite.h"

static void *get_ok(bufpool_t *b, size_t n, const char *step)
{
    void *p = bufpool_get(b, n);
    cr_assert(p, "bufpool_get(%zu) returned NULL (%s) on a heap with room " SUITE_SEE("task 3"), n,
              step);
    return p;
}

void suite_bufpool_classes_are_powers_of_two(void)
{
    static const struct {
        size_t n;
        int k;
    } cases[] = {
        { 0, -1 },
        { 1, 0 },
        { 15, 0 },
        { 16, 0 },
        { 17, 1 },
        { 31, 1 },
        { 32, 1 },
        { 33, 2 },
        { 1000, 6 },
        { 1024, 6 },
        { 1025, 7 },
        { 8192, 9 },
        { 8193, 10 },
        { 65535, 12 },
        { 65536, 12 },
        { 65537, -1 },
        { (size_t)1 << 40, -1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_assert(
            bufpool_class_of(cases[i].n) == cases[i].k,
            "bufpool_class_of(%zu) is %d, want %d (classes of 16 B << k, rounded up) " SUITE_SEE(
                "task 3"),
            cases[i].n, bufpool_class_of(cases[i].n), cases[i].k);
    ml_pageheap_t *h = suite_heap(64);
    bufpool_t b;
    cr_assert(bufpool_init(&b, h, 8) == 0, "bufpool_init failed");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].k < 0) {
            cr_assert(bufpool_get(&b, cases[i].n) == NULL, "bufpool_get(%zu) must return NULL",
                      cases[i].n);
            continue;
        }
        size_t want = (size_t)BUFPOOL_MIN << cases[i].k;
        unsigned char *p = get_ok(&b, cases[i].n, "one buffer per class");
        size_t al = want < ML_PAGE_SIZE ? want : ML_PAGE_SIZE;
        cr_assert(((uintptr_t)p & (al - 1)) == 0, "bufpool_get(%zu): %p is not aligned to %zu",
                  cases[i].n, (void *)p, al);
        cr_assert(bufpool_cap_of(&b, p) == want,
                  "bufpool_cap_of(bufpool_get(%zu)) is %zu, want "
                  "%zu",
                  cases[i].n, bufpool_cap_of(&b, p), want);
        memset(p, 0x3c, want);
    }
    bufpool_destroy(&b);
    suite_heap_empty(h, "bufpool_destroy");
    ml_pageheap_destroy(h);
}

void suite_bufpool_reuses_per_class(void)
{
    ml_pageheap_t *h = suite_heap(64);
    bufpool_t b;
    cr_assert(bufpool_init(&b, h, 64) == 0, "bufpool_init failed");
    void *small = get_ok(&b, 20, "a 32-byte-class buffer");
    cr_assert(bufpool_put(&b, small) == 0, "bufpool_put of the pool's own buffer was refused");
    void *other = get_ok(&b, 64, "a 64-byte-class buffer");
    cr_assert(other != small, "a put 32-byte buffer was handed out for a 64-byte request: "
                              "buffers are reused within their class only");
    void *again = get_ok(&b, 30, "a 32-byte-class buffer");
    cr_assert(again == small,
              "get(30) after putting a 32-byte buffer back returned %p, not the "
              "kept buffer %p " SUITE_SEE("task 3"),
              again, small);
    enum { N = 300 };
    void *bufs[N];
    for (int i = 0; i < N; i++)
        bufs[i] = get_ok(&b, 1000 + (size_t)i, "a 1 KiB or 2 KiB buffer");
    size_t spans = suite_spans(h);
    for (int i = 0; i < 64; i++)
        cr_assert(bufpool_put(&b, bufs[i]) == 0, "bufpool_put of own buffer %d refused", i);
    void *again64[64];
    for (int i = 0; i < 64; i++) {
        void *p = get_ok(&b, 1000 + (size_t)i, "reuse of a kept buffer");
        int found = -1;
        for (int j = 0; j < 64; j++)
            if (bufs[j] == p)
                found = j;
        for (int j = 0; j < i; j++)
            cr_assert(again64[j] != p, "get %d returned %p, already handed out by get %d", i, p, j);
        again64[i] = p;
        cr_assert(found >= 0 &&
                      bufpool_class_of(1000 + (size_t)found) == bufpool_class_of(1000 + (size_t)i),
                  "after 64 buffers of 1000..1063 bytes came back, get(%d) returned %p, which is "
                  "%s " SUITE_SEE("task 3"),
                  1000 + i, p,
                  found < 0 ? "not one of the kept buffers" : "a kept buffer of another class");
    }
    cr_assert(suite_spans(h) == spans, "getting kept buffers again took %zu new spans",
              suite_spans(h) - spans);
    bufpool_destroy(&b);
    suite_heap_empty(h, "bufpool_destroy");
    ml_pageheap_destroy(h);
}

void suite_bufpool_cap_per_class(void)
{
    ml_pageheap_t *h = suite_heap(64);
    bufpool_t b;
    cr_assert(bufpool_init(&b, h, 4) == 0, "bufpool_init failed");
    enum { N = 64 };
    void *bufs[N];
    for (int i = 0; i < N; i++)
        bufs[i] = get_ok(&b, 1024, "a 1 KiB buffer");
    cr_assert(suite_spans(h) == N * 1024 / ML_PAGE_SIZE,
              "%d buffers of 1 KiB took %zu spans, want %zu (spans of one page)", N, suite_spans(h),
              (size_t)(N * 1024 / ML_PAGE_SIZE));
    for (int i = 0; i < N; i++)
        cr_assert(bufpool_put(&b, bufs[i]) == 0, "bufpool_put of own buffer %d refused", i);
    for (int i = 0; i < 8; i++)
        cr_assert(bufpool_cap_of(&b, bufs[i]) == 0,
                  "bufpool_cap_of of 1 KiB buffer %d, put back (%s), is %zu, want 0: it is not "
                  "out any more " SUITE_SEE("task 3") "; " SUITE_REPLAY("bufpool/cap_per_class"),
                  i, i < 4 ? "kept by the pool" : "released to its span, which other buffers keep",
                  bufpool_cap_of(&b, bufs[i]));
    cr_assert(b.cls[6].nfree == 4,
              "with a cap of 4, the 1 KiB class keeps %zu buffers after %d "
              "puts, want 4 " SUITE_SEE("task 3, the cap"),
              b.cls[6].nfree, N);
    cr_assert(suite_spans(h) == 1,
              "after %d 1 KiB buffers came back to a pool that keeps 4 (all 4 from the first "
              "span), the heap still has %zu span(s) in use, want 1: a span none of whose "
              "buffers is out or kept goes back " SUITE_SEE("task 3") "; " SUITE_REPLAY(
                  "bufpool/cap_per_class"),
              N, suite_spans(h));
    // The 64 KiB class, one buffer per span.
    void *big[5];
    for (int i = 0; i < 5; i++)
        big[i] = get_ok(&b, 40000, "a 64 KiB buffer");
    for (int i = 0; i < 5; i++)
        cr_assert(bufpool_put(&b, big[i]) == 0, "bufpool_put of own 64 KiB buffer refused");
    cr_assert(suite_inuse(h) == ML_PAGE_SIZE + 4 * (64u << 10),
              "with a cap of 4, after 5 buffers of 64 KiB came back the heap holds %zu bytes, "
              "want one page for the 1 KiB class and 4 x 64 KiB",
              suite_inuse(h));
    bufpool_destroy(&b);
    suite_heap_empty(h, "bufpool_destroy");
    // cap 0: keeps nothing.
    cr_assert(bufpool_init(&b, h, 0) == 0, "bufpool_init failed");
    void *x = get_ok(&b, 100, "a buffer from a pool with cap 0");
    cr_assert(bufpool_put(&b, x) == 0, "bufpool_put refused the pool's own buffer");
    cr_assert(suite_spans(h) == 0, "a pool with cap 0 kept a span after its only buffer came back");
    bufpool_destroy(&b);
    ml_pageheap_destroy(h);
}

// refused — bufpool_put(b, p) must return -1 and leave the n bytes at p
// (all `fill`) untouched.
static void refused(bufpool_t *b, unsigned char *p, size_t n, int fill, const char *what)
{
    int r = bufpool_put(b, p);
    cr_assert(r == -1,
              "bufpool_put of %s returned %d: it must be refused (-1) " SUITE_SEE(
                  "task 3, foreign buffers") "; " SUITE_REPLAY("bufpool/foreign_put_refused"),
              what, r);
    for (size_t i = 0; i < n; i++)
        cr_assert(p[i] == fill,
                  "bufpool_put refused %s but wrote into it (byte %zu is 0x%02x, "
                  "was 0x%02x): a refused buffer must be left exactly as it was",
                  what, i, p[i], fill);
}

void suite_bufpool_foreign_put_refused(void)
{
    ml_pageheap_t *h = suite_heap(64);
    bufpool_t b, other;
    cr_assert(bufpool_init(&b, h, 16) == 0 && bufpool_init(&other, h, 16) == 0,
              "bufpool_init failed");
    unsigned char *own = get_ok(&b, 256, "the pool's own buffer");
    memset(own, 0x77, 256);

    unsigned char *m = malloc(256);
    memset(m, 0x41, 256);
    refused(&b, m, 256, 0x41, "a 256-byte buffer from malloc");
    unsigned char stackbuf[256];
    memset(stackbuf, 0x42, sizeof stackbuf);
    refused(&b, stackbuf, sizeof stackbuf, 0x42, "a buffer on the stack");
    unsigned char *theirs = get_ok(&other, 256, "another pool's buffer");
    memset(theirs, 0x43, 256);
    refused(&b, theirs, 256, 0x43, "a buffer of another bufpool on the same heap");
    fixpool_t fp;
    cr_assert(fixpool_init(&fp, h, 256, false) == 0, "fixpool_init failed");
    unsigned char *fo = fixpool_get(&fp);
    if (fo) {
        memset(fo, 0x44, 256);
        refused(&b, fo, 256, 0x44, "an object of a fixpool on the same heap");
    }
    refused(&b, own + 16, 240, 0x77, "a pointer 16 bytes into one of the pool's own buffers");
    refused(&b, own + 128, 128, 0x77, "a pointer into the middle of one of the pool's buffers");
    cr_assert(bufpool_put(&b, NULL) == -1, "bufpool_put(NULL) must be refused");
    // Its own buffer is accepted once, then refused.
    // A buffer of the pool's span that was never handed out is not one.
    unsigned char *uncut =
        ((uintptr_t)own & (ML_PAGE_SIZE - 1)) + 512 <= ML_PAGE_SIZE ? own + 256 : own - 256;
    cr_assert(bufpool_cap_of(&b, uncut) == 0,
              "bufpool_cap_of(%p) is %zu: that is a 256-byte buffer of the pool's span that was "
              "never handed out, want 0 " SUITE_SEE("task 3") "; " SUITE_REPLAY(
                  "bufpool/foreign_put_refused"),
              (void *)uncut, bufpool_cap_of(&b, uncut));
    cr_assert(bufpool_put(&b, own) == 0, "bufpool_put of the pool's own buffer was refused");
    cr_assert(bufpool_cap_of(&b, own) == 0,
              "bufpool_cap_of of a 256-byte buffer the pool handed out and then kept after "
              "bufpool_put is %zu, want 0: it is not out any more " SUITE_SEE(
                  "task 3") "; " SUITE_REPLAY("bufpool/foreign_put_refused"),
              bufpool_cap_of(&b, own));
    refused(&b, own + 16, 16, 0x77, "a pointer into a kept buffer");
    unsigned char snap[256];
    memcpy(snap, own, 256);
    int r = bufpool_put(&b, own);
    cr_assert(r == -1, "the same buffer put twice was accepted the second time: two later gets "
                       "would hand it to two owners");
    cr_assert(memcmp(snap, own, 256) == 0, "the refused second put wrote into the buffer");
    // The pool never hands out what it refused.
    for (int i = 0; i < 40; i++) {
        unsigned char *p = get_ok(&b, 200, "a buffer after the refused puts");
        cr_assert(p != m && p != stackbuf && p != theirs && p != fo && p != own + 16,
                  "get %d returned %p, a buffer the pool refused to take", i, (void *)p);
    }
    cr_assert(bufpool_cap_of(&b, m) == 0 && bufpool_cap_of(&b, theirs) == 0,
              "bufpool_cap_of must be 0 for a buffer the pool did not hand out");
    free(m);
    fixpool_destroy(&fp);
    bufpool_destroy(&other);
    bufpool_destroy(&b);
    suite_heap_empty(h, "bufpool_destroy");
    ml_pageheap_destroy(h);
}

// guard_intact — the n guard bytes just past a bufpool_t (all 0x5a) are
// unchanged after `what`.
static void guard_intact(const unsigned char *after, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        cr_assert(
            after[i] == 0x5a,
            "%s wrote byte %zu past the end of the bufpool_t it was given (0x%02x, was "
            "0x5a): a pool writes only into its own struct and its own pages "
            "(labs/pools/pools.h, the memory rule); " SUITE_REPLAY("bufpool/returns_everything"),
            what, i, after[i]);
}

void suite_bufpool_returns_everything(void)
{
    ml_pageheap_t *h = suite_heap(128);
    for (int round = 0; round < 10; round++) {
        // The pool writes nothing outside its struct: guard bytes follow it.
        struct {
            bufpool_t b;
            unsigned char after[64];
        } g;
        memset(&g, 0x5a, sizeof g);
        bufpool_t *b = &g.b;
        long blocks = ml_heap_blocks();
        cr_assert(bufpool_init(b, h, (size_t)round * 3) == 0, "bufpool_init failed");
        guard_intact(g.after, sizeof g.after, "bufpool_init");
        void *keep[400];
        for (int i = 0; i < 400; i++) {
            keep[i] = get_ok(b, (size_t)1 << (i % 17), "a buffer of mixed size");
            if (i % 3 == 0) {
                cr_assert(bufpool_put(b, keep[i]) == 0, "bufpool_put of own buffer refused");
                keep[i] = NULL;
            }
        }
        for (int i = 0; i < 400; i += 2)
            if (keep[i])
                cr_assert(bufpool_put(b, keep[i]) == 0, "bufpool_put of own buffer refused");
        bufpool_destroy(b);
        guard_intact(g.after, sizeof g.after, "bufpool_init, get, put and destroy");
        suite_heap_empty(h, "bufpool_destroy (10 rounds, buffers still out)");
        suite_blocks_back(blocks, "bufpool_destroy (10 rounds, buffers still out)");
    }
    ml_pageheap_destroy(h);
}
