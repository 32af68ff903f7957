// l06_realloc.c — a buffer grown by realloc eight times, then dropped: only
// the last block is live (each realloc frees the one before), definitely
// lost, and its site is the last realloc call. A second chain is kept.
#include <stdlib.h>

static char *kept;

static char *grow(char *p, size_t n)
{
    return realloc(p, n);
}

int main(void)
{
    char *p = NULL;
    for (size_t n = 16; n <= 2048; n *= 2)
        p = grow(p, n);
    p = NULL;
    for (size_t n = 8; n <= 64; n *= 2)
        kept = realloc(kept, n);
    return p != NULL;
}
