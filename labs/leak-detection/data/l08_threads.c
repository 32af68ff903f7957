// l08_threads.c — four threads each leak one block and keep one in a global
// slot; all are joined before exit.
#include <pthread.h>
#include <stdlib.h>

static void *slots[4];

static void *worker(void *arg)
{
    long i = (long)arg;
    void *lost = malloc(48 + (size_t)i);
    (void)lost;
    slots[i] = malloc(200);
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
