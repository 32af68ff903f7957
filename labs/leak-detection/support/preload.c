// preload.c — the tracker's allocation calls: lib/libleak.so, preloaded into
// any dynamically linked program (LD_PRELOAD), defines malloc, calloc,
// realloc, reallocarray, free, posix_memalign, aligned_alloc, memalign,
// valloc, pvalloc and malloc_usable_size, forwards each to the C library's
// own and feeds the student's table (lk_track_*, leaks.c).
//
// The plumbing, solved here so that leaks.c is only bookkeeping:
//   bootstrap   the real functions come from dlsym(RTLD_NEXT, ...), and
//               dlsym itself calls calloc: while resolving, calloc is served
//               from a static buffer that free() recognises and ignores;
//   reentrancy  a per-thread flag: an allocation made while the tracker
//               is working (capturing a site, writing the report, libc inside
//               the tracker) goes straight to the C library, untracked;
//   threads     one mutex around every table update; realloc holds it across
//               the real call, so an address freed by realloc cannot be
//               handed to another thread and recorded before the table knows;
//   fork        pthread_atfork takes the mutex before fork and releases it in
//               both processes: the child inherits a consistent table (its
//               heap is a copy) and writes its own report at its exit;
//   sites       a frame-pointer walk of the caller's stack, interned into
//               site numbers (support/sites.c);
//   samples     the live bytes, every $LEAK_INTERVAL_MS ms (checked every 64
//               allocation events) or every $LEAK_EVERY events;
//   the end     the library's destructor runs after the program's atexit
//               handlers and destructors: it flushes stdio, lets the C library
//               free its own buffers (__libc_freeres, as valgrind does, when
//               only one thread is left), stops tracking, collects the roots
//               (roots.c), classifies (lk_classify) and writes the report
//               (dump.c). A fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
//               SIGABRT) writes the report, marked crashed, then dies of it.
//               (Best effort: the report is written from the signal handler
//               with functions that are not async-signal-safe; a crash inside
//               glibc's malloc, with its lock held, can hang there.)
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "preload.h"

static struct {
    void *(*malloc)(size_t);
    void *(*calloc)(size_t, size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
    int (*posix_memalign)(void **, size_t, size_t);
    void *(*aligned_alloc)(size_t, size_t);
    void *(*memalign)(size_t, size_t);
    void *(*valloc)(size_t);
    void *(*pvalloc)(size_t);
    size_t (*usable)(void *);
} real;

static int resolving;

// The reentrancy guard: the threads now inside the tracker, by pthread_self()
// (a thread-local flag would make the library a TLS module, which changes
// the size of every thread's DTV that the program's report would show).
#define GUARD_SLOTS 4096
#define GUARD_PROBE 16
static uintptr_t guard[GUARD_SLOTS];

static size_t guard_home(uintptr_t self)
{
    return (size_t)((self * 0x9E3779B97F4A7C15ull) >> 52) & (GUARD_SLOTS - 1);
}

static int inside(void)
{
    uintptr_t self = (uintptr_t)pthread_self();
    size_t h = guard_home(self);
    for (size_t k = 0; k < GUARD_PROBE; k++)
        if (__atomic_load_n(&guard[(h + k) & (GUARD_SLOTS - 1)], __ATOMIC_RELAXED) == self)
            return 1;
    return 0;
}

static void enter(void)
{
    uintptr_t self = (uintptr_t)pthread_self();
    size_t h = guard_home(self);
    for (;;)
        for (size_t k = 0; k < GUARD_PROBE; k++) {
            uintptr_t zero = 0;
            if (__atomic_compare_exchange_n(&guard[(h + k) & (GUARD_SLOTS - 1)], &zero, self, false,
                                            __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
                return;
        }
}

static void leave(void)
{
    uintptr_t self = (uintptr_t)pthread_self();
    size_t h = guard_home(self);
    for (size_t k = 0; k < GUARD_PROBE; k++)
        if (guard[(h + k) & (GUARD_SLOTS - 1)] == self) {
            __atomic_store_n(&guard[(h + k) & (GUARD_SLOTS - 1)], 0, __ATOMIC_RELEASE);
            return;
        }
}
static volatile int active; // tracking on (after the constructor, before the end)
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static lk_counters_t counters;

// ---- bootstrap -------------------------------------------------------------------

static _Alignas(16) char boot_buf[64 * 1024];
static size_t boot_used;

static int is_boot(const void *p)
{
    return (const char *)p >= boot_buf && (const char *)p < boot_buf + sizeof boot_buf;
}

static void *boot_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (boot_used + n > sizeof boot_buf)
        return NULL;
    void *p = boot_buf + boot_used;
    boot_used += n;
    return p; // static storage: already zero
}

static void resolve(void)
{
    if (real.free || resolving)
        return;
    resolving = 1;
    real.calloc = dlsym(RTLD_NEXT, "calloc");
    real.malloc = dlsym(RTLD_NEXT, "malloc");
    real.realloc = dlsym(RTLD_NEXT, "realloc");
    real.posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    real.aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
    real.memalign = dlsym(RTLD_NEXT, "memalign");
    real.valloc = dlsym(RTLD_NEXT, "valloc");
    real.pvalloc = dlsym(RTLD_NEXT, "pvalloc");
    real.usable = dlsym(RTLD_NEXT, "malloc_usable_size");
    real.free = dlsym(RTLD_NEXT, "free");
    resolving = 0;
    if (!real.malloc || !real.free || !real.calloc || !real.realloc) {
        static const char msg[] = "libleak: cannot find the C library's malloc\n";
        ssize_t r = write(2, msg, sizeof msg - 1);
        (void)r;
        _exit(127);
    }
}

// ---- samples -----------------------------------------------------------------------

static lk_sample_t *samples;
static size_t nsamples, samples_cap;
static struct timespec t0;
static double interval_ms = 10;
static unsigned long every; // sample every N events instead of by time
static unsigned long events;
static double last_ms = -1e9;

const lk_sample_t *lk_samples(size_t *n)
{
    *n = nsamples;
    return samples;
}

lk_counters_t lk_counters(void)
{
    return counters;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0.tv_sec) * 1e3 + (double)(t.tv_nsec - t0.tv_nsec) / 1e6;
}

static void add_sample(double ms)
{
    if (nsamples == samples_cap) {
        size_t cap = samples_cap ? 2 * samples_cap : 4096;
        lk_sample_t *s = lk_mem_alloc(cap * sizeof *s);
        if (!s)
            return;
        if (samples) {
            memcpy(s, samples, nsamples * sizeof *s);
            lk_mem_free(samples, samples_cap * sizeof *s);
        }
        samples = s;
        samples_cap = cap;
    }
    samples[nsamples++] = (lk_sample_t){ ms, counters.live_bytes };
    last_ms = ms;
}

// Called under the lock after every tracked event.
static void maybe_sample(void)
{
    events++;
    if (every) {
        if (events % every == 0)
            add_sample(now_ms());
    } else if ((events & 63) == 0) {
        double ms = now_ms();
        if (ms - last_ms >= interval_ms)
            add_sample(ms);
    }
}

// ---- recording ---------------------------------------------------------------------

static void record_alloc(void *p, size_t n, uintptr_t *fp)
{
    uintptr_t pc[LK_MAX_FRAMES];
    enter();
    int depth = lk_site_walk(pc, fp);
    pthread_mutex_lock(&lock);
    if (active) {
        lk_track_alloc((uintptr_t)p, n, lk_site_intern(pc, depth));
        counters.allocs++;
        counters.bytes_allocated += n;
        counters.live_bytes += n;
        maybe_sample();
    }
    pthread_mutex_unlock(&lock);
    leave();
}

#define TRACKING() (active && !inside())

// Every block is asked of the C library one word longer than the program
// asked for: glibc keeps the next chunk's header in the last word of a
// block's usable space, and its free lists (roots in libc's .data) point at
// those headers — inside the block, for a scanner — where valgrind, which
// replaces the allocator, sees nothing.
#define PAD(n) ((n) + 8 < (n) ? (n) : (n) + 8)
#define FRAME() ((uintptr_t *)__builtin_frame_address(0))

void *malloc(size_t n)
{
    resolve();
    if (!real.malloc)
        return boot_alloc(n);
    void *p = real.malloc(PAD(n));
    if (p && TRACKING())
        record_alloc(p, n, FRAME());
    return p;
}

void *calloc(size_t k, size_t n)
{
    resolve();
    if (!real.calloc)
        return boot_alloc(k * n); // dlsym's own calloc, while resolving
    size_t total;
    if (__builtin_mul_overflow(k, n, &total))
        return real.calloc(k, n); // fails as the C library says
    void *p = real.calloc(1, PAD(total));
    if (p && TRACKING())
        record_alloc(p, total, FRAME());
    return p;
}

void free(void *p)
{
    if (!p || is_boot(p))
        return;
    resolve();
    if (TRACKING()) {
        enter();
        lk_block_t b;
        pthread_mutex_lock(&lock);
        if (lk_track_free((uintptr_t)p, &b)) {
            counters.frees++;
            counters.live_bytes -= b.size;
            maybe_sample();
        }
        pthread_mutex_unlock(&lock);
        leave();
    }
    real.free(p);
}

static void *realloc_at(void *p, size_t n, uintptr_t *fp)
{
    resolve();
    if (is_boot(p)) { // a bootstrap block grows into a real one
        void *q = malloc(n);
        if (q)
            memcpy(q, p, n < sizeof boot_buf ? n : sizeof boot_buf);
        return q;
    }
    if (!TRACKING())
        return real.realloc(p, n == 0 ? 0 : PAD(n));
    uintptr_t pc[LK_MAX_FRAMES];
    enter();
    int depth = lk_site_walk(pc, fp);
    pthread_mutex_lock(&lock);
    void *q = real.realloc(p, n == 0 ? 0 : PAD(n));
    if (active) {
        uint32_t site = lk_site_intern(pc, depth);
        lk_block_t old;
        if (q) { // a new block (realloc(NULL, n)), moved, or resized in place
            int had = p && lk_track_lookup((uintptr_t)p, &old);
            if (p)
                lk_track_realloc((uintptr_t)p, (uintptr_t)q, n, site);
            else
                lk_track_alloc((uintptr_t)q, n, site);
            counters.allocs++;
            counters.frees += p != NULL;
            counters.bytes_allocated += n;
            counters.live_bytes += n - (had ? old.size : 0);
        } else if (p && n == 0 && lk_track_free((uintptr_t)p, &old)) { // realloc(p, 0) freed p
            counters.frees++;
            counters.live_bytes -= old.size;
        }
        maybe_sample();
    }
    pthread_mutex_unlock(&lock);
    leave();
    return q;
}

void *realloc(void *p, size_t n)
{
    return realloc_at(p, n, FRAME());
}

void *reallocarray(void *p, size_t k, size_t n)
{
    size_t total;
    if (__builtin_mul_overflow(k, n, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc_at(p, total, FRAME());
}

int posix_memalign(void **out, size_t align, size_t n)
{
    resolve();
    int rc = real.posix_memalign(out, align, PAD(n));
    if (rc == 0 && *out && TRACKING())
        record_alloc(*out, n, FRAME());
    return rc;
}

void *aligned_alloc(size_t align, size_t n)
{
    resolve();
    void *p = real.aligned_alloc(align, PAD(n));
    if (p && TRACKING())
        record_alloc(p, n, FRAME());
    return p;
}

void *memalign(size_t align, size_t n)
{
    resolve();
    void *p = real.memalign(align, PAD(n));
    if (p && TRACKING())
        record_alloc(p, n, FRAME());
    return p;
}

void *valloc(size_t n)
{
    resolve();
    void *p = real.valloc(PAD(n));
    if (p && TRACKING())
        record_alloc(p, n, FRAME());
    return p;
}

void *pvalloc(size_t n)
{
    resolve();
    void *p = real.pvalloc(PAD(n));
    if (p && TRACKING())
        record_alloc(p, n, FRAME());
    return p;
}

size_t malloc_usable_size(void *p)
{
    resolve();
    return p && !is_boot(p) ? real.usable(p) : 0;
}

// ---- the end -----------------------------------------------------------------------

static int finished;
static char out_dir[4096];
static int no_freeres;

const char *lk_out_dir(void)
{
    return out_dir;
}

static int threads_alive(void)
{
    int n = 0;
    char buf[4096];
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 2;
    while (fgets(buf, sizeof buf, f))
        if (sscanf(buf, "Threads: %d", &n) == 1)
            break;
    fclose(f);
    return n;
}

static void finish(const char *end, int sig, const ucontext_t *uc, uintptr_t sp)
{
    if (__atomic_exchange_n(&finished, 1, __ATOMIC_SEQ_CST))
        return;
    if (!uc && threads_alive() == 1) {
        // Like valgrind: the C library frees its own buffers first, so that
        // they are not reported. Tracked frees go on meanwhile.
        extern void __libc_freeres(void) __attribute__((weak));
        fflush(NULL);
        if (__libc_freeres && !no_freeres)
            __libc_freeres();
    }
    enter();
    // A crash may come from inside the tracker, with the lock held by this
    // very thread: wait a little for it, then go on without it.
    int locked = 1;
    if (uc) {
        struct timespec limit;
        clock_gettime(CLOCK_REALTIME, &limit);
        limit.tv_nsec += 200 * 1000 * 1000;
        if (limit.tv_nsec >= 1000000000)
            limit.tv_sec++, limit.tv_nsec -= 1000000000;
        locked = pthread_mutex_timedlock(&lock, &limit) == 0;
    } else {
        pthread_mutex_lock(&lock);
    }
    active = 0;
    add_sample(now_ms());
    size_t n = lk_track_count();
    lk_block_t *blocks = lk_mem_alloc((n + 1) * sizeof *blocks);
    size_t nroots_cap = 4096;
    lk_region_t *roots = lk_mem_alloc(nroots_cap * sizeof *roots);
    if (blocks && roots) {
        n = lk_track_snapshot(blocks, n);
        size_t nroots = lk_roots_collect(roots, nroots_cap, uc, sp, blocks, n);
        lk_classify(roots, nroots, blocks, n);
        lk_roots_release();
        lk_dump_report(end, sig, blocks, n, roots, nroots);
    }
    if (locked)
        pthread_mutex_unlock(&lock);
}

static void on_fatal(int sig, siginfo_t *si, void *ctx)
{
    (void)si;
    finish("crash", sig, ctx, 0);
    signal(sig, SIG_DFL);
    if (sig == SIGABRT)
        raise(sig);
    // Returning re-runs the faulting instruction, which now kills the process.
}

static void atfork_prepare(void)
{
    pthread_mutex_lock(&lock);
}

static void atfork_release(void)
{
    pthread_mutex_unlock(&lock);
}

__attribute__((constructor)) static void lk_start(void)
{
    resolve();
    enter();
    lk_sites_init();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *s = getenv("LEAK_INTERVAL_MS");
    if (s && atof(s) > 0)
        interval_ms = atof(s);
    s = getenv("LEAK_OUT");
    snprintf(out_dir, sizeof out_dir, "%s", s ? s : "");
    no_freeres = getenv("LEAK_NO_FREERES") != NULL;
    s = getenv("LEAK_EVERY");
    if (s && atol(s) > 0)
        every = (unsigned long)atol(s);
    pthread_atfork(atfork_prepare, atfork_release, atfork_release);
    static char altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
    sigaltstack(&ss, NULL);
    struct sigaction sa = { .sa_sigaction = on_fatal, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    sigemptyset(&sa.sa_mask);
    int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
        sigaction(fatal[i], &sa, NULL);
    add_sample(0);
    leave();
    active = 1;
}

// ---- the dead stack --------------------------------------------------------------
// memcheck only follows words whose value is defined; the C stack below the
// current frame is full of stale pointers from earlier calls that the exit
// path's frames then reuse without writing. Zeroing the main thread's dead
// stack when main returns or calls exit gives those frames the same blank
// slate as valgrind's view of them.

__attribute__((noinline)) static void scrub_dead_stack(void)
{
    extern void *__libc_stack_end;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if ((uintptr_t)__libc_stack_end - here > (1ul << 22))
        return; // not the main thread
    volatile char dead[256 * 1024];
    memset((char *)dead, 0, sizeof dead);
    __asm__ volatile("" ::"r"(dead) : "memory");
}

static int (*real_main)(int, char **, char **);

static int main_then_scrub(int argc, char **argv, char **envp)
{
    int rc = real_main(argc, argv, envp);
    scrub_dead_stack();
    return rc;
}

int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
    int (*next)(int (*)(int, char **, char **), int, char **, void (*)(void), void (*)(void),
                void (*)(void), void *) = dlsym(RTLD_NEXT, "__libc_start_main");
    real_main = main;
    return next(main_then_scrub, argc, argv, init, fini, rtld_fini, stack_end);
}

void exit(int status)
{
    void (*next)(int) __attribute__((noreturn)) = dlsym(RTLD_NEXT, "exit");
    scrub_dead_stack();
    next(status);
}

__attribute__((destructor)) static void lk_end(void)
{
    finish("exit", 0, NULL, (uintptr_t)__builtin_frame_address(0));
}
