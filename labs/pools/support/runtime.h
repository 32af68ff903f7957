// runtime.h — what the pools lab's runtime gives the pools: a processor slot
// per running thread (Go's procPin, which pins a goroutine to its P), and the
// hook through which a debug pool reports a use after put.
#ifndef POOLS_RUNTIME_H
#define POOLS_RUNTIME_H

#include <stddef.h>

// The most threads that may use spools at once (Go's GOMAXPROCS, fixed).
#define POOLS_MAX_PROCS 64

// pools_proc_id — the calling thread's slot in [0, POOLS_MAX_PROCS): no two
// running threads share one, and a thread keeps its slot until it exits
// (its slot is then free for a new thread). A 65th live thread aborts with
// a message. Cheap after the first call (a thread-local read).
static inline int pools_proc_id(void);

// pools_procs — one more than the highest slot any thread has had: a pool
// that visits every slot (to steal) need not look past it. Never decreases.
static inline int pools_procs(void);

// pools_fault — report that `what` (e.g. "fixpool_get") found object `obj`
// written `offset` bytes in after it was put back. The handler installed
// with pools_set_fault_handler is called; the default one prints the fault
// on stderr and aborts.
void pools_fault(const char *what, const void *obj, size_t offset);

typedef void (*pools_fault_fn)(const char *what, const void *obj, size_t offset);
// pools_set_fault_handler — install fn (NULL: the default) and return the
// previous handler.
pools_fault_fn pools_set_fault_handler(pools_fault_fn fn);

// ---- inline part ----------------------------------------------------------
extern __thread int pools_proc_id_tls; // slot + 1; 0 before the first call
extern int pools_procs_hwm;            // pools_procs(), atomically updated
int pools_proc_id_slow(void);

static inline int pools_procs(void)
{
    return __atomic_load_n(&pools_procs_hwm, __ATOMIC_ACQUIRE);
}

static inline int pools_proc_id(void)
{
    int id = pools_proc_id_tls;
    return id ? id - 1 : pools_proc_id_slow();
}

#endif
