// l20_large.c — large blocks (served by mmap in glibc): a 2 MiB block lost,
// a 512 KiB calloc block kept, a 300 KiB block freed.
#include <stdlib.h>

static void *kept;

int main(void)
{
    void *big = malloc(2 << 20);
    big = NULL;
    kept = calloc(1, 512 << 10);
    void *f = malloc(300 << 10);
    free(f);
    return big != NULL;
}
