// tsv.c — the line format the suite library writes for the grader: fields
// separated by tabs, one record per line, with \t \n \r \\ escaped so that a
// message from a test can never split or forge a record. Used by the
// manifest, the awards and notes files and the runner's records.
//
// Everything here works on caller-provided buffers and calls only write(2),
// so it is safe in a test process whose heap is broken or exhausted (the
// out-of-memory and fault reporters use it).
#include <errno.h>
#include <unistd.h>

#include "suitelib.h"

const ml_grade_info_t *mls_info_of(void *data)
{
    const ml_grade_info_t *info = data;
    if (info == NULL || info->magic != ML_GRADE_MAGIC)
        return NULL;
    return info;
}

// Appends one byte if there is room for it and the terminating NUL.
static void put(char *out, size_t cap, size_t *len, char c)
{
    if (*len + 1 < cap) {
        out[*len] = c;
        *len += 1;
        out[*len] = '\0';
    }
}

void mls_escape(char *out, size_t cap, size_t *len, const char *s)
{
    if (cap > 0 && *len < cap)
        out[*len] = '\0';
    for (; s != NULL && *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '\t':
            put(out, cap, len, '\\');
            put(out, cap, len, 't');
            break;
        case '\n':
            put(out, cap, len, '\\');
            put(out, cap, len, 'n');
            break;
        case '\r':
            put(out, cap, len, '\\');
            put(out, cap, len, 'r');
            break;
        case '\\':
            put(out, cap, len, '\\');
            put(out, cap, len, '\\');
            break;
        default: put(out, cap, len, (c < 0x20 || c == 0x7f) ? ' ' : (char)c); break;
        }
    }
}

void mls_append(char *out, size_t cap, size_t *len, const char *s)
{
    if (cap > 0 && *len < cap)
        out[*len] = '\0';
    for (; s != NULL && *s != '\0'; s++)
        put(out, cap, len, *s);
}

int mls_write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}
