// oomwatch.c — tells the grader when a test ran out of memory. A test's
// address space is limited (RLIMIT_AS, see sandbox.c), so an allocation past
// the limit returns NULL; what the student then sees is usually a crash on the
// NULL pointer. This file wraps malloc, calloc and realloc of the suite binary
// (forwarding to glibc's __libc_* entry points) and writes `oom BYTES` to the
// test's notes when one fails, so the grader can say "exceeded the memory
// limit of N MiB" instead of only "segmentation fault".
//
// The wrappers are weak definitions: a lab that defines its own malloc (say, to
// count allocations) takes precedence without a link error. They are left out
// under AddressSanitizer, whose allocator must own malloc; there the grader
// reads ASan's own out-of-memory reports.
#include <stddef.h>

#include "suitelib.h"

#define MAX_OOM_NOTES 4 // a loop retrying a failed allocation writes only a few

static int oom_fd = -1;

void mls_oomwatch_arm(int notes_fd)
{
    oom_fd = notes_fd;
}

#if !MLS_ASAN
static int oom_notes;
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);

// Writes `oom BYTES` without allocating (the heap is what just failed).
static void note_oom(size_t bytes)
{
    if (oom_fd < 0 || oom_notes >= MAX_OOM_NOTES)
        return;
    oom_notes++;
    char line[48] = "oom\t", digits[24];
    size_t len = 4, n = 0;
    do {
        digits[n++] = (char)('0' + bytes % 10);
        bytes /= 10;
    } while (bytes != 0);
    while (n > 0)
        line[len++] = digits[--n];
    line[len++] = '\n';
    (void)mls_write_all(oom_fd, line, len);
}

__attribute__((weak)) void *malloc(size_t size)
{
    void *p = __libc_malloc(size);
    if (p == NULL && size != 0)
        note_oom(size);
    return p;
}

__attribute__((weak)) void *calloc(size_t n, size_t size)
{
    void *p = __libc_calloc(n, size);
    if (p == NULL && n != 0 && size != 0) {
        size_t total;
        note_oom(__builtin_mul_overflow(n, size, &total) ? (size_t)-1 : total);
    }
    return p;
}

__attribute__((weak)) void *realloc(void *ptr, size_t size)
{
    void *p = __libc_realloc(ptr, size);
    if (p == NULL && size != 0)
        note_oom(size);
    return p;
}
#endif
