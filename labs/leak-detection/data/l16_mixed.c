// l16_mixed.c — the four kinds in one program: a lost list of 5 (1 definite,
// 4 indirect), an interior-only block (possible), a global block (reachable).
#include <stdlib.h>

struct link {
    struct link *next;
    long v[3];
};

static void *global_block;
static char *global_inside;

int main(void)
{
    struct link *head = NULL;
    for (int i = 0; i < 5; i++) {
        struct link *l = malloc(sizeof *l);
        l->next = head;
        head = l;
    }
    head = NULL;
    global_inside = (char *)malloc(100) + 50;
    global_block = malloc(77);
    return head != NULL;
}
