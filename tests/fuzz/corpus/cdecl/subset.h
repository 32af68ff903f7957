// subset.h — one of each construct the struct parser accepts (cdecl.h).
#ifndef SUBSET_H
#define SUBSET_H
#include <stdint.h>
#if 0
struct never { int bit : 3; };
#endif
#ifdef __cplusplus
extern "C" {
#endif

enum color { RED, GREEN = 'g', BLUE = 1 << 4, LAST = (BLUE + 1) * 2 - 1 };
typedef enum { ONE = 1, TWO } small_t;
typedef unsigned long long u64;
typedef u64 pair_t[2];
typedef char name_t[sizeof(long) * 2 + sizeof(int[3]) - _Alignof(double)];

struct node;
typedef struct node node_t;

struct node {
    node_t *next, **prev;
    const volatile struct node *restrict peer;
    void (*visit)(struct node *, int (*)(void));
    int (*table[4])(const char *);
    pair_t keys[3][2];
    enum color color;
    small_t size;
    _Alignas(32) uint8_t tag;
    union {
        int64_t i;
        double d;
        long double ld;
    };
    struct {
        short lo, hi;
    } range;
    name_t label;
    _Bool flags[5];
    signed char sc;
    unsigned short us;
    float f;
    ssize_t n;
    char data[];
};

union number {
    int i;
    struct point { int x, y; } pt;
    char bytes[sizeof(double) > 4 ? 8 : 4];
};

_Static_assert(sizeof(int) == 4, "int");
static inline int square(int x) { return x * x; }
extern struct node *head;
int counter = 3, other[2];

#ifdef __cplusplus
}
#endif
#endif
