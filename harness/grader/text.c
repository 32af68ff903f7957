// text.c — the grader's small utilities: growing strings, allocation that
// cannot fail, making arbitrary bytes safe to show (test output is whatever
// the student's code printed: invalid UTF-8, escape sequences, NUL bytes),
// reading capped files, tab-separated records, and writing a file
// atomically (through ml_outfile: a temporary file and rename(2)).
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grader.h"
#include "memlab/clock.h"
#include "memlab/outfile.h"
#include "memlab/grow.h"

// ---- allocation ---------------------------------------------------------------

_Noreturn void gr_out_of_memory(void)
{
    fputs("grader: out of memory\n", stderr);
    exit(1);
}

void *gr_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        gr_out_of_memory();
    return p;
}

char *gr_strndup(const char *s, size_t n)
{
    char *d = gr_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *gr_strdup(const char *s)
{
    return s ? gr_strndup(s, strlen(s)) : NULL;
}

char *gr_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        gr_out_of_memory();
    return s;
}

// ---- growing strings --------------------------------------------------------------

void gr_buf_addn(gr_buf_t *b, const char *s, size_t n)
{
    if (!ML_GROW_ARRAY(b->s, b->cap, b->len + n + 1, 64))
        gr_out_of_memory();
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void gr_buf_add(gr_buf_t *b, const char *s)
{
    gr_buf_addn(b, s, strlen(s));
}

void gr_buf_printf(gr_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        gr_out_of_memory();
    gr_buf_addn(b, s, (size_t)n);
    free(s);
}

char *gr_buf_take(gr_buf_t *b)
{
    char *s = b->s ? b->s : gr_strdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

// ---- safe text --------------------------------------------------------------------

// The length of the valid UTF-8 sequence at s (n bytes left), or 0.
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned min;
    unsigned cp;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xe0) == 0xc0) {
        len = 2, min = 0x80, cp = s[0] & 0x1f;
    } else if ((s[0] & 0xf0) == 0xe0) {
        len = 3, min = 0x800, cp = s[0] & 0x0f;
    } else if ((s[0] & 0xf8) == 0xf0) {
        len = 4, min = 0x10000, cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    if (cp == 0xfffe || cp == 0xffff || (cp >= 0x80 && cp < 0xa0))
        return 0; // not allowed in XML 1.0; C1 controls confuse terminals
    return len;
}

char *gr_clean_text(const char *s, size_t n)
{
    static const char replacement[] = "\xef\xbf\xbd"; // U+FFFD
    gr_buf_t b = { 0 };
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c == '\r' || c == '\0') {
            i++;
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
            size_t j = i;
            while (j < n && (p[j] == '\n' || p[j] == '\t' || (p[j] >= 0x20 && p[j] < 0x7f)))
                j++;
            gr_buf_addn(&b, s + i, j - i);
            i = j;
        } else {
            size_t len = c < 0x80 ? 0 : utf8_len(p + i, n - i);
            if (len == 0) {
                gr_buf_add(&b, replacement);
                i++;
            } else {
                gr_buf_addn(&b, s + i, len);
                i += len;
            }
        }
    }
    return gr_buf_take(&b);
}

// ---- files ----------------------------------------------------------------------

char *gr_read_file(const char *path, size_t cap, size_t *size)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    if (size)
        *size = (size_t)st.st_size;
    size_t want = (size_t)st.st_size < cap ? (size_t)st.st_size : cap;
    char *buf = gr_xmalloc(want + 1);
    size_t got = 0;
    while (got < want) {
        ssize_t r = read(fd, buf + got, want - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    buf[got] = '\0';
    close(fd);
    return buf;
}

char *gr_log_excerpt(const char *path, size_t cap, size_t *size)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return NULL;
    }
    size_t total = (size_t)st.st_size;
    *size = total;
    size_t head = total <= cap ? total : cap / 2 - 256;
    size_t tail = total <= cap ? 0 : cap / 2 - 256;
    char *buf = gr_xmalloc(head + tail + 1);
    ssize_t h = pread(fd, buf, head, 0);
    ssize_t t = tail ? pread(fd, buf + (h > 0 ? h : 0), tail, (off_t)(total - tail)) : 0;
    close(fd);
    size_t hn = h > 0 ? (size_t)h : 0, tn = t > 0 ? (size_t)t : 0;
    gr_buf_t b = { 0 };
    char *part = gr_clean_text(buf, hn);
    gr_buf_add(&b, part);
    free(part);
    if (tail) {
        gr_buf_printf(&b,
                      "\n[... %zu bytes of output not shown; the report keeps the first "
                      "and last %zu KiB ...]\n",
                      total - hn - tn, (cap / 2 - 256) >> 10);
        part = gr_clean_text(buf + hn, tn);
        gr_buf_add(&b, part);
        free(part);
    }
    free(buf);
    return gr_buf_take(&b);
}

int gr_tsv_split(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *out = p;
        while (*p != '\0' && *p != '\t') {
            if (*p == '\\' && p[1] != '\0') {
                p++;
                *out++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
                p++;
            } else {
                *out++ = *p++;
            }
        }
        int more = *p == '\t';
        *out = '\0';
        if (!more)
            break;
        p++;
    }
    return n;
}

int gr_write_atomic(const char *path, int (*writer)(FILE *f, void *ctx), void *ctx)
{
    ml_outfile_t out;
    FILE *f = ml_outfile_open(&out, path);
    if (f == NULL || fchmod(fileno(f), 0644) != 0 || writer(f, ctx) != 0)
        return ml_outfile_fail(&out, "grader");
    // A directory planted where the file goes would make the rename fail.
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
        gr_rmtree(path);
    if (ml_outfile_commit(&out) != 0)
        return ml_outfile_fail(&out, "grader");
    return 0;
}

int gr_mkdirs(const char *path)
{
    char *p = gr_strdup(path);
    for (char *s = p + 1; *s != '\0'; s++) {
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

int gr_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

double gr_seconds(void)
{
    return (double)ml_now_ns() / 1e9;
}

const char *gr_signal_name(int sig)
{
    static char buf[32];
    const char *abbrev = sigabbrev_np(sig);
    if (abbrev != NULL) {
        snprintf(buf, sizeof buf, "SIG%s", abbrev);
    } else {
        snprintf(buf, sizeof buf, "signal %d", sig);
    }
    return buf;
}

void gr_csv_field(FILE *f, const char *s)
{
    size_t n = strlen(s);
    if (strpbrk(s, ",\"\n\r") == NULL && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

char *gr_plural(size_t n, const char *word)
{
    return gr_printf("%zu %s%s", n, word, n == 1 ? "" : "s");
}

char *gr_shell_quote(const char *s)
{
    static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "0123456789_-./:=,+@%^";
    if (*s != '\0' && strspn(s, plain) == strlen(s))
        return gr_strdup(s);
    gr_buf_t b = { 0 };
    gr_buf_add(&b, "'");
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '\'')
            gr_buf_add(&b, "'\\''");
        else
            gr_buf_addn(&b, p, 1);
    }
    gr_buf_add(&b, "'");
    return gr_buf_take(&b);
}
