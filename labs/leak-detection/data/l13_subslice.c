// l13_subslice.c — Go's small sub-slice pinning a big array: the program
// keeps a pointer to 16 bytes in the middle of a 64 KiB block and drops the
// pointer to the block's start. valgrind calls it possibly lost (only an
// interior pointer reaches it); in Go it would be reachable and pinned.
#include <stdlib.h>
#include <string.h>

static char *header_view;  // points into the middle of the file buffer

int main(void)
{
    char *file = malloc(64 * 1024);
    memset(file, 'x', 64 * 1024);
    header_view = file + 4096;
    file = NULL;
    return header_view[0] != 'x';
}
