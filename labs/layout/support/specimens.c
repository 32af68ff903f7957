// specimens.c — the layout program's example objects: one of each kind of
// memory, placed on purpose, each with the kind it is by construction (the
// C language and the toolchain decide that, not the maps file):
//
//   function      a function's code                      text
//   literal       a string literal                       rodata
//   const-global  a const array                          rodata
//   global        a global initialized to 42             data
//   zero-global   a global left zero                     bss
//   local         a local variable of main               stack
//   small-malloc  malloc(64)                             heap (below the program break)
//   large-malloc  malloc(4 MiB)                          mmap (above the threshold)
//   mmap          an anonymous mmap                      mmap
//   thread-local  a local variable of another thread     thread-stack
//   tls           main's copy of a __thread variable     tls
//   thread-tls    the other thread's copy of it          tls
//   libc-code     getpid's code (via dlsym)              library
//   libc-data     the FILE that stdout points to         library
//   vdso          the vdso's ELF header (AT_SYSINFO_EHDR) vdso
//   memfd         a mapping of a memfd file              file (its path ends " (deleted)")
//   null          the address 0                          unmapped
//
// A malloc'd block is "heap" when it lies between the end of the program's
// bss and the current program break (sbrk(0)) — where brk memory is by
// definition — and "mmap" otherwise (under AddressSanitizer every malloc is).
#include "support/program.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

// The objects that the compiler and linker place.
int layout_demo_global = 42;
int layout_demo_zero_global;
const int layout_demo_table[4] = { 2, 3, 5, 7 };
__thread int layout_demo_tls = 1;

#define MEMFD_BYTES 4096
#define MMAP_BYTES 4096
#define SMALL_BYTES 64
#define LARGE_BYTES ((size_t)4 << 20)

struct layout_specimens {
    layout_specimen_t items[LAYOUT_MAX_SPECIMENS];
    size_t n;
    void *small, *large, *anon, *file;
    layout_facts_t *facts;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool ready, release, thread_ok;
    uintptr_t thread_local, thread_tls;
};

// demo_function — a function whose code the program points at. noinline
// keeps it a function of its own.
__attribute__((noinline)) static int demo_function(int x)
{
    return x * 3 + 1;
}

// thread_main — record this thread in the facts, publish the address of a
// local and of this thread's copy of the __thread variable, and wait until
// released so that the stack stays alive while the program looks at it.
static void *thread_main(void *arg)
{
    layout_specimens_t *s = arg;
    volatile int local = 7;
    bool ok = layout_facts_add_thread(s->facts) >= 0;
    pthread_mutex_lock(&s->lock);
    s->thread_ok = ok;
    s->thread_local = (uintptr_t)&local;
    s->thread_tls = (uintptr_t)&layout_demo_tls;
    s->ready = true;
    pthread_cond_broadcast(&s->cond);
    while (!s->release)
        pthread_cond_wait(&s->cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

// add — append one specimen.
static void add(layout_specimens_t *s, const char *id, const char *what, const void *addr,
                layout_kind_t expected)
{
    if (s->n < LAYOUT_MAX_SPECIMENS)
        s->items[s->n++] = (layout_specimen_t){ id, what, (uintptr_t)addr, expected };
}

// malloc_kind — heap when the block lies in the brk area, mmap otherwise.
static layout_kind_t malloc_kind(const void *p)
{
    extern char end[];
    uintptr_t a = (uintptr_t)p;
    return a >= (uintptr_t)end && a < (uintptr_t)sbrk(0) ? LAYOUT_HEAP : LAYOUT_MMAP;
}

// map_memfd — a shared mapping of a fresh memfd file, or NULL.
static void *map_memfd(void)
{
    int fd = memfd_create("layout-demo", MFD_CLOEXEC);
    if (fd < 0)
        return NULL;
    void *p = NULL;
    if (ftruncate(fd, MEMFD_BYTES) == 0)
        p = mmap(NULL, MEMFD_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

// layout_specimens_start — everything of the table above.
layout_specimens_t *layout_specimens_start(layout_facts_t *facts, void *main_local)
{
    layout_specimens_t *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->facts = facts;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    s->small = malloc(SMALL_BYTES);
    s->large = malloc(LARGE_BYTES);
    s->anon = mmap(NULL, MMAP_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (s->anon == MAP_FAILED)
        s->anon = NULL;
    s->file = map_memfd();
    if (s->small == NULL || s->large == NULL || s->anon == NULL ||
        pthread_create(&s->thread, NULL, thread_main, s) != 0)
        goto fail;
    pthread_mutex_lock(&s->lock);
    while (!s->ready)
        pthread_cond_wait(&s->cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
    if (!s->thread_ok) {
        layout_specimens_stop(s);
        return NULL;
    }
    // The compiler must not fold these away: read them through volatile.
    const char *volatile lit = "hello, layout";
    volatile int keep = demo_function(layout_demo_table[1]);
    (void)keep;

    add(s, "function", "a function's code", (const void *)demo_function, LAYOUT_TEXT);
    add(s, "literal", "a string literal", lit, LAYOUT_RODATA);
    add(s, "const-global", "a const global array", layout_demo_table, LAYOUT_RODATA);
    add(s, "global", "a global initialized to 42", &layout_demo_global, LAYOUT_DATA);
    add(s, "zero-global", "a global left zero", &layout_demo_zero_global, LAYOUT_BSS);
    add(s, "local", "a local variable of main", main_local, LAYOUT_STACK);
    add(s, "small-malloc", "malloc(64)", s->small, malloc_kind(s->small));
    add(s, "large-malloc", "malloc(4 MiB)", s->large, malloc_kind(s->large));
    add(s, "mmap", "an anonymous mmap of one page", s->anon, LAYOUT_MMAP);
    add(s, "thread-local", "a local variable of another thread", (void *)s->thread_local,
        LAYOUT_THREAD_STACK);
    add(s, "tls", "main's copy of a __thread variable", &layout_demo_tls, LAYOUT_TLS);
    add(s, "thread-tls", "the other thread's copy of it", (void *)s->thread_tls, LAYOUT_TLS);
    void *code = dlsym(RTLD_DEFAULT, "getpid");
    if (code != NULL)
        add(s, "libc-code", "the C library's getpid", code, LAYOUT_LIBRARY);
    add(s, "libc-data", "the FILE that stdout points to", stdout, LAYOUT_LIBRARY);
    unsigned long vdso = getauxval(AT_SYSINFO_EHDR);
    if (vdso != 0)
        add(s, "vdso", "the vdso (the kernel's code in user space)", (void *)vdso, LAYOUT_VDSO);
    if (s->file != NULL)
        add(s, "memfd", "a mapped memfd file", s->file, LAYOUT_FILE);
    add(s, "null", "the address 0 (NULL)", NULL, LAYOUT_UNMAPPED);
    return s;
fail:
    free(s->small);
    free(s->large);
    if (s->anon != NULL)
        munmap(s->anon, MMAP_BYTES);
    if (s->file != NULL)
        munmap(s->file, MEMFD_BYTES);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    free(s);
    return NULL;
}

// layout_specimens_list — the objects in the order they were added.
const layout_specimen_t *layout_specimens_list(const layout_specimens_t *s, size_t *n)
{
    *n = s->n;
    return s->items;
}

// layout_specimens_stop — let the thread finish, then free everything.
void layout_specimens_stop(layout_specimens_t *s)
{
    if (s == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    s->release = true;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    free(s->small);
    free(s->large);
    munmap(s->anon, MMAP_BYTES);
    if (s->file != NULL)
        munmap(s->file, MEMFD_BYTES);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    free(s);
}
