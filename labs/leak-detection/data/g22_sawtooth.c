// g22_sawtooth.c — a sawtooth: a batch list grows to 150 records and is
// freed, ten times over. The heap rises and falls but does not grow; the
// detectors must stay quiet.
#include <stdlib.h>

struct rec {
    struct rec *next;
    char data[56];
};

int main(void)
{
    for (int round = 0; round < 10; round++) {
        struct rec *batch = NULL;
        for (int i = 0; i < 150; i++) {
            struct rec *r = malloc(sizeof *r);
            r->next = batch;
            batch = r;
        }
        while (batch) {
            struct rec *n = batch->next;
            free(batch);
            batch = n;
        }
    }
    return 0;
}
