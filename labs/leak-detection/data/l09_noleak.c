// l09_noleak.c — everything allocated is freed: "All heap blocks were freed
// -- no leaks are possible".
#include <stdlib.h>
#include <string.h>

int main(void)
{
    void *v[50];
    for (int i = 0; i < 50; i++)
        v[i] = calloc(1, (size_t)(i + 1) * 8);
    for (int i = 0; i < 50; i++) {
        v[i] = realloc(v[i], 1000);
        memset(v[i], 0, 1000);
    }
    for (int i = 49; i >= 0; i--)
        free(v[i]);
    return 0;
}
