// blocks.h — the trace checker's index of live blocks, ordered by address,
// so that "does this new block overlap a live one, and which?" takes
// O(log n). One node per trace id (an id is live at most once at a time).
#ifndef BLOCKS_H
#define BLOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct blocks_node {
    uintptr_t addr;       // first payload byte
    size_t size;          // payload bytes (> 0)
    uint32_t left, right; // child ids, BLOCKS_NONE when absent
    uint32_t prio;        // treap priority (a hash of the id)
    bool live;
} blocks_node_t;

#define BLOCKS_NONE UINT32_MAX

typedef struct blocks {
    blocks_node_t *node; // node[id] for id < num_ids
    uint32_t num_ids;
    uint32_t root;
    size_t nlive;
} blocks_t;

// blocks_init — an empty index for ids 0 .. num_ids-1. Returns 0, or -1
// when memory runs out (b is then empty and blocks_fini is still safe).
int blocks_init(blocks_t *b, uint32_t num_ids);
void blocks_fini(blocks_t *b);
// blocks_clear — forget every block (keeps the memory).
void blocks_clear(blocks_t *b);

// blocks_overlap — a live block whose bytes intersect [addr, addr+size),
// or BLOCKS_NONE. A zero-size range overlaps nothing.
uint32_t blocks_overlap(const blocks_t *b, uintptr_t addr, size_t size);

// blocks_insert — record block `id` at [addr, addr+size), size > 0. The id
// must not be live and the range must overlap no live block (check first
// with blocks_overlap). Blocks of size 0 have no bytes and are not indexed.
void blocks_insert(blocks_t *b, uint32_t id, uintptr_t addr, size_t size);

// blocks_remove — forget live block `id`.
void blocks_remove(blocks_t *b, uint32_t id);

#endif
