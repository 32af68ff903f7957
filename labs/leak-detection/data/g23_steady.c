// g23_steady.c — a steady workload: a ring of 64 buffers, each iteration
// replaces one. The live heap stays flat; the detectors must stay quiet.
#include <stdlib.h>

static void *ring[64];

int main(void)
{
    for (int i = 0; i < 3000; i++) {
        free(ring[i % 64]);
        ring[i % 64] = malloc(100);
    }
    for (int i = 0; i < 64; i++)
        free(ring[i]);
    return 0;
}
