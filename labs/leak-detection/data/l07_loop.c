// l07_loop.c — a loop leaks 100 blocks of 16 bytes from one site: one
// record, "1,600 bytes in 100 blocks".
#include <stdlib.h>
#include <string.h>

static void handle_request(int i)
{
    char *scratch = malloc(16);
    memset(scratch, i, 16);
    // forgot free(scratch)
}

int main(void)
{
    for (int i = 0; i < 100; i++)
        handle_request(i);
    return 0;
}
