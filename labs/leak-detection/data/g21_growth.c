// g21_growth.c — a growth workload: every iteration churns a few temporary
// blocks and keeps one 64-byte record on a global list that is never
// trimmed. The heap grows steadily; both detectors must flag it.
#include <stdlib.h>
#include <string.h>

struct rec {
    struct rec *next;
    char data[56];
};

static struct rec *history;

int main(void)
{
    for (int i = 0; i < 3000; i++) {
        char *tmp = malloc(200);
        memset(tmp, i, 200);
        free(tmp);
        struct rec *r = malloc(sizeof *r);
        r->next = history;
        history = r;
    }
    return 0;
}
