// out_terminal.c — what a student reads after `make grade`: per lab a header,
// one line per test (✓ or ✗, points, the test, the reason it lost points),
// `Score: N/M`, and at the end the total and where the reports are, in the
// style of MIT's 6.S081 graders. Colours only on a terminal (or --color).
// Hidden tests show as "hidden test", with neither title nor reason.
#include <stdlib.h>
#include <string.h>

#include "grader.h"

#define GREEN "\033[32m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *paint(const gr_report_t *r, const char *code)
{
    return r->opt->color ? code : "";
}

// Prints `text` indented by 6 spaces, at most `max_lines` lines.
static void indented(FILE *out, const char *text, int max_lines)
{
    int lines = 0;
    for (const char *p = text; *p != '\0' && lines < max_lines; lines++) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(out, "      %.*s\n", (int)n, p);
        p += n + (nl != NULL);
    }
}

// One test's line.
static void test_line(const gr_report_t *r, const gr_test_t *t, FILE *out)
{
    bool ok = gr_test_passed(t);
    bool partial = !ok && t->score > 0;
    char *s = gr_points(t->score), *m = gr_points(t->points);
    char *label = t->hidden ? gr_strdup("hidden test") : gr_test_label(t);
    fprintf(out, "  %s%s%s %5s/%-3s %s",
            paint(r, ok        ? GREEN
                     : partial ? YELLOW
                               : RED),
            ok ? "✓" : "✗", paint(r, RESET), s, m, label);
    if (!t->hidden && (!ok || t->scored) && t->reason != NULL)
        fprintf(out, ": %s", t->reason);
    fputc('\n', out);
    // A lab-level problem (code that did not compile) shows its details here.
    if (t->outcome == GR_PROBLEM && t->output != NULL) {
        const char *nl = strchr(t->output, '\n');
        if (nl != NULL && nl[1] != '\0')
            indented(out, nl + 1, 40);
    }
    free(s);
    free(m);
    free(label);
}

void gr_out_terminal_lab(const gr_report_t *r, const gr_lab_t *lab, FILE *out)
{
    char *s = gr_points(lab->score), *m = gr_points(lab->max);
    if (!r->opt->quiet) {
        fprintf(out, "%s== %s ==%s\n", paint(r, BOLD), lab->name, paint(r, RESET));
        for (size_t i = 0; i < lab->ntests; i++)
            test_line(r, &lab->tests[i], out);
        fprintf(out, "  %sScore: %s/%s%s%s\n\n", paint(r, BOLD), s, lab->max_known ? m : "?",
                lab->max_known ? "" : " (the lab's points are unknown: it was not built)",
                paint(r, RESET));
    } else {
        fprintf(out, "Score: %s/%s (%s)\n", s, lab->max_known ? m : "?", lab->name);
    }
    free(s);
    free(m);
}

void gr_out_terminal_total(const gr_report_t *r, FILE *out)
{
    char *s = gr_points(r->score), *m = gr_points(r->max);
    if (r->nlabs > 0)
        fprintf(out, "%sTotal: %s/%s%s  (%s, %zu lab%s, %.1f s)\n", paint(r, BOLD), s, m,
                paint(r, RESET), r->opt->impl, r->nlabs, r->nlabs == 1 ? "" : "s", r->seconds);
    if (!r->opt->quiet)
        fprintf(
            out,
            "Details: %s/report.html (report.md, results.json, junit.xml; test logs in %s/logs/)\n",
            r->grade_dir, r->grade_dir);
    free(s);
    free(m);
}
