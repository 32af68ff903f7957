// regions.c — support for the layout lab: the names of the kinds of memory
// and the storage of a map (a growable, sorted array of regions).
//
// The map is a plain array because a process has tens to a few thousand
// regions and the kernel already lists them in address order: appending in
// order keeps it sorted, and layout_find_region can binary-search it.
#include "layout.h"
#include "memlab/grow.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[LAYOUT_NKINDS] = {
    [LAYOUT_UNKNOWN] = "unknown", [LAYOUT_UNMAPPED] = "unmapped",
    [LAYOUT_TEXT] = "text",       [LAYOUT_RODATA] = "rodata",
    [LAYOUT_DATA] = "data",       [LAYOUT_BSS] = "bss",
    [LAYOUT_HEAP] = "heap",       [LAYOUT_MMAP] = "mmap",
    [LAYOUT_STACK] = "stack",     [LAYOUT_THREAD_STACK] = "thread-stack",
    [LAYOUT_TLS] = "tls",         [LAYOUT_LIBRARY] = "library",
    [LAYOUT_VDSO] = "vdso",       [LAYOUT_FILE] = "file",
    [LAYOUT_OTHER] = "other",
};

// layout_kind_name — the kind's name; "unknown" for a value out of range.
const char *layout_kind_name(layout_kind_t k)
{
    if ((unsigned)k >= LAYOUT_NKINDS)
        return kind_names[LAYOUT_UNKNOWN];
    return kind_names[k];
}

// layout_kind_from_name — the kind with that name, or LAYOUT_UNKNOWN.
layout_kind_t layout_kind_from_name(const char *name)
{
    for (int k = 0; k < LAYOUT_NKINDS; k++)
        if (strcmp(kind_names[k], name) == 0)
            return (layout_kind_t)k;
    return LAYOUT_UNKNOWN;
}

// layout_map_init — an empty map; nothing is allocated until the first append.
void layout_map_init(layout_map_t *m)
{
    m->regions = NULL;
    m->n = m->cap = 0;
}

// layout_map_append — copy `r` to the end; the array doubles when full.
// Returns 0, or -1 when memory runs out (the map is unchanged).
int layout_map_append(layout_map_t *m, const layout_region_t *r)
{
    if (!ML_GROW_ARRAY(m->regions, m->cap, m->n + 1, 64))
        return -1;
    m->regions[m->n++] = *r;
    return 0;
}

// layout_map_free — release the array; the map is empty and reusable.
void layout_map_free(layout_map_t *m)
{
    free(m->regions);
    layout_map_init(m);
}
