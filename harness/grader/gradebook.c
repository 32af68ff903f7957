// gradebook.c — `grader gradebook OUT.csv RESULTS.json...`: one CSV row per
// graded submission, for an instructor's spreadsheet or LMS import:
//
//   student,<lab 1>,...,<lab N>,total,max,note
//
// The student is the submission's build name: for .../<name>/grade/results.json
// it is <name> (the basename of the SUBMISSION directory `make grade` used),
// otherwise the directory holding results.json. Lab columns are every lab
// found in any file, in the order first seen; a lab a submission lacks is an
// empty cell. Scores come from the grader's own extra_data (per-lab scores
// and maxima), read with jansson. A results file that is missing or invalid
// gives a row with a note and makes the exit status 1; the CSV is still
// written whole (atomically), so one broken submission never hides the rest.
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "grader.h"
#include "memlab/grow.h"

typedef struct {
    char *student;
    json_t *labs; // extra_data.labs, or NULL
    double total, max;
    char *note;
} row_t;

typedef struct {
    row_t *rows;
    size_t nrows;
    char **labs;
    size_t nlabs, cap_labs;
} book_t;

// The student name for a results.json path.
static char *student_of(const char *path)
{
    char *copy = gr_strdup(path);
    char *dir = dirname(copy); // .../<name>/grade
    char *base = gr_strdup(basename(dir));
    char *name;
    if (strcmp(base, "grade") == 0) {
        char *up = gr_strdup(dir);
        name = gr_strdup(basename(dirname(up)));
        free(up);
    } else {
        name = gr_strdup(base);
    }
    free(base);
    free(copy);
    return name;
}

static void number_field(FILE *f, double v)
{
    char *s = gr_points(v);
    fputs(s, f);
    free(s);
}

static int write_csv(FILE *f, void *ctx)
{
    const book_t *b = ctx;
    fputs("student", f);
    for (size_t i = 0; i < b->nlabs; i++) {
        fputc(',', f);
        gr_csv_field(f, b->labs[i]);
    }
    fputs(",total,max,note\n", f);
    for (size_t r = 0; r < b->nrows; r++) {
        const row_t *row = &b->rows[r];
        gr_csv_field(f, row->student);
        for (size_t i = 0; i < b->nlabs; i++) {
            fputc(',', f);
            json_t *lab = row->labs ? json_object_get(row->labs, b->labs[i]) : NULL;
            json_t *score = lab ? json_object_get(lab, "score") : NULL;
            if (json_is_number(score))
                number_field(f, json_number_value(score));
        }
        fputc(',', f);
        number_field(f, row->total);
        fputc(',', f);
        number_field(f, row->max);
        fputc(',', f);
        gr_csv_field(f, row->note ? row->note : "");
        fputc('\n', f);
    }
    return 0;
}

// Reads one results.json into `row`. Returns 0, or -1 (the row gets a note).
static int read_row(const char *path, row_t *row, book_t *b)
{
    memset(row, 0, sizeof *row);
    row->student = student_of(path);
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    json_t *extra = root ? json_object_get(root, "extra_data") : NULL;
    json_t *labs = extra ? json_object_get(extra, "labs") : NULL;
    json_t *score = root ? json_object_get(root, "score") : NULL;
    if (!json_is_object(labs) || !json_is_number(score)) {
        row->note =
            root ? gr_strdup("not a memlab results.json") : gr_printf("no results (%s)", err.text);
        if (root == NULL && err.line > 0)
            fprintf(stderr, "%s:%d: %s\n", path, err.line, row->note);
        else
            fprintf(stderr, "%s: %s\n", path, row->note);
        json_decref(root);
        return -1;
    }
    row->labs = json_incref(labs);
    row->total = json_number_value(score);
    json_t *max = json_object_get(extra, "max_score");
    row->max = json_is_number(max) ? json_number_value(max) : 0;
    const char *key;
    json_t *value;
    json_object_foreach(labs, key, value)
    {
        size_t i = 0;
        while (i < b->nlabs && strcmp(b->labs[i], key) != 0)
            i++;
        if (i == b->nlabs) {
            if (!ML_GROW_ARRAY(b->labs, b->cap_labs, b->nlabs + 1, 8))
                gr_out_of_memory();
            b->labs[b->nlabs++] = gr_strdup(key);
        }
    }
    json_decref(root);
    return 0;
}

int gr_gradebook_main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: grader gradebook OUT.csv RESULTS.json...\n"
             "Writes one CSV row per results.json: student,<labs...>,total,max,note.\n"
             "The student is the build's name (build/<name>/grade/results.json).\n"
             "Exit status: 0 written, 1 some results could not be read (their rows\n"
             "say so), 2 bad usage.");
        return 0;
    }
    if (argc < 3 || argv[1][0] == '-') {
        fputs("usage: grader gradebook OUT.csv RESULTS.json...\n", stderr);
        return 2;
    }
    book_t b = { 0 };
    int status = 0;
    b.rows = gr_xmalloc((size_t)(argc - 2) * sizeof *b.rows);
    for (int i = 2; i < argc; i++) {
        if (read_row(argv[i], &b.rows[b.nrows++], &b) != 0)
            status = 1;
    }
    if (gr_write_atomic(argv[1], write_csv, &b) != 0)
        status = 1;
    else
        printf("memlab: gradebook of %zu submission%s in %s\n", b.nrows, b.nrows == 1 ? "" : "s",
               argv[1]);
    for (size_t r = 0; r < b.nrows; r++) {
        free(b.rows[r].student);
        free(b.rows[r].note);
        json_decref(b.rows[r].labs);
    }
    for (size_t i = 0; i < b.nlabs; i++)
        free(b.labs[i]);
    free(b.labs);
    free(b.rows);
    return status;
}
