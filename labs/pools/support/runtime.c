// runtime.c — processor slots for threads and the use-after-put fault hook
// (see runtime.h).
//
// Slots: a bitmap of POOLS_MAX_PROCS bits under a mutex. A thread's first
// pools_proc_id takes the lowest free bit and remembers it in a thread-local;
// a pthread key's destructor gives it back when the thread exits. The high
// water mark of the slots given (pools_procs) only grows, under the mutex.
#include "support/runtime.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

__thread int pools_proc_id_tls;
int pools_procs_hwm;

static pthread_mutex_t slots_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t slots_used;
static pthread_key_t slot_key;
static pthread_once_t slot_once = PTHREAD_ONCE_INIT;

// release_slot — the key's destructor: the exiting thread's slot is free.
static void release_slot(void *v)
{
    int id = (int)(intptr_t)v - 1;
    pthread_mutex_lock(&slots_mu);
    slots_used &= ~((uint64_t)1 << id);
    pthread_mutex_unlock(&slots_mu);
}

static void make_key(void)
{
    if (pthread_key_create(&slot_key, release_slot) != 0) {
        fprintf(stderr, "pools_proc_id: cannot create a thread key\n");
        abort();
    }
}

int pools_proc_id_slow(void)
{
    _Static_assert(POOLS_MAX_PROCS <= 64, "the slot bitmap is one word");
    pthread_once(&slot_once, make_key);
    pthread_mutex_lock(&slots_mu);
    int id = 0;
    while (id < POOLS_MAX_PROCS && (slots_used >> id & 1))
        id++;
    if (id == POOLS_MAX_PROCS) {
        pthread_mutex_unlock(&slots_mu);
        fprintf(stderr, "pools_proc_id: more than %d threads use pools at once\n", POOLS_MAX_PROCS);
        abort();
    }
    slots_used |= (uint64_t)1 << id;
    if (id + 1 > pools_procs_hwm)
        __atomic_store_n(&pools_procs_hwm, id + 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&slots_mu);
    pthread_setspecific(slot_key, (void *)(intptr_t)(id + 1));
    pools_proc_id_tls = id + 1;
    return id;
}

static void default_fault(const char *what, const void *obj, size_t offset)
{
    fprintf(stderr,
            "%s: object %p was written at byte %zu after it was put back "
            "(a use after put)\n",
            what, obj, offset);
    abort();
}

static pools_fault_fn fault_handler = default_fault;

void pools_fault(const char *what, const void *obj, size_t offset)
{
    fault_handler(what, obj, offset);
}

pools_fault_fn pools_set_fault_handler(pools_fault_fn fn)
{
    pools_fault_fn old = fault_handler;
    fault_handler = fn ? fn : default_fault;
    return old;
}
