// report.c — `mutate --report`: how many mutants of a lab its suite killed.
//
// Inputs: the gradebook CSV that `grader class` wrote for a class whose
// folders are the mutants (the `student` column is the mutant's id), and
// the lab's list of equivalent mutants, tests/mutants/<lab>/EQUIVALENT.md.
// A mutant
//   did not compile  when its row's note says so (counted apart, not killed);
//   is killed        when it scored below the lab's maximum, or has no score
//                    for another reason (its grading crashed or timed out);
//   is equivalent    when it scored full marks and an entry of EQUIVALENT.md
//                    names it (it cannot change behaviour);
//   survived         otherwise: full marks for a wrong file, a gap in the suite.
// score = killed / (compiled - equivalent).
//
// EQUIVALENT.md: prose, and entries that survive renumbering because they
// name the change, not the id — the operator, the whole original line(s)
// and the mutated line(s), white space collapsed, exactly as `mutate --list`
// prints them, and why the change cannot alter behaviour:
//
//   - operator: rel-boundary
//     original: `if (n < 8)`
//     mutated: `if (n <= 8)`
//     why: n is a multiple of 16 here, never 8.
//
// Outputs: the lab's table of survivors (--md) and its line of the summary
// table (--row), both written whole or not at all (outfile.h).
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/outfile.h"
#include "mutate.h"

typedef struct {
    char *op, *before, *after, *why;
    unsigned line;
    bool used;
} equiv_t;

typedef struct {
    equiv_t *e;
    size_t n;
} equivs_t;

static char *read_all(const char *path, bool missing_ok)
{
    mt_file_t f;
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        if (missing_ok && errno == ENOENT)
            return mt_strndup("", 0);
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        return NULL;
    }
    fclose(probe);
    if (mt_file_load(&f, path) != 0)
        return NULL;
    return f.text;
}

// The value of "key: value" if line (without its indent) starts so, else NULL.
static const char *field(const char *line, const char *key)
{
    while (*line == ' ' || *line == '\t')
        line++;
    size_t n = strlen(key);
    if (strncmp(line, key, n) || line[n] != ':')
        return NULL;
    line += n + 1;
    while (*line == ' ' || *line == '\t')
        line++;
    return line;
}

static bool known_op(const char *op)
{
    for (int i = 0; mt_operators[i][0]; i++)
        if (!strcmp(mt_operators[i][0], op))
            return true;
    return false;
}

// Reads EQUIVALENT.md (absent: no entries). Returns 0 or -1 after a
// "path:line: what is wrong".
static int read_equivalents(const char *path, equivs_t *out)
{
    out->e = NULL;
    out->n = 0;
    if (!path)
        return 0;
    char *text = read_all(path, true);
    if (!text)
        return -1;
    unsigned lineno = 0;
    equiv_t *cur = NULL;
    int rc = 0;
    for (char *p = text, *nl; *p && rc == 0; p = nl ? nl + 1 : p + strlen(p)) {
        nl = strchr(p, '\n');
        char *line = mt_strndup(p, nl ? (size_t)(nl - p) : strlen(p));
        size_t ll = strlen(line);
        while (ll && (line[ll - 1] == '\r' || line[ll - 1] == ' '))
            line[--ll] = '\0';
        lineno++;
        const char *v;
        if (!strncmp(line, "- ", 2) && (v = field(line + 2, "operator"))) {
            if (!known_op(v)) {
                fprintf(stderr, "%s:%u: '%s' is not an operator (mutate --help lists them)\n", path,
                        lineno, v);
                rc = -1;
            } else {
                equiv_t *e = realloc(out->e, (out->n + 1) * sizeof *e);
                if (!e) {
                    fputs("mutate: out of memory\n", stderr);
                    abort();
                }
                out->e = e;
                cur = &out->e[out->n++];
                memset(cur, 0, sizeof *cur);
                cur->op = mt_strndup(v, strlen(v));
                cur->line = lineno;
            }
        } else if (cur && ((v = field(line, "original")) || (v = field(line, "mutated")))) {
            bool orig = field(line, "original") != NULL;
            size_t n = strlen(v);
            if (n < 2 || v[0] != '`' || v[n - 1] != '`') {
                fprintf(stderr, "%s:%u: the %s line goes between backticks: `...`\n", path, lineno,
                        orig ? "original" : "mutated");
                rc = -1;
            } else
                *(orig ? &cur->before : &cur->after) = mt_collapse(v, 1, n - 1);
        } else if (cur && (v = field(line, "why"))) {
            cur->why = mt_strndup(v, strlen(v));
        } else if (line[0] == '\0' || line[0] == '-' || line[0] == '#')
            cur = NULL;
        free(line);
    }
    for (size_t i = 0; i < out->n && rc == 0; i++) {
        equiv_t *e = &out->e[i];
        const char *miss = !e->before ? "original" : !e->after ? "mutated" : !e->why ? "why" : NULL;
        if (miss) {
            fprintf(stderr, "%s:%u: this entry has no '%s:' line\n", path, e->line, miss);
            rc = -1;
        } else if (!e->why[0]) {
            fprintf(stderr, "%s:%u: say why the mutant cannot change behaviour\n", path, e->line);
            rc = -1;
        }
    }
    free(text);
    return rc;
}

static const equiv_t *find_equiv(equivs_t *eq, const mt_mutant_t *m)
{
    for (size_t i = 0; i < eq->n; i++)
        if (!strcmp(eq->e[i].op, m->op) && !strcmp(eq->e[i].before, m->before) &&
            !strcmp(eq->e[i].after, m->after))
            return &eq->e[i];
    return NULL;
}

// One RFC 4180 record from *p into fields (at most max; more are dropped).
// Returns the number of fields, 0 at the end, -1 for an unclosed quote.
static int csv_record(char **p, char **fields, int max)
{
    char *s = *p;
    if (!*s)
        return 0;
    int n = 0;
    for (;;) {
        char *w = s, *start = s;
        if (*s == '"') {
            start = w = ++s;
            for (;;) {
                if (!*s)
                    return -1;
                if (*s == '"' && s[1] == '"') {
                    *w++ = '"';
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else
                    *w++ = *s++;
            }
            while (*s && *s != ',' && *s != '\n' && *s != '\r')
                s++;
        } else {
            while (*s && *s != ',' && *s != '\n' && *s != '\r')
                s++;
            w = s;
        }
        char end = *s;
        *w = '\0';
        if (n < max)
            fields[n++] = start;
        if (end == ',') {
            s++;
            continue;
        }
        // The terminator may have been overwritten by the field's '\0' (an
        // unquoted field ends where it does): decide by end, not by *s.
        if (end == '\r' && s[1] == '\n')
            s += 2;
        else if (end == '\r' || end == '\n')
            s++;
        break;
    }
    *p = s;
    return n;
}

typedef enum { ST_UNGRADED, ST_NOCOMPILE, ST_KILLED, ST_EQUIV, ST_SURVIVED } status_t;

// Escapes a cell of a Markdown table.
static void cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", f);
        else
            fputc(*s, f);
    }
}

int mt_report(const mt_report_opts_t *o, const mt_file_t *files, const mt_list_t *all,
              const size_t *keep, size_t nkeep)
{
    (void)files;
    equivs_t eq;
    if (read_equivalents(o->equivalent, &eq) != 0)
        return 1;
    char *csv = read_all(o->gradebook, false);
    if (!csv)
        return 1;
    status_t *st = calloc(nkeep ? nkeep : 1, sizeof *st);
    char **notes = calloc(nkeep ? nkeep : 1, sizeof *notes);
    const equiv_t **eqs = calloc(nkeep ? nkeep : 1, sizeof *eqs);
    enum { MAXF = 64 };
    char *fl[MAXF], *p = csv;
    int n = csv_record(&p, fl, MAXF), c_id = -1, c_lab = -1, c_max = -1, c_note = -1, rc = 0;
    for (int i = 0; i < n; i++) {
        c_id = !strcmp(fl[i], "student") ? i : c_id;
        c_lab = !strcmp(fl[i], o->lab) ? i : c_lab;
        c_max = !strcmp(fl[i], "max") ? i : c_max;
        c_note = !strcmp(fl[i], "note") ? i : c_note;
    }
    if (c_id < 0 || c_lab < 0 || c_max < 0 || c_note < 0) {
        fprintf(stderr, "%s:1: expected a gradebook header with student, %s, max and note\n",
                o->gradebook, o->lab);
        rc = 1;
    }
    for (unsigned line = 2; rc == 0 && (n = csv_record(&p, fl, MAXF)) != 0; line++) {
        if (n < 0 || n <= c_note) {
            fprintf(stderr, "%s:%u: %s\n", o->gradebook, line,
                    n < 0 ? "a quoted field is never closed" : "this row has too few fields");
            rc = 1;
            break;
        }
        size_t k = 0;
        while (k < nkeep && strcmp(all->m[keep[k]].id, fl[c_id]))
            k++;
        if (k == nkeep)
            continue; // a mutant of another sample, graded before
        const mt_mutant_t *m = &all->m[keep[k]];
        char *end;
        double score = strtod(fl[c_lab], &end);
        bool scored = fl[c_lab][0] && !*end;
        double max = strtod(fl[c_max], NULL);
        notes[k] = fl[c_note][0] ? fl[c_note] : NULL;
        eqs[k] = find_equiv(&eq, m);
        if (strstr(fl[c_note], "did not compile"))
            st[k] = ST_NOCOMPILE;
        else if (!scored || score < max - 1e-9)
            st[k] = ST_KILLED;
        else
            st[k] = eqs[k] ? ST_EQUIV : ST_SURVIVED;
    }
    size_t count[5] = { 0 };
    for (size_t k = 0; k < nkeep; k++)
        count[st[k]]++;
    for (size_t i = 0; i < all->n; i++)
        if (find_equiv(&eq, &all->m[i]))
            ((equiv_t *)find_equiv(&eq, &all->m[i]))->used = true;
    size_t compiled = count[ST_KILLED] + count[ST_EQUIV] + count[ST_SURVIVED];
    size_t denom = compiled - count[ST_EQUIV];
    char score[32] = "-";
    if (denom)
        snprintf(score, sizeof score, "%.1f %%", 100.0 * (double)count[ST_KILLED] / (double)denom);
    char sample[256], ops[160] = "";
    if (o->only)
        snprintf(ops, sizeof ops, " of the operators %s", o->only);
    if (nkeep < o->candidates)
        snprintf(sample, sizeof sample, "a sample of %zu of the %zu mutants%s (seed %llu)", nkeep,
                 o->candidates, ops, o->seed);
    else
        snprintf(sample, sizeof sample, "all %zu mutants%s", o->candidates, ops);

    ml_outfile_t out;
    FILE *f = rc ? NULL : ml_outfile_open(&out, o->out_md);
    if (rc == 0 && !f)
        rc = ml_outfile_fail(&out, "mutate") < 0;
    if (f) {
        fprintf(f, "# Mutation testing: %s\n\n", o->lab);
        fprintf(f,
                "Graded: %s of the reference student file(s), each as one submission of a "
                "class (`make test-mutation LAB=%s`).\n\n",
                sample, o->lab);
        fputs("| generated | graded | compiled | killed | equivalent | survived | not graded | "
              "score |\n|---|---|---|---|---|---|---|---|\n",
              f);
        fprintf(f, "| %zu | %zu | %zu | %zu | %zu | %zu | %zu | %s |\n\n", o->generated, nkeep,
                compiled, count[ST_KILLED], count[ST_EQUIV], count[ST_SURVIVED], count[ST_UNGRADED],
                score);
        fputs("score = killed / (compiled - equivalent). A survivor that is not equivalent "
              "scored full marks while wrong: a test is missing.\n\n## Survivors\n\n",
              f);
        if (count[ST_EQUIV] + count[ST_SURVIVED] == 0)
            fputs("None.\n", f);
        else
            fputs("| id | operator | line | change | equivalent |\n|---|---|---|---|---|\n", f);
        for (size_t k = 0; k < nkeep; k++) {
            if (st[k] != ST_EQUIV && st[k] != ST_SURVIVED)
                continue;
            const mt_mutant_t *m = &all->m[keep[k]];
            fprintf(f, "| %s | %s | %u | `- ", m->id, m->op, m->line);
            cell(f, m->before);
            fputs("` <br> `+ ", f);
            cell(f, m->after);
            fputs("` | ", f);
            if (eqs[k]) {
                fputs("yes: ", f);
                cell(f, eqs[k]->why);
            } else
                fputs("no", f);
            fputs(" |\n", f);
        }
        bool head = false;
        for (size_t k = 0; k < nkeep; k++)
            if (st[k] == ST_KILLED && eqs[k]) {
                if (!head)
                    fputs("\n## Listed as equivalent, yet killed (the entry is wrong)\n\n", f);
                head = true;
                fprintf(f, "- %s (%s, line %u), entry at line %u of %s\n", all->m[keep[k]].id,
                        all->m[keep[k]].op, all->m[keep[k]].line, eqs[k]->line, o->equivalent);
            }
        head = false;
        for (size_t i = 0; i < eq.n; i++)
            if (!eq.e[i].used) {
                if (!head)
                    fputs("\n## Entries of the equivalent list that match no mutant\n\n", f);
                head = true;
                fprintf(f, "- %s:%u (%s): the reference changed, or the entry is mistyped\n",
                        o->equivalent, eq.e[i].line, eq.e[i].op);
            }
        head = false;
        for (size_t k = 0; k < nkeep; k++)
            if ((st[k] == ST_KILLED || st[k] == ST_UNGRADED) && notes[k] &&
                !strstr(notes[k], "did not compile")) {
                if (!head)
                    fputs("\n## Mutants with a note from the grader\n\n", f);
                head = true;
                fprintf(f, "- %s: %s\n", all->m[keep[k]].id,
                        st[k] == ST_UNGRADED ? "not in the gradebook" : notes[k]);
            }
        if (count[ST_UNGRADED])
            fprintf(f,
                    "\n%zu mutant(s) of the sample have no row in the gradebook (an "
                    "interrupted run): they count in no column but this one.\n",
                    count[ST_UNGRADED]);
        if (ml_outfile_commit(&out) != 0)
            rc = ml_outfile_fail(&out, "mutate") < 0;
    }
    if (rc == 0) {
        f = ml_outfile_open(&out, o->out_row);
        if (!f)
            rc = ml_outfile_fail(&out, "mutate") < 0;
        else {
            fprintf(f, "| %s | %zu | %zu | %zu | %zu | %zu | %zu | %s |\n", o->lab, o->generated,
                    nkeep, compiled, count[ST_KILLED], count[ST_EQUIV], count[ST_SURVIVED], score);
            if (ml_outfile_commit(&out) != 0)
                rc = ml_outfile_fail(&out, "mutate") < 0;
        }
    }
    if (rc == 0)
        printf("%-15s %s: %zu compiled, %zu killed, %zu equivalent, %zu survived; score %s\n",
               o->lab, sample, compiled, count[ST_KILLED], count[ST_EQUIV], count[ST_SURVIVED],
               score);
    for (size_t i = 0; i < eq.n; i++) {
        free(eq.e[i].op);
        free(eq.e[i].before);
        free(eq.e[i].after);
        free(eq.e[i].why);
    }
    free(eq.e);
    free(st);
    free(notes);
    free(eqs);
    free(csv);
    return rc;
}
