// run.c — runs a suite binary the way the grader trusts: in its own process
// group, stdin from /dev/null, stdout and stderr through a pipe the grader
// drains into a capped log (so a flood can neither fill the disk nor block
// the runner), under a wall-clock watchdog that kills the whole group, and
// with every process it leaves behind killed afterwards.
//
// Criterion's test processes sit in process groups of their own, so killing
// the runner's group does not reach them. They die with the runner
// (PR_SET_PDEATHSIG, set by the suite library) as the runner dies with the
// grader, and as a second line the grader is a child subreaper: orphaned
// descendants are re-parented to it, and it kills and reaps each of them
// once the run is over.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grader.h"

extern char **environ;

void gr_run_init(void)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    signal(SIGPIPE, SIG_IGN);
}

// The environment of the child: the grader's, without Criterion's variables
// (CRITERION_JOBS, CRITERION_TEST_PATTERN, ... would change what runs) and
// without the variables in `add`, then `add`.
static char **child_env(char *const add[])
{
    size_t n = 0, k = 0;
    while (environ[n] != NULL)
        n++;
    while (add != NULL && add[k] != NULL)
        k++;
    char **env = gr_xmalloc((n + k + 1) * sizeof *env);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = environ[i];
        int drop = strncmp(e, "CRITERION_", 10) == 0;
        for (size_t j = 0; !drop && j < k; j++) {
            const char *eq = strchr(add[j], '=');
            size_t len = eq ? (size_t)(eq - add[j]) + 1 : strlen(add[j]);
            drop = strncmp(e, add[j], len) == 0;
        }
        if (!drop)
            env[m++] = environ[i];
    }
    for (size_t j = 0; j < k; j++)
        env[m++] = add[j];
    env[m] = NULL;
    return env;
}

// The parent pid of process `pid` from /proc, or -1.
static pid_t parent_of(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *close_paren = strrchr(buf, ')'); // the command name may hold spaces
    int ppid;
    if (close_paren == NULL || sscanf(close_paren + 1, " %*c %d", &ppid) != 1)
        return -1;
    return ppid;
}

// Kills and reaps every process re-parented to the grader. Returns how many.
static int reap_leftovers(void)
{
    int killed = 0;
    pid_t self = getpid();
    for (int round = 0; round < 50; round++) {
        while (waitpid(-1, NULL, WNOHANG) > 0) {}
        DIR *d = opendir("/proc");
        if (d == NULL)
            return killed;
        int found = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            pid_t pid = (pid_t)atoi(e->d_name);
            if (pid > 0 && pid != self && parent_of(pid) == self) {
                kill(pid, SIGKILL);
                found++;
            }
        }
        closedir(d);
        if (found == 0)
            return killed;
        killed += found;
        usleep(10000);
    }
    return killed;
}

// Appends what the child printed to the log, up to the cap. Reads at most
// 64 chunks, so a child that never stops printing cannot hold the grader.
static void drain(int fd, int log_fd, size_t log_cap, gr_proc_t *r)
{
    char buf[65536];
    for (int chunks = 0; chunks < 64; chunks++) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        if (log_fd >= 0 && r->output_bytes < log_cap) {
            size_t keep =
                log_cap - r->output_bytes < (size_t)n ? log_cap - r->output_bytes : (size_t)n;
            if (write(log_fd, buf, keep) < 0) {
                // The log is for people; losing it does not change a grade.
            }
        }
        r->output_bytes += (size_t)n;
    }
}

gr_proc_t gr_run(char *const argv[], char *const env[], const char *log_path, size_t log_cap,
                 double limit_s, const gr_jail_t *jail)
{
    gr_proc_t r = { 0 };
    char **jailed = jail ? gr_jail_argv(jail, argv) : NULL;
    char *const *run = jailed ? jailed : argv;
    int log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
        r.start_failed = true;
        r.start_errno = errno;
        if (log_fd >= 0)
            close(log_fd);
        gr_jail_argv_free(jailed);
        return r;
    }
    char **envp = child_env(env);
    // A control group of its own bounds the run's tasks (and, where no
    // address-space limit can, its memory) — for root too.
    gr_cgroup_t *cg =
        jail ? gr_cgroup_open(GR_CGROUP_TASKS, jail->asan || jail->mem_mb == GR_MEM_UNLIMITED
                                                   ? gr_jail_asan_memory_mb(jail)
                                                   : 0)
             : NULL;
    double t0 = gr_seconds();
    pid_t grader = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        // The runner dies with the grader (Ctrl-C on `make grade` reaches
        // only the grader: the runner has a process group of its own).
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != grader)
            _exit(127);
        setpgid(0, 0);
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0)
            dup2(in, STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(out[1], STDERR_FILENO);
        signal(SIGPIPE, SIG_DFL);
        if (jail) {
            gr_cgroup_enter(cg);
            gr_jail_limits(jail);
        }
        execve(run[0], run, envp);
        int e = errno;
        if (write(err[1], &e, sizeof e) < 0) {
            // Nothing more to do: the parent sees an empty pipe and exit 127.
        }
        _exit(127);
    }
    free(envp);
    gr_jail_argv_free(jailed);
    close(out[1]);
    close(err[1]);
    if (pid < 0) {
        r.start_failed = true;
        r.start_errno = errno;
        gr_cgroup_close(cg);
        close(out[0]);
        close(err[0]);
        if (log_fd >= 0)
            close(log_fd);
        return r;
    }
    setpgid(pid, pid);
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    double deadline = t0 + limit_s;
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        double now = gr_seconds();
        if (now >= deadline && !r.watchdog) {
            r.watchdog = true;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
        }
        struct pollfd p = { .fd = out[0], .events = POLLIN };
        int wait_ms = r.watchdog ? 20 : (int)((deadline - now) * 1000) + 1;
        if (wait_ms > 50)
            wait_ms = 50;
        if (poll(&p, 1, wait_ms) > 0)
            drain(out[0], log_fd, log_cap, &r);
    }
    drain(out[0], log_fd, log_cap, &r);
    r.seconds = gr_seconds() - t0;
    kill(-pid, SIGKILL); // anything still in the runner's group
    gr_cgroup_close(cg); // and anything that left it
    reap_leftovers();
    int e;
    if (read(err[0], &e, sizeof e) == (ssize_t)sizeof e) {
        r.start_failed = true;
        r.start_errno = e;
    }
    close(out[0]);
    close(err[0]);
    if (log_fd >= 0) {
        if (r.output_bytes > log_cap) {
            char note[128];
            size_t more = r.output_bytes - log_cap;
            int n = snprintf(note, sizeof note, "\n[grader: %zu more byte%s of output dropped]\n",
                             more, more == 1 ? "" : "s");
            if (write(log_fd, note, (size_t)n) < 0) {
                // As above: only the log is incomplete.
            }
        }
        close(log_fd);
    }
    if (WIFEXITED(status) && jailed && WEXITSTATUS(status) > 128 && WEXITSTATUS(status) < 128 + 65)
        r.term_signal = WEXITSTATUS(status) - 128; // bubblewrap reports a signal as 128 + N
    else if (WIFEXITED(status))
        r.exit_status = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        r.term_signal = WTERMSIG(status);
    return r;
}
