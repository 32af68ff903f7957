// sandbox.c — the limits a graded test runs under, applied in the test's own
// process before any lab code runs (from ml_test_enter):
//
//   RLIMIT_CORE  0                    a crash leaves no core file
//   RLIMIT_CPU   .cpu_s, default 2 × timeout + 1 s  (SIGXCPU, then SIGKILL)
//   alarm        MLS_NO_TIMEOUT_S, only for a test declared without a timeout
//   RLIMIT_FSIZE MLS_OUTPUT_LIMIT     the log and any file written (SIGXFSZ)
//   RLIMIT_NPROC tasks now + headroom (threads work; binds non-root users)
//   RLIMIT_AS    .mem_mb MiB, default 1024 — not under AddressSanitizer, which
//                cannot start under it; there the grader sets
//                ASAN_OPTIONS=hard_rss_limit_mb instead; none for
//                .mem_mb = ML_MEM_UNLIMITED (a test running a program under
//                ThreadSanitizer)
//   seccomp      unless .allow_exec: fork, vfork, execve(at) and clone
//                without CLONE_THREAD fail with EPERM (clone3 with ENOSYS, so
//                glibc's pthread_create falls back to clone and threads keep
//                working), as do signals to other processes and opening an
//                internet socket (a test cannot send hidden tests away).
//                In every test: ptrace, raising the limits and a few
//                system-wide syscalls (reboot, mount, module loading,
//                namespaces) fail with EPERM.
//   faults       a SIGSEGV/SIGBUS handler on an alternate stack notes the
//                faulting address (NULL pointer, stack overflow, other) and
//                lets the signal kill the test as before (not under ASan,
//                which reports faults itself).
//
// RLIMIT_NPROC does not bind root, and CI runs as root: the seccomp filter is
// what stops a fork bomb. If the filter cannot be loaded as root the test is
// not run (it exits with ML_EXIT_NO_SANDBOX); as another user it runs with
// the rlimits only and a `sandbox` note says so.
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <seccomp.h>

#include "suitelib.h"

// Lowers one limit to `soft`/`hard`, never raising the current hard limit.
static void lower_limit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit now;
    if (getrlimit(resource, &now) != 0)
        return;
    if (now.rlim_max != RLIM_INFINITY && hard > now.rlim_max)
        hard = now.rlim_max;
    if (soft > hard)
        soft = hard;
    struct rlimit want = { soft, hard };
    if (setrlimit(resource, &want) != 0)
        fprintf(stderr, "memlab: sandbox: cannot set limit %d: %s\n", resource, strerror(errno));
}

// The number of tasks (threads) on the whole system, from /proc/loadavg; an
// upper bound of this user's count. Returns 0 when it cannot be read.
static rlim_t system_tasks(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    if (f == NULL)
        return 0;
    unsigned long running = 0, total = 0;
    int ok = fscanf(f, "%*f %*f %*f %lu/%lu", &running, &total) == 2;
    fclose(f);
    return ok ? (rlim_t)total : 0;
}

// ---- fault reporting ---------------------------------------------------------
#if !MLS_ASAN
static int fault_fd = -1;
static uintptr_t stack_top, stack_low; // the main stack, roughly

// Formats `v` in hex into `out` (at least 19 bytes); async-signal-safe.
static size_t hex(char *out, uintptr_t v)
{
    char tmp[16];
    size_t n = 0, len = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v != 0);
    out[len++] = '0';
    out[len++] = 'x';
    while (n > 0)
        out[len++] = tmp[--n];
    return len;
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    uintptr_t addr = (uintptr_t)si->si_addr;
    const char *kind = addr < 65536                               ? "null"
                       : (addr >= stack_low && addr <= stack_top) ? "stack"
                                                                  : "other";
    char line[96];
    size_t len = 0;
    memcpy(line, "fault\t", 6);
    len = 6;
    line[len++] = sig == SIGBUS ? 'B' : 'S';
    line[len++] = '\t';
    len += hex(line + len, addr);
    line[len++] = '\t';
    size_t k = strlen(kind);
    memcpy(line + len, kind, k);
    len += k;
    line[len++] = '\n';
    if (fault_fd >= 0)
        (void)mls_write_all(fault_fd, line, len);
    // SA_RESETHAND restored the default action: a real fault repeats when
    // this returns and kills the test; a sent signal is raised again.
    if (si->si_code <= 0)
        raise(sig);
}

static void install_fault_reporter(int notes_fd)
{
    static char altstack[64 << 10];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
    if (sigaltstack(&ss, NULL) != 0)
        return;
    struct rlimit st;
    rlim_t size = (getrlimit(RLIMIT_STACK, &st) == 0 && st.rlim_cur != RLIM_INFINITY)
                      ? st.rlim_cur
                      : (rlim_t)8 << 20;
    int here;
    stack_top = (uintptr_t)&here + 4096;
    stack_low = (uintptr_t)&here > size + (1u << 20) ? (uintptr_t)&here - size - (1u << 20) : 0;
    fault_fd = notes_fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
#endif

// ---- seccomp -----------------------------------------------------------------

// Adds one rule; a syscall this kernel or libseccomp does not know is skipped.
static int rule(scmp_filter_ctx ctx, uint32_t action, int nr, unsigned argc,
                const struct scmp_arg_cmp *args)
{
    if (nr < 0)
        return 0;
    int rc = seccomp_rule_add_array(ctx, action, nr, argc, args);
    return rc == -EDOM || rc == -EINVAL ? 0 : rc;
}

// Builds and loads the filter. Returns 0, or a negative errno value.
static int load_filter(int allow_exec)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (ctx == NULL)
        return -ENOMEM;
    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    const uint32_t eperm = SCMP_ACT_ERRNO(EPERM);
    const scmp_datum_t self = (scmp_datum_t)getpid();
    const struct scmp_arg_cmp other_pid[] = { SCMP_A0_32(SCMP_CMP_NE, self) };
    const struct scmp_arg_cmp new_limit[] = { SCMP_A2_64(SCMP_CMP_NE, 0) };
    const struct scmp_arg_cmp no_thread[] = { SCMP_A0_64(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0) };
    static const int denied[] = {
        SCMP_SYS(ptrace),
        SCMP_SYS(process_vm_readv),
        SCMP_SYS(process_vm_writev),
        SCMP_SYS(setrlimit),
        SCMP_SYS(reboot),
        SCMP_SYS(kexec_load),
        SCMP_SYS(kexec_file_load),
        SCMP_SYS(mount),
        SCMP_SYS(umount2),
        SCMP_SYS(pivot_root),
        SCMP_SYS(swapon),
        SCMP_SYS(swapoff),
        SCMP_SYS(init_module),
        SCMP_SYS(finit_module),
        SCMP_SYS(delete_module),
        SCMP_SYS(unshare),
        SCMP_SYS(setns),
        SCMP_SYS(pidfd_getfd),
    };
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof denied / sizeof denied[0]; i++)
        rc = rule(ctx, eperm, denied[i], 0, NULL);
    if (rc == 0)
        rc = rule(ctx, eperm, SCMP_SYS(prlimit64), 1, new_limit);
    if (rc == 0 && !allow_exec) {
        static const int spawn[] = {
            SCMP_SYS(fork),     SCMP_SYS(vfork), SCMP_SYS(execve),
            SCMP_SYS(execveat), SCMP_SYS(tkill), SCMP_SYS(pidfd_send_signal),
        };
        for (size_t i = 0; rc == 0 && i < sizeof spawn / sizeof spawn[0]; i++)
            rc = rule(ctx, eperm, spawn[i], 0, NULL);
        if (rc == 0)
            rc = rule(ctx, eperm, SCMP_SYS(clone), 1, no_thread);
        if (rc == 0)
            rc = rule(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0, NULL);
        static const int signals[] = {
            SCMP_SYS(kill),
            SCMP_SYS(tgkill),
            SCMP_SYS(rt_sigqueueinfo),
            SCMP_SYS(rt_tgsigqueueinfo),
        };
        for (size_t i = 0; rc == 0 && i < sizeof signals / sizeof signals[0]; i++)
            rc = rule(ctx, eperm, signals[i], 1, other_pid);
        static const int families[] = { AF_INET, AF_INET6, AF_PACKET };
        for (size_t i = 0; rc == 0 && i < sizeof families / sizeof families[0]; i++) {
            const struct scmp_arg_cmp family[] = { SCMP_A0_32(SCMP_CMP_EQ, families[i]) };
            rc = rule(ctx, eperm, SCMP_SYS(socket), 1, family);
        }
    }
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    return rc;
}

// ---- the whole sandbox ---------------------------------------------------------

double mls_cpu_limit(const ml_grade_info_t *info, double timeout_s)
{
    if (info != NULL && info->cpu_s > 0)
        return info->cpu_s;
    return timeout_s > 0 ? 2 * timeout_s + 1 : 2 * MLS_NO_TIMEOUT_S;
}

void mls_sandbox_apply(const ml_grade_info_t *info, double timeout_s, int notes_fd)
{
    lower_limit(RLIMIT_CORE, 0, 0);
    // Criterion enforces .timeout; a test declared without one still ends.
    if (!(timeout_s > 0))
        alarm(MLS_NO_TIMEOUT_S);
    rlim_t cpu_s = (rlim_t)ceil(mls_cpu_limit(info, timeout_s));
    lower_limit(RLIMIT_CPU, cpu_s, cpu_s + 1);
    lower_limit(RLIMIT_FSIZE, MLS_OUTPUT_LIMIT, MLS_OUTPUT_LIMIT);
    rlim_t tasks = system_tasks();
    if (tasks > 0)
        lower_limit(RLIMIT_NPROC, tasks + MLS_NPROC_HEADROOM, tasks + MLS_NPROC_HEADROOM);
#if !MLS_ASAN
    size_t mem_mb = info != NULL && info->mem_mb ? info->mem_mb : MLS_DEFAULT_MEM_MB;
    if (mem_mb != ML_MEM_UNLIMITED)
        lower_limit(RLIMIT_AS, (rlim_t)mem_mb << 20, (rlim_t)mem_mb << 20);
    install_fault_reporter(notes_fd);
#endif
    int rc = load_filter(info != NULL && info->allow_exec);
    if (rc != 0) {
        char line[160];
        int n =
            snprintf(line, sizeof line, "sandbox\tthe system-call filter could not be loaded: %s\n",
                     strerror(-rc));
        if (notes_fd >= 0 && n > 0)
            (void)mls_write_all(notes_fd, line, (size_t)n);
        fprintf(stderr, "memlab: %s", line + 8);
        if (getuid() == 0) {
            fflush(stderr);
            _exit(ML_EXIT_NO_SANDBOX); // as root nothing else stops a fork bomb
        }
    }
}
