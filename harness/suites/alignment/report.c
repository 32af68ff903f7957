// report.c — the alignment suite's tests of sl_report: the handout's format,
// compared line by line (blank lines and runs of white space ignored), cache
// line boundaries, and the line that says how small a struct could be.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "alignment_suite.h"

// ---- the report --------------------------------------------------------------------

// report_of — what sl_report writes for agg (malloc'd).
static char *report_of(const cdecl_type_t *agg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert(out != NULL, "internal: open_memstream failed");
    sl_report(out, agg);
    fclose(out);
    return text;
}

// next_line — the next non-blank line of *p with white space runs made one
// space and the ends trimmed, into buf; false at the end of the text.
static bool next_line(const char **p, char *buf, size_t cap)
{
    while (**p) {
        const char *s = *p, *e = strchr(s, '\n');
        if (!e)
            e = s + strlen(s);
        *p = *e ? e + 1 : e;
        size_t n = 0;
        bool space = false;
        for (const char *c = s; c < e && n + 2 < cap; c++) {
            if (*c == ' ' || *c == '\t' || *c == '\r') {
                space = n > 0;
                continue;
            }
            if (space)
                buf[n++] = ' ';
            space = false;
            buf[n++] = *c;
        }
        buf[n] = '\0';
        if (n)
            return true;
    }
    return false;
}

// check_report — the student's report of `name` equals `expected`, line by
// line (blank lines and white space runs ignored).
static void check_report(const cdecl_file_t *f, const char *name, const char *expected)
{
    const cdecl_type_t *agg = suite_find(f, name);
    char *got = report_of(agg);
    ml_note("your report of %s:\n%s", agg->name, got ? got : "");
    const char *g = got ? got : "", *x = expected;
    char gl[512], xl[512];
    for (int line = 1;; line++) {
        bool hg = next_line(&g, gl, sizeof gl), hx = next_line(&x, xl, sizeof xl);
        if (!hg && !hx)
            break;
        cr_assert(hg, "report of %s: it ends before line %d, which should be `%s`", agg->name, line,
                  xl);
        cr_assert(hx,
                  "report of %s: line %d `%s` should not be there (the report ends with "
                  "`};`)",
                  agg->name, line, gl);
        cr_assert(strcmp(gl, xl) == 0,
                  "report of %s, line %d (not counting blank lines): "
                  "yours is `%s`, expected `%s`",
                  agg->name, line, gl, xl);
    }
    free(got);
}

// The expected reports keep their tabs and columns.
// clang-format off
static const char report_s1[] =
    "struct s1 {\n"
    "	char c;                                  /*     0     1 */\n"
    "\n"
    "	/* XXX 7 bytes hole, try to pack */\n"
    "\n"
    "	long l;                                  /*     8     8 */\n"
    "	int i;                                   /*    16     4 */\n"
    "\n"
    "	/* size: 24, cachelines: 1, members: 3 */\n"
    "	/* sum members: 13, holes: 1, sum holes: 7 */\n"
    "	/* padding: 4 */\n"
    "	/* struct of size 24 could be 16 */\n"
    "};\n";

static const char report_value[] =
    "union value {\n"
    "	char c;                                  /*     0     1 */\n"
    "	int i;                                   /*     0     4 */\n"
    "	double d;                                /*     0     8 */\n"
    "	char name[12];                           /*     0    12 */\n"
    "\n"
    "	/* size: 16, cachelines: 1, members: 4 */\n"
    "	/* padding: 4 */\n"
    "};\n";

static const char report_packet[] =
    "struct packet {\n"
    "	char type;                               /*     0     1 */\n"
    "\n"
    "	/* XXX 3 bytes hole, try to pack */\n"
    "\n"
    "	union {...};                             /*     4     4 */\n"
    "	struct {...};                            /*     8     4 */\n"
    "	char crc;                                /*    12     1 */\n"
    "\n"
    "	/* size: 16, cachelines: 1, members: 4 */\n"
    "	/* sum members: 10, holes: 1, sum holes: 3 */\n"
    "	/* padding: 3 */\n"
    "	/* struct of size 16 could be 12 */\n"
    "};\n";

static const char report_message[] =
    "struct message {\n"
    "	unsigned short len;                      /*     0     2 */\n"
    "	char kind;                               /*     2     1 */\n"
    "	char body[];                             /*     3     0 */\n"
    "\n"
    "	/* size: 4, cachelines: 1, members: 3 */\n"
    "	/* padding: 1 */\n"
    "};\n";

static const char report_point[] =
    "struct point {\n"
    "	int x;                                   /*     0     4 */\n"
    "	int y;                                   /*     4     4 */\n"
    "\n"
    "	/* size: 8, cachelines: 1, members: 2 */\n"
    "};\n";

void suite_report_matches_the_handout(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    check_report(f, "point", report_point);
    check_report(f, "s1", report_s1);
    check_report(f, "value", report_value);
    check_report(f, "message", report_message);
    check_report(f, "packet", report_packet);
    cdecl_free(f);
}

static const char report_wide[] =
    "struct wide {\n"
    "	char a;                                  /*     0     1 */\n"
    "\n"
    "	/* XXX 7 bytes hole, try to pack */\n"
    "\n"
    "	double d[9];                             /*     8    72 */\n"
    "	/* --- cacheline 1 boundary (64 bytes) was 16 bytes ago --- */\n"
    "	char b;                                  /*    80     1 */\n"
    "\n"
    "	/* XXX 7 bytes hole, try to pack */\n"
    "\n"
    "	void *p;                                 /*    88     8 */\n"
    "\n"
    "	/* size: 96, cachelines: 2, members: 4 */\n"
    "	/* sum members: 82, holes: 2, sum holes: 14 */\n"
    "	/* struct of size 96 could be 88 */\n"
    "};\n";

static const char report_counters[] =
    "struct counters {\n"
    "	char name[3];                            /*     0     3 */\n"
    "\n"
    "	/* XXX 61 bytes hole, try to pack */\n"
    "\n"
    "	/* --- cacheline 1 boundary (64 bytes) --- */\n"
    "	_Alignas(64) long hits;                  /*    64     8 */\n"
    "	long misses;                             /*    72     8 */\n"
    "\n"
    "	/* size: 128, cachelines: 2, members: 3 */\n"
    "	/* sum members: 19, holes: 1, sum holes: 61 */\n"
    "	/* padding: 48 */\n"
    "	/* struct of size 128 could be 64 */\n"
    "};\n";

static const char report_big[] =
    "struct big {\n"
    "	char a[100];                             /*     0   100 */\n"
    "	/* --- cacheline 1 boundary (64 bytes) was 36 bytes ago --- */\n"
    "	char b[100];                             /*   100   100 */\n"
    "	/* --- cacheline 3 boundary (192 bytes) was 8 bytes ago --- */\n"
    "	char c;                                  /*   200     1 */\n"
    "\n"
    "	/* XXX 1 byte hole, try to pack */\n"
    "\n"
    "	short d;                                 /*   202     2 */\n"
    "\n"
    "	/* size: 204, cachelines: 4, members: 4 */\n"
    "	/* sum members: 203, holes: 1, sum holes: 1 */\n"
    "};\n";
// clang-format on

void suite_report_cache_line_boundaries(void)
{
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    check_report(f, "wide", report_wide);
    check_report(f, "counters", report_counters);
    cdecl_free(f);
    f = suite_parse_text("big.h", "struct big { char a[100]; char b[100]; char c; short d; };");
    check_report(f, "big", report_big);
    cdecl_free(f);
}

// has_line — whether text has the (normalized) line `want`; counts lines
// containing `part` into *count.
static bool has_line(const char *text, const char *want, const char *part, int *count)
{
    char l[512];
    bool found = false;
    *count = 0;
    while (next_line(&text, l, sizeof l)) {
        found |= strcmp(l, want) == 0;
        *count += strstr(l, part) != NULL;
    }
    return found;
}

void suite_report_says_what_could_be_smaller(void)
{
    static const struct {
        const char *name, *line;
    } cases[] = {
        { "tagged", "/* struct of size 32 could be 24 */" },
        { "over", "/* struct of size 32 could be 16 */" },
        { "gcobj", "/* struct with 32 pointer bytes could be 16 */" },
        { "basics", "/* struct of size 80 could be 64 */" },
        { "point", NULL },
        { "value", NULL },
        { "message", NULL },
    };
    cdecl_file_t *f = suite_parse_text("examples.h", suite_examples_text);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const cdecl_type_t *agg = suite_find(f, cases[i].name);
        char *got = report_of(agg);
        int n;
        bool found = has_line(got ? got : "", cases[i].line ? cases[i].line : "", "could be", &n);
        ml_note("your report of %s:\n%s", agg->name, got ? got : "");
        if (cases[i].line)
            cr_assert(found && n == 1, "report of %s: expected the line `%s`%s", agg->name,
                      cases[i].line, n > 1 ? " and no other `could be` line" : "");
        else
            cr_assert(n == 0,
                      "report of %s: it is already as small as it can be, with as few "
                      "pointer bytes, yet the report says `could be`",
                      agg->name);
        free(got);
    }
    cdecl_free(f);
}
