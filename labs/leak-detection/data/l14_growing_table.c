// l14_growing_table.c — Go's global map that only grows: a cache keyed by
// request id, entries added and never evicted; its array is reallocated as
// it grows. 500 entries and the table: still reachable.
#include <stdlib.h>
#include <string.h>

struct entry {
    long id;
    char *value;
};

static struct entry *table;
static size_t len, cap;

static void cache_put(long id)
{
    if (len == cap) {
        cap = cap ? 2 * cap : 8;
        table = realloc(table, cap * sizeof *table);
    }
    table[len].id = id;
    table[len].value = malloc(40);
    memset(table[len].value, 0, 40);
    len++;
}

int main(void)
{
    for (long i = 0; i < 500; i++)
        cache_put(i);
    return 0;
}
