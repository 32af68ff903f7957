// l10_blocked_thread.c — Go's leaked goroutine: a worker thread waits on a
// condition variable that is never signalled, holding a 4 KiB request
// buffer in a local variable. main exits while it still waits. Its stack is
// a root: the buffer is still reachable — and never used again.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static volatile int started;

static void *worker(void *arg)
{
    (void)arg;
    char *request = malloc(4096);
    memset(request, 'r', 4096);
    pthread_mutex_lock(&mu);
    started = 1;
    for (;;)
        pthread_cond_wait(&never, &mu);  // nobody will ever signal
    return request;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (!started)
        usleep(1000);
    pthread_mutex_lock(&mu);  // the worker waits: it released the mutex
    pthread_mutex_unlock(&mu);
    exit(0);
}
