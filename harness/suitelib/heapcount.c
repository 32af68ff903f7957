// heapcount.c — counts the heap blocks held by the code linked into a suite
// binary, so that a test can check that the student's functions free what
// they allocate: a leak of a few bytes per call changes no answer, and only
// the allocator can show it.
//
// How: a suite whose lab.mk sets
//     <lab>_SUITE_LDFLAGS := $(ML_HEAP_COUNT_LDFLAGS)
// is linked with -Wl,--wrap for malloc, calloc, realloc, strdup, strndup,
// getline, getdelim, __getdelim and free (glibc's <stdio.h> turns getline
// into a call of __getdelim when it inlines, as it does with -O2). Every call to them from an object linked into
// the suite — the student's file, the lab's support code, the core library,
// the suite itself — then comes here first; the wrappers forward to the C
// library (__real_*) and keep one counter: blocks handed out minus blocks
// given back. getline and getdelim count the buffer they allocate for a
// NULL *lineptr (inside the C library, where malloc is not wrapped), so that
// the caller's free of it balances. Calls made inside shared libraries (the
// C library's own, Criterion's threads) are not wrapped and do not count,
// so the counter moves only with what the suite's own objects ask for.
// Other functions that return memory to be freed (asprintf, realpath with a
// NULL buffer, open_memstream) are not counted: their free lowers the count,
// which is why a test compares "more blocks than before", never "fewer".
//
// Only a suite that calls ml_heap_blocks() pulls this file out of the suite
// library; it must then be linked with every flag of ML_HEAP_COUNT_LDFLAGS
// (the wrappers call __real_* of each). A suite with wrappers of its own for
// these functions (the allocator lab's) must not call ml_heap_blocks().
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "memlab/grade.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
ssize_t __real_getline(char **line, size_t *cap, FILE *f);
ssize_t __real_getdelim(char **line, size_t *cap, int delim, FILE *f);
ssize_t __real___getdelim(char **line, size_t *cap, int delim, FILE *f);
void __real_free(void *p);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
ssize_t __wrap_getline(char **line, size_t *cap, FILE *f);
ssize_t __wrap_getdelim(char **line, size_t *cap, int delim, FILE *f);
ssize_t __wrap___getdelim(char **line, size_t *cap, int delim, FILE *f);
void __wrap_free(void *p);

static atomic_long live; // blocks handed out minus blocks given back

long ml_heap_blocks(void)
{
    return atomic_load(&live);
}

// counted — p, counted as one more block when it is one.
static void *counted(void *p)
{
    if (p != NULL)
        atomic_fetch_add(&live, 1);
    return p;
}

void *__wrap_malloc(size_t n)
{
    return counted(__real_malloc(n));
}

void *__wrap_calloc(size_t n, size_t size)
{
    return counted(__real_calloc(n, size));
}

// realloc: a new block from NULL; glibc frees p for a size of 0 and returns
// NULL; otherwise the block moves or stays, and the count does not change.
void *__wrap_realloc(void *p, size_t n)
{
    void *q = __real_realloc(p, n);
    if (p == NULL && q != NULL)
        atomic_fetch_add(&live, 1);
    else if (p != NULL && n == 0 && q == NULL)
        atomic_fetch_sub(&live, 1);
    return q;
}

char *__wrap_strdup(const char *s)
{
    return counted(__real_strdup(s));
}

char *__wrap_strndup(const char *s, size_t n)
{
    return counted(__real_strndup(s, n));
}

// getdelim, __getdelim and getline allocate a buffer when *line is NULL
// (even when they then return -1 at the end of the file), and may move a
// buffer they grow: only the first is a block more. `fresh` is whether
// *line was NULL before the call.
static ssize_t buffered(ssize_t got, bool fresh, char *const *line)
{
    if (fresh && *line != NULL)
        atomic_fetch_add(&live, 1);
    return got;
}

ssize_t __wrap_getdelim(char **line, size_t *cap, int delim, FILE *f)
{
    bool fresh = *line == NULL;
    return buffered(__real_getdelim(line, cap, delim, f), fresh, line);
}

ssize_t __wrap___getdelim(char **line, size_t *cap, int delim, FILE *f)
{
    bool fresh = *line == NULL;
    return buffered(__real___getdelim(line, cap, delim, f), fresh, line);
}

ssize_t __wrap_getline(char **line, size_t *cap, FILE *f)
{
    bool fresh = *line == NULL;
    return buffered(__real_getline(line, cap, f), fresh, line);
}

void __wrap_free(void *p)
{
    if (p != NULL)
        atomic_fetch_sub(&live, 1);
    __real_free(p);
}
