// l15_possible_chain.c — valgrind's rule for a chain through an interior
// pointer: a global points 8 bytes into block A (A possibly lost); A holds
// the start of block B; B holds a pointer into the middle of block C.
// A start pointer found in any scanned block makes its target reachable.
#include <stdlib.h>

static char *into_a;

int main(void)
{
    void **a = malloc(32);
    void **b = malloc(32);
    char *c = malloc(32);
    a[2] = b;
    b[1] = c + 16;
    into_a = (char *)a + 8;
    return 0;
}
