// traceset.c — finding and loading the lab's trace files (see traceset.h).
#include "support/traceset.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memlab/grow.h"

#define TRACE_SUBDIR "labs/allocator/data/traces"

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *traceset_default_dir(void)
{
    static char buf[PATH_MAX];
    const char *env = getenv("MEMLAB_TRACES");
    if (env && *env)
        return env;
    if (is_dir(TRACE_SUBDIR))
        return TRACE_SUBDIR;
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    // Strip the program and three directories: build/<impl>/<kind>/.
    for (int up = 0; up < 4; up++) {
        char *slash = strrchr(buf, '/');
        if (!slash)
            return NULL;
        *slash = '\0';
    }
    size_t len = strlen(buf);
    if (len + 1 + sizeof TRACE_SUBDIR > sizeof buf)
        return NULL;
    snprintf(buf + len, sizeof buf - len, "/%s", TRACE_SUBDIR);
    return is_dir(buf) ? buf : NULL;
}

int traceset_add_file(traceset_t *s, const char *path, char *err, size_t errlen)
{
    ml_trace_t *t = ml_trace_read(path, err, errlen);
    if (!t)
        return -1;
    bool room = ML_GROW_ARRAY(s->trace, s->cap_trace, s->n + 1, 16) &&
                ML_GROW_ARRAY(s->path, s->cap_path, s->n + 1, 16);
    char *copy = room ? strdup(path) : NULL;
    if (!copy) {
        ml_trace_free(t);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    s->trace[s->n] = t;
    s->path[s->n] = copy;
    s->n++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int traceset_load_dir(traceset_t *s, const char *dir, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".rep") != 0)
            continue;
        if (!ML_GROW_ARRAY(names, cap, n + 1, 16) || !(names[n] = strdup(e->d_name))) {
            snprintf(err, errlen, "%s: out of memory", dir);
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == 0 && n == 0) {
        snprintf(err, errlen, "%s: no .rep trace files", dir);
        rc = -1;
    }
    if (rc == 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rc = traceset_add_file(s, path, err, errlen);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int traceset_find(const traceset_t *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++) {
        const char *slash = strrchr(s->path[i], '/');
        if (strcmp(slash ? slash + 1 : s->path[i], name) == 0)
            return (int)i;
    }
    return -1;
}

void traceset_free(traceset_t *s)
{
    for (size_t i = 0; i < s->n; i++) {
        ml_trace_free(s->trace[i]);
        free(s->path[i]);
    }
    free(s->trace);
    free(s->path);
    *s = (traceset_t){ 0 };
}
