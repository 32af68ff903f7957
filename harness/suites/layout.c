// layout.c — the grading suite of the layout lab (labs/layout/README.md).
//
// The ground truth never comes from the student's code and never from a
// table typed in here; it comes from this machine:
//   - the kernel's /proc/self/maps, read by the suite's own small parser
//     (oracle_*), so that classification is graded even when the student's
//     parser is broken, and parsing is graded against what the kernel said;
//   - objects the tests create and therefore know: functions, literals,
//     globals, locals, sbrk'd and mmap'd memory, mapped files, a thread with
//     its stack and thread-local variables, the linker's symbols;
//   - the dynamic linker (dl_iterate_phdr) for libraries, the auxiliary
//     vector for the vdso;
//   - binutils' `size` run on the same files;
//   - malloc itself, probed by the suite, for the mmap threshold;
//   - two real runs of the lab's program for ASLR.
// Recorded maps files (labs/layout/data/*.maps, with *.facts and *.expect)
// cover what this machine does not show: old kernels, deleted files, paths
// with spaces, pseudo-paths from newer kernels.
//
// Points: maps 28, find 3, classify 41 + recorded 5, size 10, threshold 8,
// program 5 (total 100).
#include "memlab/grade.h"
#include "layout.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <gnu/libc-version.h>
#include <inttypes.h>
#include <jansson.h>
#include <link.h>
#include <malloc.h>
#include <pthread.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

// ---- the oracle: the suite's own reading of a maps file ------------------------

// oracle_parse_line — a maps line the kernel wrote (the suite only feeds it
// such lines). Returns 0, or -1 if it is not one.
static int oracle_parse_line(const char *line, layout_region_t *r)
{
    unsigned long long s, e, off, ino;
    unsigned maj, min;
    char perms[8];
    int n = -1;
    if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu%n", &s, &e, perms, &off, &maj, &min, &ino,
               &n) != 7 || n < 0 || strlen(perms) != 4)
        return -1;
    memset(r, 0, sizeof *r);
    r->start = (uintptr_t)s;
    r->end = (uintptr_t)e;
    memcpy(r->perms, perms, 5);
    r->offset = off;
    r->dev_major = maj;
    r->dev_minor = min;
    r->inode = ino;
    const char *p = line + n;
    while (*p == ' ')
        p++;
    size_t len = strcspn(p, "\n");
    if (len >= sizeof r->path)
        return -1;
    memcpy(r->path, p, len);
    r->path[len] = '\0';
    const char *suffix = " (deleted)";
    size_t k = strlen(suffix);
    if (len > k && strcmp(r->path + len - k, suffix) == 0) {
        r->deleted = true;
        r->path[len - k] = '\0';
    }
    return 0;
}

// oracle_parse — every line of `text` into `m`; aborts the test on a line
// the kernel could not have written (a broken fixture, not a student error).
static void oracle_parse(const char *text, layout_map_t *m)
{
    layout_region_t *r = malloc(sizeof *r);
    cr_assert(r != NULL, "the suite ran out of memory");
    layout_map_init(m);
    for (const char *p = text; *p != '\0';) {
        size_t len = strcspn(p, "\n");
        char *line = strndup(p, len);
        cr_assert(line != NULL && oracle_parse_line(line, r) == 0,
                  "suite error: a maps line the suite cannot read: '%s'", line);
        cr_assert(layout_map_append(m, r) == 0, "the suite ran out of memory");
        free(line);
        p += len + (p[len] == '\n');
    }
    free(r);
}

// slurp — a whole file into a NUL-terminated buffer (for /proc files too,
// whose size stat does not know). Returns NULL if it cannot be read.
static char *slurp(const char *path, size_t *lenp)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0) {
            char *grown = realloc(buf, cap *= 2);
            if (grown == NULL) {
                free(buf);
                buf = NULL;
            }
            buf = grown;
        }
    }
    fclose(f);
    if (buf != NULL)
        buf[len] = '\0';
    if (lenp != NULL)
        *lenp = len;
    return buf;
}

// oracle_self — the kernel's map of this process, now, read by the oracle.
static void oracle_self(layout_map_t *m)
{
    char *text = slurp("/proc/self/maps", NULL);
    cr_assert(text != NULL, "cannot read /proc/self/maps");
    oracle_parse(text, m);
    free(text);
}

// oracle_region — the region containing addr (linear; the oracle is simple).
static const layout_region_t *oracle_region(const layout_map_t *m, uintptr_t addr)
{
    for (size_t i = 0; i < m->n; i++)
        if (addr >= m->regions[i].start && addr < m->regions[i].end)
            return &m->regions[i];
    return NULL;
}

// ---- checking classifications ------------------------------------------------------

typedef struct probe {
    const char *what;      // "a zero-initialized global"
    uintptr_t addr;
    layout_kind_t want;
    const char *why;       // the rule, in the handout's words
} probe_t;

#define MAX_PROBES 16

typedef struct probes {
    probe_t p[MAX_PROBES];
    size_t n;
} probes_t;

// add_probe — one more address to check, with the kind it is and why.
static void add_probe(probes_t *ps, const char *what, const void *addr, layout_kind_t want,
                      const char *why)
{
    cr_assert(ps->n < MAX_PROBES, "suite error: too many probes");
    ps->p[ps->n++] = (probe_t){what, (uintptr_t)addr, want, why};
}

// check_probes — classify every probe with the student's layout_classify
// over the oracle's map; one failure message lists every wrong answer.
static void check_probes(const layout_map_t *m, const layout_facts_t *f, const probes_t *ps)
{
    char msg[4096];
    size_t len = 0;
    int bad = 0;
    msg[0] = '\0';
    for (size_t i = 0; i < ps->n; i++) {
        const probe_t *p = &ps->p[i];
        layout_kind_t got = layout_classify(m, f, p->addr);
        if (got == p->want)
            continue;
        bad++;
        const layout_region_t *r = oracle_region(m, p->addr);
        if (len < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len,
                                    "%s%s at %#" PRIxPTR " (region %s '%s'): layout_classify said %s, "
                                    "it is %s (%s)",
                                    bad > 1 ? "; " : "", p->what, p->addr,
                                    r != NULL ? r->perms : "none", r != NULL ? r->path : "",
                                    layout_kind_name(got), layout_kind_name(p->want), p->why);
    }
    cr_assert(bad == 0, "%d of %zu addresses wrong: %s", bad, ps->n, msg);
}

// The facts of this test process and a map read now.
typedef struct world {
    layout_facts_t facts;
    layout_map_t map;
} world_t;

// world_new — this process's facts (the calling thread recorded) and an
// empty map; world_snapshot reads the kernel's map now; world_free.
static world_t *world_new(void)
{
    world_t *w = calloc(1, sizeof *w);
    cr_assert(w != NULL, "the suite ran out of memory");
    layout_facts_init(&w->facts);
    layout_map_init(&w->map);
    return w;
}

static void world_snapshot(world_t *w)
{
    layout_map_free(&w->map);
    oracle_self(&w->map);
}

static void world_free(world_t *w)
{
    layout_map_free(&w->map);
    free(w);
}

// ---- a thread that records itself and waits ----------------------------------------

__thread int suite_tls = 5;      // .tdata
__thread long suite_tls_zero;    // .tbss

typedef struct helper {
    pthread_t thread;
    layout_facts_t *facts;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool ready, release;
    int index;
    uintptr_t local, tls, tls_zero;
} helper_t;

// helper_main — record this thread in the facts, publish a local and the
// addresses of this thread's __thread variables, wait until released.
static void *helper_main(void *arg)
{
    helper_t *h = arg;
    volatile char local[64] = {1};
    int index = layout_facts_add_thread(h->facts);
    pthread_mutex_lock(&h->lock);
    h->index = index;
    h->local = (uintptr_t)&local[10];
    h->tls = (uintptr_t)&suite_tls;
    h->tls_zero = (uintptr_t)&suite_tls_zero;
    h->ready = true;
    pthread_cond_broadcast(&h->cond);
    while (!h->release)
        pthread_cond_wait(&h->cond, &h->lock);
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

// helper_start — a thread recorded in `facts` (stack and TLS), parked.
static void helper_start(helper_t *h, layout_facts_t *facts)
{
    memset(h, 0, sizeof *h);
    h->facts = facts;
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->cond, NULL);
    cr_assert(pthread_create(&h->thread, NULL, helper_main, h) == 0,
              "the suite cannot create a thread");
    pthread_mutex_lock(&h->lock);
    while (!h->ready)
        pthread_cond_wait(&h->cond, &h->lock);
    pthread_mutex_unlock(&h->lock);
    cr_assert(h->index >= 0, "layout_facts_add_thread failed in the suite's thread");
}

// helper_stop — release the thread and join it.
static void helper_stop(helper_t *h)
{
    pthread_mutex_lock(&h->lock);
    h->release = true;
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
    pthread_join(h->thread, NULL);
}

// ---- files of the lab: fixtures, the program ---------------------------------------

// build_dir — build/<impl>[-san]/ of this suite (its binary is
// build/<impl>/suites/layout), with a trailing slash.
static void build_dir(char *out, size_t len)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cr_assert(n > 0, "cannot read /proc/self/exe");
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    cr_assert(slash != NULL);
    *slash = '\0';                        // .../build/<impl>/suites
    slash = strrchr(exe, '/');
    cr_assert(slash != NULL);
    slash[1] = '\0';                      // .../build/<impl>/
    snprintf(out, len, "%s", exe);
}

// data_dir — labs/layout/data of this checkout: beside the build directory,
// or under the current directory.
static void data_dir(char *out, size_t len)
{
    char b[4096];
    build_dir(b, sizeof b);
    if (snprintf(out, len, "%.4000s../../labs/layout/data", b) >= (int)len)
        out[0] = '\0';
    struct stat st;
    if (stat(out, &st) != 0)
        snprintf(out, len, "labs/layout/data");
    cr_assert(stat(out, &st) == 0, "the lab's recorded maps files are missing (%s)", out);
}

// child_environ — this process's environment for a child, with
// disable_coredump=0 added to ASAN_OPTIONS: a sanitized child otherwise calls
// setrlimit(RLIMIT_CORE) at start, which the test sandbox refuses, and dies.
// The strings are malloc'd and leak with the test process.
static char **child_environ(void)
{
    size_t n = 0;
    while (environ[n] != NULL)
        n++;
    char **env = calloc(n + 2, sizeof *env);
    cr_assert(env != NULL, "the suite ran out of memory");
    const char *old = "";
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(environ[i], "ASAN_OPTIONS=", 13) == 0)
            old = environ[i] + 13;
        else
            env[k++] = environ[i];
    }
    size_t len = strlen(old) + 64;
    env[k] = malloc(len);
    cr_assert(env[k] != NULL, "the suite ran out of memory");
    snprintf(env[k], len, "ASAN_OPTIONS=%s%sdisable_coredump=0", old, old[0] ? ":" : "");
    return env;
}

// Run argv with stdout captured into a malloc'd buffer; returns the exit
// status (-1 when it could not be started or was killed).
static int run_capture(char *const argv[], char **out)
{
    int fds[2];
    *out = NULL;
    if (pipe(fds) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, child_environ());
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    ssize_t got;
    while (buf != NULL && (got = read(fds[0], buf + len, cap - len - 1)) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        len += (size_t)got;
        if (cap - len - 1 == 0) {
            char *grown = realloc(buf, cap *= 2);
            if (grown == NULL)
                free(buf);
            buf = grown;
        }
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (buf != NULL)
        buf[len] = '\0';
    *out = buf;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}


// ---- maps: parsing (30 points) --------------------------------------------------------

// region_differs — whether `got` differs from `want`; if so, `why` says how,
// in the student's terms.
static bool region_differs(const layout_region_t *want, const layout_region_t *got,
                           char *why, size_t len)
{
    if (got->start != want->start || got->end != want->end)
        snprintf(why, len, "range is %#" PRIxPTR "-%#" PRIxPTR ", should be %#" PRIxPTR "-%#" PRIxPTR,
                 got->start, got->end, want->start, want->end);
    else if (strncmp(got->perms, want->perms, 5) != 0)
        snprintf(why, len, "perms are '%.4s', should be '%s'", got->perms, want->perms);
    else if (got->offset != want->offset)
        snprintf(why, len, "offset is %#" PRIx64 ", should be %#" PRIx64, got->offset, want->offset);
    else if (got->dev_major != want->dev_major || got->dev_minor != want->dev_minor)
        snprintf(why, len, "device is %x:%x, should be %x:%x", got->dev_major, got->dev_minor,
                 want->dev_major, want->dev_minor);
    else if (got->inode != want->inode)
        snprintf(why, len, "inode is %" PRIu64 ", should be %" PRIu64, got->inode, want->inode);
    else if (strncmp(got->path, want->path, sizeof want->path) != 0)
        snprintf(why, len, "path is '%.300s', should be '%.300s'", got->path, want->path);
    else if (got->deleted != want->deleted)
        snprintf(why, len, "deleted is %s, should be %s", got->deleted ? "true" : "false",
                 want->deleted ? "true" : "false");
    else
        return false;
    return true;
}

// check_lines — layout_parse_line on each line must give what the kernel meant.
static void check_lines(const char *const *lines, size_t n)
{
    layout_region_t *want = malloc(sizeof *want), *got = malloc(sizeof *got);
    cr_assert(want != NULL && got != NULL, "the suite ran out of memory");
    char why[800];
    for (size_t i = 0; i < n; i++) {
        cr_assert(oracle_parse_line(lines[i], want) == 0, "suite error: bad line %s", lines[i]);
        memset(got, 0x5a, sizeof *got);
        got->path[sizeof got->path - 1] = '\0';
        int rc = layout_parse_line(lines[i], got);
        cr_assert(rc == 0, "layout_parse_line returned %d for a valid maps line: '%s'", rc, lines[i]);
        cr_assert(!region_differs(want, got, why, sizeof why), "for the line '%s': %s", lines[i], why);
    }
    free(want);
    free(got);
}

ML_TEST(maps, parses_a_file_backed_line, 3, 5)
{
    static const char *const lines[] = {
        "55d0c1a02000-55d0c1a05000 r-xp 00002000 fe:00 247134                     /usr/bin/cat\n",
        "7f0e4f163000-7f0e4f165000 rw-p 001d3000 fe:01 332835                     "
        "/usr/lib/x86_64-linux-gnu/libc.so.6",
        "00400000-00452000 r-xp 00000000 08:01 393230 /usr/local/bin/server\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

ML_TEST(maps, parses_anonymous_lines, 2, 5)
{
    static const char *const lines[] = {
        "7f0e4ef0e000-7f0e4ef30000 rw-p 00000000 00:00 0 \n",   // the kernel's trailing space
        "7f0e4ef0e000-7f0e4ef30000 rw-p 00000000 00:00 0\n",
        "7f0e4ef0e000-7f0e4ef30000 ---p 00000000 00:00 0",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

ML_TEST(maps, keeps_spaces_in_paths, 3, 5)
{
    static const char *const lines[] = {
        "7f3a18c8c000-7f3a18c90000 r--p 00000000 fe:01 5555                       "
        "/usr/share/fonts/DejaVu Sans (Bold).ttf\n",
        "00400000-00401000 r--p 00000000 103:02 1835021                           "
        "/home/ann/lab work/my  prog\n",
        "7f3a17e01000-7f3a18601000 rw-p 00000000 00:00 0                          [anon:worker stack]\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

ML_TEST(maps, strips_the_deleted_suffix, 3, 5)
{
    static const char *const lines[] = {
        "7f54b70d8000-7f54b70d9000 rw-s 00000000 00:01 1026                       "
        "/memfd:layout-demo (deleted)\n",
        "7f3a18602000-7f3a18a02000 rw-s 00000000 00:05 3                          /SYSV00000000 (deleted)",
        "7f3a18c90000-7f3a18c91000 r--s 00000000 fe:01 98765 /var/cache/a (deleted) old/data.bin\n",
        "7f3a18a02000-7f3a18a28000 r--p 00000000 fe:01 12345                      "
        "/usr/lib/x86_64-linux-gnu/libc.so.6 (deleted)\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

ML_TEST(maps, accepts_pseudo_paths_it_has_never_seen, 3, 5)
{
    static const char *const lines[] = {
        "7f0e4f184000-7f0e4f186000 r--p 00000000 00:00 0                          [vvar_vclock]\n",
        "7f3a18d00000-7f3a18d01000 r-xp 00000000 00:00 0                          [uprobes]\n",
        "7f0c92dff000-7f0c935ff000 rw-p 00000000 00:00 0                          [stack:2345]\n",
        "7f3a18d3e000-7f3a18d3f000 rw-p 00000000 00:00 0                          [some future region]\n",
        "7f3a18c80000-7f3a18c8c000 rw-s 00000000 00:01 77                         [anon_shmem:ring]\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

ML_TEST(maps, parses_extreme_numbers, 1, 5)
{
    static const char *const lines[] = {
        "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n",
        "7f3a18c92000-7f3a18c93000 r--p 7ffffffffffff000 fff:fffff 18446744073709551615 /big\n",
        "1000-2000 r--s 00000000 00:00 0 /x\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

ML_TEST(maps, rejects_lines_that_are_not_maps_lines, 3, 5)
{
    static const char *const bad[] = {
        "",
        "\n",
        "hello world\n",
        "1000-2000\n",
        "1000 2000 r--p 00000000 00:00 0\n",
        "1000-2000 r--p 00000000 00:00\n",
        "1000-2000 r-- 00000000 00:00 0\n",
        "1000-2000 rwxq 00000000 00:00 0\n",
        "1000-2000 r--p 00000000 0000 0\n",
        "zz00-2000 r--p 00000000 00:00 0\n",
        "2000-1000 r--p 00000000 00:00 0\n",
        "2000-2000 r--p 00000000 00:00 0\n",
        "1000-2000 r--p 00000000 00:00 12x /p\n",
        "1000-2000 r--p 0000000g 00:00 0\n",
        "10000000000000000-10000000000001000 r--p 00000000 00:00 0\n",
    };
    layout_region_t *r = malloc(sizeof *r);
    cr_assert(r != NULL);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = layout_parse_line(bad[i], r);
        cr_assert(rc == -1, "layout_parse_line returned %d for '%.*s', which is not a maps line",
                  rc, (int)strcspn(bad[i], "\n"), bad[i]);
    }
    // It must still accept a good one (an unwritten parser rejects everything).
    cr_assert(layout_parse_line("1000-2000 r--p 00000000 00:00 0 /ok\n", r) == 0,
              "layout_parse_line rejected the valid line '1000-2000 r--p 00000000 00:00 0 /ok'");
    free(r);
}

// read_text — layout_read_maps over `text`, as the file `name`.
static int read_text(const char *text, const char *name, layout_map_t *m, char *err, size_t errlen)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    cr_assert(f != NULL, "fmemopen failed");
    layout_map_init(m);
    err[0] = '\0';
    int rc = layout_read_maps(f, name, m, err, errlen);
    fclose(f);
    return rc;
}

// same_maps — the student's map equals the oracle's; `why` says where not.
static bool same_maps(const layout_map_t *want, const layout_map_t *got, const char *name,
                      char *why, size_t len)
{
    char d[800];
    for (size_t i = 0; i < want->n && i < got->n; i++)
        if (region_differs(&want->regions[i], &got->regions[i], d, sizeof d)) {
            snprintf(why, len, "%s line %zu: %s", name, i + 1, d);
            return false;
        }
    if (want->n != got->n) {
        snprintf(why, len, "%s: %zu regions read, the file has %zu", name, got->n, want->n);
        return false;
    }
    return true;
}

ML_SCORED_TEST(maps, reads_recorded_maps_files, 5, 20)
{
    char dir[4096], path[4400], err[1024], why[1200];
    data_dir(dir, sizeof dir);
    DIR *d = opendir(dir);
    cr_assert(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    int files = 0, right = 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".maps") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *text = slurp(path, NULL);
        cr_assert(text != NULL, "cannot read %s", path);
        layout_map_t want, got;
        oracle_parse(text, &want);
        files++;
        if (read_text(text, e->d_name, &got, err, sizeof err) != 0)
            ml_note("layout_read_maps failed on %s: %s", e->d_name, err);
        else if (!same_maps(&want, &got, e->d_name, why, sizeof why))
            ml_note("%s", why);
        else
            right++;
        layout_map_free(&want);
        layout_map_free(&got);
        free(text);
    }
    closedir(d);
    cr_assert(files >= 4, "the lab's recorded maps files are missing from %s", dir);
    ml_award((double)right / files, "%d of %d recorded maps files read exactly", right, files);
}

ML_TEST(maps, reports_the_bad_line_and_leaves_the_map_empty, 2, 5)
{
    const char *bad_third =
        "00400000-00401000 r--p 00000000 08:01 12 /bin/x\n"
        "00401000-00402000 r-xp 00001000 08:01 12 /bin/x\n"
        "00402000-00403000 r-xp 00001000 08:01\n"
        "00403000-00404000 rw-p 00000000 00:00 0\n";
    const char *overlap =
        "00400000-00402000 r--p 00000000 08:01 12 /bin/x\n"
        "00401000-00403000 r-xp 00001000 08:01 12 /bin/x\n";
    layout_map_t m;
    char err[512];
    int rc = read_text(bad_third, "t.maps", &m, err, sizeof err);
    cr_assert(rc == -1, "layout_read_maps returned %d for a file whose line 3 is malformed", rc);
    cr_assert(strstr(err, "t.maps:3:") != NULL,
              "the error for a malformed line 3 of t.maps should start 't.maps:3: ...', it was '%s'", err);
    cr_assert(m.n == 0, "after an error the map should be empty, it has %zu regions", m.n);
    layout_map_free(&m);
    rc = read_text(overlap, "o.maps", &m, err, sizeof err);
    cr_assert(rc == -1, "layout_read_maps accepted a region that starts inside the previous one");
    cr_assert(strstr(err, "o.maps:2:") != NULL,
              "the error for overlapping regions should name line 2 ('o.maps:2: ...'), it was '%s'", err);
    cr_assert(m.n == 0, "after an error the map should be empty, it has %zu regions", m.n);
    layout_map_free(&m);
}

ML_TEST(maps, reads_very_long_lines, 2, 5)
{
    char *text = malloc(8192);
    cr_assert(text != NULL);
    int n = snprintf(text, 8192, "7f3a18c92000-7f3a18c93000 r--p 00000000 fe:01 77 /data");
    for (int i = 0; i < 400; i++)
        n += snprintf(text + n, 8192 - (size_t)n, "/dir%05d", i);   // 3600 more bytes
    n += snprintf(text + n, 8192 - (size_t)n, "/end\n7f3a18c93000-7f3a18c94000 rw-p 00000000 00:00 0\n");
    layout_map_t want, got;
    oracle_parse(text, &want);
    char err[512], why[1200];
    int rc = read_text(text, "long.maps", &got, err, sizeof err);
    cr_assert(rc == 0, "layout_read_maps failed on a line with a 3600-byte path: %s", err);
    cr_assert(same_maps(&want, &got, "long.maps", why, sizeof why), "%s", why);
    layout_map_free(&want);
    layout_map_free(&got);
    free(text);
}

ML_TEST(maps, reads_this_process, 1, 5)
{
    char *text = slurp("/proc/self/maps", NULL);
    cr_assert(text != NULL, "cannot read /proc/self/maps");
    layout_map_t want, got;
    oracle_parse(text, &want);
    char err[512], why[1200];
    int rc = read_text(text, "/proc/self/maps", &got, err, sizeof err);
    cr_assert(rc == 0, "layout_read_maps failed on this process's maps: %s", err);
    cr_assert(same_maps(&want, &got, "/proc/self/maps", why, sizeof why), "%s", why);
    layout_map_free(&want);
    layout_map_free(&got);
    free(text);
}

// ---- find (3 points) -------------------------------------------------------------

ML_TEST(find, finds_the_region_of_an_address, 3, 10)
{
    layout_map_t m;
    layout_map_init(&m);
    cr_assert(layout_find_region(&m, 0x1000) == NULL, "an empty map has no region, yet one was found");
    layout_region_t *r = calloc(1, sizeof *r);
    cr_assert(r != NULL);
    memcpy(r->perms, "rw-p", 5);
    enum { N = 1000 };
    for (uintptr_t i = 0; i < N; i++) {
        r->start = 0x10000000 + i * 0x10000;
        r->end = r->start + 0x1000 * (1 + i % 3);   // gaps between regions
        cr_assert(layout_map_append(&m, r) == 0);
    }
    for (size_t i = 0; i < N; i++) {
        const layout_region_t *want = &m.regions[i];
        uintptr_t in[3] = {want->start, want->start + (want->end - want->start) / 2, want->end - 1};
        for (int k = 0; k < 3; k++) {
            const layout_region_t *got = layout_find_region(&m, in[k]);
            cr_assert(got == want, "layout_find_region(%#" PRIxPTR ") should be region %zu "
                      "[%#" PRIxPTR ", %#" PRIxPTR "), got %s", in[k], i, want->start, want->end,
                      got == NULL ? "NULL" : "another region");
        }
        const layout_region_t *gap = layout_find_region(&m, want->end);
        cr_assert(gap == NULL, "%#" PRIxPTR " is the end of region %zu (ends are exclusive) and lies "
                  "in a gap, but layout_find_region found a region", want->end, i);
    }
    cr_assert(layout_find_region(&m, 0) == NULL && layout_find_region(&m, 0x0fffffff) == NULL &&
              layout_find_region(&m, UINTPTR_MAX) == NULL,
              "layout_find_region found a region for an address below or above every region");
    free(r);
    layout_map_free(&m);
}

// ---- classify: this process (42 points) ---------------------------------------------

extern char __executable_start[], etext[], edata[], __bss_start[], end[];

int suite_global = 7;                          // .data
static long suite_static_data[2] = {1, 2};     // .data
int suite_zero_global;                         // .bss
static char suite_big_bss[256 << 10];          // .bss, past the file's last page
static const int suite_const_table[8] = {1, 2, 3, 4, 5, 6, 7, 8};   // .rodata

__attribute__((noinline)) static int suite_function(int x)
{
    return x * 7 + suite_const_table[x & 7];
}

// region_perm — whether the oracle's region of addr has `letter` at
// perms[index]; region_named — whether that region's path is `name`.
static bool region_perm(const layout_map_t *m, uintptr_t addr, int index, char letter)
{
    const layout_region_t *r = oracle_region(m, addr);
    return r != NULL && r->perms[index] == letter;
}

static bool region_named(const layout_map_t *m, uintptr_t addr, const char *name)
{
    const layout_region_t *r = oracle_region(m, addr);
    return r != NULL && strcmp(r->path, name) == 0;
}

ML_TEST(classify, text, 3, 10)
{
    world_t *w = world_new();
    volatile int keep = suite_function(3);
    (void)keep;
    world_snapshot(w);
    probes_t ps = {.n = 0};
    add_probe(&ps, "a function of the program", (const void *)suite_function, LAYOUT_TEXT,
              "code of the program: an executable mapping of its file");
    add_probe(&ps, "your own layout_classify", (const void *)layout_classify, LAYOUT_TEXT,
              "code of the program");
    add_probe(&ps, "the last byte before etext", (const void *)((uintptr_t)etext - 1), LAYOUT_TEXT, "code ends at etext");
    check_probes(&w->map, &w->facts, &ps);
    world_free(w);
}

ML_TEST(classify, rodata, 2, 10)
{
    world_t *w = world_new();
    const char *volatile literal = "a string literal lives in read-only data";
    world_snapshot(w);
    probes_t ps = {.n = 0};
    add_probe(&ps, "a string literal", literal, LAYOUT_RODATA,
              "read-only, not executable, in the program");
    add_probe(&ps, "a const global array", suite_const_table, LAYOUT_RODATA,
              "read-only, not executable, in the program");
    if (!region_perm(&w->map, (uintptr_t)__executable_start, 2, 'x'))
        add_probe(&ps, "the ELF header at __executable_start", __executable_start, LAYOUT_RODATA,
                  "the program's first, read-only mapping");
    check_probes(&w->map, &w->facts, &ps);
    world_free(w);
}

ML_TEST(classify, data, 3, 10)
{
    world_t *w = world_new();
    world_snapshot(w);
    probes_t ps = {.n = 0};
    add_probe(&ps, "a global initialized to 7", &suite_global, LAYOUT_DATA,
              "writable, in the program, below __bss_start");
    add_probe(&ps, "a static array initialized to {1, 2}", &suite_static_data[1], LAYOUT_DATA,
              "writable, in the program, below __bss_start");
    if (region_perm(&w->map, (uintptr_t)edata - 1, 1, 'w'))
        add_probe(&ps, "the last byte before edata", (const void *)((uintptr_t)edata - 1), LAYOUT_DATA,
                  "initialized data ends at edata");
    check_probes(&w->map, &w->facts, &ps);
    world_free(w);
}

ML_TEST(classify, bss, 4, 10)
{
    world_t *w = world_new();
    static int zero_static_local;
    suite_big_bss[sizeof suite_big_bss - 1] = 1;
    zero_static_local = suite_zero_global;
    world_snapshot(w);
    probes_t ps = {.n = 0};
    add_probe(&ps, "a global left zero", &suite_zero_global, LAYOUT_BSS, "[__bss_start, end) is bss");
    add_probe(&ps, "a static local left zero", &zero_static_local, LAYOUT_BSS,
              "[__bss_start, end) is bss");
    add_probe(&ps, "__bss_start itself", __bss_start, LAYOUT_BSS, "[__bss_start, end) is bss");
    add_probe(&ps, "the last byte before end", (const void *)((uintptr_t)end - 1), LAYOUT_BSS, "[__bss_start, end) is bss");
    const layout_region_t *tail = oracle_region(&w->map, (uintptr_t)&suite_big_bss[sizeof suite_big_bss - 1]);
    cr_assert(tail != NULL && tail->path[0] == '\0',
              "suite error: expected the end of a 256 KiB bss array in an anonymous mapping");
    add_probe(&ps, "the end of a 256 KiB zero array (in an anonymous mapping)",
              &suite_big_bss[sizeof suite_big_bss - 1], LAYOUT_BSS,
              "[__bss_start, end) is bss, whatever mapping holds it");
    check_probes(&w->map, &w->facts, &ps);
    world_free(w);
}

ML_TEST(classify, heap, 4, 10)
{
    world_t *w = world_new();
    char *brk_mem = sbrk(8192);
    cr_assert(brk_mem != (void *)-1, "sbrk failed");
    brk_mem[0] = brk_mem[8191] = 1;
    char *small = malloc(48);
    cr_assert(small != NULL);
    world_snapshot(w);
    cr_assert(region_named(&w->map, (uintptr_t)brk_mem, "[heap]"),
              "suite error: memory from sbrk is not in the kernel's [heap]");
    probes_t ps = {.n = 0};
    add_probe(&ps, "memory from sbrk(8192)", brk_mem, LAYOUT_HEAP, "the kernel's [heap] region");
    add_probe(&ps, "the last byte from sbrk(8192)", brk_mem + 8191, LAYOUT_HEAP,
              "the kernel's [heap] region");
    if (region_named(&w->map, (uintptr_t)small, "[heap]"))
        add_probe(&ps, "malloc(48)", small, LAYOUT_HEAP, "the kernel's [heap] region");
    else
        ml_note("malloc(48) is not in the brk heap here (a sanitizer's malloc?)");
    check_probes(&w->map, &w->facts, &ps);
    free(small);
    world_free(w);
}

ML_TEST(classify, anonymous_mmap, 3, 10)
{
    world_t *w = world_new();
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *anon = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *none = mmap(NULL, 16 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    char *big = malloc((size_t)8 << 20);
    cr_assert(anon != MAP_FAILED && none != MAP_FAILED && big != NULL, "mmap or malloc failed");
    world_snapshot(w);
    probes_t ps = {.n = 0};
    add_probe(&ps, "an anonymous mmap", anon, LAYOUT_MMAP, "a mapping without a path");
    add_probe(&ps, "its last byte", anon + 3 * page - 1, LAYOUT_MMAP, "a mapping without a path");
    add_probe(&ps, "a PROT_NONE reservation", none + 5 * page, LAYOUT_MMAP,
              "a mapping without a path, even without permissions");
    const layout_region_t *r = oracle_region(&w->map, (uintptr_t)big);
    if (r != NULL && r->path[0] == '\0')
        add_probe(&ps, "malloc(8 MiB)", big, LAYOUT_MMAP, "malloc serves it with mmap: no path");
    check_probes(&w->map, &w->facts, &ps);
    free(big);
    munmap(anon, 3 * page);
    munmap(none, 16 * page);
    world_free(w);
}

// deep — a local variable 200 frames down (the stack grows to hold them).
__attribute__((noinline)) static uintptr_t deep(int depth)
{
    volatile char pad[1024];
    pad[0] = (char)depth;
    if (depth == 0)
        return (uintptr_t)&pad[0];
    uintptr_t r = deep(depth - 1);
    return r + (pad[0] & 0);
}

ML_TEST(classify, main_stack, 3, 10)
{
    world_t *w = world_new();
    volatile int local = 1;
    uintptr_t low = deep(200);
    world_snapshot(w);
    probes_t ps = {.n = 0};
    if (region_named(&w->map, (uintptr_t)&local, "[stack]"))
        add_probe(&ps, "a local variable", (const void *)&local, LAYOUT_STACK, "the kernel's [stack]");
    add_probe(&ps, "the current frame", __builtin_frame_address(0), LAYOUT_STACK,
              "the kernel's [stack]");
    if (region_named(&w->map, low, "[stack]"))
        add_probe(&ps, "a local 200 frames down", (const void *)low, LAYOUT_STACK,
                  "the kernel's [stack]");
    check_probes(&w->map, &w->facts, &ps);
    world_free(w);
}

ML_TEST(classify, thread_stack, 4, 10)
{
    world_t *w = world_new();
    helper_t h;
    helper_start(&h, &w->facts);
    world_snapshot(w);
    const layout_thread_t *t = &w->facts.threads[h.index];
    probes_t ps = {.n = 0};
    add_probe(&ps, "a local variable of another thread", (const void *)h.local, LAYOUT_THREAD_STACK,
              "inside the thread's stack range from the facts");
    add_probe(&ps, "the lowest byte of that thread's stack", (const void *)t->stack_lo,
              LAYOUT_THREAD_STACK, "inside the thread's stack range from the facts");
    add_probe(&ps, "the middle of that thread's stack",
              (const void *)(t->stack_lo + (t->stack_hi - t->stack_lo) / 2), LAYOUT_THREAD_STACK,
              "inside the thread's stack range from the facts");
    check_probes(&w->map, &w->facts, &ps);
    helper_stop(&h);
    world_free(w);
}

ML_TEST(classify, thread_local_storage, 5, 10)
{
    world_t *w = world_new();
    helper_t h;
    helper_start(&h, &w->facts);
    suite_tls_zero = 3;
    world_snapshot(w);
    probes_t ps = {.n = 0};
    add_probe(&ps, "main's copy of a __thread int", &suite_tls, LAYOUT_TLS,
              "inside main's TLS block from the facts");
    add_probe(&ps, "main's copy of a zero __thread long", &suite_tls_zero, LAYOUT_TLS,
              "inside main's TLS block from the facts");
    add_probe(&ps, "the other thread's copy of the __thread int", (const void *)h.tls, LAYOUT_TLS,
              "inside that thread's TLS block, which lies inside its stack range: test TLS first");
    add_probe(&ps, "the other thread's copy of the zero __thread long", (const void *)h.tls_zero,
              LAYOUT_TLS, "inside that thread's TLS block, inside its stack range");
    check_probes(&w->map, &w->facts, &ps);
    helper_stop(&h);
    world_free(w);
}

// In a module of the dynamic linker's list other than the program?
struct lib_query {
    uintptr_t addr;
    bool found;
};

// lib_has — dl_iterate_phdr callback: whether a named module's loaded bytes hold q->addr.
static int lib_has(struct dl_phdr_info *info, size_t size, void *arg)
{
    struct lib_query *q = arg;
    (void)size;
    if (info->dlpi_name == NULL || info->dlpi_name[0] == '\0')
        return 0;   // the program itself (and the vdso has a name: linux-vdso.so.1)
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && q->addr >= lo && q->addr < lo + ph->p_filesz)
            q->found = true;
    }
    return q->found;
}

// in_library — whether addr is in a library the dynamic linker loaded.
static bool in_library(uintptr_t addr)
{
    struct lib_query q = {addr, false};
    dl_iterate_phdr(lib_has, &q);
    return q.found;
}

ML_TEST(classify, shared_library, 3, 10)
{
    world_t *w = world_new();
    world_snapshot(w);
    probes_t ps = {.n = 0};
    const void *code = dlsym(RTLD_DEFAULT, "getpid");
    const void *text = gnu_get_libc_version();
    const void *data = stdout;
    if (code != NULL && in_library((uintptr_t)code))
        add_probe(&ps, "the C library's getpid", code, LAYOUT_LIBRARY,
                  "a mapping of a file that also has code, not the program");
    if (in_library((uintptr_t)text))
        add_probe(&ps, "a string in the C library", text, LAYOUT_LIBRARY,
                  "a mapping of a file that also has code, not the program");
    if (in_library((uintptr_t)data))
        add_probe(&ps, "the FILE stdout points to", data, LAYOUT_LIBRARY,
                  "a writable mapping of a library's file");
    cr_assert(ps.n >= 2, "suite error: the dynamic linker does not list libc");
    check_probes(&w->map, &w->facts, &ps);
    world_free(w);
}

ML_TEST(classify, vdso_and_vvar, 3, 10)
{
    world_t *w = world_new();
    world_snapshot(w);
    probes_t ps = {.n = 0};
    unsigned long vdso = getauxval(AT_SYSINFO_EHDR);
    if (vdso != 0)
        add_probe(&ps, "the vdso (AT_SYSINFO_EHDR)", (const void *)vdso, LAYOUT_VDSO,
                  "the kernel's [vdso]");
    for (size_t i = 0; i < w->map.n; i++) {
        const layout_region_t *r = &w->map.regions[i];
        if (strncmp(r->path, "[vvar", 5) == 0)
            add_probe(&ps, r->path[5] == ']' ? "the vvar page" : "a vvar page with a newer name",
                      (const void *)r->start, LAYOUT_VDSO, "the kernel's [vvar...] pages");
        if (strcmp(r->path, "[vsyscall]") == 0)
            add_probe(&ps, "the vsyscall page", (const void *)r->start, LAYOUT_VDSO,
                      "the kernel's [vsyscall]");
    }
    cr_assert(ps.n >= 1, "suite error: no vdso in this process");
    check_probes(&w->map, &w->facts, &ps);
    world_free(w);
}

ML_TEST(classify, mapped_files, 2, 10)
{
    world_t *w = world_new();
    char path[] = "/tmp/memlab-layout-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0, "cannot create a temporary file");
    static const char block[8192] = {'x'};
    cr_assert(write(fd, block, sizeof block) == (ssize_t)sizeof block, "cannot write %s", path);
    void *file = mmap(NULL, sizeof block, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    int mfd = memfd_create("grade me", MFD_CLOEXEC);
    cr_assert(mfd >= 0 && ftruncate(mfd, 4096) == 0, "memfd_create failed");
    void *memfd = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
    close(mfd);
    cr_assert(file != MAP_FAILED && memfd != MAP_FAILED, "mmap of a file failed");
    world_snapshot(w);
    unlink(path);
    probes_t ps = {.n = 0};
    add_probe(&ps, "a mapped data file", (const char *)file + 100, LAYOUT_FILE,
              "a file without an executable mapping");
    add_probe(&ps, "a mapped memfd ('/memfd:grade me (deleted)')", memfd, LAYOUT_FILE,
              "a file without an executable mapping");
    check_probes(&w->map, &w->facts, &ps);
    munmap(file, sizeof block);
    munmap(memfd, 4096);
    world_free(w);
}

ML_TEST(classify, unmapped, 2, 10)
{
    world_t *w = world_new();
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *gone = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(gone != MAP_FAILED);
    munmap(gone, page);
    world_snapshot(w);
    probes_t ps = {.n = 0};
    add_probe(&ps, "NULL", NULL, LAYOUT_UNMAPPED, "no region contains it");
    add_probe(&ps, "address 0xfff", (const void *)0xfff, LAYOUT_UNMAPPED, "no region contains it");
    if (oracle_region(&w->map, (uintptr_t)gone) == NULL)
        add_probe(&ps, "a page just unmapped", gone, LAYOUT_UNMAPPED, "no region contains it");
    add_probe(&ps, "the first non-canonical address", (const void *)((uintptr_t)1 << 47),
              LAYOUT_UNMAPPED, "no region contains it");
    // The first gap after the heap or after the program.
    for (size_t i = 0; i + 1 < w->map.n; i++)
        if (w->map.regions[i].end < w->map.regions[i + 1].start && w->map.regions[i].end > (uintptr_t)end) {
            add_probe(&ps, "the first byte after a region", (const void *)w->map.regions[i].end,
                      LAYOUT_UNMAPPED, "regions end before their end address");
            break;
        }
    check_probes(&w->map, &w->facts, &ps);
    world_free(w);
}

// ---- classify: recorded processes (5 points) ------------------------------------------

// check_recorded — classify every address of NAME.expect over NAME.maps
// (read by the oracle) with NAME.facts; counts the right answers.
static void check_recorded(const char *dir, const char *name, int *right, int *total)
{
    char path[4400], err[512];
    snprintf(path, sizeof path, "%s/%s.maps", dir, name);
    char *text = slurp(path, NULL);
    cr_assert(text != NULL, "cannot read %s", path);
    layout_map_t m;
    oracle_parse(text, &m);
    free(text);
    layout_facts_t *f = malloc(sizeof *f);
    cr_assert(f != NULL);
    snprintf(path, sizeof path, "%s/%s.facts", dir, name);
    FILE *in = fopen(path, "r");
    cr_assert(in != NULL && layout_facts_read(in, path, f, err, sizeof err) == 0,
              "suite error: %s: %s", path, err);
    fclose(in);
    snprintf(path, sizeof path, "%s/%s.expect", dir, name);
    in = fopen(path, "r");
    cr_assert(in != NULL, "cannot read %s", path);
    char line[512], kind[64], id[256];
    unsigned long long addr;
    int wrong = 0;
    while (fgets(line, sizeof line, in) != NULL) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        cr_assert(sscanf(line, "%llx %63s %255s", &addr, kind, id) == 3,
                  "suite error: %s: bad line '%s'", path, line);
        layout_kind_t want = layout_kind_from_name(kind);
        layout_kind_t got = layout_classify(&m, f, (uintptr_t)addr);
        (*total)++;
        if (got == want) {
            (*right)++;
        } else if (wrong++ < 6) {
            const layout_region_t *r = oracle_region(&m, (uintptr_t)addr);
            ml_note("%s: %s at %#llx (region %s '%s'): layout_classify said %s, it is %s", name, id,
                    addr, r ? r->perms : "none", r ? r->path : "", layout_kind_name(got),
                    layout_kind_name(want));
        }
    }
    fclose(in);
    free(f);
    layout_map_free(&m);
}

ML_SCORED_TEST(classify, recorded_processes, 5, 20)
{
    static const char *const names[] = {"debian12-pie", "debian12-asan", "odd-lines", "old-kernel"};
    char dir[4096];
    data_dir(dir, sizeof dir);
    int right = 0, total = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        check_recorded(dir, names[i], &right, &total);
    cr_assert(total > 0);
    ml_award((double)right / total,
             "%d of %d addresses in 4 recorded processes classified right", right, total);
}

// ---- size (10 points) ----------------------------------------------------------------

// binutils_size — what `size FILE` prints (Berkeley format). Fails the test
// when binutils is missing: memlab requires it (scripts/deps.sh).
static layout_size_t binutils_size(const char *path)
{
    char *out;
    char *argv[] = {"size", "-B", (char *)path, NULL};
    int rc = run_capture(argv, &out);
    cr_assert(rc != -1, "cannot run binutils' size: install binutils (scripts/deps.sh)");
    cr_assert(rc == 0 && out != NULL, "`size %s` failed (exit %d)", path, rc);
    unsigned long long t, d, b;
    const char *second = strchr(out, '\n');
    cr_assert(second != NULL && sscanf(second + 1, "%llu %llu %llu", &t, &d, &b) == 3,
              "cannot read the output of `size %s`: '%s'", path, out);
    free(out);
    return (layout_size_t){t, d, b};
}

// check_size — the student's numbers for `path` equal binutils'.
static void check_size(const char *path)
{
    layout_size_t want = binutils_size(path), got = {0, 0, 0};
    char err[512] = "";
    int rc = layout_elf_size(path, &got, err, sizeof err);
    cr_assert(rc == 0, "layout_elf_size(\"%s\") failed: %s", path, err);
    cr_assert(got.text == want.text && got.data == want.data && got.bss == want.bss,
              "for %s you count text %" PRIu64 ", data %" PRIu64 ", bss %" PRIu64 "; `size` says "
              "text %" PRIu64 ", data %" PRIu64 ", bss %" PRIu64, path, got.text, got.data, got.bss,
              want.text, want.data, want.bss);
}

// self_path — the suite binary's own path.
static void self_path(char *out, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", out, len - 1);
    cr_assert(n > 0, "cannot read /proc/self/exe");
    out[n] = '\0';
}

ML_TEST(size, matches_binutils_on_this_program, 5, 20, .allow_exec = true)
{
    char exe[4096];
    self_path(exe, sizeof exe);
    check_size(exe);
}

// A loaded library whose path contains `part`, or "" (dl_iterate_phdr).
struct lib_find {
    const char *part;
    char path[4096];
};

// lib_named — dl_iterate_phdr callback: the first module whose name contains q->part.
static int lib_named(struct dl_phdr_info *info, size_t size, void *arg)
{
    struct lib_find *q = arg;
    (void)size;
    if (info->dlpi_name != NULL && strstr(info->dlpi_name, q->part) != NULL) {
        snprintf(q->path, sizeof q->path, "%s", info->dlpi_name);
        return 1;
    }
    return 0;
}

ML_TEST(size, matches_binutils_on_libraries, 3, 20, .allow_exec = true)
{
    static const char *const parts[] = {"libc.so", "ld-linux", "libcriterion"};
    int checked = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        struct lib_find q = {parts[i], ""};
        dl_iterate_phdr(lib_named, &q);
        if (q.path[0] == '\0')
            continue;
        check_size(q.path);
        checked++;
    }
    cr_assert(checked >= 2, "suite error: the C library and the dynamic linker were not found");
}

ML_TEST(size, rejects_files_that_are_not_64_bit_elf, 2, 10)
{
    char exe[4096];
    self_path(exe, sizeof exe);
    layout_size_t sz = {1, 2, 3};
    char err[512] = "";
    cr_assert(layout_elf_size(exe, &sz, err, sizeof err) == 0,
              "layout_elf_size failed on this very program: %s", err);
    // Three bad files: text, an ELF header cut from its section headers, a
    // 32-bit ELF header; and a path that does not exist.
    char dir[] = "/tmp/memlab-size-XXXXXX";
    cr_assert(mkdtemp(dir) != NULL, "cannot create a temporary directory");
    char paths[4][4200];
    snprintf(paths[0], sizeof paths[0], "%s/notes.txt", dir);
    snprintf(paths[1], sizeof paths[1], "%s/cut.elf", dir);
    snprintf(paths[2], sizeof paths[2], "%s/elf32", dir);
    snprintf(paths[3], sizeof paths[3], "%s/missing", dir);
    size_t len = 0;
    char *image = slurp(exe, &len);
    cr_assert(image != NULL && len > 4096);
    unsigned char elf32[64];
    memcpy(elf32, image, sizeof elf32);
    elf32[4] = 1;   // EI_CLASS = ELFCLASS32
    struct { const char *path; const void *bytes; size_t n; const char *what; } bad[] = {
        {paths[0], "just some text, not a program\n", 30, "a text file"},
        {paths[1], image, 64, "an ELF header whose section headers were cut off"},
        {paths[2], elf32, sizeof elf32, "a 32-bit ELF header"},
    };
    for (size_t i = 0; i < 3; i++) {
        FILE *f = fopen(bad[i].path, "w");
        cr_assert(f != NULL && fwrite(bad[i].bytes, 1, bad[i].n, f) == bad[i].n && fclose(f) == 0);
    }
    free(image);
    const char *what[4] = {bad[0].what, bad[1].what, bad[2].what, "a file that does not exist"};
    for (int i = 0; i < 4; i++) {
        layout_size_t keep = {11, 22, 33};
        err[0] = '\0';
        int rc = layout_elf_size(paths[i], &keep, err, sizeof err);
        unlink(paths[i]);
        cr_assert(rc == -1, "layout_elf_size returned %d for %s", rc, what[i]);
        cr_assert(keep.text == 11 && keep.data == 22 && keep.bss == 33,
                  "layout_elf_size changed *out although it failed on %s", what[i]);
        cr_assert(strncmp(err, paths[i], strlen(paths[i])) == 0,
                  "the error for %s should start with its path '%s', it was '%s'", what[i], paths[i], err);
    }
    rmdir(dir);
}

// ---- the mmap threshold (8 points) ---------------------------------------------------

// observe — where malloc puts `size` bytes, by the oracle: 1 brk heap,
// 0 anonymous mmap, -1 elsewhere. Leaves malloc's heap trimmed.
static int observe(size_t size)
{
    void *p = malloc(size);
    cr_assert(p != NULL, "malloc(%zu) failed", size);
    layout_map_t m;
    oracle_self(&m);
    const layout_region_t *r = oracle_region(&m, (uintptr_t)p);
    int where = r == NULL ? -1 : strcmp(r->path, "[heap]") == 0 ? 1 : r->path[0] == '\0' ? 0 : -1;
    layout_map_free(&m);
    free(p);
    malloc_trim(0);
    return where;
}

// true_threshold — the smallest size in [lo, hi] malloc serves with mmap
// with `pin` pinned, found by the suite's own binary search; 0 if none.
static long true_threshold(size_t pin, size_t lo, size_t hi)
{
    cr_assert(mallopt(M_MMAP_THRESHOLD, (int)pin) == 1, "suite error: mallopt refused %zu", pin);
    if (observe(hi) != 0)
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int where = observe(mid);
        cr_assert(where >= 0, "suite error: malloc(%zu) is neither in the heap nor in mmap", mid);
        if (where == 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return (long)lo;
}

// malloc_is_tunable — whether this malloc accepts mallopt (glibc's does;
// a sanitizer's malloc does not, and then the experiment must return -1).
static bool malloc_is_tunable(void)
{
    return mallopt(M_MMAP_THRESHOLD, 128 << 10) == 1;
}

ML_SCORED_TEST(threshold, finds_the_pinned_threshold, 6, 30)
{
    static const size_t pins[] = {64 << 10, 100000, (256 << 10) + 8};
    const size_t hi = (size_t)32 << 20;
    layout_facts_t *f = malloc(sizeof *f);
    cr_assert(f != NULL);
    layout_facts_init(f);
    bool tunable = malloc_is_tunable();
    int right = 0;
    for (size_t i = 0; i < 3; i++) {
        // The truth first, measured on a heap the student's code has not touched.
        long want = tunable ? true_threshold(pins[i], 1, hi) : -1;
        long got = layout_find_mmap_threshold(pins[i], 1, hi, f);
        if (!tunable) {
            if (got == -1)
                right++;
            else
                ml_note("this malloc ignores mallopt (it is a sanitizer's), so the experiment "
                        "cannot pin %zu: layout_find_mmap_threshold should return -1, it returned %ld",
                        pins[i], got);
            continue;
        }
        if (got == want)
            right++;
        else
            ml_note("with M_MMAP_THRESHOLD pinned to %zu, malloc(%ld) is the smallest request served "
                    "by mmap; layout_find_mmap_threshold returned %ld", pins[i], want, got);
    }
    free(f);
    ml_award(right / 3.0, "%d of 3 pinned thresholds found to the byte", right);
}

ML_TEST(threshold, handles_ranges_and_refusals, 2, 30)
{
    layout_facts_t *f = malloc(sizeof *f);
    cr_assert(f != NULL);
    layout_facts_init(f);
    bool tunable = malloc_is_tunable();
    long below = layout_find_mmap_threshold(64 << 10, 1, 4096, f);
    long above = layout_find_mmap_threshold(64 << 10, 100000, 200000, f);
    if (!tunable) {
        cr_assert(below == -1 && above == -1,
                  "this malloc ignores mallopt (a sanitizer's): every call must return -1, "
                  "yours returned %ld and %ld", below, above);
    } else {
        cr_assert(below == 0, "pinned to 65536, every request in [1, 4096] comes from the brk heap: "
                  "expected 0, got %ld", below);
        cr_assert(above == 100000, "pinned to 65536, every request in [100000, 200000] is mmapped: "
                  "expected 100000 (the smallest in the range), got %ld", above);
    }
    free(f);
}

// ---- the program (5 points) -------------------------------------------------------

// program_path — build/<impl>/bin/layout beside this suite; fails the test
// when it was not built.
static void program_path(char *out, size_t len)
{
    char b[4096];
    build_dir(b, sizeof b);
    snprintf(out, len, "%sbin/layout", b);
    cr_assert(access(out, X_OK) == 0, "the lab's program %s was not built", out);
}

// system_aslr — /proc/sys/kernel/randomize_va_space, or -1.
static int system_aslr(void)
{
    FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "r");
    int v = -1;
    if (f != NULL) {
        if (fscanf(f, "%d", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

// must_move — whether ASLR must move an object of this kind between runs.
// Memory a sanitizer's malloc places (fixed arenas) and the heap of a
// non-PIE program under randomize_va_space=1 need not move.
static bool must_move(layout_kind_t k, bool pie, int aslr)
{
    switch (k) {
    case LAYOUT_TEXT: case LAYOUT_RODATA: case LAYOUT_DATA: case LAYOUT_BSS:
        return pie;
    case LAYOUT_HEAP:
        return pie || aslr == 2;
    case LAYOUT_STACK: case LAYOUT_THREAD_STACK: case LAYOUT_TLS: case LAYOUT_LIBRARY:
    case LAYOUT_VDSO: case LAYOUT_FILE:
        return true;
    default:
        return false;
    }
}

ML_TEST(program, two_runs_show_aslr, 3, 60, .allow_exec = true)
{
    char prog[4200];
    program_path(prog, sizeof prog);
    char *out;
    char *argv[] = {prog, "--compare", "--json", NULL};
    int rc = run_capture(argv, &out);
    cr_assert(rc == 0, "`layout --compare --json` exited with status %d", rc);
    json_error_t jerr;
    json_t *doc = json_loads(out, 0, &jerr);
    cr_assert(doc != NULL, "`layout --compare --json` printed no valid JSON: %s", jerr.text);
    free(out);
    int aslr = system_aslr();
    bool norand = (personality(0xffffffff) & ADDR_NO_RANDOMIZE) != 0;
    bool random = aslr > 0 && !norand;
    bool pie = json_is_true(json_object_get(doc, "pie"));
    json_t *objects = json_object_get(doc, "objects");
    cr_assert(json_array_size(objects) >= 10, "the comparison lists fewer than 10 objects");
    cr_assert(json_integer_value(json_object_get(doc, "aslr")) == aslr,
              "the program reports randomize_va_space = %d, the kernel says %d",
              (int)json_integer_value(json_object_get(doc, "aslr")), aslr);
    size_t i;
    json_t *o;
    int moved = 0;
    json_array_foreach(objects, i, o) {
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *what = json_string_value(json_object_get(o, "what"));
        const char *expected = json_string_value(json_object_get(o, "expected"));
        json_t *kinds = json_object_get(o, "kind"), *addr = json_object_get(o, "addr");
        for (int run = 0; run < 2; run++) {
            const char *k = json_string_value(json_array_get(kinds, (size_t)run));
            cr_assert(k != NULL && expected != NULL && strcmp(k, expected) == 0,
                      "in run %d of the program your layout_classify called %s (%s) '%s'; it is %s",
                      run + 1, id, what, k ? k : "?", expected ? expected : "?");
        }
        bool m = json_is_true(json_object_get(o, "moved"));
        const char *a1 = json_string_value(json_array_get(addr, 0));
        const char *a2 = json_string_value(json_array_get(addr, 1));
        cr_assert(a1 && a2 && m == (strcmp(a1, a2) != 0), "the comparison of %s is inconsistent", id);
        moved += m;
        layout_kind_t kind = layout_kind_from_name(expected);
        if (!random)
            cr_assert(!m, "randomization is off (randomize_va_space = %d%s), yet %s moved from %s to %s",
                      aslr, norand ? ", ADDR_NO_RANDOMIZE" : "", id, a1, a2);
        else if (must_move(kind, pie, aslr))
            cr_assert(m, "with randomize_va_space = %d, %s (%s) should be elsewhere in the second "
                      "run, but it stayed at %s", aslr, id, expected, a1);
    }
    const char *verdict = json_string_value(json_object_get(doc, "verdict"));
    cr_assert(verdict != NULL && (strcmp(verdict, "identical") == 0) == (moved == 0),
              "the program's verdict '%s' does not match what moved (%d objects)", verdict ? verdict : "?",
              moved);
    if (!random)
        ml_note("randomization is off on this machine: the program must report identical runs");
    json_decref(doc);
}

ML_TEST(program, draws_the_address_space, 2, 60, .allow_exec = true)
{
    char prog[4200], b[4096], svg[4300];
    program_path(prog, sizeof prog);
    build_dir(b, sizeof b);
    snprintf(svg, sizeof svg, "%sgraphs", b);
    mkdir(svg, 0755);
    snprintf(svg, sizeof svg, "%sgraphs/layout-address-space.svg", b);
    char *out;
    char *argv[] = {prog, "--no-threshold", "--svg", svg, NULL};
    int rc = run_capture(argv, &out);
    free(out);
    cr_assert(rc == 0, "`layout --svg %s` exited with status %d", svg, rc);
    char *text = slurp(svg, NULL);
    cr_assert(text != NULL, "the program reported success but wrote no %s", svg);
    cr_assert(strstr(text, "<svg") != NULL, "%s is not an SVG file", svg);
    static const char *const must[] = {"[stack]", "[vdso]", ">text</text>", ">stack</text>",
                                       ">library</text>", ">tls</text>"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        cr_assert(strstr(text, must[i]) != NULL,
                  "the picture of the address space lacks '%s': are the regions read and classified?",
                  must[i]);
    ml_note("the picture is in %s", svg);
    free(text);
}
