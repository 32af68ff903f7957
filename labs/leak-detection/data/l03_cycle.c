// l03_cycle.c — two blocks pointing at each other and nothing else pointing
// at them: a cycle is no defence. One is definitely lost (the one with the
// lower address leads), the other indirectly lost.
#include <stdlib.h>

struct pair {
    struct pair *other;
    char payload[24];
};

int main(void)
{
    struct pair *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    a->other = b;
    b->other = a;
    a = b = NULL;
    return a != NULL;
}
