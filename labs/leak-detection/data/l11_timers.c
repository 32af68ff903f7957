// l11_timers.c — Go's unstopped ticker: every "request" registers a timer
// on a global list with a 256-byte context, and nobody ever drains the list.
// All 200 timers and contexts are still reachable at exit.
#include <stdlib.h>

struct timer {
    struct timer *next;
    long when;
    void (*fire)(void *);
    void *ctx;
};

static struct timer *timers;

static void on_tick(void *ctx)
{
    (void)ctx;
}

static void add_timer(long when)
{
    struct timer *t = malloc(sizeof *t);
    t->when = when;
    t->fire = on_tick;
    t->ctx = malloc(256);
    t->next = timers;
    timers = t;
}

int main(void)
{
    for (long i = 0; i < 200; i++)
        add_timer(i * 1000);
    return 0;
}
