// kinds.c — the classification on synthetic images: each of valgrind's four
// kinds on a targeted image, the roots (stacks, the lab's own memory), the
// word rules, random images against the oracle, and a million-block list
// classified on a small stack.
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lk_suite.h"
#include "memlab/grade.h"
#include "memlab/rng.h"

void suite_kinds_start_pointers_reachable(void)
{
    suite_img_t *im = suite_img_new();
    size_t a = suite_block(im, "a", 32), b = suite_block(im, "b", 48), c = suite_block(im, "c", 16);
    suite_global(im, suite_addr(im, a)); // globals → a → b → c, all by start pointers
    suite_store(im, a, 1, suite_addr(im, b));
    suite_store(im, b, 5, suite_addr(im, c));
    suite_check_kinds(im, "a chain of start pointers from a global", false);
    suite_img_free(im);
}

void suite_kinds_interior_possible(void)
{
    suite_img_t *im = suite_img_new();
    size_t a = suite_block(im, "a", 64), b = suite_block(im, "b", 32), c = suite_block(im, "c", 32);
    size_t d = suite_block(im, "d", 40);
    suite_global(im, suite_addr(im, a) + 24); // only an interior pointer reaches a
    suite_store(im, a, 0, suite_addr(im, b)); // a (possibly lost) holds b's start
    suite_store(im, b, 2, suite_addr(im, c) + 8);
    suite_global(im, suite_addr(im, d)); // d: reachable, also pointed into
    suite_store(im, a, 7, suite_addr(im, d) + 16);
    suite_check_kinds(im, "l04_interior's image: a global points 24 bytes into a", false);
    suite_img_free(im);

    // Every block first pointed into, then at its start, by one root: each
    // block's state goes up twice before anything it holds is scanned.
    im = suite_img_new();
    enum { TWICE = 200 };
    size_t blk[TWICE];
    for (int i = 0; i < TWICE; i++) {
        char name[16];
        snprintf(name, sizeof name, "up%d", i);
        blk[i] = suite_block(im, name, 32);
    }
    for (int i = 0; i < TWICE; i++)
        suite_global(im, suite_addr(im, blk[i]) + 8);
    for (int i = 0; i < TWICE; i++)
        suite_global(im, suite_addr(im, blk[i]));
    suite_check_kinds(im,
                      "200 blocks, each pointed 8 bytes into by a global and then at its start "
                      "by a later global of the same root",
                      false);
    suite_img_free(im);
}

void suite_kinds_lost_and_indirect(void)
{
    suite_img_t *im = suite_img_new();
    // A lost tree of 7: root r definitely lost, the six below indirectly lost.
    size_t n[7];
    for (int i = 0; i < 7; i++) {
        char name[16];
        snprintf(name, sizeof name, "tree%d", i);
        n[i] = suite_block(im, name, 24);
    }
    for (int i = 0; i < 3; i++) {
        suite_store(im, n[i], 0, suite_addr(im, n[2 * i + 1]));
        suite_store(im, n[i], 1, suite_addr(im, n[2 * i + 2]) + 8); // interior counts too
    }
    size_t lone = suite_block(im, "lone", 64);
    (void)lone;
    size_t kept = suite_block(im, "kept", 16);
    suite_global(im, suite_addr(im, kept));
    suite_check_kinds(im, "a lost tree (l02_tree) and a lone lost block (l01_single)", false);
    suite_img_free(im);
}

void suite_kinds_cycles_and_cliques(void)
{
    suite_img_t *im = suite_img_new();
    size_t a = suite_block(im, "cycle_a", 32), b = suite_block(im, "cycle_b", 32);
    suite_store(im, a, 0, suite_addr(im, b));
    suite_store(im, b, 0, suite_addr(im, a));
    // A later lost block points back at an earlier one: the earlier leader
    // joins the later clique.
    size_t e = suite_block(im, "early", 16), l = suite_block(im, "late", 16);
    suite_store(im, l, 1, suite_addr(im, e));
    size_t self = suite_block(im, "self_loop", 16);
    suite_store(im, self, 0, suite_addr(im, self));
    suite_check_kinds(im, "l03_cycle's image: lost cycles and cliques", false);
    suite_img_free(im);
}

void suite_kinds_stack_roots(void)
{
    suite_img_t *im = suite_img_new();
    size_t req = suite_block(im, "request", 4096), ctx = suite_block(im, "ctx", 32);
    suite_block(im, "garbage", 64);
    suite_stack(im, 0x1234);
    suite_stack(im, suite_addr(im, req)); // a blocked thread's local (l10_blocked_thread)
    suite_store(im, req, 3, suite_addr(im, ctx));
    suite_check_kinds(im, "a thread blocked forever holds a request on its stack", false);
    suite_img_free(im);
}

void suite_kinds_own_memory_not_a_root(void)
{
    suite_img_t *im = suite_img_new();
    for (int i = 0; i < 20; i++) {
        char name[16];
        snprintf(name, sizeof name, "b%d", i);
        size_t k = suite_block(im, name, 16 + 8 * (size_t)i);
        suite_own(im, suite_addr(im, k)); // the table knows every block
        suite_own(im, im->blocks[k].size);
        if (i % 4 == 0)
            suite_global(im, suite_addr(im, k));
    }
    suite_check_kinds(im, "the tracker's own table lists every block's address", false);
    suite_img_free(im);
}

void suite_kinds_word_rules(void)
{
    suite_img_t *im = suite_img_new();
    size_t z = suite_block(im, "zero_size", 0), past = suite_block(im, "one_past_end", 24);
    size_t una = suite_block(im, "unaligned_only", 32), odd = suite_block(im, "odd_size", 13);
    size_t tailp = suite_block(im, "tail_pointee", 16);
    suite_global(im, suite_addr(im, z));         // start of a zero-size block
    suite_global(im, suite_addr(im, past) + 24); // one past the end: not a pointer into it
    // A pointer to `una` stored at an unaligned place in `odd`'s neighbour:
    // only aligned words are candidates.
    size_t holder = suite_block(im, "holder", 32);
    suite_global(im, suite_addr(im, holder));
    uintptr_t v = suite_addr(im, una);
    memcpy((char *)suite_addr(im, holder) + 3, &v, sizeof v);
    // odd (13 bytes) is reachable; its last, partial word is not scanned;
    // a pointer in its first word is.
    suite_global(im, suite_addr(im, odd));
    suite_store(im, odd, 0, suite_addr(im, tailp));
    suite_check_kinds(im, "word rules (zero size, one past the end, unaligned words)", false);
    suite_img_free(im);
    // lk_classify reads blocks[0..n) and nothing past it: here the array
    // ends where a page that cannot be read begins (a read past it crashes).
    long pg = sysconf(_SC_PAGESIZE);
    char *map =
        mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(map != MAP_FAILED && mprotect(map + pg, (size_t)pg, PROT_NONE) == 0,
              "internal: cannot map a guard page");
    static uintptr_t mem[3][2];
    lk_block_t *b = (lk_block_t *)(map + pg) - 3;
    for (int i = 0; i < 3; i++)
        b[i] = (lk_block_t){ (uintptr_t)mem[i], sizeof mem[i], (uint32_t)i + 1, 0 };
    mem[0][0] = (uintptr_t)mem[1]; // lost 0 -> 1: 1 is indirectly lost
    int rc = lk_classify(NULL, 0, b, 3);
    cr_assert(rc == 0 && b[0].kind == LK_DEFINITE && b[1].kind == LK_INDIRECT &&
                  b[2].kind == LK_DEFINITE,
              "no roots, three blocks, the first pointing to the second: lk_classify returned "
              "%d and the kinds %d %d %d, want 0 and definitely, indirectly, definitely lost",
              rc, b[0].kind, b[1].kind, b[2].kind);
    munmap(map, 2 * (size_t)pg);
}

void suite_kinds_random_images(void)
{
    int seeds = 40, right = 0;
    char first[256] = "";
    for (int s = 1; s <= seeds; s++) {
        ml_rng_t rng;
        ml_rng_seed(&rng, (uint64_t)s * 7919);
        suite_img_t *im = suite_img_new();
        size_t n = 50 + ml_rng_below(&rng, 250);
        for (size_t i = 0; i < n; i++) {
            char name[24];
            snprintf(name, sizeof name, "r%zu", i % 100000);
            size_t size = ml_rng_below(&rng, 10) == 0
                              ? 0
                              : 8 * (1 + ml_rng_below(&rng, 12)) - ml_rng_below(&rng, 3);
            suite_block(im, name, size);
        }
        for (size_t i = 0; i < n; i++) {
            for (size_t w = 0; w < im->blocks[i].size / 8; w++) {
                size_t t = ml_rng_below(&rng, n), r = ml_rng_below(&rng, 100);
                if (r < 12)
                    suite_store(im, i, w, suite_addr(im, t));
                else if (r < 18 && im->blocks[t].size > 8)
                    suite_store(im, i, w,
                                suite_addr(im, t) + 1 + ml_rng_below(&rng, im->blocks[t].size - 1));
                else if (r < 22)
                    suite_store(im, i, w, ml_rng_next(&rng));
            }
        }
        for (int k = 0; k < 6; k++) {
            size_t t = ml_rng_below(&rng, n);
            switch (ml_rng_below(&rng, 4)) {
            case 0: suite_global(im, suite_addr(im, t)); break;
            case 1: suite_global(im, suite_addr(im, t) + (im->blocks[t].size > 1 ? 1 : 0)); break;
            case 2: suite_stack(im, suite_addr(im, t)); break;
            default: suite_own(im, suite_addr(im, t)); break;
            }
        }
        size_t wrong = suite_check_kinds(im, "random", true);
        if (wrong == 0)
            right++;
        else if (!first[0]) {
            snprintf(first, sizeof first, "seed %d: %zu of %zu blocks of the wrong kind", s, wrong,
                     n);
            ml_note("random image %s", first);
        }
        suite_img_free(im);
    }
    ml_award((double)right / seeds, "%d of %d random images classified as valgrind does%s%s", right,
             seeds, first[0] ? "; first wrong: " : "", first);
}

// ---- a million-block list on a 256 KiB stack ----------------------------------------------

typedef struct deep {
    lk_block_t *b;
    size_t n;
    uintptr_t root;
    int rc;
} deep_t;

static void *classify_deep(void *arg)
{
    deep_t *d = arg;
    lk_region_t r = { (uintptr_t)&d->root, (uintptr_t)(&d->root + 1), LK_ROOT_DATA, false, "root" };
    d->rc = lk_classify(&r, 1, d->b, d->n);
    return NULL;
}

void suite_kinds_deep_list_small_stack(void)
{
    size_t n = 1000000;
    uintptr_t *mem = calloc(n * 2, sizeof *mem);
    lk_block_t *b = calloc(n, sizeof *b);
    cr_assert(mem && b, "internal: out of memory");
    for (size_t i = 0; i < n; i++) {
        b[i] = (lk_block_t){ (uintptr_t)(mem + 2 * i), 16, 1, 0xee };
        mem[2 * i] = i + 1 < n ? (uintptr_t)(mem + 2 * i + 2) : 0;
    }
    // The second half is a lost list of its own: cut it from the first.
    mem[2 * (n / 2 - 1)] = 0;
    deep_t d = { b, n, (uintptr_t)mem, -1 };
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 256 * 1024);
    pthread_t t;
    cr_assert(pthread_create(&t, &a, classify_deep, &d) == 0, "internal: no thread");
    pthread_join(t, NULL);
    cr_assert(d.rc == 0, "a list of %zu blocks: lk_classify returned %d", n, d.rc);
    for (size_t i = 0; i < n; i++) {
        int want = i < n / 2 ? LK_REACHABLE : i == n / 2 ? LK_DEFINITE : LK_INDIRECT;
        cr_assert(b[i].kind == want,
                  "a list of a million 16-byte blocks, the first half held by a root, the second "
                  "half lost: block %zu is %s, you said %s",
                  i, suite_kind_name(want), suite_kind_name(b[i].kind));
    }
    free(mem);
    free(b);
}
