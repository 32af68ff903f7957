// sites.c — allocation sites for the tracker (lib/libleak.so): the return
// addresses of an allocation call's callers, found by walking the frame
// pointers, and interned into site numbers.
//
//   walk     from the interposed function's frame, follow saved frame
//            pointers (each frame: [saved fp, return address]) while they
//            rise inside the thread's stack — which ends at the thread's
//            descriptor (glibc puts it at the top of a thread's stack) or at
//            __libc_stack_end on the main thread — for at most LK_MAX_FRAMES
//            frames, and stop below main (at the tracker's own code, which
//            calls main). Code built without frame pointers (glibc) ends the
//            walk early; valgrind, which unwinds with DWARF CFI, sees more.
//   intern   open addressing over (depth, pcs); site 0 is "unknown" (the
//            table is full: SITE_SLOTS / 2 sites).
#include <link.h>
#include <pthread.h>
#include <string.h>

#include "preload.h"

#define SITE_SLOTS (1u << 16) // hash slots; sites beyond SITE_SLOTS/2 become 0
static lk_site_rec_t *sites;  // lk_mem: [0] unused
static uint32_t *site_slot;   // lk_mem: hash → site id
static size_t nsites;

const lk_site_rec_t *lk_sites(size_t *n)
{
    *n = nsites;
    return sites;
}

uint32_t lk_site_intern(const uintptr_t *pc, int depth)
{
    if (!sites) {
        sites = lk_mem_alloc((SITE_SLOTS / 2 + 1) * sizeof *sites);
        site_slot = lk_mem_alloc(SITE_SLOTS * sizeof *site_slot);
        if (!sites || !site_slot)
            return 0;
    }
    uint64_t h = (uint64_t)depth;
    for (int i = 0; i < depth; i++)
        h = (h ^ pc[i]) * 0x100000001b3ull;
    for (uint32_t i = (uint32_t)(h >> 17) & (SITE_SLOTS - 1);; i = (i + 1) & (SITE_SLOTS - 1)) {
        uint32_t id = site_slot[i];
        if (id == 0) {
            if (nsites >= SITE_SLOTS / 2)
                return 0;
            id = (uint32_t)++nsites;
            memcpy(sites[id].pc, pc, (size_t)depth * sizeof *pc);
            sites[id].depth = depth;
            site_slot[i] = id;
            return id;
        }
        if (sites[id].depth == depth && memcmp(sites[id].pc, pc, (size_t)depth * sizeof *pc) == 0)
            return id;
    }
}

static uintptr_t own_text_lo, own_text_hi; // the tracker's own code

static int find_own_text(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size, (void)arg;
    uintptr_t me = (uintptr_t)find_own_text;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X) && me >= lo && me < lo + ph->p_memsz) {
            own_text_lo = lo;
            own_text_hi = lo + ph->p_memsz;
            return 1;
        }
    }
    return 0;
}

// The return addresses of the allocation call's callers, from the frame
// `fp` of the interposed function. Stops at a frame outside the stack.
int lk_site_walk(uintptr_t *pc, uintptr_t *fp)
{
    // The stack ends at the thread's descriptor (glibc puts it at the top of
    // a thread's stack) or, on the main thread, at __libc_stack_end.
    extern void *__libc_stack_end;
    uintptr_t lo = (uintptr_t)fp, self = (uintptr_t)pthread_self();
    uintptr_t hi = self > lo && self - lo < (1ul << 30) ? self : (uintptr_t)__libc_stack_end;
    int n = 0;
    while (n < LK_MAX_FRAMES) {
        uintptr_t f = (uintptr_t)fp;
        if (f < lo || f + 16 > hi || (f & 7))
            break;
        if (fp[1] < 4096)
            break;
        if (fp[1] >= own_text_lo && fp[1] < own_text_hi)
            break; // below main: the tracker's main_then_scrub
        pc[n++] = fp[1];
        uintptr_t *next = (uintptr_t *)fp[0];
        if ((uintptr_t)next <= f || (uintptr_t)next - f > (1ul << 20))
            break;
        fp = next;
    }
    return n;
}

void lk_sites_init(void)
{
    dl_iterate_phdr(find_own_text, NULL);
}
