// class_find.c — finding a student's files in an upload, tolerantly, and
// staging them where `make grade` builds them.
//
// Students upload in every shape: the files at the top of the directory, in
// a folder of their own, or a whole copy of the repository
// (labs/<lab>/<file>). For each file a lab needs, every regular file of that
// name under the submission is a candidate (symbolic links are never
// followed, hidden folders such as .git are skipped, at most
// FIND_MAX_DEPTH folders deep). The pick, in order:
//   1. <submission>/<file>;
//   2. a path ending in labs/<lab>/<file> (a repository-shaped upload);
//   3. the shallowest other one (ties: the first in byte order).
// More than one candidate is never a silent pick: the lab's note names them.
//
// Staging copies the picked files to <stage>/<file>, so the build sees plain
// names without spaces and nothing else of the upload. The stamp is a hash of
// what decides a grade — the labs, the staged files, the hidden suites, the
// binaries that grade them and the files the suites read as they run (a
// lab's data and the suite's own inputs) — so a finished grade is reused
// only while all of these are unchanged.
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "class.h"
#include "memlab/grow.h"

#define FIND_MAX_DEPTH 8
#define STAGE_MAX_BYTES (4u << 20) // a student file larger than this is not graded

typedef struct {
    char **paths; // relative to the submission
    size_t n, cap;
} found_t;

static void found_add(found_t *f, const char *rel)
{
    if (!ML_GROW_ARRAY(f->paths, f->cap, f->n + 1, 4))
        gr_out_of_memory();
    f->paths[f->n++] = gr_strdup(rel);
}

// Collects every regular file named `name` under root/rel (depth-limited).
static void walk(const char *root, const char *rel, int depth, const char *name, found_t *out)
{
    char *dir = *rel ? gr_printf("%s/%s", root, rel) : gr_strdup(root);
    DIR *d = opendir(dir);
    free(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; // ., .., .git and other hidden entries
        char *child = *rel ? gr_printf("%s/%s", rel, e->d_name) : gr_strdup(e->d_name);
        char *full = gr_printf("%s/%s", root, child);
        struct stat st;
        if (lstat(full, &st) == 0) {
            if (S_ISREG(st.st_mode) && strcmp(e->d_name, name) == 0)
                found_add(out, child);
            else if (S_ISDIR(st.st_mode) && depth < FIND_MAX_DEPTH)
                walk(root, child, depth + 1, name, out);
        }
        free(full);
        free(child);
    }
    closedir(d);
}

static int depth_of(const char *rel)
{
    int n = 0;
    for (; *rel; rel++)
        n += *rel == '/';
    return n;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// The rank of a candidate: 0 at the top, 1 repository-shaped, 2 + depth else.
static int rank_of(const char *rel, const char *lab, const char *file)
{
    if (strcmp(rel, file) == 0)
        return 0;
    char *tail = gr_printf("labs/%s/%s", lab, file);
    size_t n = strlen(rel), t = strlen(tail);
    bool repo = n >= t && strcmp(rel + n - t, tail) == 0 && (n == t || rel[n - t - 1] == '/');
    free(tail);
    return repo ? 1 : 2 + depth_of(rel);
}

int gr_class_find(const char *submission, const char *lab, const char *file, char **picked,
                  char **note)
{
    *picked = NULL;
    *note = NULL;
    found_t f = { 0 };
    walk(submission, "", 0, file, &f);
    if (f.n == 0) {
        *note = gr_printf("no %s in this submission", file);
        free(f.paths);
        return -1;
    }
    qsort(f.paths, f.n, sizeof *f.paths, by_path);
    size_t best = 0;
    for (size_t i = 1; i < f.n; i++) {
        int ri = rank_of(f.paths[i], lab, file), rb = rank_of(f.paths[best], lab, file);
        if (ri < rb || (ri == rb && strcmp(f.paths[i], f.paths[best]) < 0))
            best = i;
    }
    *picked = gr_strdup(f.paths[best]);
    if (f.n > 1) {
        gr_buf_t b = { 0 };
        gr_buf_printf(&b, "%zu files named %s (", f.n, file);
        for (size_t i = 0; i < f.n; i++)
            gr_buf_printf(&b, "%s%s", i ? ", " : "", f.paths[i]);
        gr_buf_printf(&b, "); graded %s", f.paths[best]);
        *note = gr_buf_take(&b);
    }
    for (size_t i = 0; i < f.n; i++)
        free(f.paths[i]);
    free(f.paths);
    return 0;
}

int gr_class_stage(const char *from, const char *to, char **why)
{
    size_t size = 0;
    char *text = gr_read_file(from, STAGE_MAX_BYTES, &size);
    if (text == NULL) {
        *why = gr_printf("cannot read %s: %s", from, strerror(errno));
        return -1;
    }
    if (size > STAGE_MAX_BYTES) {
        *why = gr_printf("%s is %zu bytes, more than a student file may be (%u)", from, size,
                         STAGE_MAX_BYTES);
        free(text);
        return -1;
    }
    FILE *f = fopen(to, "w");
    int rc = f != NULL && fwrite(text, 1, size, f) == size ? 0 : -1;
    if (f != NULL && fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        *why = gr_printf("cannot write %s: %s", to, strerror(errno));
    free(text);
    return rc;
}

// FNV-1a, 64 bits.
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t gr_class_stamp_init(void)
{
    return 0xcbf29ce484222325ull;
}

uint64_t gr_class_stamp_text(uint64_t h, const char *s)
{
    return fnv(h, s, strlen(s) + 1);
}

uint64_t gr_class_stamp_file(uint64_t h, const char *path)
{
    size_t size = 0;
    char *text = gr_read_file(path, STAGE_MAX_BYTES, &size);
    h = gr_class_stamp_text(h, path);
    if (text == NULL)
        return fnv(h, "-", 1);
    h = fnv(h, text, size < STAGE_MAX_BYTES ? size : STAGE_MAX_BYTES);
    free(text);
    return h;
}

// The files under the tree being stamped, combined by a sum so that the
// order nftw walks them in does not matter (nftw takes no context pointer).
static uint64_t tree_sum;

static int stamp_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    uint64_t e = gr_class_stamp_text(gr_class_stamp_init(), path);
    if (type == FTW_F) {
        int64_t v[3] = { (int64_t)st->st_mtim.tv_sec, (int64_t)st->st_mtim.tv_nsec,
                         (int64_t)st->st_size };
        e = fnv(e, v, sizeof v);
    }
    tree_sum += e;
    return 0;
}

uint64_t gr_class_stamp_tree(uint64_t h, const char *dir)
{
    tree_sum = 0;
    h = gr_class_stamp_text(h, dir);
    if (nftw(dir, stamp_entry, 16, FTW_PHYS) != 0)
        return fnv(h, "-", 1);
    return fnv(h, &tree_sum, sizeof tree_sum);
}

uint64_t gr_class_stamp_mtime(uint64_t h, const char *path)
{
    struct stat st;
    h = gr_class_stamp_text(h, path);
    if (stat(path, &st) != 0)
        return fnv(h, "-", 1);
    int64_t v[3] = { (int64_t)st.st_mtim.tv_sec, (int64_t)st.st_mtim.tv_nsec, (int64_t)st.st_size };
    return fnv(h, v, sizeof v);
}
