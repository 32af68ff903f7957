// gctrace.c — writes the lab's gctrace lines and reads Go's (format in
// gctrace.h). The parser is a cursor over one line: each field is taken
// with a small matcher, and the first one that fails names what was
// expected, so a truncated or garbled line says where it went wrong.
#include "support/gctrace.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct cur {
    const char *p;
    char *why;
    size_t whylen;
} cur_t;

static int fail(cur_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(cur_t *c, const char *fmt, ...)
{
    if (c->why && c->whylen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->why, c->whylen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static bool lit(cur_t *c, const char *s)
{
    size_t n = strlen(s);
    if (strncmp(c->p, s, n) != 0)
        return false;
    c->p += n;
    return true;
}

static bool num_u64(cur_t *c, uint64_t *v)
{
    if (!isdigit((unsigned char)*c->p))
        return false;
    errno = 0;
    char *end;
    unsigned long long x = strtoull(c->p, &end, 10);
    if (errno == ERANGE)
        return false;
    *v = x;
    c->p = end;
    return true;
}

// A decimal like 0.120 or 12 (no sign, no exponent).
static bool num_dec(cur_t *c, double *v)
{
    const char *s = c->p;
    if (!isdigit((unsigned char)*s))
        return false;
    while (isdigit((unsigned char)*s))
        s++;
    if (*s == '.') {
        s++;
        if (!isdigit((unsigned char)*s))
            return false;
        while (isdigit((unsigned char)*s))
            s++;
    }
    char buf[64];
    size_t n = (size_t)(s - c->p);
    if (n >= sizeof buf)
        return false;
    memcpy(buf, c->p, n);
    buf[n] = '\0';
    *v = strtod(buf, NULL);
    c->p = s;
    return true;
}

int pacer_gctrace_parse(const char *line, pacer_gctrace_t *out, char *why, size_t whylen)
{
    cur_t c = { line, why, whylen };
    memset(out, 0, sizeof *out);
    if (strncmp(line, "gc ", 3) != 0 || !isdigit((unsigned char)line[3]))
        return 0;
    c.p += 3;
    uint64_t v;
    if (!num_u64(&c, &v) || v == 0 || v > UINT32_MAX)
        return fail(&c, "the cycle number is not a number from 1 to %" PRIu32, UINT32_MAX);
    out->n = (uint32_t)v;
    if (!lit(&c, " @") || !num_dec(&c, &out->at_s) || !lit(&c, "s "))
        return fail(&c, "expected the start time ' @<seconds>s' after the cycle number");
    if (!num_u64(&c, &v) || v > 100 || !lit(&c, "%: "))
        return fail(&c, "expected the CPU share '<0-100>%%: ' after the start time");
    out->cpu_pct = (unsigned)v;
    // The clock and cpu parts are skipped: the heap part follows ", " and
    // holds the only "->" of the line.
    const char *arrow = strstr(c.p, "->");
    if (!arrow)
        return fail(&c, "no heap sizes 'A->B->C MB' in the line");
    const char *comma = arrow;
    while (comma > c.p && comma[-1] != ' ')
        comma--;
    c.p = comma;
    if (!num_u64(&c, &out->a_mb) || !lit(&c, "->") || !num_u64(&c, &out->b_mb) || !lit(&c, "->") ||
        !num_u64(&c, &out->c_mb) || !lit(&c, " MB, "))
        return fail(&c, "the heap sizes are not 'A->B->C MB, '");
    if (!num_u64(&c, &out->goal_mb) || !lit(&c, " MB goal"))
        return fail(&c, "expected '<N> MB goal' after the heap sizes");
    if (lit(&c, ", ")) {
        // Go 1.18 and older: ", N P" right after the goal.
        const char *save = c.p;
        if (num_u64(&c, &v) && lit(&c, " P") &&
            (*c.p == '\0' || *c.p == ' ' || *c.p == '\r' || *c.p == '\n')) {
            if (v == 0 || v > 65536)
                return fail(&c, "the processor count is not from 1 to 65536");
            out->procs = (unsigned)v;
            goto tail;
        }
        c.p = save;
        if (!num_u64(&c, &out->stacks_mb) || !lit(&c, " MB stacks, ") ||
            !num_u64(&c, &out->globals_mb) || !lit(&c, " MB globals, "))
            return fail(&c, "expected '<N> MB stacks, <N> MB globals, ' after the goal");
        if (!num_u64(&c, &v) || v == 0 || v > 65536 || !lit(&c, " P"))
            return fail(&c, "expected '<N> P' (the processors) after the globals");
        out->procs = (unsigned)v;
    }
tail:
    if (lit(&c, " (forced)"))
        out->forced = true;
    (void)lit(&c, " (limited)"); // the lab's own mark of a capped cycle
    if (*c.p == '\r')
        c.p++;
    if (*c.p == '\n')
        c.p++;
    if (*c.p != '\0')
        return fail(&c, "unexpected text at the end of the line: '%.20s'", c.p);
    return 1;
}

int pacer_gctrace_read(FILE *f, pacer_gctrace_sum_t *sum, size_t *bad_line, char *why,
                       size_t whylen)
{
    memset(sum, 0, sizeof *sum);
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, f)) != -1) {
        lineno++;
        if (memchr(line, '\0', (size_t)len)) {
            snprintf(why, whylen, "the line contains a NUL byte");
            rc = -1;
            break;
        }
        if (len > 4096) {
            snprintf(why, whylen, "the line is longer than 4096 bytes");
            rc = -1;
            break;
        }
        pacer_gctrace_t g;
        int k = pacer_gctrace_parse(line, &g, why, whylen);
        if (k < 0) {
            rc = -1;
            break;
        }
        if (k == 0)
            continue;
        if (g.n != sum->cycles + 1) {
            snprintf(why, whylen,
                     "cycle %" PRIu32 " follows cycle %" PRIu32 " (one trace per file)", g.n,
                     sum->cycles);
            rc = -1;
            break;
        }
        sum->cycles = g.n;
        if (g.a_mb > sum->peak_mb)
            sum->peak_mb = g.a_mb;
        if (g.b_mb > sum->peak_mb)
            sum->peak_mb = g.b_mb;
        sum->last_goal_mb = g.goal_mb;
        sum->last_cpu_pct = g.cpu_pct;
    }
    free(line);
    if (rc == 0 && sum->cycles == 0) {
        snprintf(why, whylen,
                 "no 'gc N @...' line: not a GODEBUG=gctrace=1 trace, or no cycle ran");
        lineno = lineno ? lineno : 1;
        rc = -1;
    }
    *bad_line = lineno;
    return rc;
}

static uint64_t mb(uint64_t b)
{
    return b >> 20;
}

void pacer_gctrace_print(FILE *f, const pacer_cycle_rec_t *r)
{
    unsigned pct = (unsigned)(r->cpu_fraction * 100.0);
    fprintf(f,
            "gc %" PRIu32 " @%.3fs %u%%: %.3f ms clock, %" PRIu64 "->%" PRIu64 "->%" PRIu64
            " MB, %" PRIu64 " MB goal, %" PRIu64 " MB stacks, %" PRIu64 " MB globals, 1 P%s\n",
            r->n, (double)r->start_ns / 1e9, pct, (double)r->real_ns / 1e6, mb(r->heap_start),
            mb(r->heap_end), mb(r->heap_marked), mb(r->goal), mb(r->stacks), mb(r->globals),
            r->limited ? " (limited)" : "");
}
