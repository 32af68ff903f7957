// image.c — synthetic memory images for the classification tests, and the
// suite's own oracle of valgrind's four kinds.
//
// An image is one arena of words from which blocks are carved in order (so
// their addresses are sorted, two zero words apart), a "globals" root, a
// fake thread stack and a fake copy of the lab's own table. The oracle
// computes the kinds without the student's code and differently from the
// reference (a fixed point over the whole image, pointer owners found by a
// linear scan):
//   reached  the least fixed point where a root word reaches its block, a
//            word of a reached block reaches its block, and a reach is
//            "through starts" when the word is a block's first byte and
//            comes from a root or from a block reached through starts;
//   kinds    through starts: still reachable; reached otherwise: possibly
//            lost; never reached: lost — then, in address order, each lost
//            block not yet claimed leads a clique and claims as indirectly
//            lost every unclaimed lost block it leads to by any pointer.
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk_suite.h"
#include "memlab/grade.h"

#define ARENA_WORDS (1u << 18)

static char why[SUITE_MAX_BLOCKS][120];

const char *suite_kind_name(int kind)
{
    switch (kind) {
    case LK_REACHABLE: return "still reachable";
    case LK_POSSIBLE: return "possibly lost";
    case LK_INDIRECT: return "indirectly lost";
    case LK_DEFINITE: return "definitely lost";
    default: return "(not a kind)";
    }
}

suite_img_t *suite_img_new(void)
{
    suite_img_t *im = calloc(1, sizeof *im);
    cr_assert(im, "internal: out of memory");
    im->arena = calloc(ARENA_WORDS, sizeof(uintptr_t));
    cr_assert(im->arena, "internal: out of memory");
    im->arena_words = ARENA_WORDS;
    im->used = 2;
    return im;
}

void suite_img_free(suite_img_t *im)
{
    free(im->arena);
    free(im);
}

size_t suite_block(suite_img_t *im, const char *name, size_t size)
{
    size_t words = (size + 7) / 8;
    cr_assert(im->n < SUITE_MAX_BLOCKS && im->used + words + 2 <= im->arena_words,
              "internal: image too big");
    size_t i = im->n++;
    im->blocks[i] = (lk_block_t){ (uintptr_t)(im->arena + im->used), size, (uint32_t)(i + 1), 0 };
    snprintf(im->names[i], sizeof im->names[i], "%s", name);
    im->used += words + 2;
    return i;
}

uintptr_t suite_addr(const suite_img_t *im, size_t i)
{
    return im->blocks[i].addr;
}

void suite_store(suite_img_t *im, size_t i, size_t w, uintptr_t value)
{
    cr_assert(w * 8 < im->blocks[i].size, "internal: word %zu outside block %s", w, im->names[i]);
    ((uintptr_t *)im->blocks[i].addr)[w] = value;
}

void suite_global(suite_img_t *im, uintptr_t value)
{
    cr_assert(im->nglobals < SUITE_MAX_ROOTW, "internal: too many globals");
    im->globals[im->nglobals++] = value;
}

void suite_stack(suite_img_t *im, uintptr_t value)
{
    cr_assert(im->nstack < SUITE_MAX_ROOTW, "internal: stack too deep");
    im->stackw[im->nstack++] = value;
}

void suite_own(suite_img_t *im, uintptr_t value)
{
    cr_assert(im->nown < SUITE_MAX_ROOTW, "internal: own table too big");
    im->ownw[im->nown++] = value;
}

// The block that p points into (or at, for a zero-size block), or -1.
static long owner(const suite_img_t *im, uintptr_t p)
{
    for (size_t i = 0; i < im->n; i++) {
        uintptr_t a = im->blocks[i].addr;
        size_t s = im->blocks[i].size;
        if ((p >= a && p - a < s) || (s == 0 && p == a))
            return (long)i;
    }
    return -1;
}

enum { NONE = 0, ANY = 1, STARTS = 2 };

static bool raise_to(uint8_t *lvl, size_t i, uint8_t to, const char *fmt, const char *src,
                     size_t off)
{
    if (lvl[i] >= to)
        return false;
    lvl[i] = to;
    snprintf(why[i], sizeof why[i], fmt, src, off);
    return true;
}

void suite_oracle(suite_img_t *im, bool scan_stack)
{
    uint8_t *lvl = calloc(im->n + 1, 1);
    bool changed = true;
    while (changed) {
        changed = false;
        for (int r = 0; r < 2; r++) {
            const uintptr_t *w = r == 0 ? im->globals : im->stackw;
            size_t nw = r == 0 ? im->nglobals : scan_stack ? im->nstack : 0;
            for (size_t k = 0; k < nw; k++) {
                long i = owner(im, w[k]);
                if (i < 0)
                    continue;
                size_t off = w[k] - im->blocks[i].addr;
                if (off == 0)
                    changed |= raise_to(lvl, (size_t)i, STARTS, "its start is held in %s word %zu",
                                        r == 0 ? "globals" : "a thread's stack", k);
                else
                    changed |= raise_to(lvl, (size_t)i, ANY,
                                        "only an interior pointer reaches it (from %s, offset %zu)",
                                        r == 0 ? "globals" : "a thread's stack", off);
            }
        }
        for (size_t j = 0; j < im->n; j++) {
            if (lvl[j] == NONE)
                continue;
            const uintptr_t *w = (const uintptr_t *)im->blocks[j].addr;
            for (size_t k = 0; k < im->blocks[j].size / 8; k++) {
                long i = owner(im, w[k]);
                if (i < 0)
                    continue;
                size_t off = w[k] - im->blocks[i].addr;
                if (off == 0 && lvl[j] == STARTS)
                    changed |= raise_to(lvl, (size_t)i, STARTS, "%s holds its start (word %zu)",
                                        im->names[j], k);
                else if (off == 0)
                    changed |= raise_to(lvl, (size_t)i, ANY,
                                        "only %s, itself possibly lost, points to it (word %zu)",
                                        im->names[j], k);
                else
                    changed |= raise_to(lvl, (size_t)i, ANY,
                                        "only an interior pointer reaches it (from %s, offset %zu)",
                                        im->names[j], off);
            }
        }
    }
    // Lost blocks: cliques in address order.
    enum { LOST = 10, CLAIMED = 11 };
    uint8_t *st = calloc(im->n + 1, 1);
    size_t *queue = calloc(im->n + 1, sizeof *queue);
    for (size_t i = 0; i < im->n; i++)
        st[i] = lvl[i] == STARTS ? LK_REACHABLE : lvl[i] == ANY ? LK_POSSIBLE : LOST;
    for (size_t i = 0; i < im->n; i++) {
        if (st[i] != LOST)
            continue;
        snprintf(why[i], sizeof why[i], "nothing reaches it from a root, and it leads its clique");
        size_t qh = 0, qt = 0;
        queue[qt++] = i;
        while (qh < qt) {
            size_t j = queue[qh++];
            const uintptr_t *w = (const uintptr_t *)im->blocks[j].addr;
            for (size_t k = 0; k < im->blocks[j].size / 8; k++) {
                long t = owner(im, w[k]);
                if (t < 0 || (size_t)t == i || st[t] != LOST)
                    continue;
                st[t] = CLAIMED;
                snprintf(why[t], sizeof why[t],
                         "nothing reaches it from a root; lost block %s leads to it", im->names[i]);
                queue[qt++] = (size_t)t;
            }
        }
    }
    for (size_t i = 0; i < im->n; i++)
        im->want[i] = st[i] == LOST ? LK_DEFINITE : st[i] == CLAIMED ? LK_INDIRECT : st[i];
    free(lvl);
    free(st);
    free(queue);
}

size_t suite_check_kinds(suite_img_t *im, const char *scenario, bool soft)
{
    suite_oracle(im, true);
    lk_block_t *b = calloc(im->n + 1, sizeof *b);
    memcpy(b, im->blocks, im->n * sizeof *b);
    for (size_t i = 0; i < im->n; i++)
        b[i].kind = 0xee;
    lk_region_t roots[3] = {
        { (uintptr_t)im->globals, (uintptr_t)(im->globals + im->nglobals), LK_ROOT_DATA, false,
          "globals" },
        { (uintptr_t)im->stackw, (uintptr_t)(im->stackw + im->nstack), LK_ROOT_STACK, false,
          "stack of thread 2" },
        { (uintptr_t)im->ownw, (uintptr_t)(im->ownw + im->nown), LK_ROOT_ANON, true,
          "the tracker's own table" },
    };
    int rc = lk_classify(roots, 3, b, im->n);
    if (!soft)
        cr_assert(rc == 0, "%s: lk_classify returned %d (out of memory?) on %zu blocks", scenario,
                  rc, im->n);
    size_t wrong = 0;
    for (size_t i = 0; i < im->n; i++) {
        if (b[i].addr != im->blocks[i].addr || b[i].size != im->blocks[i].size) {
            free(b);
            cr_assert(soft, "%s: lk_classify changed block %zu's address or size", scenario, i);
            return im->n;
        }
        if (b[i].kind == im->want[i])
            continue;
        wrong++;
        if (!soft) {
            char msg[512];
            snprintf(msg, sizeof msg,
                     "%s: block %s (%zu bytes): %s — valgrind calls it %s, you said %s "
                     "(handout: \"The four kinds\")",
                     scenario, im->names[i], im->blocks[i].size, why[i],
                     suite_kind_name(im->want[i]), suite_kind_name(b[i].kind));
            free(b);
            cr_assert_fail("%s", msg);
        }
    }
    free(b);
    return wrong;
}
