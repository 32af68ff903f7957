// rounds.c — the allocator suite's checks of work repeated in rounds: the
// same work done again and again, each time by threads that then exit, must
// not make the heap grow; and blocks still allocated at mm_deinit must not
// make the allocator's bookkeeping leak. Each check is a part of a graded
// test of another file (its caller names it), so the rubric in
// ../allocator.c is unchanged.
//
// Why rounds: a span whose state goes wrong once (a free that never reaches
// it, objects that are neither allocated nor free) costs one span, which a
// single look at the heap cannot tell from the spare spans an allocator may
// keep. Repeated, such a span is lost again in every round and the heap
// grows past any allowance, while a correct allocator's heap stays where it
// was after the first round.
//
// The rules checked (handout: Spans and the mcentral, The mcache; mm.h):
//   - once every block is free and every thread has exited, at most 64 KiB
//     of empty spans per class (plus one span of each class) may stay in
//     the heap;
//   - a free from another thread takes effect at the latest when that
//     thread exits;
//   - mm_deinit gives back all of the allocator's own bookkeeping, also for
//     spans whose blocks are still allocated ("blocks still allocated are
//     lost", mm.h).
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

// Rounds of each scenario: enough for a span lost per round to pass the
// allowance (64 KiB per class and one span) several times over.
#define ROUNDS 32

// What a thread body of this file does: n blocks of `size` bytes in b[].
typedef struct batch {
    void **b;
    size_t n, size;
    size_t other; // batch_cycle: the size of the second class
    bool failed;  // an mm_malloc returned NULL
} batch_t;

// batch_alloc — a thread body (arg: a batch_t): allocates its n blocks.
static void *batch_alloc(void *arg)
{
    batch_t *t = arg;
    for (size_t i = 0; i < t->n; i++)
        if (!(t->b[i] = mm_malloc(t->size)))
            t->failed = true;
    return NULL;
}

// batch_free — a thread body (arg: a batch_t): frees its n blocks.
static void *batch_free(void *arg)
{
    batch_t *t = arg;
    for (size_t i = 0; i < t->n; i++)
        mm_free(t->b[i]);
    return NULL;
}

// batch_cycle — a thread body (arg: a batch_t): allocates its n blocks,
// frees them, then allocates and frees one block of `other` bytes.
static void *batch_cycle(void *arg)
{
    batch_t *t = arg;
    batch_alloc(t);
    batch_free(t);
    void *p = mm_malloc(t->other);
    if (!p)
        t->failed = true;
    mm_free(p);
    return NULL;
}

// ---- a span left full by a thread that exits, freed by another --------------

// full_span_freed_elsewhere — ROUNDS times: thread B allocates exactly one
// span's worth of `size`-byte blocks (the span is full when B exits),
// thread C frees them all and exits.
static void full_span_freed_elsewhere(size_t size)
{
    int c = suite_usable_class(size);
    size_t n = ml_class_nobjs(c), span = ml_class_npages(c) * PAGE;
    size_t allowed = SPARE_ALLOWANCE + span;
    batch_t t = { .b = calloc(n, sizeof(void *)), .n = n, .size = size };
    cr_assert(t.b, "internal: out of memory");
    suite_fresh(ARENA);
    size_t base = suite_inuse();
    for (int round = 1; round <= ROUNDS; round++) {
        suite_in_thread(batch_alloc, &t);
        cr_assert(!t.failed, "mm_malloc(%zu) returned NULL in round %d on a %zu MiB heap", size,
                  round, ARENA / MIB);
        suite_in_thread(batch_free, &t);
        size_t left = suite_inuse() - base;
        cr_assert(left <= allowed,
                  "round %d of: thread B allocates %zu blocks of %zu bytes (exactly one span's "
                  "worth) and exits; thread C frees them all and exits. Every block is free "
                  "and every thread gone, but %zu KiB stay in spans (allowed: %d KiB of spare "
                  "spans and one span, %zu KiB): the frees of another thread take effect at "
                  "the latest when it exits, also in a span its owner left full (handout: The "
                  "mcache, when a free from another thread takes effect); replay: "
                  "build/<impl>/suites/allocator --filter "
                  "'mcache/frees_from_another_thread_are_reused'",
                  round, n, size, left / 1024, SPARE_ALLOWANCE / 1024, allowed / 1024);
    }
    free(t.b);
}

// ---- tiny pieces freed by threads that only free -----------------------------

// Tiny pieces per round, and how many of them one freeing thread frees (a
// thread that has never allocated, each freeing a few dozen pieces).
#define TINY_PIECES 1024
#define TINY_PER_FREER 48

// tiny_freed_elsewhere — ROUNDS times: thread B allocates TINY_PIECES pieces
// of 8 bytes (two to a 16-byte block) and exits; threads C1, C2, ... each
// free TINY_PER_FREER of them, allocate nothing, and exit.
static void tiny_freed_elsewhere(void)
{
    static void *pieces[TINY_PIECES];
    size_t span = ml_class_npages(suite_usable_class(16)) * PAGE;
    size_t allowed = SPARE_ALLOWANCE + span;
    batch_t t = { .b = pieces, .n = TINY_PIECES, .size = 8 };
    suite_fresh(ARENA);
    size_t base = suite_inuse();
    for (int round = 1; round <= ROUNDS; round++) {
        suite_in_thread(batch_alloc, &t);
        cr_assert(!t.failed, "mm_malloc(8) returned NULL in round %d on a %zu MiB heap", round,
                  ARENA / MIB);
        for (size_t i = 0; i < TINY_PIECES; i += TINY_PER_FREER) {
            batch_t c = { .b = pieces + i,
                          .n =
                              TINY_PIECES - i < TINY_PER_FREER ? TINY_PIECES - i : TINY_PER_FREER };
            suite_in_thread(batch_free, &c);
        }
        size_t left = suite_inuse() - base;
        cr_assert(
            left <= allowed,
            "round %d of: thread B allocates %d pieces of 8 bytes and exits; threads C1, "
            "C2, ... each free %d of them, allocate nothing, and exit. Every piece is free "
            "and every thread gone, but %zu KiB stay in spans (allowed: %d KiB of spare spans "
            "and one span, %zu KiB): a free takes effect at the latest when the freeing thread "
            "exits, also a tiny piece's, also in a thread that never allocated (mm.h: mm_free; "
            "handout: Tasks, when a free from another thread must take effect); replay: "
            "build/<impl>/suites/allocator --filter "
            "'mcache/frees_from_another_thread_are_reused'",
            round, TINY_PIECES, TINY_PER_FREER, left / 1024, SPARE_ALLOWANCE / 1024,
            allowed / 1024);
    }
}

void suite_rounds_full_spans_freed_by_another_thread(void)
{
    // 64 bytes: a one-page span of 128 objects; 24576 bytes: class 64,
    // one object in a span of three pages.
    full_span_freed_elsewhere(64);
    full_span_freed_elsewhere(24576);
    // Tiny pieces, freed by threads that never allocate (no refill has
    // prepared anything of theirs for their exit).
    tiny_freed_elsewhere();
}

// ---- two classes of one span length, in a thread per round ------------------

// two_classes_one_length — ROUNDS times, in a new thread each: a span's
// worth of `size`-byte blocks allocated and freed, then one block of
// `other` bytes (a class whose spans have the same length) allocated and
// freed; the thread exits.
static void two_classes_one_length(size_t size, size_t other)
{
    int c = suite_usable_class(size), o = suite_usable_class(other);
    cr_assert(ml_class_npages(c) == ml_class_npages(o) && c != o,
              "internal: %zu and %zu bytes are not two classes of one span length", size, other);
    size_t n = ml_class_nobjs(c), span = ml_class_npages(c) * PAGE;
    size_t allowed = 2 * SPARE_ALLOWANCE + 2 * span;
    batch_t t = { .b = calloc(n, sizeof(void *)), .n = n, .size = size, .other = other };
    cr_assert(t.b, "internal: out of memory");
    suite_fresh(ARENA);
    size_t base = suite_inuse();
    for (int round = 1; round <= ROUNDS; round++) {
        suite_in_thread(batch_cycle, &t);
        cr_assert(!t.failed,
                  "round %d of: a new thread allocates %zu blocks of %zu bytes (one span's "
                  "worth), frees them, allocates and frees one block of %zu bytes (a class "
                  "whose spans are as long), and exits: an mm_malloc returned NULL on a %zu MiB "
                  "heap that has room (mm.h: mm_malloc returns NULL only when the memory cannot "
                  "be found; handout: Spans and the mcentral); replay: "
                  "build/<impl>/suites/allocator --filter "
                  "'spans/empty_spans_return_to_the_page_heap'",
                  round, n, size, other, ARENA / MIB);
        size_t left = suite_inuse() - base;
        cr_assert(left <= allowed,
                  "round %d of: a new thread allocates %zu blocks of %zu bytes (one span's "
                  "worth), frees them, allocates and frees one block of %zu bytes (a class "
                  "whose spans are as long), and exits. Every block is free and every thread "
                  "gone, but %zu KiB stay in spans (allowed: %d KiB of spare spans per class "
                  "and one span of each class, %zu KiB): the objects a thread frees must "
                  "become free again, and empty spans go back to the page heap (handout: "
                  "Spans and the mcentral); replay: build/<impl>/suites/allocator --filter "
                  "'spans/empty_spans_return_to_the_page_heap'",
                  round, n, size, other, left / 1024, SPARE_ALLOWANCE / 1024, allowed / 1024);
    }
    free(t.b);
}

void suite_rounds_two_classes_of_one_length(void)
{
    // One-page spans: 8 blocks of 1024 bytes, then 512 bytes; 4 blocks of
    // 2048 bytes, then 128 bytes; 2 blocks of 4096 bytes, then 8192 bytes (a
    // class of one object a span: its bitmap is one bit, in the word the
    // 4096-byte class used).
    two_classes_one_length(1024, 512);
    two_classes_one_length(2048, 128);
    two_classes_one_length(4096, 8192);
}

// ---- a free of the object just past a thread's span ---------------------------

// Blocks of one round of adjacent_span_freed_by_the_owner: U's, and the
// blocks of `other` bytes T keeps, every round's (static: see live_mine).
#define ADJ_ROUNDS 48
#define ADJ_MAX 1024
static void *adj_u[ADJ_MAX], *adj_kept[ADJ_ROUNDS * 64];

// What the threads of one round share.
typedef struct adjacent {
    size_t size, other; // the class freed, a class of the same span length
    size_t n;           // blocks U allocated
    size_t pair;        // adj_u[pair..pair+2*per-1]: spans A and B, adjacent
    size_t per;         // objects of a span of `size`
    size_t nkept;       // blocks of `other` bytes kept so far
    size_t kept_per;    // objects of a span of `other`
    bool found, failed;
} adjacent_t;

// adj_span_start — whether p is the first object of its span.
static bool adj_span_start(void *p)
{
    ml_span_t *s = ml_pageheap_span_of(suite_heap, p);
    return s && (uintptr_t)s->base == (uintptr_t)p;
}

// adj_fill — thread U: allocates `size`-byte blocks until the last two
// spans' worth are two spans A and B filled in address order, B right
// after A in memory (the first object of B is the address one span past
// A's first), or ADJ_MAX blocks.
static void *adj_fill(void *arg)
{
    adjacent_t *t = arg;
    size_t span = t->per * t->size;
    t->found = false;
    for (t->n = 0; t->n < ADJ_MAX && !t->found; t->n++) {
        if (!(adj_u[t->n] = mm_malloc(t->size))) {
            t->failed = true;
            return NULL;
        }
        if (t->n + 1 < 2 * t->per)
            continue;
        size_t first = t->n + 1 - 2 * t->per;
        uintptr_t a = (uintptr_t)adj_u[first];
        bool in_order = adj_span_start(adj_u[first]) && adj_span_start(adj_u[first + t->per]) &&
                        (uintptr_t)adj_u[first + t->per] == a + span;
        for (size_t i = 0; in_order && i < 2 * t->per; i++)
            in_order = (uintptr_t)adj_u[first + i] == a + i * t->size;
        if (in_order) {
            t->pair = first;
            t->found = true;
        }
    }
    return NULL;
}

// adj_free_a — thread V: frees span A's blocks (A is then empty).
static void *adj_free_a(void *arg)
{
    adjacent_t *t = arg;
    for (size_t i = 0; i < t->per; i++)
        mm_free(adj_u[t->pair + i]);
    return NULL;
}

// adj_owner — thread T: allocates one block (from A, when its refill takes
// A), frees the first object of B and then its own block, and
// allocates a span's worth of `other` bytes, which it keeps.
static void *adj_owner(void *arg)
{
    adjacent_t *t = arg;
    void *m = mm_malloc(t->size);
    if (!m) {
        t->failed = true;
        return NULL;
    }
    mm_free(adj_u[t->pair + t->per]); // B's first object, one span past A's
    mm_free(m);
    for (size_t i = 0; i < t->kept_per; i++)
        if (!(adj_kept[t->nkept++] = mm_malloc(t->other)))
            t->failed = true;
    return NULL;
}

// adj_free_rest — thread W: frees U's other blocks.
static void *adj_free_rest(void *arg)
{
    adjacent_t *t = arg;
    for (size_t i = 0; i < t->n; i++)
        if (i < t->pair || i > t->pair + t->per)
            mm_free(adj_u[i]);
    return NULL;
}

// adjacent_span_freed_by_the_owner — ADJ_ROUNDS times, on one heap: U
// allocates `size`-byte blocks until two spans A and B adjacent in memory
// are full and exits; V frees A's blocks and exits; T allocates a block,
// frees B's first object (one span past A's first) and its own block,
// allocates a span's worth of `other` bytes (a class of the same span
// length: its new span may be A, cut again) and keeps them, and exits; W
// frees U's other blocks and exits. Only T's blocks stay allocated.
static void adjacent_span_freed_by_the_owner(size_t size, size_t other)
{
    int c = suite_usable_class(size), o = suite_usable_class(other);
    cr_assert(ml_class_npages(c) == ml_class_npages(o) && c != o,
              "internal: %zu and %zu bytes are not two classes of one span length", size, other);
    size_t span = ml_class_npages(c) * PAGE;
    size_t allowed = 2 * SPARE_ALLOWANCE + 2 * span;
    adjacent_t t = {
        .size = size, .other = other, .per = ml_class_nobjs(c), .kept_per = ml_class_nobjs(o)
    };
    cr_assert(ml_class_nobjs(c) * size == span && 2 * t.per <= ADJ_MAX &&
                  t.kept_per * ADJ_ROUNDS <= sizeof adj_kept / sizeof *adj_kept,
              "internal: %zu-byte blocks do not fill their spans or the test's arrays", size);
    suite_fresh(ARENA);
    size_t base = suite_inuse();
    for (int round = 1; round <= ADJ_ROUNDS; round++) {
        suite_in_thread(adj_fill, &t);
        cr_assert(!t.failed, "mm_malloc(%zu) returned NULL in round %d on a %zu MiB heap", size,
                  round, ARENA / MIB);
        if (t.found) {
            suite_in_thread(adj_free_a, &t);
            suite_in_thread(adj_owner, &t);
            cr_assert(!t.failed, "mm_malloc returned NULL in round %d on a %zu MiB heap", round,
                      ARENA / MIB);
        } else {
            t.pair = t.n; // no pair this round: W frees every block
        }
        suite_in_thread(adj_free_rest, &t);
        size_t kept = t.nkept / t.kept_per * span;
        size_t left = suite_inuse() - base - kept;
        cr_assert(left <= allowed,
                  "round %d of: thread U allocates %zu-byte blocks until two spans A and B, "
                  "adjacent in memory, are full, and exits; V frees A's blocks and exits; T "
                  "allocates one block, frees the first block of B (the address just past A's "
                  "objects) and its own block, allocates and keeps %zu blocks of %zu bytes (a "
                  "class whose spans are as long), and exits; W frees U's other blocks and "
                  "exits. Every block but T's is free and every thread gone, but %zu KiB stay "
                  "in spans besides T's %zu KiB (allowed: %d KiB of spare spans per class and "
                  "one span of each class, %zu KiB): an object freed must become free again, "
                  "whichever span it lies next to (handout: Spans and the mcentral, The "
                  "mcache); replay: build/<impl>/suites/allocator --filter "
                  "'spans/empty_spans_return_to_the_page_heap'",
                  round, size, t.kept_per, other, left / 1024, kept / 1024, SPARE_ALLOWANCE / 1024,
                  allowed / 1024);
    }
}

void suite_rounds_adjacent_span(void)
{
    // One-page spans with no room left after their objects: 8 blocks of
    // 1024 bytes, then 16 of 512.
    adjacent_span_freed_by_the_owner(1024, 512);
}

// ---- blocks still allocated at mm_deinit ------------------------------------

// Blocks left allocated at mm_deinit, per class: LIVE_SPANS spans' worth
// and half a span by the calling thread (its last span partly used), and
// exactly LIVE_SPANS spans' worth by a thread that exits (its last span
// full when it exits).
static const size_t live_sizes[] = { 48, 256, 1024, 3 };
#define LIVE_SPANS 6

// The blocks' addresses: static, so that the test's own bookkeeping does
// not move the C heap's figure that the lifecycle tests count.
static void *live_mine[(LIVE_SPANS + 1) * 512 * 4], *live_theirs[LIVE_SPANS * 512 * 4];

void suite_rounds_leave_blocks_allocated(void)
{
    for (size_t k = 0; k < sizeof live_sizes / sizeof live_sizes[0]; k++) {
        size_t size = live_sizes[k];
        size_t per = ml_class_nobjs(suite_usable_class(size < 16 ? 16 : size));
        if (size < 16)
            per *= 4; // four 3-byte pieces fit in a 16-byte block
        batch_t mine = { .b = live_mine, .n = LIVE_SPANS * per + per / 2, .size = size };
        batch_t theirs = { .b = live_theirs, .n = LIVE_SPANS * per, .size = size };
        cr_assert(mine.n <= sizeof live_mine / sizeof *live_mine &&
                      theirs.n <= sizeof live_theirs / sizeof *live_theirs,
                  "internal: %zu-byte blocks do not fit the test's arrays", size);
        batch_alloc(&mine);
        suite_in_thread(batch_alloc, &theirs);
        cr_assert(!mine.failed && !theirs.failed, "mm_malloc(%zu) returned NULL on a %zu MiB heap",
                  size, ARENA / MIB);
        // The blocks stay allocated: mm_deinit comes next.
    }
}
