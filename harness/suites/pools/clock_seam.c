// clock_seam.c — a clock reading the suite chooses, for the deadline test of
// bpool_get (bpool.c).
//
// A timed bpool_get reads CLOCK_MONOTONIC and waits until that reading plus
// its timeout. Whether the deadline is right for every reading — in
// particular for a reading whose nanoseconds and the timeout's add up to
// exactly one second, where the sum must carry into the seconds — cannot be
// tested on the real clock: the test cannot pick the nanosecond at which
// bpool_get reads it. This file defines clock_gettime for the suite's binary
// (a definition in the executable takes precedence over the C library's for
// every caller, the student's pools.c included) and forwards every call to
// the C library's clock_gettime, except one call the test arms:
//
//   suite_clock_repeat(at)  the calling thread's next CLOCK_MONOTONIC reading
//                           returns `at`, an earlier reading of that clock
//                           the test took, instead of the time now
//   suite_clock_disarm()    ends that, and says whether a reading returned
//                           `at`
//
// Invariant: a reading the seam returns is one the clock really showed, and
// no earlier than one the same thread had seen before, so the clock still
// never goes backwards for the code under test; it only looks as if that
// code read the clock at the instant `at`. Only the arming thread is
// affected (the state is thread-local), and an unarmed call costs one
// indirect call more than the C library's.
#include <dlfcn.h>
#include <stdbool.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "pools_suite.h"

typedef int (*clock_fn_t)(clockid_t, struct timespec *);

static __thread bool armed, used;
static __thread struct timespec repeat_at;

// real_clock_gettime — the C library's clock_gettime (the next definition
// after the executable's), found once; a system call if it cannot be found.
static int real_clock_gettime(clockid_t clk, struct timespec *ts)
{
    static clock_fn_t real;
    clock_fn_t f = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!f) {
        *(void **)&f = dlsym(RTLD_NEXT, "clock_gettime");
        if (!f)
            return (int)syscall(SYS_clock_gettime, clk, ts);
        __atomic_store_n(&real, f, __ATOMIC_RELEASE);
    }
    return f(clk, ts);
}

// clock_gettime — the C library's reading, or, once after
// suite_clock_repeat on this thread, the armed CLOCK_MONOTONIC reading.
int clock_gettime(clockid_t clk, struct timespec *ts)
{
    if (armed && clk == CLOCK_MONOTONIC) {
        armed = false;
        used = true;
        *ts = repeat_at;
        return 0;
    }
    return real_clock_gettime(clk, ts);
}

void suite_clock_repeat(struct timespec at)
{
    repeat_at = at;
    used = false;
    armed = true;
}

bool suite_clock_disarm(void)
{
    armed = false;
    return used;
}
