// l04_interior.c — a global keeps only a pointer 24 bytes into a 64-byte
// block: possibly lost. A second block is kept through its start: reachable.
#include <stdlib.h>

char *mid;
char *start;

int main(void)
{
    mid = (char *)malloc(64) + 24;
    start = malloc(32);
    return 0;
}
