// facts.c — support for the layout lab: what the running program knows about
// its own layout that /proc/self/maps does not say, and the text format in
// which recorded facts are kept beside recorded maps (data/*.facts).
//
// Three sources, none of them the maps file:
//   - the linker's symbols. GNU ld's default script defines
//     __executable_start (the first byte of the image), etext (the end of
//     the code), edata (the end of the initialized data), __bss_start and
//     end (the bss). Their addresses are where the program really is.
//   - the thread library. pthread_getattr_np tells a thread where its stack
//     is; the kernel stopped labelling thread stacks in maps in Linux 4.5.
//   - the dynamic linker. dl_iterate_phdr lists the loaded modules; for each
//     module with a PT_TLS segment it gives the calling thread's copy of
//     that segment (dlpi_tls_data). The union of those copies is the
//     thread's static TLS block (x86-64 puts it just below the thread
//     pointer, so a thread's TLS sits at the top of its stack mapping).
// Threads must record themselves: only a thread can ask for its own TLS.
#include "layout.h"

#include <errno.h>
#include <inttypes.h>
#include <link.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// The linker's symbols: only their addresses mean anything.
extern char __executable_start[], etext[], edata[], __bss_start[], end[];

static pthread_mutex_t facts_lock = PTHREAD_MUTEX_INITIALIZER;

static const char deleted_suffix[] = " (deleted)";

// strip_deleted — remove the kernel's " (deleted)" suffix from `path`.
static void strip_deleted(char *path)
{
    size_t n = strlen(path), k = sizeof deleted_suffix - 1;
    if (n > k && strcmp(path + n - k, deleted_suffix) == 0)
        path[n - k] = '\0';
}

// tls_span — dl_iterate_phdr callback: widen [lo, hi) (two uintptr_t in
// `arg`) to cover this module's TLS copy for the calling thread, if any.
static int tls_span(struct dl_phdr_info *info, size_t size, void *arg)
{
    uintptr_t *span = arg;
    (void)size;
    if (info->dlpi_tls_data == NULL)
        return 0;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_TLS || ph->p_memsz == 0)
            continue;
        uintptr_t lo = (uintptr_t)info->dlpi_tls_data, hi = lo + ph->p_memsz;
        if (span[0] == 0 || lo < span[0])
            span[0] = lo;
        if (hi > span[1])
            span[1] = hi;
    }
    return 0;
}

// record_self — fill `t` with the calling thread's stack and TLS. Returns 0,
// or -1 when the thread library cannot say where the stack is.
static int record_self(layout_thread_t *t)
{
    memset(t, 0, sizeof *t);
    t->tid = gettid();
    t->is_main = t->tid == getpid();
    if (!t->is_main) {
        pthread_attr_t attr;
        void *addr;
        size_t size;
        if (pthread_getattr_np(pthread_self(), &attr) != 0)
            return -1;
        int rc = pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
        if (rc != 0)
            return -1;
        t->stack_lo = (uintptr_t)addr;
        t->stack_hi = (uintptr_t)addr + size;
    }
    uintptr_t span[2] = { 0, 0 };
    dl_iterate_phdr(tls_span, span);
    t->tls_lo = span[0];
    t->tls_hi = span[1];
    return 0;
}

// layout_facts_init — symbols, own path and the calling thread.
void layout_facts_init(layout_facts_t *f)
{
    memset(f, 0, sizeof *f);
    f->executable_start = (uintptr_t)__executable_start;
    f->etext = (uintptr_t)etext;
    f->edata = (uintptr_t)edata;
    f->bss_start = (uintptr_t)__bss_start;
    f->end = (uintptr_t)end;
    ssize_t n = readlink("/proc/self/exe", f->exe_path, sizeof f->exe_path - 1);
    f->exe_path[n > 0 ? n : 0] = '\0';
    strip_deleted(f->exe_path);
    layout_facts_add_thread(f);
}

// layout_facts_add_thread — record the calling thread (under a lock, so
// several threads may record themselves into the same facts at once).
int layout_facts_add_thread(layout_facts_t *f)
{
    layout_thread_t t;
    if (record_self(&t) != 0)
        return -1;
    pthread_mutex_lock(&facts_lock);
    int i = -1;
    if (f->nthreads < LAYOUT_MAX_THREADS) {
        i = (int)f->nthreads++;
        f->threads[i] = t;
    }
    pthread_mutex_unlock(&facts_lock);
    return i;
}

// ---- the facts file format ------------------------------------------------------
//
//   # comment
//   exe /path/to/program                 (the rest of the line, spaces allowed)
//   executable_start 0x55d0c1a00000      (likewise etext, edata, bss_start, end)
//   thread 1234 main 0x0 0x0 0x7f..6a8 0x7f..740
//          tid  main|other  stack_lo stack_hi tls_lo tls_hi

// layout_facts_write — the format above; -1 when the stream reports an error.
int layout_facts_write(const layout_facts_t *f, FILE *out)
{
    fprintf(out, "# memlab layout facts: what the program knew about itself\n");
    fprintf(out, "exe %s\n", f->exe_path);
    fprintf(out, "executable_start 0x%" PRIxPTR "\n", f->executable_start);
    fprintf(out, "etext 0x%" PRIxPTR "\n", f->etext);
    fprintf(out, "edata 0x%" PRIxPTR "\n", f->edata);
    fprintf(out, "bss_start 0x%" PRIxPTR "\n", f->bss_start);
    fprintf(out, "end 0x%" PRIxPTR "\n", f->end);
    for (size_t i = 0; i < f->nthreads; i++) {
        const layout_thread_t *t = &f->threads[i];
        fprintf(out, "thread %d %s 0x%" PRIxPTR " 0x%" PRIxPTR " 0x%" PRIxPTR " 0x%" PRIxPTR "\n",
                (int)t->tid, t->is_main ? "main" : "other", t->stack_lo, t->stack_hi, t->tls_lo,
                t->tls_hi);
    }
    return ferror(out) ? -1 : 0;
}

// parse_addr — one hexadecimal address ("0x" optional) ending at a space or
// the end of the string; advances *s. Returns 0, or -1 when malformed.
static int parse_addr(char **s, uintptr_t *out)
{
    char *p = *s, *endp;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0' || *p == '-')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(p, &endp, 16);
    if (endp == p || errno != 0 || (*endp != '\0' && *endp != ' ' && *endp != '\t'))
        return -1;
    *out = (uintptr_t)v;
    *s = endp;
    return 0;
}

// parse_thread — "tid main|other stack_lo stack_hi tls_lo tls_hi".
static int parse_thread(char *s, layout_thread_t *t)
{
    char *endp, role[8];
    long tid = strtol(s, &endp, 10);
    int used = 0;
    if (endp == s || tid <= 0 || sscanf(endp, " %7s%n", role, &used) != 1)
        return -1;
    if (strcmp(role, "main") != 0 && strcmp(role, "other") != 0)
        return -1;
    memset(t, 0, sizeof *t);
    t->tid = (pid_t)tid;
    t->is_main = role[0] == 'm';
    s = endp + used;
    if (parse_addr(&s, &t->stack_lo) || parse_addr(&s, &t->stack_hi) ||
        parse_addr(&s, &t->tls_lo) || parse_addr(&s, &t->tls_hi))
        return -1;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s != '\0' || t->stack_lo > t->stack_hi || t->tls_lo > t->tls_hi)
        return -1;
    return 0;
}

// layout_facts_read — the format above; unknown keys and malformed values
// are errors reported as "name:line: what is wrong".
int layout_facts_read(FILE *in, const char *name, layout_facts_t *f, char *err, size_t errlen)
{
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    ssize_t len;
    memset(f, 0, sizeof *f);
    while ((len = getline(&line, &cap, in)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char *val = strchr(line, ' ');
        if (val == NULL) {
            snprintf(err, errlen, "%s:%u: expected 'key value', got '%s'", name, lineno, line);
            goto fail;
        }
        *val++ = '\0';
        uintptr_t *sym = NULL;
        if (strcmp(line, "exe") == 0) {
            if (strlen(val) >= sizeof f->exe_path) {
                snprintf(err, errlen, "%s:%u: path too long", name, lineno);
                goto fail;
            }
            strcpy(f->exe_path, val);
            strip_deleted(f->exe_path);
            continue;
        } else if (strcmp(line, "thread") == 0) {
            if (f->nthreads == LAYOUT_MAX_THREADS) {
                snprintf(err, errlen, "%s:%u: more than %d threads", name, lineno,
                         LAYOUT_MAX_THREADS);
                goto fail;
            }
            if (parse_thread(val, &f->threads[f->nthreads]) != 0) {
                snprintf(err, errlen,
                         "%s:%u: expected 'thread TID main|other STACK_LO STACK_HI TLS_LO TLS_HI'",
                         name, lineno);
                goto fail;
            }
            f->nthreads++;
            continue;
        } else if (strcmp(line, "executable_start") == 0) {
            sym = &f->executable_start;
        } else if (strcmp(line, "etext") == 0) {
            sym = &f->etext;
        } else if (strcmp(line, "edata") == 0) {
            sym = &f->edata;
        } else if (strcmp(line, "bss_start") == 0) {
            sym = &f->bss_start;
        } else if (strcmp(line, "end") == 0) {
            sym = &f->end;
        } else {
            snprintf(err, errlen, "%s:%u: unknown key '%s'", name, lineno, line);
            goto fail;
        }
        char *s = val;
        if (parse_addr(&s, sym) != 0 || *s != '\0') {
            snprintf(err, errlen, "%s:%u: '%s' is not a hexadecimal address", name, lineno, val);
            goto fail;
        }
    }
    free(line);
    if (ferror(in)) {
        snprintf(err, errlen, "%s: read error", name);
        return -1;
    }
    return 0;
fail:
    free(line);
    return -1;
}
