// blocks.c — the live-block index of the trace checker: a treap (a binary
// search tree by address whose priorities, a hash of the id, keep it
// balanced in expectation) over one preallocated node per trace id.
//
// Invariants:
//   - in-order traversal lists the live blocks by increasing address;
//   - a node's priority is ≥ its children's (heap order);
//   - live blocks never overlap, so their end addresses are increasing too.
// The last point is what makes the overlap query one descent: among the
// blocks that start before the end of a range, only the last one can reach
// into it.
#include "support/blocks.h"

#include <stdio.h>
#include <stdlib.h>

// blocks_bug — a broken contract in the checker itself: abort.
static _Noreturn void blocks_bug(const char *func, const char *why, uint32_t id)
{
    fprintf(stderr, "%s: %s (block %u)\n", func, why, id);
    abort();
}

// prio_of — a well-mixed 32-bit priority for an id (murmur3's finalizer).
static uint32_t prio_of(uint32_t id)
{
    uint32_t h = id + 0x9e3779b9u;
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

int blocks_init(blocks_t *b, uint32_t num_ids)
{
    *b = (blocks_t){ .root = BLOCKS_NONE };
    b->node = malloc((num_ids ? num_ids : 1) * sizeof *b->node);
    if (!b->node)
        return -1;
    b->num_ids = num_ids;
    blocks_clear(b);
    return 0;
}

void blocks_fini(blocks_t *b)
{
    free(b->node);
    *b = (blocks_t){ .root = BLOCKS_NONE };
}

void blocks_clear(blocks_t *b)
{
    for (uint32_t i = 0; i < b->num_ids; i++)
        b->node[i] =
            (blocks_node_t){ .left = BLOCKS_NONE, .right = BLOCKS_NONE, .prio = prio_of(i) };
    b->root = BLOCKS_NONE;
    b->nlive = 0;
}

uint32_t blocks_overlap(const blocks_t *b, uintptr_t addr, size_t size)
{
    if (size == 0)
        return BLOCKS_NONE;
    uintptr_t end = addr + size;
    // The live block with the largest address below `end`.
    uint32_t best = BLOCKS_NONE;
    for (uint32_t n = b->root; n != BLOCKS_NONE;) {
        const blocks_node_t *x = &b->node[n];
        if (x->addr < end) {
            best = n;
            n = x->right;
        } else {
            n = x->left;
        }
    }
    if (best != BLOCKS_NONE && b->node[best].addr + b->node[best].size > addr)
        return best;
    return BLOCKS_NONE;
}

// insert — put node id into the subtree at *link, keeping both orders.
static void insert(blocks_t *b, uint32_t *link, uint32_t id)
{
    blocks_node_t *x = &b->node[id];
    if (*link == BLOCKS_NONE) {
        *link = id;
        return;
    }
    uint32_t r = *link;
    blocks_node_t *y = &b->node[r];
    if (x->addr < y->addr) {
        insert(b, &y->left, id);
        if (b->node[y->left].prio > y->prio) { // rotate right
            uint32_t l = y->left;
            y->left = b->node[l].right;
            b->node[l].right = r;
            *link = l;
        }
    } else {
        insert(b, &y->right, id);
        if (b->node[y->right].prio > y->prio) { // rotate left
            uint32_t rr = y->right;
            y->right = b->node[rr].left;
            b->node[rr].left = r;
            *link = rr;
        }
    }
}

void blocks_insert(blocks_t *b, uint32_t id, uintptr_t addr, size_t size)
{
    if (id >= b->num_ids || b->node[id].live || size == 0)
        blocks_bug("blocks_insert", "id out of range, live, or size 0", id);
    blocks_node_t *x = &b->node[id];
    x->addr = addr;
    x->size = size;
    x->left = x->right = BLOCKS_NONE;
    x->live = true;
    insert(b, &b->root, id);
    b->nlive++;
}

// unlink_node — remove node id from the subtree at *link: rotate it down
// past its higher-priority child until it has at most one child.
static void unlink_node(blocks_t *b, uint32_t *link, uint32_t id)
{
    while (*link != id) {
        if (*link == BLOCKS_NONE)
            blocks_bug("blocks_remove", "block not found in the index", id);
        blocks_node_t *y = &b->node[*link];
        link = b->node[id].addr < y->addr ? &y->left : &y->right;
    }
    for (;;) {
        blocks_node_t *x = &b->node[id];
        if (x->left == BLOCKS_NONE) {
            *link = x->right;
            return;
        }
        if (x->right == BLOCKS_NONE) {
            *link = x->left;
            return;
        }
        uint32_t up;
        if (b->node[x->left].prio > b->node[x->right].prio) {
            up = x->left;
            x->left = b->node[up].right;
            b->node[up].right = id;
            *link = up;
            link = &b->node[up].right;
        } else {
            up = x->right;
            x->right = b->node[up].left;
            b->node[up].left = id;
            *link = up;
            link = &b->node[up].left;
        }
    }
}

void blocks_remove(blocks_t *b, uint32_t id)
{
    if (id >= b->num_ids || !b->node[id].live)
        blocks_bug("blocks_remove", "id out of range or not live", id);
    unlink_node(b, &b->root, id);
    b->node[id].live = false;
    b->node[id].left = b->node[id].right = BLOCKS_NONE;
    b->nlive--;
}
