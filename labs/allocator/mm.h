// mm.h — the allocator lab's interface: what mm.c implements and what the
// trace driver, the grading suite and the benchmarks call.
//
// The interface is CS:APP's malloc lab (mm_init, mm_malloc, mm_free,
// mm_realloc) plus mm_calloc and mm_deinit. The inside is Go's allocator
// (runtime/malloc.go): size classes, spans, an mcentral per class, a
// per-thread mcache, the tiny allocator and large objects.
//
// The caller owns the page heap. It creates a fresh ml_pageheap_t, hands it
// to mm_init, and afterwards reads the heap's own statistics: the bytes in
// spans (Go's HeapInuse) are measured by the driver, never reported by the
// allocator. Every byte an mm_malloc returns must lie inside a span that the
// allocator obtained from that heap.
//
// Alignment (MM_ALIGN): a block of n ≥ 16 bytes starts at a multiple of 16;
// a smaller block needs only its natural alignment (mm_required_align).
#ifndef MM_H
#define MM_H

#include <stddef.h>
#include <stdint.h>

#include "memlab/pageheap.h"

#define MM_ALIGN 16   // what glibc malloc guarantees on x86-64

// mm_required_align — the alignment a block of `size` bytes must have:
// 16 for 16 bytes and more, 8 for 8–15, 4 for 4–7, 2 for 2–3, 1 for 1
// (and for 0). Sizes under 16 are served by the tiny allocator, which packs
// them into shared 16-byte blocks, as Go's mallocgc does.
static inline size_t mm_required_align(size_t size)
{
    if (size >= 16)
        return 16;
    if (size >= 8)
        return 8;
    if (size >= 4)
        return 4;
    if (size >= 2)
        return 2;
    return 1;
}

// mm_init — start a fresh allocator over `heap`, an empty page heap made by
// the caller. Forget any state left from an earlier heap (the caller has
// called mm_deinit for it). Called by one thread while no other thread uses
// the allocator. Returns 0, or -1 if the allocator cannot start (malloc or
// mmap refused its tables), having given back whatever it had obtained.
int mm_init(ml_pageheap_t *heap);

// mm_deinit — the caller is about to destroy the heap: give back whatever
// the allocator holds outside the heap (span bitmaps, bookkeeping) so that
// nothing leaks: mm_init, work, mm_deinit, repeated, must not grow the
// process. Blocks still allocated are lost. Called by the thread that
// called mm_init, after every other thread that used the allocator has
// exited. mm_init must be called again before any other mm_ function.
void mm_deinit(void);

// mm_malloc — a block of at least `size` bytes, aligned as
// mm_required_align(size) says, inside a span of the heap, overlapping no
// other allocated block. Returns NULL when size is 0 or when the memory
// cannot be found (the heap is out of pages, or malloc/mmap refuse the
// allocator's bookkeeping): never crashes, whatever `size` is, and keeps
// nothing a failed call obtained. Thread-safe.
void *mm_malloc(size_t size);

// mm_free — give back a block returned by mm_malloc, mm_calloc or
// mm_realloc and not freed since. mm_free(NULL) does nothing. Thread-safe:
// a block may be freed by a different thread than the one that allocated it.
// Such a free takes effect (the object can be handed out again) at the
// latest when the freeing thread exits; until then that thread may hold back
// at most 256 KiB of freed objects per size class.
void mm_free(void *ptr);

// mm_realloc — resize a block, keeping its first min(old size, size) bytes:
//   mm_realloc(NULL, size)  is mm_malloc(size);
//   mm_realloc(ptr, 0)      frees ptr and returns NULL;
//   when the new size still fits the block's size class, the block stays
//   where it is and ptr is returned;
//   otherwise the data moves to a new block and ptr is freed.
// Nothing outside the new block is written. A tiny piece's size is not
// recorded: its realloc may copy more than the piece's own bytes (never
// past the end of its 16-byte block, never more than `size`), and the new
// piece may lie in the same 16-byte block, so the ranges may overlap.
// Returns NULL when the memory cannot be found; ptr is then left untouched.
void *mm_realloc(void *ptr, size_t size);

// mm_size_class — the size class (1 .. ML_NUM_SIZE_CLASSES-1 of
// memlab/sizeclass.h) whose objects mm_malloc(size) hands out; 0 when the
// request is not served by a size class: 0 bytes, tiny requests (1–15
// bytes) and large ones (over ML_MAX_SMALL_SIZE). Every object of the class
// must hold `size` bytes at 16-byte alignment. A pure function.
int mm_size_class(size_t size);

// mm_calloc — a zeroed block of nmemb * size bytes; NULL when the product
// overflows size_t (whether it wraps to 0 or to a small number), when it is
// 0, or when the memory cannot be found.
void *mm_calloc(size_t nmemb, size_t size);

#endif
