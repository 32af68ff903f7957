// files.c — where the layout suite finds the lab's files (the build
// directory, the recorded maps files) and how it runs programs (binutils'
// size, the lab's program) with their output captured.
#include <dirent.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/grade.h"
#include "layout_suite.h"
#include "memlab/grow.h"

extern char **environ;

// suite_build_dir — build/<impl>[-san]/ of this suite (its binary is
// build/<impl>/suites/layout), with a trailing slash.
void suite_build_dir(char *out, size_t len)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cr_assert(n > 0, "cannot read /proc/self/exe");
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    cr_assert(slash != NULL);
    *slash = '\0'; // .../build/<impl>/suites
    slash = strrchr(exe, '/');
    cr_assert(slash != NULL);
    slash[1] = '\0'; // .../build/<impl>/
    snprintf(out, len, "%s", exe);
}

// suite_data_dir — labs/layout/data of this checkout: beside the build directory,
// or under the current directory.
void suite_data_dir(char *out, size_t len)
{
    char b[4096];
    suite_build_dir(b, sizeof b);
    if (snprintf(out, len, "%.4000s../../labs/layout/data", b) >= (int)len)
        out[0] = '\0';
    struct stat st;
    if (stat(out, &st) != 0)
        snprintf(out, len, "labs/layout/data");
    cr_assert(stat(out, &st) == 0, "the lab's recorded maps files are missing (%s)", out);
}

// suite_open_fds — how many file descriptors this process has open now
// (the entries of /proc/self/fd, less the one that lists them).
int suite_open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    cr_assert(d != NULL, "cannot list /proc/self/fd");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1;
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
int suite_run_capture(char *const argv[], char **out)
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
        if (!ML_GROW_ARRAY(buf, cap, len + 2, 0)) {
            free(buf);
            buf = NULL;
        }
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (buf != NULL)
        buf[len] = '\0';
    *out = buf;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
