// l19_crash.c — leaks a block, keeps another, then dereferences NULL: the
// report still comes, and says the program died of SIGSEGV.
#include <stdlib.h>

static void *kept;

int main(void)
{
    void *lost = malloc(123);
    lost = NULL;
    kept = malloc(45);
    volatile int *null = NULL;
    return *null + (lost != NULL);
}
