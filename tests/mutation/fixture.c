// fixture.c — the mutation generator's self-test input (tests/mutation.mk):
// code that must be mutated beside look-alikes that must not be: < in a
// comment, "a < b" in a string, '<' as a character, #include <stdio.h>,
// #define LIMIT (1 < 2), a file-scope table = { 1, 2 }, a struct.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#define LIMIT (1 < 2) /* a < b in a macro
                         continued */
#define TWICE(x) \
    ((x) + (x) > 0)

static const int table[] = { 1, 2, 3 }; // never mutated: not in a body
struct pair {
    int a, b[4];
};
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static atomic_int flag;

int clamp(int v, int lo)
{
    const char *s = "v < lo && x"; /* v <= lo || y */
    char c = '<';
    (void)s, (void)c;
    if (v < lo && lo != 0)
        v = lo;
    return v;
}

int sum(const int *a, int n)
{
    int t = 0;
    for (int i = 0; i < n; i++)
        t += a[i];
    do
        t--;
    while (t > 0x10);
    switch (n) {
    case 2: t++; break;
    default: break;
    }
    return t;
}

void locked_inc(int *x)
{
    pthread_mutex_lock(&mu);
    (*x)++;
    pthread_mutex_unlock(&mu);
    atomic_store_explicit(&flag, 1, memory_order_release);
}
