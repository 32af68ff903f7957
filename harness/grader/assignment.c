// assignment.c — a course's setup in one file: ASSIGNMENT=week3.txt.
//
//   # week 3: memory layout and the allocator
//   labs alignment allocator       the labs graded, in this order
//   points allocator 50            the lab's score scaled to 50 points
//   hidden-visibility after_due_date   Gradescope's visibility of hidden tests
//   timing-repeats 7               the runs a scored performance test takes
//                                  the median of (suites read it through
//                                  ml_timing_repeats; their default otherwise)
//
// One setting per line, words separated by blanks, `#` starts a comment.
// Every mistake is reported as `FILE:LINE: what is wrong` and nothing is
// graded: a course's numbers must never come from half an assignment.
// The Makefile takes the `labs` line too (LAB=) and passes the labs with
// --labs, which then win; the grader uses the `labs` line only without them.
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "grader.h"
#include "memlab/grow.h"

#define MAX_WORDS 64

static int fail(const char *path, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(const char *path, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%u: ", path, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return -1;
}

static bool is_lab_name(const char *w)
{
    return w[0] != '.' && w[0] != '-' &&
           strspn(w, "abcdefghijklmnopqrstuvwxyz0123456789_-.") == strlen(w);
}

// Parses one line's words into `a`. Returns 0 or -1 (after saying why).
static int setting(gr_assignment_t *a, const char *path, unsigned line, char **w, int n)
{
    char *end;
    if (strcmp(w[0], "labs") == 0) {
        if (n < 2 || a->nlabs > 0)
            return fail(path, line, n < 2 ? "labs: name at least one lab" : "labs: given twice");
        for (int i = 1; i < n; i++) {
            if (!is_lab_name(w[i]))
                return fail(path, line, "labs: '%s' is not a lab name", w[i]);
            if (!ML_GROW_ARRAY(a->labs, a->cap_labs, a->nlabs + 1, 4))
                gr_out_of_memory();
            a->labs[a->nlabs++] = gr_strdup(w[i]);
        }
    } else if (strcmp(w[0], "points") == 0) {
        if (n != 3 || !is_lab_name(w[1]))
            return fail(path, line, "points wants a lab and a number: points LAB N");
        double v = strtod(w[2], &end);
        if (*end != '\0' || !(v > 0) || v > 1e6)
            return fail(path, line, "points %s: '%s' is not a number of points above 0", w[1],
                        w[2]);
        for (size_t i = 0; i < a->ncaps; i++)
            if (strcmp(a->caps[i].lab, w[1]) == 0)
                return fail(path, line, "points %s: given twice", w[1]);
        if (!ML_GROW_ARRAY(a->caps, a->cap_caps, a->ncaps + 1, 4))
            gr_out_of_memory();
        a->caps[a->ncaps++] = (gr_cap_t){ .lab = gr_strdup(w[1]), .points = v, .line = line };
    } else if (strcmp(w[0], "hidden-visibility") == 0) {
        if (n != 2 || (strcmp(w[1], "hidden") != 0 && strcmp(w[1], "after_due_date") != 0 &&
                       strcmp(w[1], "after_published") != 0))
            return fail(path, line,
                        "hidden-visibility wants hidden, after_due_date or "
                        "after_published");
        free(a->hidden_visibility);
        a->hidden_visibility = gr_strdup(w[1]);
    } else if (strcmp(w[0], "timing-repeats") == 0) {
        long v = n == 2 ? strtol(w[1], &end, 10) : 0;
        if (n != 2 || *end != '\0' || v < 1 || v > 101)
            return fail(path, line, "timing-repeats wants a number from 1 to 101");
        a->timing_repeats = (int)v;
    } else {
        return fail(path, line,
                    "unknown setting '%s' (the settings: labs, points, "
                    "hidden-visibility, timing-repeats)",
                    w[0]);
    }
    return 0;
}

int gr_assignment_load(const char *path, gr_assignment_t *a)
{
    memset(a, 0, sizeof *a);
    size_t size = 0;
    char *text = gr_read_file(path, 1u << 20, &size);
    if (text == NULL)
        return fail(path, 1, "cannot read the assignment: %s", strerror(errno));
    if (strlen(text) != size) {
        free(text);
        return fail(path, 1, "the assignment holds a NUL byte; it must be text");
    }
    int rc = 0;
    unsigned line = 0;
    char *save = NULL;
    for (char *l = text; rc == 0 && l != NULL; l = save) {
        line++;
        save = strchr(l, '\n');
        if (save)
            *save++ = '\0';
        l[strcspn(l, "#\r")] = '\0';
        char *w[MAX_WORDS], *ws = NULL;
        int n = 0;
        for (char *t = strtok_r(l, " \t", &ws); t; t = strtok_r(NULL, " \t", &ws))
            if (n < MAX_WORDS)
                w[n++] = t;
        if (n == MAX_WORDS)
            rc = fail(path, line, "more than %d words on one line", MAX_WORDS - 1);
        else if (n > 0)
            rc = setting(a, path, line, w, n);
    }
    for (size_t i = 0; rc == 0 && i < a->ncaps; i++) {
        bool named = a->nlabs == 0;
        for (size_t k = 0; k < a->nlabs; k++)
            named |= strcmp(a->labs[k], a->caps[i].lab) == 0;
        if (!named)
            rc = fail(path, a->caps[i].line, "points %s: that lab is not in the assignment's labs",
                      a->caps[i].lab);
    }
    free(text);
    if (rc != 0)
        gr_assignment_free(a);
    return rc;
}

double gr_assignment_cap(const gr_assignment_t *a, const char *lab)
{
    for (size_t i = 0; a != NULL && i < a->ncaps; i++)
        if (strcmp(a->caps[i].lab, lab) == 0)
            return a->caps[i].points;
    return -1;
}

void gr_assignment_scale(gr_lab_t *lab, double cap)
{
    gr_lab_total(lab);
    if (!(cap > 0) || !(lab->max > 0))
        return;
    double f = cap / lab->max;
    for (size_t i = 0; i < lab->ntests; i++) {
        lab->tests[i].points *= f;
        lab->tests[i].score *= f;
    }
    gr_lab_total(lab);
}

void gr_assignment_free(gr_assignment_t *a)
{
    for (size_t i = 0; i < a->nlabs; i++)
        free(a->labs[i]);
    for (size_t i = 0; i < a->ncaps; i++)
        free(a->caps[i].lab);
    free(a->labs);
    free(a->caps);
    free(a->hidden_visibility);
    memset(a, 0, sizeof *a);
}
