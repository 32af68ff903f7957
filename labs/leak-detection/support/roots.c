// roots.c — the roots of a process at exit, as memcheck scans them: the
// writable segments of the executable and its libraries (dl_iterate_phdr),
// each live thread's stack from its stack pointer up and its registers, and
// the program's other writable anonymous mappings that hold no heap block.
//
// Steps:
//   1. stop every other thread: a signal (SIGRTMAX - 3) whose handler copies
//      the thread's registers (the ucontext) into a slot and waits there
//      until lk_roots_release; a thread that does not answer within 200 ms
//      (it blocks the signal) is not scanned: without its stack pointer its
//      stack cannot be told from a dead thread's cached one (a known gap);
//   2. parse /proc/self/maps: a thread's stack is the writable mapping that
//      holds its stack pointer, scanned from that pointer to the mapping's
//      end (the thread's TLS sits at the top); a writable anonymous mapping
//      right above a no-access guard page is a thread stack, scanned only if
//      a live thread runs on it (glibc keeps dead threads' stacks cached);
//   3. the segments of lib/libleak.so and every lk_mem region are the lab's
//      own memory: listed, marked own (lk_classify must skip them).
// The registers are copied into a mapping of their own (not own memory).
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "preload.h"

#define MAX_THREADS 256
#define STOP_SIG (SIGRTMAX - 3)

typedef struct parked {
    volatile int tid;
    volatile int answered;
    uintptr_t sp;
    greg_t regs[NGREG];
} parked_t;

static parked_t *park; // its own mapping: a root (registers), not own memory
static volatile int nparked;
static volatile int release_all;

static void on_stop(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    int tid = (int)syscall(SYS_gettid);
    const ucontext_t *uc = ctx;
    for (int i = 0; i < nparked; i++)
        if (park[i].tid == tid) {
            memcpy(park[i].regs, uc->uc_mcontext.gregs, sizeof park[i].regs);
            park[i].sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
            __atomic_store_n(&park[i].answered, 1, __ATOMIC_RELEASE);
            break;
        }
    while (!__atomic_load_n(&release_all, __ATOMIC_ACQUIRE)) {
        struct timespec t = { 0, 1000000 };
        nanosleep(&t, NULL);
    }
}

static void stop_threads(void)
{
    park = mmap(NULL, MAX_THREADS * sizeof *park, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (park == MAP_FAILED) {
        park = NULL;
        return;
    }
    struct sigaction sa = { .sa_sigaction = on_stop, .sa_flags = SA_SIGINFO | SA_RESTART };
    sigfillset(&sa.sa_mask);
    sigaction(STOP_SIG, &sa, NULL);
    int self = (int)syscall(SYS_gettid);
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && nparked < MAX_THREADS) {
        int tid = atoi(e->d_name);
        if (tid <= 0 || tid == self)
            continue;
        park[nparked].tid = tid;
        nparked++;
    }
    closedir(d);
    for (int i = 0; i < nparked; i++)
        if (syscall(SYS_tgkill, getpid(), park[i].tid, STOP_SIG) != 0)
            park[i].answered = -1;
    for (int ms = 0; ms < 200; ms++) {
        int waiting = 0;
        for (int i = 0; i < nparked; i++)
            waiting += __atomic_load_n(&park[i].answered, __ATOMIC_ACQUIRE) == 0;
        if (!waiting)
            break;
        struct timespec t = { 0, 1000000 };
        nanosleep(&t, NULL);
    }
}

void lk_roots_release(void)
{
    __atomic_store_n(&release_all, 1, __ATOMIC_RELEASE);
}

// ---- the segments of loaded objects ----------------------------------------------------

typedef struct collect {
    lk_region_t *out;
    size_t cap, n;
    uintptr_t own_base;
} collect_t;

static void add(collect_t *c, uintptr_t start, uintptr_t end, lk_root_kind_t kind, bool own,
                const char *name)
{
    start = (start + 7) & ~(uintptr_t)7;
    end &= ~(uintptr_t)7;
    if (end <= start || c->n >= c->cap)
        return;
    c->out[c->n++] = (lk_region_t){ start, end, kind, own, name };
}

static char names[64][256];
static int nnames;

static const char *keep_name(const char *fmt, const char *a, unsigned long b)
{
    if (nnames >= 64)
        return "region";
    snprintf(names[nnames], sizeof names[0], fmt, a, b);
    return names[nnames++];
}

static int on_object(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    collect_t *c = arg;
    const char *name = info->dlpi_name && info->dlpi_name[0] ? info->dlpi_name : "the executable";
    bool own = info->dlpi_addr == c->own_base;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
            continue;
        uintptr_t start = info->dlpi_addr + ph->p_vaddr;
        add(c, start, start + ph->p_memsz, LK_ROOT_DATA, own,
            keep_name("%s writable segment %lu", name, (unsigned long)i));
    }
    return 0;
}

// ---- /proc/self/maps -----------------------------------------------------------------------

typedef struct mapping {
    uintptr_t start, end;
    char perms[5];
    char path[160];
} mapping_t;

#define MAX_MAPS 8192
static mapping_t maps[MAX_MAPS];
static size_t nmaps;

static void read_maps(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return;
    char line[512];
    nmaps = 0;
    while (nmaps < MAX_MAPS && fgets(line, sizeof line, f)) {
        mapping_t *m = &maps[nmaps];
        unsigned long s, e;
        int off = 0;
        if (sscanf(line, "%lx-%lx %4s %*s %*s %*s %n", &s, &e, m->perms, &off) < 3)
            continue;
        m->start = s;
        m->end = e;
        snprintf(m->path, sizeof m->path, "%s", line + off);
        m->path[strcspn(m->path, "\n")] = 0;
        nmaps++;
    }
    fclose(f);
}

static long mapping_of(uintptr_t a)
{
    for (size_t i = 0; i < nmaps; i++)
        if (a >= maps[i].start && a < maps[i].end)
            return (long)i;
    return -1;
}

// Does a block of the sorted `blocks` start inside [s, e)?
static bool holds_block(const lk_block_t *b, size_t n, uintptr_t s, uintptr_t e)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b[mid].addr < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && b[lo].addr < e;
}

size_t lk_roots_collect(lk_region_t *out, size_t cap, const ucontext_t *uc, uintptr_t sp,
                        const lk_block_t *blocks, size_t nblocks)
{
    collect_t c = { out, cap, 0, 0 };
    Dl_info self;
    if (dladdr((void *)lk_roots_collect, &self))
        for (struct link_map *lm = _r_debug.r_map; lm; lm = lm->l_next)
            if (lm->l_name && self.dli_fname && strcmp(lm->l_name, self.dli_fname) == 0)
                c.own_base = lm->l_addr;
    stop_threads();
    read_maps();
    dl_iterate_phdr(on_object, &c);

    // The calling thread.
    if (uc)
        sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    bool *is_live_stack = calloc(nmaps ? nmaps : 1, sizeof *is_live_stack);
    long m = mapping_of(sp);
    if (m >= 0) {
        add(&c, sp, maps[m].end, LK_ROOT_STACK, false, "stack of the exiting thread");
        if (is_live_stack)
            is_live_stack[m] = true;
    }
    static greg_t crash_regs[NGREG];
    if (uc) {
        memcpy(crash_regs, uc->uc_mcontext.gregs, sizeof crash_regs);
        add(&c, (uintptr_t)crash_regs, (uintptr_t)(crash_regs + NGREG), LK_ROOT_REGS, false,
            "registers of the crashing thread");
    }
    // The other threads.
    for (int i = 0; i < nparked; i++) {
        parked_t *p = &park[i];
        if (p->answered == 1) {
            add(&c, (uintptr_t)p->regs, (uintptr_t)(p->regs + NGREG), LK_ROOT_REGS, false,
                keep_name("registers of thread %s%lu", "", (unsigned long)p->tid));
            long k = mapping_of(p->sp);
            if (k >= 0) {
                add(&c, p->sp, maps[k].end, LK_ROOT_STACK, false,
                    keep_name("stack of thread %s%lu", "", (unsigned long)p->tid));
                if (is_live_stack)
                    is_live_stack[k] = true;
            }
        }
    }
    // Other writable anonymous memory: not the heap, not a stack, not ours.
    lk_region_t own[1024];
    size_t nown = lk_mem_regions(own, 1024);
    for (size_t i = 0; i < nmaps; i++) {
        mapping_t *mp = &maps[i];
        if (mp->perms[0] != 'r' || mp->perms[1] != 'w')
            continue;
        if (mp->path[0] && strncmp(mp->path, "[anon:", 6) != 0)
            continue; // files (their segments came from dl_iterate_phdr), [heap], [stack]
        if (is_live_stack && is_live_stack[i])
            continue;
        bool guarded =
            i > 0 && maps[i - 1].end == mp->start && strncmp(maps[i - 1].perms, "---", 3) == 0;
        if (guarded)
            continue; // a thread stack, live (done above) or cached
        if ((uintptr_t)park == mp->start)
            continue;
        bool mine = false; // a library's .bss past its file pages is listed already
        for (size_t k = 0; k < c.n && !mine; k++)
            mine = c.out[k].kind == LK_ROOT_DATA && c.out[k].start < mp->end &&
                   c.out[k].end > mp->start;
        for (size_t k = 0; k < nown && k < 1024 && !mine; k++)
            mine = own[k].start < mp->end && own[k].end > mp->start;
        if (mine || holds_block(blocks, nblocks, mp->start, mp->end))
            continue;
        add(&c, mp->start, mp->end, LK_ROOT_ANON, false, "anonymous mapping");
    }
    for (size_t k = 0; k < nown && k < 1024; k++)
        add(&c, own[k].start, own[k].end, LK_ROOT_ANON, true, "the tracker's own table");
    free(is_live_stack);
    return c.n;
}
