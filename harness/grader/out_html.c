// out_html.c — report.html: the grade as one page a student opens in a
// browser. Self-contained: styles inline, every chart embedded as a data:
// URI, no fetch of anything (the page's Content-Security-Policy forbids
// it); links only to the test logs beside it in logs/.
//
//   the totals      one row per lab, then the total
//   per lab         every visible test (✓/✗, points, the reason and, for a
//                   lost point, the command that reproduces it), the lab's
//                   charts, then each lost point with the test's output
//   a subset        with --filter, a line first says the scores are of the
//                   tests that matched
//
// All text from tests is escaped for HTML (& < > " '). Hidden tests are
// left out, as in junit.xml. A few lines of inline script count the charts
// the browser could draw and record it on the page (data-charts-shown), so
// a headless browser can check the page (make test-report).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grader.h"

#define CHART_MAX_BYTES (8u << 20)

static void esc(FILE *f, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

// Writes `n` bytes of `p` as base64.
static void base64(FILE *f, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        fputc(tab[(v >> 18) & 63], f);
        fputc(tab[(v >> 12) & 63], f);
        fputc(i + 1 < n ? tab[(v >> 6) & 63] : '=', f);
        fputc(i + 2 < n ? tab[v & 63] : '=', f);
    }
}

// A path under the grade directory as a link relative to the page, or NULL.
static const char *relative(const gr_report_t *r, const char *path)
{
    if (path == NULL)
        return NULL;
    size_t n = strlen(r->grade_dir);
    if (strncmp(path, r->grade_dir, n) == 0 && path[n] == '/')
        return path + n + 1;
    const char *logs = strstr(path, "/logs/"); // absolute paths of the same directory
    return logs ? logs + 1 : NULL;
}

static void charts(FILE *f, const gr_report_t *r, const gr_lab_t *lab)
{
    size_t n = 0;
    char **names = gr_lab_charts(r, lab->name, &n);
    if (n > 0)
        fputs("<div class=\"charts\">\n", f);
    for (size_t i = 0; i < n; i++) {
        char *path = gr_printf("%s/charts/%s", r->grade_dir, names[i]);
        size_t size = 0;
        char *data = gr_read_file(path, CHART_MAX_BYTES, &size);
        if (data != NULL && size <= CHART_MAX_BYTES) {
            bool svg = strstr(names[i], ".svg") != NULL;
            fprintf(f, "<figure><img class=\"chart\" alt=\"");
            esc(f, names[i]);
            fprintf(f, "\" src=\"data:image/%s;base64,", svg ? "svg+xml" : "png");
            base64(f, (const unsigned char *)data, size);
            fputs("\"><figcaption>", f);
            esc(f, names[i]);
            fputs("</figcaption></figure>\n", f);
        }
        free(data);
        free(path);
        free(names[i]);
    }
    if (n > 0)
        fputs("</div>\n", f);
    free(names);
}

static void lab_section(FILE *f, const gr_report_t *r, const gr_lab_t *lab)
{
    char *s = gr_points(lab->score), *m = gr_points(lab->max);
    fputs("<section>\n<h2>", f);
    esc(f, lab->name);
    if (lab->no_match) {
        fputs(" — no test matches <code>", f);
        esc(f, r->opt->filter);
        fputs("</code></h2>\n</section>\n", f);
        free(s);
        free(m);
        return;
    }
    fprintf(f,
            " — %s/%s</h2>\n<table>\n<tr><th></th><th>Test</th><th>Points</th>"
            "<th>Result</th></tr>\n",
            s, lab->max_known ? m : "?");
    free(s);
    free(m);
    for (size_t i = 0; i < lab->ntests; i++) {
        const gr_test_t *t = &lab->tests[i];
        if (t->hidden)
            continue;
        char *label = gr_test_label(t);
        char *ts = gr_points(t->score), *tm = gr_points(t->points);
        bool ok = gr_test_passed(t);
        fprintf(f, "<tr class=\"%s\"><td>%s</td><td>", ok ? "ok" : "lost", ok ? "✓" : "✗");
        esc(f, label);
        fprintf(f, "</td><td class=\"num\">%s/%s</td><td>", ts, tm);
        esc(f, t->reason);
        if (t->replay != NULL) {
            fputs("<br><span class=\"replay\">To reproduce it: <code>", f);
            esc(f, t->replay);
            fputs("</code></span>", f);
        }
        fputs("</td></tr>\n", f);
        free(label);
        free(ts);
        free(tm);
    }
    fputs("</table>\n", f);
    charts(f, r, lab);
    for (size_t i = 0; i < lab->ntests; i++) {
        const gr_test_t *t = &lab->tests[i];
        if (gr_test_passed(t) || t->hidden)
            continue;
        char *label = gr_test_label(t);
        fputs("<details><summary>✗ ", f);
        esc(f, label);
        fputs("</summary>\n<pre>", f);
        esc(f, t->output ? t->output : "");
        fputs("</pre>\n", f);
        const char *log = relative(r, t->log_path);
        if (log != NULL) {
            fputs("<p><a href=\"", f);
            esc(f, log);
            fputs("\">the test's full log</a></p>\n", f);
        }
        fputs("</details>\n", f);
        free(label);
    }
    fputs("</section>\n", f);
}

static const char style[] =
    "body{font:15px/1.45 system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;"
    "color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #ddd;"
    "padding:.3em .6em;text-align:left;vertical-align:top}.num{text-align:right;"
    "white-space:nowrap}tr.ok td:first-child{color:#2a7d2a}tr.lost td:first-child{color:#c0392b}"
    "figure{margin:1em 0}img.chart{max-width:100%;border:1px solid #eee}pre{background:#f6f6f6;"
    "padding:.8em;overflow:auto;max-height:30em}summary{cursor:pointer;margin:.4em 0}"
    "figcaption{color:#666;font-size:90%}.replay{color:#555;font-size:90%}"
    ".subset{background:#fff6d6;padding:.5em .8em}";

// Counts the charts the browser drew and records "drawn/total" on the page.
static const char script[] =
    "window.addEventListener('load',function(){var c=document.querySelectorAll('img.chart'),"
    "k=0;for(var i=0;i<c.length;i++)if(c[i].complete&&c[i].naturalWidth>0)k++;"
    "document.documentElement.setAttribute('data-charts-shown',k+'/'+c.length);});";

static int write_html(FILE *f, void *ctx)
{
    const gr_report_t *r = ctx;
    char date[64];
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M", localtime(&now));
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
          "memlab grade report: ",
          f);
    esc(f, r->opt->impl);
    fprintf(f, "</title>\n<style>%s</style>\n<script>%s</script>\n</head>\n<body>\n", style,
            script);
    fputs("<h1>memlab grade report: ", f);
    esc(f, r->opt->impl);
    fprintf(f,
            "</h1>\n<p>Graded %s in %.1f s. Each test's full log is in <code>logs/</code> "
            "beside this page.</p>\n",
            date, r->seconds);
    if (r->nlabs == 0)
        fputs("<p>No labs to grade yet.</p>\n", f);
    if (r->opt->filter != NULL) {
        fputs("<p class=\"subset\"><strong>A subset:</strong> only the tests matching <code>", f);
        esc(f, r->opt->filter);
        fputs("</code> were run; the scores below are of those tests alone, not of the whole "
              "labs.</p>\n",
              f);
    }
    fputs("<table>\n<tr><th>Lab</th><th>Score</th><th>Max</th></tr>\n", f);
    for (size_t i = 0; i < r->nlabs; i++) {
        char *s = gr_points(r->labs[i].score), *m = gr_points(r->labs[i].max);
        fputs("<tr><td>", f);
        esc(f, r->labs[i].name);
        if (r->labs[i].no_match)
            fputs("</td><td colspan=\"2\">no test matched</td></tr>\n", f);
        else
            fprintf(f, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n", s,
                    r->labs[i].max_known ? m : "?");
        free(s);
        free(m);
    }
    char *s = gr_points(r->score), *m = gr_points(r->max);
    fprintf(f,
            "<tr><th>Total</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr>\n"
            "</table>\n",
            s, m);
    free(s);
    free(m);
    for (size_t i = 0; i < r->nlabs; i++)
        lab_section(f, r, &r->labs[i]);
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? -1 : 0;
}

int gr_out_html(const gr_report_t *r, const char *path)
{
    return gr_write_atomic(path, write_html, (void *)r);
}
