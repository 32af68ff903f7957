// cgroup.c — a control group of its own for every suite run, so the kernel
// bounds what no resource limit can bound for root: the number of tasks
// (a constructor that forks without end) and, for suites built with
// AddressSanitizer (which cannot start under an address-space limit), the
// memory the run may touch.
//
//   the grader (parent)                     the runner (child, before exec)
//   gr_cgroup_open: mkdir <ctl>/<own>/memlab-<pid>-<n>
//                   write pids.max, memory limit
//                                           gr_cgroup_enter: write "0" into
//                                           cgroup.procs of each controller
//                                           → every descendant is counted
//   gr_cgroup_close: kill what is left inside, rmdir
//
// Two layouts exist. Version 1 (a hierarchy per controller, e.g.
// /sys/fs/cgroup/pids) takes a new group anywhere the grader may write.
// Version 2 (one hierarchy) offers a controller to a new group only where the
// parent enables it in cgroup.subtree_control, which the grader tries once.
// A user other than root usually may do neither: then nothing is created, the
// jail's RLIMIT_NPROC binds that user instead, and the caller says which
// limit holds (results.json's extra_data.limits). Never fails the run.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grader.h"

struct gr_cgroup {
    char *pids;   // the group's directory in the pids hierarchy
    char *memory; // in the memory hierarchy, or NULL when memory is not bounded
};

// The grader's own group in a hierarchy: the path after "N:<ctl>:" (v1) or
// "0::" (v2, ctl NULL) in /proc/self/cgroup, or NULL.
static char *own_group(const char *ctl)
{
    FILE *f = fopen("/proc/self/cgroup", "r");
    if (!f)
        return NULL;
    char line[4096];
    char *found = NULL;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *c1 = strchr(line, ':');
        char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2)
            continue;
        *c2 = '\0';
        const char *list = c1 + 1;
        bool match = false;
        if (ctl == NULL)
            match = *list == '\0';
        else
            for (char *save = NULL, *t = strtok_r(c1 + 1, ",", &save); t && !match;
                 t = strtok_r(NULL, ",", &save))
                match = strcmp(t, ctl) == 0;
        if (match)
            found = gr_strdup(c2 + 1);
    }
    fclose(f);
    return found;
}

static int write_text(const char *dir, const char *file, const char *text)
{
    char *p = gr_printf("%s/%s", dir, file);
    int fd = open(p, O_WRONLY | O_CLOEXEC);
    free(p);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

static bool has_word(const char *path, const char *word)
{
    size_t size = 0;
    char *text = gr_read_file(path, 4096, &size);
    bool yes = false;
    for (char *save = NULL, *t = text ? strtok_r(text, " \n", &save) : NULL; t && !yes;
         t = strtok_r(NULL, " \n", &save))
        yes = strcmp(t, word) == 0;
    free(text);
    return yes;
}

// A new, empty group named `name` under the grader's own group in the
// hierarchy mounted at `mount` (v1: of controller `ctl`), or NULL.
static char *make_group(const char *mount, const char *ctl, const char *name)
{
    char *own = own_group(ctl);
    if (!own)
        return NULL;
    char *parent = gr_printf("%s%s", mount, strcmp(own, "/") == 0 ? "" : own);
    free(own);
    char *dir = gr_printf("%s/%s", parent, name);
    if (mkdir(dir, 0755) != 0) {
        free(parent);
        free(dir);
        return NULL;
    }
    if (ctl == NULL) { // v2: the controllers must be offered to the new group
        char *offered = gr_printf("%s/cgroup.controllers", dir);
        if (!has_word(offered, "pids")) {
            write_text(parent, "cgroup.subtree_control", "+pids +memory");
        }
        bool ok = has_word(offered, "pids");
        free(offered);
        if (!ok) {
            rmdir(dir);
            free(dir);
            dir = NULL;
        }
    }
    free(parent);
    return dir;
}

gr_cgroup_t *gr_cgroup_open(unsigned max_tasks, unsigned mem_mb)
{
    static unsigned seq;
    char name[64];
    snprintf(name, sizeof name, "memlab-%ld-%u", (long)getpid(), seq++);
    gr_cgroup_t *cg = gr_xmalloc(sizeof *cg);
    cg->memory = NULL;
    char tasks[32], bytes[32];
    snprintf(tasks, sizeof tasks, "%u", max_tasks);
    snprintf(bytes, sizeof bytes, "%llu", (unsigned long long)mem_mb << 20);
    struct stat st;
    if (stat("/sys/fs/cgroup/pids/pids.max", &st) == 0 ||
        stat("/sys/fs/cgroup/pids/cgroup.procs", &st) == 0) { // version 1
        cg->pids = make_group("/sys/fs/cgroup/pids", "pids", name);
        if (cg->pids && write_text(cg->pids, "pids.max", tasks) != 0) {
            rmdir(cg->pids);
            free(cg->pids);
            cg->pids = NULL;
        }
        if (cg->pids && mem_mb > 0) {
            cg->memory = make_group("/sys/fs/cgroup/memory", "memory", name);
            if (cg->memory && write_text(cg->memory, "memory.limit_in_bytes", bytes) != 0) {
                rmdir(cg->memory);
                free(cg->memory);
                cg->memory = NULL;
            }
        }
    } else { // version 2, where the grader may create groups
        const char *mount = stat("/sys/fs/cgroup/cgroup.controllers", &st) == 0
                                ? "/sys/fs/cgroup"
                                : "/sys/fs/cgroup/unified";
        cg->pids = make_group(mount, NULL, name);
        if (cg->pids && write_text(cg->pids, "pids.max", tasks) != 0) {
            rmdir(cg->pids);
            free(cg->pids);
            cg->pids = NULL;
        }
        if (cg->pids && mem_mb > 0 && write_text(cg->pids, "memory.max", bytes) == 0) {
            write_text(cg->pids, "memory.swap.max", "0"); // where swap exists
            cg->memory = gr_strdup(cg->pids);             // one directory holds both
        }
    }
    if (!cg->pids) {
        free(cg->memory);
        free(cg);
        return NULL;
    }
    return cg;
}

bool gr_cgroup_available(void)
{
    static int state = -1;
    if (state < 0) {
        gr_cgroup_t *cg = gr_cgroup_open(GR_CGROUP_TASKS, 0);
        state = cg != NULL;
        gr_cgroup_close(cg);
    }
    return state == 1;
}

int gr_cgroup_enter(const gr_cgroup_t *cg)
{
    if (!cg)
        return 0;
    int rc = write_text(cg->pids, "cgroup.procs", "0");
    if (cg->memory && strcmp(cg->memory, cg->pids) != 0 &&
        write_text(cg->memory, "cgroup.procs", "0") != 0)
        rc = -1;
    return rc;
}

// Kills every task in the group at `dir` and removes it; tries for about a
// second while the last tasks exit.
static void empty_and_remove(const char *dir)
{
    char *procs = gr_printf("%s/cgroup.procs", dir);
    for (int round = 0; round < 200; round++) {
        size_t size = 0;
        char *text = gr_read_file(procs, 1u << 20, &size);
        bool any = false;
        for (char *save = NULL, *t = text ? strtok_r(text, "\n", &save) : NULL; t;
             t = strtok_r(NULL, "\n", &save)) {
            long pid = strtol(t, NULL, 10);
            if (pid > 1) {
                kill((pid_t)pid, SIGKILL);
                any = true;
            }
        }
        free(text);
        if (!any && rmdir(dir) == 0)
            break;
        if (!any && errno != EBUSY)
            break;
        struct timespec pause = { 0, 5 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
    free(procs);
}

void gr_cgroup_close(gr_cgroup_t *cg)
{
    if (!cg)
        return;
    empty_and_remove(cg->pids);
    if (cg->memory && strcmp(cg->memory, cg->pids) != 0)
        empty_and_remove(cg->memory);
    free(cg->pids);
    free(cg->memory);
    free(cg);
}
