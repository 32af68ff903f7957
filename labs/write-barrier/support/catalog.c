// catalog.c — where the built-in scenarios are: the files NAME.scn of
// labs/write-barrier/data (scenario.h). Adding a scenario is adding a file.
//
// The directory is found from the program's own path — every binary of the
// lab lives three levels below the checkout (build/<impl>/bin/write-barrier,
// build/<impl>/suites/write-barrier, build/<impl>/bench/write-barrier) — or,
// failing that, under the current directory (a run from the checkout).
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/scenario.h"

#define DATA_DIR "labs/write-barrier/data"
#define EXT ".scn"

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *wb_scenario_dir(void)
{
    static char dir[4096];
    if (dir[0])
        return dir;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 4; up++) { // the file, bin/, <impl>/, build/
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = '\0';
        }
        if (snprintf(dir, sizeof dir, "%s/" DATA_DIR, exe) < (int)sizeof dir && is_dir(dir))
            return dir;
    }
    if (is_dir(DATA_DIR))
        return strcpy(dir, DATA_DIR);
    dir[0] = '\0';
    return NULL;
}

// plain_name — letters, digits, '-' and '_' only (no path in a name).
static bool plain_name(const char *n)
{
    if (!*n)
        return false;
    for (; *n; n++)
        if (!isalnum((unsigned char)*n) && *n != '-' && *n != '_')
            return false;
    return true;
}

const char *wb_scenario_path(const char *name, char *buf, size_t len)
{
    const char *dir = wb_scenario_dir();
    struct stat st;
    if (!dir || !plain_name(name) || snprintf(buf, len, "%s/%s" EXT, dir, name) >= (int)len ||
        stat(buf, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL;
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void wb_scenario_list_free(char **names)
{
    for (size_t i = 0; names && names[i]; i++)
        free(names[i]);
    free(names);
}

int wb_scenario_list(char ***out, char *err, size_t errlen)
{
    const char *dir = wb_scenario_dir();
    DIR *d = dir ? opendir(dir) : NULL;
    *out = NULL;
    if (!d) {
        snprintf(err, errlen, "cannot find the built-in scenarios (%s, from the checkout's root)",
                 DATA_DIR);
        return -1;
    }
    char **names = calloc(1, sizeof *names);
    size_t n = 0;
    for (struct dirent *e; names && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len <= strlen(EXT) || strcmp(e->d_name + len - strlen(EXT), EXT) != 0)
            continue;
        char **more = realloc(names, (n + 2) * sizeof *names);
        if (!more || !(more[n] = strndup(e->d_name, len - strlen(EXT)))) {
            names = more ? more : names;
            names[n] = NULL;
            wb_scenario_list_free(names);
            names = NULL;
            break;
        }
        names = more;
        names[++n] = NULL;
    }
    closedir(d);
    if (!names) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    qsort(names, n, sizeof *names, by_name);
    *out = names;
    return 0;
}
