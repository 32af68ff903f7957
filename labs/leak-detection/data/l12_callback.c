// l12_callback.c — Go's closure holding a big object: a registered callback
// keeps a context that points at a 1 MiB buffer the callback never reads.
// Still reachable at exit through the global handler table.
#include <stdlib.h>
#include <string.h>

struct ctx {
    char *big;
    int id;
};

struct handler {
    void (*fn)(struct ctx *);
    struct ctx *ctx;
};

static struct handler handlers[4];

static void only_reads_id(struct ctx *c)
{
    (void)c->id;
}

int main(void)
{
    struct ctx *c = malloc(sizeof *c);
    c->big = malloc(1 << 20);
    memset(c->big, 0, 1 << 20);
    c->id = 7;
    handlers[0] = (struct handler){only_reads_id, c};
    handlers[0].fn(handlers[0].ctx);
    return 0;
}
