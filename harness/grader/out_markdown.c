// out_markdown.c — report.md: the grade as a document a student can keep
// open beside the code. A totals table, then per lab a table of tests,
// the charts found in <grade>/charts/<lab>-*.svg (or .png), and each lost
// point with its reason and the test's output in a fenced block.
//
// Test output is arbitrary text: it goes only into fenced code blocks whose
// fence is longer than any run of backticks inside; table cells are escaped
// (|, <, newlines). Hidden tests appear as "hidden test" with no details.
#include <dirent.h>
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

// Writes `text` as a fenced code block.
static void fenced(FILE *f, const char *text)
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
    fputs("text\n", f);
    fputs(text, f);
    if (*text != '\0' && text[strlen(text) - 1] != '\n')
        fputc('\n', f);
    for (size_t i = 0; i < n; i++)
        fputc('`', f);
    fputs("\n\n", f);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// Links the lab's charts: <grade>/charts/<lab>-*.svg, or .png without an SVG.
static void charts(FILE *f, const gr_report_t *r, const gr_lab_t *lab)
{
    char *dir = gr_printf("%s/charts", r->grade_dir);
    DIR *d = opendir(dir);
    free(dir);
    if (d == NULL)
        return;
    char *prefix = gr_printf("%s-", lab->name);
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || len < 5)
            continue;
        const char *ext = e->d_name + len - 4;
        bool svg = strcmp(ext, ".svg") == 0, png = strcmp(ext, ".png") == 0;
        if (!svg && !png)
            continue;
        if (png) {  // a PNG only when there is no SVG of the same chart
            char *twin = gr_printf("%s/charts/%.*s.svg", r->grade_dir, (int)(len - 4), e->d_name);
            size_t size;
            char *probe = gr_read_file(twin, 1, &size);
            free(twin);
            if (probe != NULL) {
                free(probe);
                continue;
            }
        }
        if (!ML_GROW_ARRAY(names, cap, n + 1, 8))
            gr_out_of_memory();
        names[n++] = gr_strdup(e->d_name);
    }
    closedir(d);
    free(prefix);
    qsort(names, n, sizeof *names, by_name);
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
    fprintf(f, "## %s — %s/%s\n\n", lab->name, s, lab->max_known ? m : "?");
    free(s);
    free(m);
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
    fputs("| Lab | Score | Max |\n|---|---:|---:|\n", f);
    for (size_t i = 0; i < r->nlabs; i++) {
        char *s = gr_points(r->labs[i].score), *m = gr_points(r->labs[i].max);
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

void gr_render_charts(const gr_report_t *r)
{
    char *data = gr_printf("%s/data", r->grade_dir);
    char *charts = gr_printf("%s/charts", r->grade_dir);
    char *logs = gr_printf("%s/logs", r->grade_dir);
    char *log = gr_printf("%s/plots.log", logs);
    gr_mkdirs(data);
    gr_mkdirs(charts);
    gr_mkdirs(logs);
    char *argv[] = {(char *)r->opt->plots, data, charts, NULL};
    gr_proc_t p = gr_run(argv, NULL, log, GR_RUNNER_LOG_CAP, 300);
    if (p.start_failed)
        fprintf(stderr, "grader: cannot run %s: %s\n", r->opt->plots, strerror(p.start_errno));
    else if (p.watchdog || p.term_signal != 0 || p.exit_status != 0)
        fprintf(stderr, "grader: some charts could not be drawn (see %s)\n", log);
    free(data);
    free(charts);
    free(logs);
    free(log);
}
