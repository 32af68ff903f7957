// spawn.c — starting a program under the tracker: find it, check that a
// preloaded library can reach it (a statically linked program has no
// dynamic loader to preload with), and run it with LD_PRELOAD and LEAK_OUT
// set, keeping its exit status.
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report.h"

static int find_in_path(const char *name, char *out, size_t cap)
{
    const char *p = getenv("PATH");
    if (!p || !*p)
        p = "/usr/local/bin:/usr/bin:/bin";
    while (*p) {
        size_t len = strcspn(p, ":");
        snprintf(out, cap, "%.*s/%s", (int)len, len ? p : ".", name);
        if (access(out, F_OK) == 0)
            return 0;
        p += len + (p[len] == ':');
    }
    return -1;
}

// Is the ELF file at fd dynamically linked (has a PT_INTERP)? 1 yes, 0 no,
// -1 not an ELF file we can read.
static int elf_dynamic(int fd)
{
    Elf64_Ehdr eh;
    if (pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG))
        return -1;
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr))
        return -1;
    for (int i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + (size_t)i * sizeof ph)) !=
            (ssize_t)sizeof ph)
            return -1;
        if (ph.p_type == PT_INTERP)
            return 1;
    }
    return 0;
}

lk_prog_status_t lk_check_program(const char *name, char *path, size_t cap, char *why,
                                  size_t whycap)
{
    if (strchr(name, '/'))
        snprintf(path, cap, "%s", name);
    else if (find_in_path(name, path, cap) != 0) {
        snprintf(why, whycap, "%s: no such program (not found in $PATH)", name);
        return LK_PROG_NOT_FOUND;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(why, whycap, "%s: %s", path, strerror(errno));
        return errno == ENOENT || errno == ENOTDIR ? LK_PROG_NOT_FOUND : LK_PROG_NOT_EXECUTABLE;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, whycap, "%s: not a regular file", path);
        return LK_PROG_NOT_EXECUTABLE;
    }
    if (access(path, X_OK) != 0) {
        snprintf(why, whycap, "%s: not executable (%s)", path, strerror(errno));
        return LK_PROG_NOT_EXECUTABLE;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, whycap, "%s: %s", path, strerror(errno));
        return LK_PROG_NOT_EXECUTABLE;
    }
    char head[2] = { 0 };
    ssize_t got = pread(fd, head, 2, 0);
    int dyn = elf_dynamic(fd);
    close(fd);
    if (got == 2 && head[0] == '#' && head[1] == '!')
        return LK_PROG_OK; // a script: its interpreter is what runs
    if (dyn < 0) {
        snprintf(why, whycap, "%s: not an x86-64 ELF program or a script", path);
        return LK_PROG_NOT_EXECUTABLE;
    }
    if (dyn == 0) {
        snprintf(why, whycap,
                 "%s: statically linked; a preloaded tracker cannot reach its malloc "
                 "(run valgrind on it, or link it dynamically)",
                 path);
        return LK_PROG_STATIC;
    }
    return LK_PROG_OK;
}

int lk_lib_path(char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = 0;
    snprintf(out, cap, "%s/../lib/libleak.so", dirname(exe));
    char real[PATH_MAX];
    if (!realpath(out, real))
        return -1;
    snprintf(out, cap, "%s", real);
    return 0;
}

pid_t lk_run(const char *path, char *const argv[], const lk_run_opts_t *o, int *status)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        const char *old = getenv("LD_PRELOAD");
        char *pre = NULL;
        if (asprintf(&pre, "%s%s%s", o->lib, old && *old ? ":" : "", old ? old : "") < 0)
            _exit(127);
        setenv("LD_PRELOAD", pre, 1);
        setenv("LEAK_OUT", o->out_dir, 1);
        char buf[64];
        if (o->interval_ms > 0) {
            snprintf(buf, sizeof buf, "%g", o->interval_ms);
            setenv("LEAK_INTERVAL_MS", buf, 1);
        }
        if (o->every > 0) {
            snprintf(buf, sizeof buf, "%lu", o->every);
            setenv("LEAK_EVERY", buf, 1);
        }
        if (o->quiet) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd >= 0) {
                dup2(fd, 1);
                dup2(fd, 2);
                close(fd);
            }
        }
        execv(path, argv);
        fprintf(stderr, "leak-detection: %s: %s\n", path, strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    *status = st;
    return pid;
}
