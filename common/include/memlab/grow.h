// grow.h — the one way memlab grows an array: amortized doubling, as
// Crafting Interpreters' GROW_ARRAY does for clox. An array is a pointer
// `T *arr` and its capacity `size_t cap` (in elements); the caller keeps its
// own count of the elements in use and asks for room before it appends:
//
//     if (!ML_GROW_ARRAY(v->items, v->cap, v->n + 1, 16))
//         return -1;                       // out of memory: v is unchanged
//     v->items[v->n++] = x;
//
// Doubling makes n appends cost O(n) copies in all. The array is owned by
// the caller (free() it); an array that never grew is NULL with cap 0.
#ifndef MEMLAB_GROW_H
#define MEMLAB_GROW_H

#include <stdbool.h>
#include <stddef.h>

// ml_grow_array_ — make the array *arrp (a `T *` object, passed by address)
// of capacity *cap elements of `elemsize` bytes hold at least `need`
// elements. When need ≤ *cap, nothing changes (an inline test: appending
// costs no call until the array is full). Otherwise the capacity becomes the
// largest of `need`, twice *cap and `first` (the capacity of a first
// allocation, 0 = just `need`), the array is reallocated (the elements kept,
// the new ones uninitialized) and *arrp and *cap are updated. Returns true,
// or false on out of memory or a byte size that overflows size_t, in which
// case the array and *cap are unchanged (still valid, still owned).
bool ml_grow_array_slow_(void *arrp, size_t *cap, size_t need, size_t elemsize, size_t first);
static inline bool ml_grow_array_(void *arrp, size_t *cap, size_t need, size_t elemsize,
                                  size_t first)
{
    return need <= *cap || ml_grow_array_slow_(arrp, cap, need, elemsize, first);
}

// ML_GROW_ARRAY(arr, cap, need, first) — ml_grow_array_ for the lvalues
// `arr` (a pointer to the elements) and `cap` (a size_t), element size
// sizeof *arr.
#define ML_GROW_ARRAY(arr, cap, need, first) \
    ml_grow_array_(&(arr), &(cap), (need), sizeof *(arr), (first))

#endif
