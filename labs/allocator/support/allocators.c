// allocators.c — mm, the C library's malloc and real allocators as
// replay_alloc_t, and the runner processes that measure the real ones
// (see allocators.h).
//
// Runner protocol: the parent starts `exe --runner NAME --reps N FILE...`
// with LD_PRELOAD naming the allocator's library and stdout on a pipe. The
// runner first checks that a symbol only that allocator exports is present
// (a library that cannot be preloaded only earns a warning from ld.so, and
// the runner would silently measure glibc), then prints one line per trace:
//     result <index> <ops per second> <utilization or -1> <mm's ops per second>
// (a real allocator's runner times the program's mm too, in alternation).
// or `missing <symbol>`, or `error <message>`. Its stderr is discarded.
#include "support/allocators.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/checker.h"
#include "mm.h"

extern char **environ;

// ---- mm over a page heap ----------------------------------------------------

static ml_pageheap_t *mm_heap;

static int mm_begin(replay_alloc_t *a, const ml_trace_t *t)
{
    (void)a;
    mm_heap = ml_pageheap_new(checker_arena_for(t));
    if (!mm_heap)
        return -1;
    if (mm_init(mm_heap) != 0) {
        ml_pageheap_destroy(mm_heap);
        mm_heap = NULL;
        return -1;
    }
    return 0;
}

static void mm_end(replay_alloc_t *a)
{
    (void)a;
    mm_deinit();
    ml_pageheap_destroy(mm_heap);
    mm_heap = NULL;
}

static size_t mm_footprint(replay_alloc_t *a)
{
    (void)a;
    return mm_heap ? ml_pageheap_stats(mm_heap).inuse : 0;
}

replay_alloc_t *allocators_mm(void)
{
    static replay_alloc_t mm = {
        .name = "mm",
        .malloc = mm_malloc,
        .free = mm_free,
        .realloc = mm_realloc,
        .begin = mm_begin,
        .end = mm_end,
        .footprint = mm_footprint,
    };
    return &mm;
}

// ---- the process's malloc ---------------------------------------------------

static const allocators_ext_t known[] = {
    { "jemalloc", "libjemalloc.so.2", "mallctl" },
    { "mimalloc", "libmimalloc.so.2", "mi_process_info" },
    { "tcmalloc", "libtcmalloc_minimal.so.4", "MallocExtension_GetNumericProperty" },
};

const allocators_ext_t *allocators_find(const char *name)
{
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].name, name) == 0)
            return &known[i];
    return NULL;
}

// fp_glibc — the bytes glibc holds: its main arena and mmapped chunks,
// less the free top of the arena that it can trim (mallinfo2).
static size_t fp_glibc(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.arena + mi.hblkhd - mi.keepcost; // keepcost: the trimmable top
}

// The real allocators' nearest figures to HeapInuse, read through dlsym
// (the library is the one preloaded; its symbols are not linked in):
//   jemalloc  stats.active: bytes in the pages of active runs and extents
//             (after "epoch" refreshes the statistics);
//   tcmalloc  generic.heap_size less the page heap's free and unmapped
//             bytes: the bytes in spans, its thread caches included;
// (mimalloc publishes only its committed memory, free pages and all: too
// far from HeapInuse to mean anything, so it has no figure here.)
// They are exact at the moment they are read: replay_utilization reads
// them after every operation for these allocators (see the runner).
static size_t fp_jemalloc(void)
{
    static int (*mallctl)(const char *, void *, size_t *, void *, size_t);
    if (!mallctl && !(*(void **)&mallctl = dlsym(RTLD_DEFAULT, "mallctl")))
        return 0;
    uint64_t epoch = 1;
    size_t active = 0, len = sizeof active, elen = sizeof epoch;
    if (mallctl("epoch", &epoch, &elen, &epoch, sizeof epoch) != 0 ||
        mallctl("stats.active", &active, &len, NULL, 0) != 0)
        return 0;
    return active;
}

static size_t fp_tcmalloc(void)
{
    static int (*prop)(const char *, size_t *);
    if (!prop && !(*(void **)&prop = dlsym(RTLD_DEFAULT, "MallocExtension_GetNumericProperty")))
        return 0;
    size_t heap = 0, free_b = 0, unmapped = 0;
    if (!prop("generic.heap_size", &heap) || !prop("tcmalloc.pageheap_free_bytes", &free_b) ||
        !prop("tcmalloc.pageheap_unmapped_bytes", &unmapped))
        return 0;
    return heap - free_b - unmapped;
}

typedef struct libc_state {
    size_t (*probe)(void);
} libc_state_t;

static size_t libc_footprint(replay_alloc_t *a)
{
    libc_state_t *st = a->state;
    return st->probe ? st->probe() : 0;
}

replay_alloc_t *allocators_libc(const char *name)
{
    static libc_state_t st;
    static replay_alloc_t libc = {
        .malloc = malloc,
        .free = free,
        .realloc = realloc,
        .footprint = libc_footprint,
        .state = &st,
    };
    libc.name = name;
    st.probe = strcmp(name, "glibc") == 0      ? fp_glibc
               : strcmp(name, "jemalloc") == 0 ? fp_jemalloc
               : strcmp(name, "tcmalloc") == 0 ? fp_tcmalloc
                                               : NULL;
#if defined(__SANITIZE_ADDRESS__)
    if (st.probe == fp_glibc)
        st.probe = NULL; // the sanitizer's malloc does not keep glibc's statistics
#endif
    return &libc;
}

// ---- runner processes -------------------------------------------------------

const char *allocators_self_exe(void)
{
    static char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0)
        return NULL;
    path[n] = '\0';
    return path;
}

// child_env — environ without LD_PRELOAD, plus LD_PRELOAD=lib when lib is
// set. The strings are environ's own (and one static buffer).
static char **child_env(const char *lib)
{
    static char preload[PATH_MAX + 16];
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = calloc(n + 2, sizeof *env);
    if (!env)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "LD_PRELOAD=", 11) != 0)
            env[k++] = environ[i];
    if (lib) {
        snprintf(preload, sizeof preload, "LD_PRELOAD=%s", lib);
        env[k++] = preload;
    }
    env[k] = NULL;
    return env;
}

int allocators_run(const char *exe, const char *name, const char *lib, char *const *files,
                   size_t nfiles, unsigned what, int reps, allocators_result_t *res, char *err,
                   size_t errlen)
{
    for (size_t i = 0; i < nfiles; i++)
        res[i] = (allocators_result_t){ .ops_per_sec = 0, .util = -1, .mm_ops_per_sec = 0 };
    char repsbuf[16];
    snprintf(repsbuf, sizeof repsbuf, "%d", reps);
    char **argv = calloc(nfiles + 9, sizeof *argv);
    char **env = child_env(lib);
    int fds[2] = { -1, -1 };
    if (!argv || !env || pipe(fds) != 0) {
        snprintf(err, errlen, "%s: cannot start a runner: %s", name, strerror(errno));
        free(argv);
        free(env);
        return -1;
    }
    size_t k = 0;
    argv[k++] = (char *)exe;
    argv[k++] = "--runner";
    argv[k++] = (char *)name;
    argv[k++] = "--reps";
    argv[k++] = repsbuf;
    if (!(what & ALLOCATORS_TIME))
        argv[k++] = "--no-time";
    if (!(what & ALLOCATORS_UTIL))
        argv[k++] = "--no-util";
    argv[k++] = "--";
    for (size_t i = 0; i < nfiles; i++)
        argv[k++] = files[i];
    argv[k] = NULL;

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, exe, &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    free(argv);
    free(env);
    if (rc != 0) {
        close(fds[0]);
        snprintf(err, errlen, "%s: cannot start %s: %s", name, exe, strerror(rc));
        return -1;
    }
    FILE *in = fdopen(fds[0], "r");
    char line[512], missing[128] = "", error[256] = "";
    size_t got = 0;
    while (in && fgets(line, sizeof line, in)) {
        size_t idx;
        double ops, util, mmops;
        if (sscanf(line, "result %zu %lf %lf %lf", &idx, &ops, &util, &mmops) == 4 &&
            idx < nfiles) {
            res[idx] =
                (allocators_result_t){ .ops_per_sec = ops, .util = util, .mm_ops_per_sec = mmops };
            got++;
        } else if (sscanf(line, "missing %127s", missing) == 1) {
        } else if (strncmp(line, "error ", 6) == 0) {
            size_t len = strcspn(line + 6, "\n");
            if (len >= sizeof error)
                len = sizeof error - 1;
            memcpy(error, line + 6, len);
            error[len] = '\0';
        }
    }
    if (in)
        fclose(in);
    else
        close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (missing[0]) {
        snprintf(err, errlen, "%s: not installed (%s could not be preloaded)", name,
                 lib ? lib : "the library");
        return -1;
    }
    if (error[0]) {
        snprintf(err, errlen, "%s: %s", name, error);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got != nfiles) {
        snprintf(err, errlen, "%s: the runner failed (%s %d)", name,
                 WIFSIGNALED(status) ? "signal" : "exit status",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        return -1;
    }
    return 0;
}

// offheap_utilization — replay_utilization of *t through a, with the
// trace's operations moved out of the measured allocator first (into an
// anonymous mapping; *t is replaced by an equal trace read again after).
static double offheap_utilization(ml_trace_t **t, replay_alloc_t *a, const char *path,
                                  size_t origin)
{
    size_t bytes = (*t)->num_ops * sizeof(ml_trace_op_t) + 1;
    ml_trace_op_t *ops =
        mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ops == MAP_FAILED)
        return -1;
    memcpy(ops, (*t)->ops, (*t)->num_ops * sizeof *ops);
    ml_trace_t copy = **t;
    copy.ops = ops;
    copy.name = NULL;
    ml_trace_free(*t);
    *t = NULL;
    // glibc's figure is sampled 2000 times a trace (mallinfo2 walks its
    // bins); the real allocators' after every operation, so that the peak
    // is never missed (a sampled peak can fall below the live bytes).
    double util = replay_utilization(&copy, a, strcmp(a->name, "glibc") == 0 ? 2000 : 0, origin);
    char err[512];
    *t = ml_trace_read(path, err, sizeof err);
    munmap(ops, bytes);
    return util;
}

int allocators_runner_main(int argc, char **argv)
{
    int reps = 5;
    static const struct option longopts[] = {
        { "runner", required_argument, NULL, 'R' },
        { "reps", required_argument, NULL, 'r' },
        { "no-time", no_argument, NULL, 'T' },
        { "no-util", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };
    const char *name = NULL;
    bool timing = true, utilization = true;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'R')
            name = optarg;
        else if (c == 'r')
            reps = atoi(optarg);
        else if (c == 'T')
            timing = false;
        else if (c == 'U')
            utilization = false;
        else
            return 2;
    }
    if (!name) {
        printf("error the runner needs --runner NAME\n");
        return 2;
    }
    const allocators_ext_t *ext = allocators_find(name);
    if (ext && !dlsym(RTLD_DEFAULT, ext->symbol)) {
        printf("missing %s\n", ext->symbol);
        return 1;
    }
    bool is_mm = strcmp(name, "mm") == 0;
    replay_alloc_t *a = is_mm ? allocators_mm() : allocators_libc(name);
    for (int i = optind; i < argc; i++) {
        char err[512];
        // A real allocator's footprint is measured from before the trace is
        // read: the memory the parser frees stays in its heap, and the
        // replay would fill it without the figure rising. Counted from
        // here, that memory counts against the allocator, so its
        // utilization is a lower bound (glibc is measured from the start of
        // the replay, as it always was).
        size_t origin = ext && utilization && a->footprint(a) ? a->footprint(a) : SIZE_MAX;
        ml_trace_t *t = ml_trace_read(argv[i], err, sizeof err);
        if (!t) {
            printf("error %s\n", err);
            return 1;
        }
        double ops = 0, util = -1, mmops = 0;
        // Utilization first, while the allocator is as fresh as the process.
        if (utilization && is_mm) {
            checker_result_t r;
            if (checker_run(t, NULL, &r) == 0 && r.valid)
                util = r.utilization;
        } else if (utilization) {
            util = offheap_utilization(&t, a, argv[i], origin);
            if (!t) {
                printf("error %s: cannot read it again\n", argv[i]);
                return 1;
            }
        }
        if (timing && ext) {
            // The real allocator and mm in alternation, for a same-process ratio.
            replay_alloc_t *both[2] = { a, allocators_mm() };
            double v[2];
            replay_time(t, both, 2, reps, v);
            ops = v[0];
            mmops = v[1];
        } else if (timing) {
            replay_time(t, &a, 1, reps, &ops);
        }
        printf("result %d %.1f %.6f %.1f\n", i - optind, ops, util, mmops);
        fflush(stdout);
        ml_trace_free(t);
    }
    return 0;
}
