// jail.c — where student code runs: each suite binary (its manifest run and
// its test run) is started inside bubblewrap, so the code linked into it —
// constructors included, which run before any of the suite library's own
// sandbox — sees the machine read-only:
//
//   /                       read-only (system, toolchain, the repository)
//   /tmp                    a private, empty tmpfs (the repository itself stays
//                           visible read-only even when it lies under /tmp)
//   <repo>/build            an empty tmpfs: no other submission, no results
//   <repo>/solutions        an empty tmpfs: the reference is not readable
//   <repo>/instructor       an empty tmpfs: a package's hidden suites
//   <the graded build>      read-only again (the suite, the lab's programs)
//   <repo>/build/labs[-san] read-only again (what every build shares)
//   the run's work and data directories   the only writable places
//   network                 none (a namespace of its own)
//   processes               a PID namespace that dies with the runner
//
// and, set in the child before bubblewrap is executed, so they bound the
// constructors too: CPU seconds, the largest file it may write, and — for
// suites not built with AddressSanitizer, which cannot start under it — the
// address space. The number of tasks is bounded by a control group of the
// run's own where the grader may create one (cgroup.c; as root), else by
// RLIMIT_NPROC (which binds only users other than root); a suite built with
// AddressSanitizer gets the control group's memory limit instead of an
// address-space limit. Without bubblewrap, or where user namespaces are refused, the
// grader says so once and tests run in the suite library's sandbox only.
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grader.h"
#include "memlab/grow.h"

#define JAIL_AS_MARGIN_MB 768   // the runner and Criterion beside the largest test
#define JAIL_FSIZE (256u << 20) // the largest file a suite run may write
#define JAIL_NPROC 4096

static int state = -1; // -1 unknown, 0 unavailable, 1 available
static char *state_why;
static char *bwrap_path;

// The bubblewrap binary on PATH, or NULL.
static char *find_bwrap(void)
{
    const char *path = getenv("PATH");
    char *copy = gr_strdup(path && *path ? path : "/usr/bin:/bin"), *save = NULL;
    char *found = NULL;
    for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char *p = gr_printf("%s/bwrap", d);
        if (access(p, X_OK) == 0)
            found = p;
        else
            free(p);
    }
    free(copy);
    return found;
}

bool gr_jail_available(const char **why)
{
    if (state < 0) {
        const char *off = getenv("MEMLAB_NO_BWRAP");
        bwrap_path = off && *off ? NULL : find_bwrap();
        if (off && *off) {
            state = 0;
            state_why = gr_strdup("MEMLAB_NO_BWRAP is set");
        } else if (bwrap_path == NULL) {
            state = 0;
            state_why = gr_strdup("bubblewrap (bwrap) is not installed");
        } else {
            char *argv[] = {
                bwrap_path,      "--ro-bind",         "/",         "/", "--unshare-net",
                "--unshare-pid", "--die-with-parent", "/bin/true", NULL
            };
            pid_t pid = fork();
            if (pid == 0) {
                int null = open("/dev/null", O_WRONLY);
                if (null >= 0) {
                    dup2(null, STDOUT_FILENO);
                    dup2(null, STDERR_FILENO);
                }
                execv(argv[0], argv);
                _exit(127);
            }
            int st = 0;
            while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
            state = pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
            if (!state)
                state_why = gr_strdup("bubblewrap cannot create namespaces here "
                                      "(user namespaces refused?)");
        }
    }
    if (why)
        *why = state_why;
    return state == 1;
}

bool gr_binary_is_asan(const char *path)
{
    size_t size = 0;
    char *data = gr_read_file(path, 256u << 20, &size);
    bool asan =
        data && memmem(data, size < (256u << 20) ? size : (256u << 20), "__asan_init", 11) != NULL;
    free(data);
    return asan;
}

void gr_jail_limits(const gr_jail_t *j)
{
    struct rlimit r;
    if (j->cpu_s > 0) {
        r.rlim_cur = r.rlim_max = (rlim_t)j->cpu_s + 1;
        setrlimit(RLIMIT_CPU, &r);
    }
    r.rlim_cur = r.rlim_max = JAIL_FSIZE;
    setrlimit(RLIMIT_FSIZE, &r);
    if (!j->asan && j->mem_mb > 0 && j->mem_mb != GR_MEM_UNLIMITED) {
        r.rlim_cur = r.rlim_max = ((rlim_t)j->mem_mb + JAIL_AS_MARGIN_MB) << 20;
        setrlimit(RLIMIT_AS, &r);
    }
    if (getuid() != 0) {
        r.rlim_cur = r.rlim_max = JAIL_NPROC;
        setrlimit(RLIMIT_NPROC, &r);
    }
}

unsigned gr_jail_asan_memory_mb(const gr_jail_t *j)
{
    // A suite with a test that refuses an address-space limit (ThreadSanitizer)
    // is bounded as if its tests had the default.
    unsigned mb = j->mem_mb == GR_MEM_UNLIMITED || j->mem_mb == 0 ? 1024 : j->mem_mb;
    return 2 * mb + JAIL_AS_MARGIN_MB;
}

const char *gr_jail_limits_text(void)
{
    return gr_cgroup_available()
               ? "cpu time, file size, address space (memory instead, from the control "
                 "group, under AddressSanitizer and in a suite with a ThreadSanitizer test) "
                 "and tasks (a control group)"
           : getuid() != 0 ? "cpu time, file size, address space (none for a ThreadSanitizer "
                             "test) and processes (rlimits)"
                           : "cpu time, file size and address space (rlimits; none for a "
                             "ThreadSanitizer test; processes unbounded: no control group "
                             "for root)";
}

// An absolute, resolved version of `path` (which exists), or a copy.
static char *resolved(const char *path)
{
    char *r = realpath(path, NULL);
    return r ? r : gr_strdup(path);
}

typedef struct {
    char **v; // NULL-terminated
    size_t n, cap;
} args_t;

static void add(args_t *a, const char *s)
{
    if (!ML_GROW_ARRAY(a->v, a->cap, a->n + 2, 32))
        gr_out_of_memory();
    a->v[a->n++] = gr_strdup(s);
    a->v[a->n] = NULL;
}

char **gr_jail_argv(const gr_jail_t *j, char *const argv[])
{
    if (!gr_jail_available(NULL))
        return NULL;
    args_t a = { 0 };
    add(&a, bwrap_path);
    static const char *const base[] = { "--ro-bind",
                                        "/",
                                        "/",
                                        "--dev",
                                        "/dev",
                                        "--proc",
                                        "/proc",
                                        "--tmpfs",
                                        "/tmp",
                                        "--unshare-net",
                                        "--unshare-ipc",
                                        "--unshare-pid",
                                        "--unshare-uts",
                                        "--die-with-parent" };
    for (size_t i = 0; i < sizeof base / sizeof *base; i++)
        add(&a, base[i]);
    char *cwd = getcwd(NULL, 0);
    if (cwd) { // the repository, read-only even where it lies under the private /tmp
        add(&a, "--ro-bind");
        add(&a, cwd);
        add(&a, cwd);
    }
    static const char *const hide[] = { "build", "solutions", "instructor" };
    for (size_t i = 0; cwd && i < 3; i++) {
        char *p = gr_printf("%s/%s", cwd, hide[i]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            add(&a, "--tmpfs");
            add(&a, p);
        }
        free(p);
    }
    free(cwd);
    // What every build shares — the labs' own objects and artifacts such as
    // a corpus of test programs — is project code: visible, read-only.
    static const char *const shared[] = { "build/labs", "build/labs-san" };
    for (size_t i = 0; cwd && i < 2; i++) {
        struct stat st;
        if (stat(shared[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            char *p = resolved(shared[i]);
            add(&a, "--ro-bind");
            add(&a, p);
            add(&a, p);
            free(p);
        }
    }
    if (j->build) {
        char *b = resolved(j->build);
        add(&a, "--ro-bind");
        add(&a, b);
        add(&a, b);
        free(b);
    }
    for (size_t i = 0; i < j->nwritable; i++) {
        char *w = resolved(j->writable[i]);
        add(&a, "--bind");
        add(&a, w);
        add(&a, w);
        free(w);
    }
    add(&a, "--");
    for (size_t i = 0; argv[i] != NULL; i++)
        add(&a, argv[i]);
    return a.v;
}

void gr_jail_argv_free(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}
