// corpus.c — the escape suite's comparisons with the real compiler: the
// corpus (labs/escape/data/<concept>/*.go with the .expected output of
// `go build -gcflags='-m -l'`, Go 1.19) graded line by line, and the unit
// programs of harness/suites/escape/units/.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "escape_suite.h"
#include "memlab/grade.h"

#define MAX_LINES 400

typedef struct lines {
    char *v[MAX_LINES];
    int n;
} lines_t;

static void lines_free(lines_t *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

static void read_expected(const char *path, lines_t *l)
{
    l->n = 0;
    FILE *f = fopen(path, "r");
    cr_assert(f != NULL, "cannot read %s (run the suite from the repository's root)", path);
    char buf[1024];
    while (fgets(buf, sizeof buf, f) && l->n < MAX_LINES) {
        buf[strcspn(buf, "\n")] = 0;
        if (buf[0] == '#' || !buf[0])
            continue;
        l->v[l->n++] = strdup(buf);
    }
    fclose(f);
}

// run — the student's analysis of path: its lines ("./F.go:L:C: msg").
// Returns false (with a note) when the program is refused.
static bool run(const char *path, lines_t *l)
{
    char err[1024];
    l->n = 0;
    go_program_t *p = go_program_parse(path, NULL, 0, err, sizeof err);
    if (!p) {
        ml_note("%s was refused: %s", path, err);
        return false;
    }
    go_diags_t d = { 0 };
    esc_analyze(p, &d, NULL);
    for (int i = 0; i < d.n && l->n < MAX_LINES; i++) {
        char *s, at[32];
        if (asprintf(&s, "%s:%s: %s", p->base, go_pos_str(d.v[i].pos, at), d.v[i].msg) < 0)
            abort();
        l->v[l->n++] = s;
    }
    go_diags_free(&d);
    go_program_free(p);
    return true;
}

// compare — count the lines of want missing from got and the extra lines of
// got (multisets), noting up to `budget` of them.
static void compare(const char *path, const lines_t *want, const lines_t *got, int *missing,
                    int *extra, int *budget)
{
    bool used[MAX_LINES] = { false };
    *missing = *extra = 0;
    for (int i = 0; i < want->n; i++) {
        bool found = false;
        for (int j = 0; j < got->n && !found; j++)
            if (!used[j] && !strcmp(want->v[i], got->v[j]))
                used[j] = found = true;
        if (!found) {
            (*missing)++;
            if ((*budget)-- > 0)
                ml_note("%s: the compiler prints `%s`, your analysis does not", path, want->v[i]);
        }
    }
    for (int j = 0; j < got->n; j++)
        if (!used[j]) {
            (*extra)++;
            if ((*budget)-- > 0)
                ml_note("%s: your analysis prints `%s`, the compiler does not", path, got->v[j]);
        }
}

static int list_programs(const char *dir, char names[][256], int max)
{
    DIR *d = opendir(dir);
    cr_assert(d != NULL, "cannot open %s (run the suite from the repository's root)", dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        size_t k = strlen(e->d_name);
        if (k > 3 && !strcmp(e->d_name + k - 3, ".go"))
            snprintf(names[n++], 256, "%s", e->d_name);
    }
    closedir(d);
    // a fixed order
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[256];
            strcpy(t, names[j]);
            strcpy(names[j], names[j - 1]);
            strcpy(names[j - 1], t);
        }
    return n;
}

void suite_corpus_concept(const char *concept)
{
    char dir[512], names[64][256], path[1024], exp[1100];
    snprintf(dir, sizeof dir, "labs/escape/data/%s", concept);
    int n = list_programs(dir, names, 64);
    cr_assert(n > 0, "no programs in %s", dir);
    int lines = 0, bad = 0, budget = 12;
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%.500s/%.500s", dir, names[i]);
        snprintf(exp, sizeof exp, "%.*s.expected", (int)strlen(path) - 3, path);
        lines_t want, got;
        read_expected(exp, &want);
        int missing, extra;
        if (!run(path, &got)) {
            missing = want.n;
            extra = 0;
        } else {
            int before = budget;
            compare(path, &want, &got, &missing, &extra, &budget);
            if ((missing || extra) && before > 0)
                ml_note(
                    "replay: build/student/bin/escape %s | diff %s -   "
                    "(and --explain NAME for a location's path; handout: labs/escape/README.md)",
                    path, exp);
        }
        lines += want.n + extra;
        bad += missing + extra;
        lines_free(&want);
        lines_free(&got);
    }
    double frac = lines ? (double)(lines - bad) / lines : 1.0;
    ml_award(frac, "%s: %d of %d diagnostic lines agree with the compiler over %d programs",
             concept, lines - bad, lines, n);
}

void suite_corpus_random(void)
{
    const char *dir = "labs/escape/data/random";
    char names[64][256], path[1024], exp[1100];
    int n = list_programs(dir, names, 64);
    cr_assert(n > 0, "no programs in %s", dir);
    int agree = 0, shown = 0;
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%.500s", dir, names[i]);
        snprintf(exp, sizeof exp, "%.*s.expected", (int)strlen(path) - 3, path);
        lines_t want, got;
        read_expected(exp, &want);
        int missing = want.n, extra = 0;
        if (run(path, &got)) {
            int budget = shown < 2 ? 4 : 0;
            compare(path, &want, &got, &missing, &extra, &budget);
        }
        if (!missing && !extra)
            agree++;
        else if (shown++ < 2)
            ml_note("%s: %d of the compiler's lines missing, %d extra; replay: "
                    "build/student/bin/escape %s | diff %s -   (the program's comments name no "
                    "concept: find the smallest part that still differs, then the concept's "
                    "programs in labs/escape/data/)",
                    path, missing, extra, path, exp);
        lines_free(&want);
        lines_free(&got);
    }
    ml_award((double)agree / n, "%d of %d random programs agree with the compiler line for line",
             agree, n);
}

void suite_frees_what_it_allocates(void)
{
    static const char *const dirs[] = { "labs/escape/data/closures", "labs/escape/data/loops",
                                        "labs/escape/data/random", NULL };
    char names[64][256], path[1024];
    long before = ml_heap_blocks();
    int analysed = 0, printed = 0;
    for (int d = 0; dirs[d]; d++) {
        int n = list_programs(dirs[d], names, 64);
        for (int i = 0; i < n; i++) {
            snprintf(path, sizeof path, "%s/%.500s", dirs[d], names[i]);
            lines_t got;
            if (run(path, &got)) {
                printed += got.n;
                lines_free(&got);
            }
            analysed++;
            long now = ml_heap_blocks();
            cr_assert(now <= before,
                      "after the analysis of %s (program %d, each parsed, analysed and freed in "
                      "turn), %ld more heap block%s held than before the first: your "
                      "analysis keeps memory it no longer needs. A leak changes no diagnostic, "
                      "but every batch of every program keeps it (replay: valgrind "
                      "--leak-check=full build/student/bin/escape %s; handout: Grading)",
                      path, analysed, now - before, now - before == 1 ? " is" : "s are", path);
        }
    }
    cr_assert(printed > 0,
              "your analysis printed no diagnostic for any of the %d programs, so "
              "there is no analysis yet whose memory could be checked",
              analysed);
}

void suite_corpus_order(void)
{
    static const char *concepts[] = { "address",    "globals",  "stores", "params",
                                      "methods",    "loops",    "slices", "recursion",
                                      "interfaces", "closures", "fmt",    NULL };
    char dir[512], names[64][256], path[1024], exp[1100];
    int checked = 0, wrong = 0;
    for (int c = 0; concepts[c]; c++) {
        snprintf(dir, sizeof dir, "labs/escape/data/%s", concepts[c]);
        int n = list_programs(dir, names, 64);
        for (int i = 0; i < n; i++) {
            snprintf(path, sizeof path, "%.500s/%.500s", dir, names[i]);
            snprintf(exp, sizeof exp, "%.*s.expected", (int)strlen(path) - 3, path);
            lines_t want, got;
            read_expected(exp, &want);
            if (run(path, &got)) {
                int missing, extra, budget = 0;
                compare(path, &want, &got, &missing, &extra, &budget);
                if (!missing && !extra && want.n > 1) {
                    checked++;
                    for (int k = 0; k < want.n; k++)
                        if (strcmp(want.v[k], got.v[k])) {
                            if (wrong++ < 3)
                                ml_note("%s: line %d should be `%s`, yours is `%s` (the compiler "
                                        "prints parameter tags first, then one line per location "
                                        "in the order the locations were made; replay: "
                                        "build/student/bin/escape %s)",
                                        path, k + 1, want.v[k], got.v[k], path);
                            break;
                        }
                }
            }
            lines_free(&want);
            lines_free(&got);
        }
    }
    cr_assert(checked >= 10,
              "only %d programs have all their lines right; the order is checked on "
              "programs whose lines all agree (at least 10 needed)",
              checked);
    cr_assert(wrong == 0,
              "%d of %d programs print the right lines in another order than the "
              "compiler's",
              wrong, checked);
}

void suite_unit(const char *name, const char *const *want, const char *const *absent,
                const char *explain)
{
    char path[512], line[1024];
    snprintf(path, sizeof path, "harness/suites/escape/units/%s.go", name);
    lines_t got;
    cr_assert(run(path, &got), "%s was refused by the reader", path);
    char base[300];
    snprintf(base, sizeof base, "./%s.go", name);
    for (int i = 0; want[i]; i++) {
        snprintf(line, sizeof line, "%s:%s", base, want[i]);
        bool found = false;
        for (int j = 0; j < got.n; j++)
            found |= !strcmp(got.v[j], line);
        if (!found) {
            for (int j = 0; j < got.n; j++)
                ml_note("yours: %s", got.v[j]);
            lines_free(&got);
            cr_assert(false,
                      "%s: the compiler prints `%s` and your analysis does not. %s "
                      "Replay: build/student/bin/escape %s (and --explain NAME); handout: "
                      "labs/escape/README.md",
                      path, line, explain, path);
        }
    }
    for (int i = 0; absent && absent[i]; i++) {
        snprintf(line, sizeof line, "%s:%s", base, absent[i]);
        for (int j = 0; j < got.n; j++)
            if (!strcmp(got.v[j], line)) {
                lines_free(&got);
                cr_assert(false,
                          "%s: your analysis prints `%s`, which the compiler does not. %s "
                          "Replay: build/student/bin/escape %s",
                          path, line, explain, path);
            }
    }
    lines_free(&got);
}
