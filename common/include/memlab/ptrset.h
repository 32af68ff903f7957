// ptrset.h — a set of pointers (open addressing, linear probing), for the
// observers that look at a collector from outside: a snapshot of a grey
// worklist, the objects a picture highlights. Not for the collectors
// themselves, whose colors live in mark bits.
#ifndef MEMLAB_PTRSET_H
#define MEMLAB_PTRSET_H

#include <stdbool.h>
#include <stddef.h>

// Zero-initialize (ML_PTRSET_INIT or {0}) before first use.
typedef struct ml_ptrset {
    const void **keys; // cap slots, NULL = empty; cap is 0 or a power of two
    size_t cap, n;
} ml_ptrset_t;

#define ML_PTRSET_INIT ((ml_ptrset_t){ 0 })

// ml_ptrset_add — add p (not NULL). Returns 1 when p was added, 0 when it
// was there already, -1 when memory ran out (the set is unchanged).
int ml_ptrset_add(ml_ptrset_t *s, const void *p);
// ml_ptrset_has — whether p is in the set (false for NULL, and for a NULL set).
bool ml_ptrset_has(const ml_ptrset_t *s, const void *p);
// ml_ptrset_free — release the table; the set is empty and usable again.
void ml_ptrset_free(ml_ptrset_t *s);

#endif
