// l01_single.c — one block, lost: the pointer to it is overwritten.
// Expect: definitely lost 64 bytes in 1 block.
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *p = malloc(64);
    memset(p, 1, 64);
    p = NULL;
    return p != NULL;
}
