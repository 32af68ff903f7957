// l17_aligned.c — the aligned allocation calls: posix_memalign,
// aligned_alloc and memalign blocks, one of each kept, one of each lost.
#include <malloc.h>
#include <stdlib.h>

static void *kept[3];

int main(void)
{
    void *p;
    posix_memalign(&p, 64, 100);
    kept[0] = p;
    posix_memalign(&p, 4096, 200);
    kept[1] = aligned_alloc(256, 512);
    p = aligned_alloc(128, 128);
    kept[2] = memalign(32, 96);
    p = memalign(1024, 50);
    p = NULL;
    return p != NULL;
}
