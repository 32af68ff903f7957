// classbook.c — what a class's grading leaves for the instructor: the
// gradebook CSV, the roster joined into it, and the class summary.
//
// The CSV follows RFC 4180: CRLF line ends, a field quoted when it holds a
// comma, a quote, a line break or spaces at its ends, quotes doubled inside.
// Its columns:
//   student[,id,name,email],<lab>...,total,max,note
// `student` is the submission's directory name exactly as uploaded (any
// bytes); a lab cell is empty when the student did not submit that lab or
// it could not be graded (the note says which); `max` is the same in every
// row: the sum of the selected labs' maxima from their manifests.
//
// The summary (summary.md) gives per lab the number graded, min, quartiles,
// median, max and mean, and the tests most students lost; scores.csv bins
// each lab's scores in tenths of its maximum for plots/gradebook-scores.gp.
#include <stdlib.h>
#include <string.h>

#include "class.h"
#include "memlab/grow.h"

#define TOP_FAILS 5

// ---- the roster ------------------------------------------------------------

// Splits one CSV record at `*p` into fields (RFC 4180 quoting); advances *p
// past the record's line end. Returns the field count, or -1 for an
// unterminated quote. `line` counts the lines the record spans.
static int csv_record(const char **p, char **fields, int max, unsigned *line)
{
    const char *s = *p;
    int n = 0;
    for (;;) {
        gr_buf_t f = { 0 };
        gr_buf_add(&f, "");
        if (*s == '"') {
            s++;
            for (;;) {
                if (*s == '\0') {
                    free(f.s);
                    for (int i = 0; i < n && i < max; i++)
                        free(fields[i]);
                    return -1;
                }
                if (*s == '"' && s[1] == '"') {
                    gr_buf_addn(&f, "\"", 1);
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    *line += *s == '\n';
                    gr_buf_addn(&f, s++, 1);
                }
            }
        }
        while (*s != '\0' && *s != ',' && *s != '\n' && *s != '\r')
            gr_buf_addn(&f, s++, 1);
        if (n < max)
            fields[n] = gr_buf_take(&f);
        else
            free(f.s);
        n++;
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\r')
            s++;
        if (*s == '\n')
            s++;
        break;
    }
    *p = s;
    return n < max ? n : max;
}

int gr_class_roster(gr_class_t *c, const char *path)
{
    size_t size = 0;
    char *text = gr_read_file(path, 16u << 20, &size);
    if (text == NULL) {
        fprintf(stderr, "%s: cannot read the roster\n", path);
        return -1;
    }
    enum { MAXF = 64 };
    char *f[MAXF];
    const char *p = text;
    unsigned line = 1;
    int n = csv_record(&p, f, MAXF, &line);
    int col[4] = { -1, -1, -1, -1 }; // directory, id, name, email
    static const char *const names[4][3] = {
        { "directory", "submission", "dir" },
        { "id", "student_id", "sid" },
        { "name", "student_name", "full_name" },
        { "email", "e-mail", "mail" },
    };
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 4; k++)
            for (int a = 0; a < 3; a++)
                if (strcasecmp(f[i], names[k][a]) == 0 && col[k] < 0)
                    col[k] = i;
        free(f[i]);
    }
    if (n < 0 || col[0] < 0) {
        fprintf(stderr,
                "%s:1: the roster's header names no 'directory' column "
                "(columns: directory,id,name,email)\n",
                path);
        free(text);
        return -1;
    }
    int rc = 0;
    while (*p != '\0') {
        unsigned at = ++line;
        n = csv_record(&p, f, MAXF, &line);
        if (n < 0) {
            fprintf(stderr, "%s:%u: a quoted field is never closed\n", path, at);
            rc = -1;
            break;
        }
        if (n == 1 && f[0][0] == '\0') { // a blank line
            free(f[0]);
            continue;
        }
        if (col[0] >= n) {
            fprintf(stderr, "%s:%u: this row has no directory (%d fields)\n", path, at, n);
            rc = -1;
        } else {
            for (size_t r = 0; r < c->nrows; r++) {
                if (strcmp(c->rows[r].dir, f[col[0]]) != 0)
                    continue;
                for (int k = 1; k < 4; k++)
                    if (col[k] >= 0 && col[k] < n) {
                        free(c->rows[r].who[k - 1]);
                        c->rows[r].who[k - 1] = gr_strdup(f[col[k]]);
                    }
            }
        }
        for (int i = 0; i < n; i++)
            free(f[i]);
    }
    c->has_roster = rc == 0;
    free(text);
    return rc;
}

// ---- the CSV ---------------------------------------------------------------

static void number(FILE *f, double v)
{
    char *s = gr_points(v);
    fputs(s, f);
    free(s);
}

static int write_csv(FILE *f, void *ctx)
{
    const gr_class_t *c = ctx;
    double max = 0;
    fputs("student", f);
    if (c->has_roster)
        fputs(",id,name,email", f);
    for (size_t l = 0; l < c->nlabs; l++) {
        fputc(',', f);
        gr_csv_field(f, c->labs[l]);
        max += c->max[l];
    }
    fputs(",total,max,note\r\n", f);
    for (size_t r = 0; r < c->nrows; r++) {
        const gr_class_row_t *row = &c->rows[r];
        gr_csv_field(f, row->dir);
        for (int k = 0; c->has_roster && k < 3; k++) {
            fputc(',', f);
            gr_csv_field(f, row->who[k] ? row->who[k] : "");
        }
        for (size_t l = 0; l < c->nlabs; l++) {
            fputc(',', f);
            if (row->graded[l])
                number(f, row->score[l]);
        }
        fputc(',', f);
        if (!row->failed)
            number(f, row->total);
        fputc(',', f);
        number(f, max);
        fputc(',', f);
        gr_csv_field(f, row->note.s ? row->note.s : "");
        fputs("\r\n", f);
    }
    return ferror(f) ? -1 : 0;
}

int gr_class_write_csv(const gr_class_t *c, const char *path)
{
    return gr_write_atomic(path, write_csv, (void *)c);
}

// ---- the summary -----------------------------------------------------------

void gr_class_count_fail(gr_class_t *c, size_t lab, const char *test)
{
    for (size_t i = 0; i < c->nfails; i++)
        if (c->fails[i].lab == lab && strcmp(c->fails[i].test, test) == 0) {
            c->fails[i].count++;
            return;
        }
    if (!ML_GROW_ARRAY(c->fails, c->capfails, c->nfails + 1, 32))
        gr_out_of_memory();
    c->fails[c->nfails++] = (gr_class_fail_t){ .lab = lab, .test = gr_strdup(test), .count = 1 };
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int by_count(const void *a, const void *b)
{
    const gr_class_fail_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->test, y->test);
}

// The q-quantile of sorted v[0..n) (linear interpolation between ranks).
static double quantile(const double *v, size_t n, double q)
{
    double pos = q * (double)(n - 1);
    size_t i = (size_t)pos;
    return i + 1 < n ? v[i] + (pos - (double)i) * (v[i + 1] - v[i]) : v[n - 1];
}

typedef struct {
    const gr_class_t *c;
    unsigned (*bins)[11];
} hist_ctx_t;

static int write_hist(FILE *f, void *ctx)
{
    const hist_ctx_t *h = ctx;
    fputs("bin", f);
    for (size_t l = 0; l < h->c->nlabs; l++)
        fprintf(f, ",%s", h->c->labs[l]);
    fputc('\n', f);
    for (int b = 0; b < 11; b++) {
        if (b < 10)
            fprintf(f, "%d-%d%%", 10 * b, 10 * b + 9);
        else
            fputs("100%", f);
        for (size_t l = 0; l < h->c->nlabs; l++)
            fprintf(f, ",%u", h->bins[l][b]);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

static int write_md(FILE *f, void *ctx)
{
    fputs(ctx, f);
    return ferror(f) ? -1 : 0;
}

int gr_class_write_summary(const gr_class_t *c, const char *dir, FILE *term)
{
    gr_buf_t md = { 0 };
    unsigned(*bins)[11] = calloc(c->nlabs ? c->nlabs : 1, sizeof *bins);
    double *v = gr_xmalloc((c->nrows ? c->nrows : 1) * sizeof *v);
    size_t failed = 0;
    for (size_t r = 0; r < c->nrows; r++)
        failed += c->rows[r].failed;
    gr_buf_printf(&md, "# Class summary\n\n%zu submission%s", c->nrows, c->nrows == 1 ? "" : "s");
    if (failed)
        gr_buf_printf(&md, ", %zu of them could not be graded (see the gradebook's notes)", failed);
    gr_buf_add(&md, ".\n\n| lab | graded | not submitted | min | Q1 | median | Q3 | max | mean "
                    "| of |\n|---|---|---|---|---|---|---|---|---|---|\n");
    qsort(c->fails, c->nfails, sizeof *c->fails, by_count);
    for (size_t l = 0; l < c->nlabs; l++) {
        size_t n = 0, absent = 0;
        double sum = 0;
        for (size_t r = 0; r < c->nrows; r++) {
            const gr_class_row_t *row = &c->rows[r];
            absent += !row->submitted[l];
            if (!row->graded[l])
                continue;
            v[n++] = row->score[l];
            sum += row->score[l];
            if (c->max[l] > 0) {
                double frac = row->score[l] / c->max[l];
                // Tenths 0..9 below the maximum, 10 for full marks.
                int b = frac >= 1 ? 10 : frac <= 0 ? 0 : (int)(frac * 10);
                bins[l][b < 10 ? b : 9]++;
            }
        }
        char *m = gr_points(c->max[l]);
        gr_buf_printf(&md, "| %s | %zu | %zu |", c->labs[l], n, absent);
        if (n > 0) {
            qsort(v, n, sizeof *v, by_value);
            double q[5] = { v[0], quantile(v, n, 0.25), quantile(v, n, 0.5), quantile(v, n, 0.75),
                            v[n - 1] };
            for (int k = 0; k < 5; k++) {
                char *s = gr_points(q[k]);
                gr_buf_printf(&md, " %s |", s);
                free(s);
            }
            char *mean = gr_points(sum / (double)n);
            gr_buf_printf(&md, " %s | %s |\n", mean, m);
            if (term != NULL) {
                char *med = gr_points(q[2]);
                fprintf(term, "  %-15s %zu graded, median %s/%s\n", c->labs[l], n, med, m);
                free(med);
            }
            free(mean);
        } else {
            gr_buf_printf(&md, " | | | | | | %s |\n", m);
        }
        free(m);
    }
    for (size_t l = 0; l < c->nlabs; l++) {
        size_t shown = 0;
        for (size_t i = 0; i < c->nfails && shown < TOP_FAILS; i++) {
            if (c->fails[i].lab != l)
                continue;
            if (shown++ == 0)
                gr_buf_printf(&md, "\n## %s: the tests lost most often\n\n", c->labs[l]);
            gr_buf_printf(&md, "- %s — lost by %u\n", c->fails[i].test, c->fails[i].count);
        }
    }
    char *md_path = gr_printf("%s/summary.md", dir);
    char *data_dir = gr_printf("%s/data/gradebook", dir);
    char *csv_path = gr_printf("%s/scores.csv", data_dir);
    hist_ctx_t h = { .c = c, .bins = bins };
    int rc = gr_write_atomic(md_path, write_md, md.s ? md.s : "");
    if (rc == 0 && gr_mkdirs(data_dir) == 0)
        rc = gr_write_atomic(csv_path, write_hist, &h);
    free(md_path);
    free(data_dir);
    free(csv_path);
    free(md.s);
    free(bins);
    free(v);
    return rc;
}
