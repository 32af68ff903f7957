// l05_global.c — a global array keeps ten blocks reachable at exit: still
// reachable, not lost (nothing frees them, but a pointer remains).
#include <stdlib.h>

static void *keep[10];

int main(void)
{
    for (int i = 0; i < 10; i++)
        keep[i] = malloc(100 + i);
    return 0;
}
