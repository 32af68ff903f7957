// check_gradebook.c — checks a gradebook CSV that `make gradebook` wrote
// against what each row must say (tests/labs.mk builds the class it grades).
//
//   check_gradebook CSV ROW...
//
// Each ROW is `student|lab cell|total|note fragment`: the row of that student
// (the folder name, compared whole) must exist exactly once, its single lab
// column must hold `lab cell` exactly ("" for an empty cell, "full" for the
// row's max, "*" for any score below it), its total must equal `total` ("full" again allowed), and its
// note must contain `note fragment` ("" for an empty note). Every row must
// have the same max, greater than 0, and the CSV must hold exactly the rows
// named. Exit status: 0 all hold, 1 some does not (each printed), 2 usage.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXF 16
#define MAXR 64

typedef struct {
    char *f[MAXF];
    int n;
} record_t;

// Reads one RFC 4180 record from `s` (advanced). Returns fields or -1 at end.
static int record(const char **s, record_t *r)
{
    const char *p = *s;
    if (*p == '\0')
        return -1;
    r->n = 0;
    for (;;) {
        char *buf = calloc(strlen(p) + 1, 1), *o = buf;
        if (*p == '"') {
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
                if (*p == '"')
                    p++;
                *o++ = *p;
            }
            if (*p == '"')
                p++;
        }
        while (*p && *p != ',' && *p != '\r' && *p != '\n')
            *o++ = *p++;
        if (r->n < MAXF)
            r->f[r->n++] = buf;
        else
            free(buf);
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '\r')
            p++;
        if (*p == '\n')
            p++;
        break;
    }
    *s = p;
    return r->n;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: check_gradebook CSV 'student|lab cell|total|note fragment'...\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    const char *p = text;
    record_t head, rows[MAXR];
    int nrows = 0, bad = 0;
    if (record(&p, &head) < 5) {
        fprintf(stderr, "%s:1: not a gradebook header\n", argv[1]);
        return 1;
    }
    int c_lab = 1, c_total = -1, c_max = -1, c_note = -1;
    for (int i = 0; i < head.n; i++) {
        c_total = strcmp(head.f[i], "total") == 0 ? i : c_total;
        c_max = strcmp(head.f[i], "max") == 0 ? i : c_max;
        c_note = strcmp(head.f[i], "note") == 0 ? i : c_note;
    }
    if (c_total != 2 || c_max != 3 || c_note != 4) {
        fprintf(stderr, "%s:1: columns are not student,<lab>,total,max,note\n", argv[1]);
        return 1;
    }
    while (nrows < MAXR && record(&p, &rows[nrows]) > 0)
        nrows++;
    const char *max = nrows > 0 && rows[0].n == 5 ? rows[0].f[c_max] : "";
    if (atof(max) <= 0) {
        fprintf(stderr, "check_gradebook: the max column is '%s'\n", max);
        bad = 1;
    }
    for (int r = 0; r < nrows; r++)
        if (rows[r].n != 5 || strcmp(rows[r].f[c_max], max) != 0) {
            fprintf(stderr, "check_gradebook: row %d (%s) has %d fields or a max other than %s\n",
                    r + 2, rows[r].f[0], rows[r].n, max);
            bad = 1;
        }
    if (nrows != argc - 2) {
        fprintf(stderr, "check_gradebook: %d rows, expected %d\n", nrows, argc - 2);
        bad = 1;
    }
    for (int a = 2; a < argc; a++) {
        char *spec = strdup(argv[a]), *want[4] = { 0 };
        char *s = spec;
        for (int k = 0; k < 4; k++) {
            want[k] = s;
            s = s ? strchr(s, '|') : NULL;
            if (s)
                *s++ = '\0';
        }
        if (want[3] == NULL) {
            fprintf(stderr, "check_gradebook: bad expectation '%s'\n", argv[a]);
            return 2;
        }
        int found = 0;
        for (int r = 0; r < nrows; r++) {
            if (rows[r].n != 5 || strcmp(rows[r].f[0], want[0]) != 0)
                continue;
            found++;
            const char *lab = strcmp(want[1], "full") == 0 ? max : want[1];
            const char *total = strcmp(want[2], "full") == 0 ? max : want[2];
            const char *note = rows[r].f[c_note];
            bool any = strcmp(lab, "*") == 0;
            bool lab_ok = any ? rows[r].f[c_lab][0] != '\0' && atof(rows[r].f[c_lab]) < atof(max)
                              : strcmp(rows[r].f[c_lab], lab) == 0;
            bool total_ok = strcmp(total, "*") == 0
                                ? strcmp(rows[r].f[c_total], rows[r].f[c_lab]) == 0
                                : strcmp(rows[r].f[c_total], total) == 0;
            if (!lab_ok || !total_ok ||
                (want[3][0] ? strstr(note, want[3]) == NULL : note[0] != '\0')) {
                fprintf(stderr,
                        "check_gradebook: row '%s': lab '%s' total '%s' note '%s'; "
                        "expected lab '%s' total '%s' note with '%s'\n",
                        want[0], rows[r].f[c_lab], rows[r].f[c_total], note, lab, total, want[3]);
                bad = 1;
            }
        }
        if (found != 1) {
            fprintf(stderr, "check_gradebook: %d rows for '%s', expected 1\n", found, want[0]);
            bad = 1;
        }
        free(spec);
    }
    if (!bad)
        printf("check_gradebook: %d rows as expected, max %s in every row\n", nrows, max);
    return bad;
}
