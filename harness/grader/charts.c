// charts.c — the charts of a grading run: drawn by the plot script from the
// data the suites wrote (<grade>/data/<lab>/*.csv → <grade>/charts/), and
// listed per lab for the reports (report.md links them, report.html
// embeds them).
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader.h"
#include "memlab/grow.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **gr_lab_charts(const gr_report_t *r, const char *lab, size_t *n)
{
    *n = 0;
    char *dir = gr_printf("%s/charts", r->grade_dir);
    DIR *d = opendir(dir);
    free(dir);
    if (d == NULL)
        return NULL;
    char *prefix = gr_printf("%s-", lab);
    char **names = NULL;
    size_t cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || len < 5)
            continue;
        const char *ext = e->d_name + len - 4;
        bool svg = strcmp(ext, ".svg") == 0, png = strcmp(ext, ".png") == 0;
        if (!svg && !png)
            continue;
        if (png) { // a PNG only when there is no SVG of the same chart
            char *twin = gr_printf("%s/charts/%.*s.svg", r->grade_dir, (int)(len - 4), e->d_name);
            size_t size;
            char *probe = gr_read_file(twin, 1, &size);
            free(twin);
            if (probe != NULL) {
                free(probe);
                continue;
            }
        }
        if (!ML_GROW_ARRAY(names, cap, *n + 1, 8))
            gr_out_of_memory();
        names[(*n)++] = gr_strdup(e->d_name);
    }
    closedir(d);
    free(prefix);
    if (*n > 0)
        qsort(names, *n, sizeof *names, by_name);
    return names;
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
    char *argv[] = { (char *)r->opt->plots, data, charts, NULL };
    gr_proc_t p = gr_run(argv, NULL, log, GR_RUNNER_LOG_CAP, 300, NULL);
    if (p.start_failed)
        fprintf(stderr, "grader: cannot run %s: %s\n", r->opt->plots, strerror(p.start_errno));
    else if (p.watchdog || p.term_signal != 0 || p.exit_status != 0)
        fprintf(stderr, "grader: some charts could not be drawn (see %s)\n", log);
    free(data);
    free(charts);
    free(logs);
    free(log);
}
