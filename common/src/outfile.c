// outfile.c — output files that appear whole or not at all (see outfile.h).
//
// The steps, for a final path DIR/NAME:
//   1. open: create DIR/.NAME.tmp.<pid>.<random> with O_CREAT|O_EXCL, mode
//      0666 (the kernel applies the umask, as for fopen "w"); on EEXIST
//      (another writer's temporary) draw another name and try again;
//   2. the caller writes through the stream (or a child program writes the
//      temporary by name);
//   3. commit: a failed write (ferror), flush, optional fsync or close is an
//      error; otherwise rename(2) the temporary over DIR/NAME;
//   4. on any error, and on abort, unlink the temporary.
// Why it is correct: the final path is touched only by the rename in step
// 3, which replaces it atomically within one file system (the temporary
// lives in the same directory), so every reader sees the old file or the
// complete new one; every path out of steps 1–4 that does not rename
// unlinks the temporary, so none is left behind.
#include "memlab/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// How many temporary names open tries before giving up with EEXIST.
#define OUTFILE_TRIES 64

// set_path — copy `path` into o->path. Returns 0, or -1 (errno
// ENAMETOOLONG) when it does not fit; o->path then holds its start and "...".
static int set_path(ml_outfile_t *o, const char *path)
{
    size_t n = strlen(path);
    if (n < sizeof o->path) {
        memcpy(o->path, path, n + 1);
        return 0;
    }
    memcpy(o->path, path, sizeof o->path - 4);
    memcpy(o->path + sizeof o->path - 4, "...", 4);
    errno = ENAMETOOLONG;
    return -1;
}

// tmp_suffix — a number for a temporary's name that differs from call to
// call in this process (a counter) and, very likely, from other processes'
// (mixed with the time), which O_EXCL then makes certain.
static uint32_t tmp_suffix(void)
{
    static atomic_uint_fast64_t counter;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t x = (uint64_t)atomic_fetch_add(&counter, 1) * 0x9E3779B97F4A7C15u;
    x ^= (uint64_t)ts.tv_nsec * 0xBF58476D1CE4E5B9u ^ (uint64_t)ts.tv_sec;
    x ^= x >> 31;
    return (uint32_t)x;
}

FILE *ml_outfile_open(ml_outfile_t *o, const char *path)
{
    o->f = NULL;
    o->tmp[0] = '\0';
    o->path[0] = '\0';
    if (!path || !*path) {
        errno = EINVAL;
        return NULL;
    }
    if (set_path(o, path) != 0)
        return NULL;
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    int dirlen = (int)(name - path);
    if (!*name) {
        errno = EISDIR;
        return NULL;
    }
    int fd = -1;
    for (int i = 0; i < OUTFILE_TRIES && fd < 0; i++) {
        int n = snprintf(o->tmp, sizeof o->tmp, "%.*s.%s.tmp.%ld.%08x", dirlen, path, name,
                         (long)getpid(), (unsigned)tmp_suffix());
        if (n < 0 || (size_t)n >= sizeof o->tmp) {
            o->tmp[0] = '\0';
            errno = ENAMETOOLONG;
            return NULL;
        }
        fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        o->tmp[0] = '\0';
        return NULL;
    }
    o->f = fdopen(fd, "w");
    if (!o->f) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        o->tmp[0] = '\0';
        errno = e;
        return NULL;
    }
    return o->f;
}

FILE *ml_outfile_open_in(ml_outfile_t *o, const char *dir, const char *name)
{
    o->f = NULL;
    o->tmp[0] = '\0';
    o->path[0] = '\0';
    if (!dir || !*dir || !name || !*name) {
        errno = EINVAL;
        return NULL;
    }
    char path[ML_OUTFILE_PATH_MAX + 1];
    int n =
        snprintf(path, sizeof path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    if (n < 0 || (size_t)n >= sizeof path) {
        set_path(o, path); // its start, for the message
        errno = ENAMETOOLONG;
        return NULL;
    }
    return ml_outfile_open(o, path);
}

// finish — steps 3 and 4 of the file comment; sync: fsync before the rename.
static int finish(ml_outfile_t *o, bool sync)
{
    if (!o->f) {
        errno = EBADF;
        return -1;
    }
    FILE *f = o->f;
    o->f = NULL;
    int e = 0;
    if (ferror(f))
        e = EIO;
    else if (fflush(f) != 0)
        e = errno ? errno : EIO;
    else if (sync && fsync(fileno(f)) != 0)
        e = errno;
    if (fclose(f) != 0 && e == 0)
        e = errno ? errno : EIO;
    if (e == 0 && rename(o->tmp, o->path) != 0)
        e = errno;
    if (e != 0)
        unlink(o->tmp);
    o->tmp[0] = '\0';
    if (e != 0) {
        errno = e;
        return -1;
    }
    return 0;
}

int ml_outfile_commit(ml_outfile_t *o)
{
    return finish(o, false);
}

int ml_outfile_commit_sync(ml_outfile_t *o)
{
    return finish(o, true);
}

void ml_outfile_abort(ml_outfile_t *o)
{
    if (!o->f)
        return;
    int e = errno;
    fclose(o->f);
    o->f = NULL;
    unlink(o->tmp);
    o->tmp[0] = '\0';
    errno = e;
}

int ml_outfile_fail(ml_outfile_t *o, const char *who)
{
    int e = errno;
    fprintf(stderr, "%s: cannot write %s: %s\n", who, o->path, strerror(e));
    ml_outfile_abort(o);
    errno = e;
    return -1;
}
