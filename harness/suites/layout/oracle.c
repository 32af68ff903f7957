// oracle.c — the layout suite's own reading of maps files, so that
// classification is graded even when the student's parser is broken, and
// parsing is graded against what the kernel said (see ../layout.c).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "layout_suite.h"
#include "memlab/grow.h"

// suite_oracle_parse_line — a maps line the kernel wrote (the suite only feeds it
// such lines). Returns 0, or -1 if it is not one.
int suite_oracle_parse_line(const char *line, layout_region_t *r)
{
    unsigned long long s, e, off, ino;
    unsigned maj, min;
    char perms[8];
    int n = -1;
    if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu%n", &s, &e, perms, &off, &maj, &min, &ino,
               &n) != 7 ||
        n < 0 || strlen(perms) != 4)
        return -1;
    memset(r, 0, sizeof *r);
    r->start = (uintptr_t)s;
    r->end = (uintptr_t)e;
    memcpy(r->perms, perms, 5);
    r->offset = off;
    r->dev_major = maj;
    r->dev_minor = min;
    r->inode = ino;
    const char *p = line + n;
    while (*p == ' ')
        p++;
    size_t len = strcspn(p, "\n");
    if (len > 0 && p[len - 1] == '\r') // a CRLF line end: the CR is not the path's
        len--;
    if (len >= sizeof r->path)
        return -1;
    memcpy(r->path, p, len);
    r->path[len] = '\0';
    const char *suffix = " (deleted)";
    size_t k = strlen(suffix);
    if (len > k && strcmp(r->path + len - k, suffix) == 0) {
        r->deleted = true;
        r->path[len - k] = '\0';
    }
    return 0;
}

// suite_oracle_parse — every line of `text` into `m`; aborts the test on a line
// the kernel could not have written (a broken fixture, not a student error).
void suite_oracle_parse(const char *text, layout_map_t *m)
{
    layout_region_t *r = malloc(sizeof *r);
    cr_assert(r != NULL, "the suite ran out of memory");
    layout_map_init(m);
    for (const char *p = text; *p != '\0';) {
        size_t len = strcspn(p, "\n");
        char *line = strndup(p, len);
        cr_assert(line != NULL && suite_oracle_parse_line(line, r) == 0,
                  "suite error: a maps line the suite cannot read: '%s'", line);
        cr_assert(layout_map_append(m, r) == 0, "the suite ran out of memory");
        free(line);
        p += len + (p[len] == '\n');
    }
    free(r);
}

// suite_slurp — a whole file into a NUL-terminated buffer (for /proc files too,
// whose size stat does not know). Returns NULL if it cannot be read.
char *suite_slurp(const char *path, size_t *lenp)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (!ML_GROW_ARRAY(buf, cap, len + 2, 0)) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    if (buf != NULL)
        buf[len] = '\0';
    if (lenp != NULL)
        *lenp = len;
    return buf;
}

// suite_oracle_self — the kernel's map of this process, now, read by the oracle.
void suite_oracle_self(layout_map_t *m)
{
    char *text = suite_slurp("/proc/self/maps", NULL);
    cr_assert(text != NULL, "cannot read /proc/self/maps");
    suite_oracle_parse(text, m);
    free(text);
}

// suite_oracle_region — the region containing addr (linear; the oracle is simple).
const layout_region_t *suite_oracle_region(const layout_map_t *m, uintptr_t addr)
{
    for (size_t i = 0; i < m->n; i++)
        if (addr >= m->regions[i].start && addr < m->regions[i].end)
            return &m->regions[i];
    return NULL;
}
