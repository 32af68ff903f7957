// out_markdown.c — report.md: the grade as a document a student can keep
// open beside the code. A totals table, then per lab a table of tests,
// the charts found in <grade>/charts/<lab>-*.svg (or .png), and each lost
// point with its reason and the test's output in a fenced block.
//
// Test output is arbitrary text: it goes only into fenced code blocks whose
// fence is longer than any run of backticks inside; table cells are escaped
// (|, <, newlines). Hidden tests appear as "hidden test" with no details.
// Each lost point names the command that reproduces it (score.c) above its
// output; with --filter the report says first that its scores are of the
// subset of tests that matched.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grader.h"
#include "memlab/grow.h"

// Writes `s` for a table cell: one line, `|` and `<` escaped.
static void cell(FILE *f, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        if (*s == '|')
            fputs("\\|", f);
        else if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '\n' || *s == '\t')
            fputc(' ', f);
        else
            fputc(*s, f);
    }
}

// Writes `text` as a fenced code block in `lang`.
static void fenced_as(FILE *f, const char *lang, const char *text)
{
    size_t longest = 0, run = 0;
    for (const char *p = text; *p != '\0'; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    size_t n = longest < 3 ? 3 : longest + 1;
    for (size_t i = 0; i < n; i++)
        fputc('`', f);
    fprintf(f, "%s\n", lang);
    fputs(text, f);
    if (*text != '\0' && text[strlen(text) - 1] != '\n')
        fputc('\n', f);
    for (size_t i = 0; i < n; i++)
        fputc('`', f);
    fputs("\n\n", f);
}

static void fenced(FILE *f, const char *text)
{
    fenced_as(f, "text", text);
}

// Links the lab's charts (charts.c picks them: an SVG, else the PNG).
static void charts(FILE *f, const gr_report_t *r, const gr_lab_t *lab)
{
    size_t n = 0;
    char **names = gr_lab_charts(r, lab->name, &n);
    if (n > 0)
        fputs("Charts:\n\n", f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "![%s](charts/%s)\n\n", names[i], names[i]);
        free(names[i]);
    }
    free(names);
}

static void lab_section(FILE *f, const gr_report_t *r, const gr_lab_t *lab)
{
    char *s = gr_points(lab->score), *m = gr_points(lab->max);
    if (lab->no_match)
        fprintf(f, "## %s — no test matches `%s`\n\n", lab->name, r->opt->filter);
    else
        fprintf(f, "## %s — %s/%s\n\n", lab->name, s, lab->max_known ? m : "?");
    free(s);
    free(m);
    if (lab->no_match && lab->ntests == 0)
        return;
    fputs("| | Test | Points | Result |\n|---|---|---:|---|\n", f);
    for (size_t i = 0; i < lab->ntests; i++) {
        const gr_test_t *t = &lab->tests[i];
        char *label = gr_test_label(t);
        char *ts = gr_points(t->score), *tm = gr_points(t->points);
        fprintf(f, "| %s | ", gr_test_passed(t) ? "✓" : "✗");
        cell(f, t->hidden ? "hidden test" : label);
        fprintf(f, " | %s/%s | ", ts, tm);
        cell(f, t->hidden ? (gr_test_passed(t) ? "passed" : "failed") : t->reason);
        fputs(" |\n", f);
        free(label);
        free(ts);
        free(tm);
    }
    fputc('\n', f);
    charts(f, r, lab);
    for (size_t i = 0; i < lab->ntests; i++) {
        const gr_test_t *t = &lab->tests[i];
        if (gr_test_passed(t) || t->hidden)
            continue;
        char *label = gr_test_label(t);
        char *ts = gr_points(t->score), *tm = gr_points(t->points);
        fprintf(f, "### ✗ ");
        cell(f, label);
        fprintf(f, " (%s/%s)\n\n", ts, tm);
        if (t->replay != NULL) {
            fputs("To reproduce it:\n\n", f);
            fenced_as(f, "sh", t->replay);
        }
        fenced(f, t->output ? t->output : "");
        free(label);
        free(ts);
        free(tm);
    }
}

static int write_markdown(FILE *f, void *ctx)
{
    const gr_report_t *r = ctx;
    char date[64];
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M", localtime(&now));
    fprintf(f, "# memlab grade report: %s\n\n", r->opt->impl);
    fprintf(f, "Graded %s in %.1f s. Each test's full log is in `logs/<lab>/`.\n\n", date,
            r->seconds);
    if (r->nlabs == 0)
        fputs("No labs to grade yet.\n\n", f);
    if (r->opt->filter != NULL)
        fprintf(f,
                "**A subset:** only the tests matching `%s` were run; the scores below are "
                "of those tests alone, not of the whole labs.\n\n",
                r->opt->filter);
    fputs("| Lab | Score | Max |\n|---|---:|---:|\n", f);
    for (size_t i = 0; i < r->nlabs; i++) {
        char *s = gr_points(r->labs[i].score), *m = gr_points(r->labs[i].max);
        if (r->labs[i].no_match)
            fprintf(f, "| %s | no test matched | |\n", r->labs[i].name);
        else
            fprintf(f, "| %s | %s | %s |\n", r->labs[i].name, s, r->labs[i].max_known ? m : "?");
        free(s);
        free(m);
    }
    char *s = gr_points(r->score), *m = gr_points(r->max);
    fprintf(f, "| **Total** | **%s** | **%s** |\n\n", s, m);
    free(s);
    free(m);
    for (size_t i = 0; i < r->nlabs; i++)
        lab_section(f, r, &r->labs[i]);
    return 0;
}

int gr_out_markdown(const gr_report_t *r, const char *path)
{
    return gr_write_atomic(path, write_markdown, (void *)r);
}
