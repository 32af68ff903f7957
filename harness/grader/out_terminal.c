// out_terminal.c — what a student reads after `make grade`: per lab a header,
// one line per test (✓ or ✗, points, the test, the reason it lost points),
// `Score: N/M`, and at the end the total and where the reports are, in the
// style of MIT's 6.S081 graders. Colours only on a terminal (or --color).
//
// Under a test that lost points: its first notes (the suite's ml_note lines:
// the case that failed, with what was expected and what came back; advice
// such as "the test runs on a small stack"), then the one command that
// reproduces it. Under the score, what went wrong in the lab as a whole
// ("2 tests crashed"). With --filter every lab says which subset ran, and
// the total says that the score is of that subset.
//
// Hidden tests show as "hidden test", with neither title, reason, notes nor
// command, and are not counted in the lab's note.
#include <stdlib.h>
#include <string.h>

#include "grader.h"

#define GREEN "\033[32m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

#define NOTE_LINES 3   // notes shown under a test; report.md has them all
#define NOTE_WIDTH 300 // bytes of one note line shown

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

// NOTE_LINES lines of a test's notes, each cut to NOTE_WIDTH bytes, and how
// many more there are: the first ones of a scored test (its failing cases,
// first failure first), the last ones of a test that stopped at a failed
// check (a note names each case before it is checked, so the last is the
// case that failed).
static void notes(FILE *out, const char *text, bool last)
{
    int total = 1, lines = 0, more = 0;
    for (const char *p = text; *p != '\0'; p++)
        total += *p == '\n';
    int skip = last && total > NOTE_LINES ? total - NOTE_LINES : 0;
    if (skip > 0) {
        char *m = gr_plural((size_t)skip, "earlier note");
        fprintf(out, "      (%s in report.md)\n", m);
        free(m);
    }
    for (const char *p = text; *p != '\0';) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (skip > 0) {
            skip--;
        } else if (lines < NOTE_LINES) {
            size_t shown = n;
            if (shown > NOTE_WIDTH) {
                shown = NOTE_WIDTH;
                while (shown > 0 && ((unsigned char)p[shown] & 0xc0) == 0x80)
                    shown--; // not inside a UTF-8 sequence
            }
            fprintf(out, "      note: %.*s%s\n", (int)shown, p, shown < n ? " ..." : "");
            lines++;
        } else {
            more++;
        }
        p += n + (nl != NULL);
    }
    if (more > 0) {
        char *m = gr_plural((size_t)more, "more note");
        fprintf(out, "      (%s in report.md)\n", m);
        free(m);
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
    if (!ok && !t->hidden && t->notes != NULL)
        notes(out, t->notes, !t->scored || t->outcome != GR_PASSED);
    if (!ok && !t->hidden && t->replay != NULL)
        fprintf(out, "      to reproduce: %s\n", t->replay);
    free(s);
    free(m);
    free(label);
}

// The visible tests of `lab` (not the lab-level entries).
static size_t visible_tests(const gr_lab_t *lab)
{
    size_t n = 0;
    for (size_t i = 0; i < lab->ntests; i++)
        n += !lab->tests[i].hidden && !lab->tests[i].lab_level;
    return n;
}

// A lab's header; with a filter, which of its tests were run.
static void lab_header(const gr_report_t *r, const gr_lab_t *lab, FILE *out)
{
    fprintf(out, "%s== %s ==%s", paint(r, BOLD), lab->name, paint(r, RESET));
    if (r->opt->filter != NULL && !lab->no_match) {
        char *all = gr_plural(lab->visible_in_lab, "test");
        fprintf(out, "  only the tests matching '%s': %zu of its %s", r->opt->filter,
                visible_tests(lab), all);
        free(all);
    }
    fputc('\n', out);
}

void gr_out_terminal_lab(const gr_report_t *r, const gr_lab_t *lab, FILE *out)
{
    char *s = gr_points(lab->score), *m = gr_points(lab->max);
    char *note = gr_lab_note(lab, true);
    if (lab->no_match) {
        if (!r->opt->quiet)
            lab_header(r, lab, out);
        for (size_t i = 0; !r->opt->quiet && i < lab->ntests; i++)
            test_line(r, &lab->tests[i], out);
        fprintf(out, "%sno test of %s matches '%s' (list them: %s/suites/%s --list)\n%s",
                r->opt->quiet ? "" : "  ", lab->name, r->opt->filter, r->opt->build, lab->name,
                r->opt->quiet ? "" : "\n");
    } else if (!r->opt->quiet) {
        lab_header(r, lab, out);
        for (size_t i = 0; i < lab->ntests; i++)
            test_line(r, &lab->tests[i], out);
        fprintf(out, "  %sScore: %s/%s%s%s", paint(r, BOLD), s, lab->max_known ? m : "?",
                paint(r, RESET),
                lab->max_known ? "" : " (the lab's points are unknown: it was not built)");
        if (r->opt->filter != NULL)
            fprintf(out, " (of the subset run, not of the whole lab)");
        if (*note != '\0')
            fprintf(out, " — %s", note);
        fputs("\n\n", out);
    } else {
        fprintf(out, "Score: %s/%s (%s)\n", s, lab->max_known ? m : "?", lab->name);
    }
    free(note);
    free(s);
    free(m);
}

void gr_out_terminal_total(const gr_report_t *r, FILE *out)
{
    char *s = gr_points(r->score), *m = gr_points(r->max);
    if (r->nlabs > 0)
        fprintf(out, "%sTotal: %s/%s%s  (%s, %zu lab%s, %.1f s)\n", paint(r, BOLD), s, m,
                paint(r, RESET), r->opt->impl, r->nlabs, r->nlabs == 1 ? "" : "s", r->seconds);
    if (r->nlabs > 0 && r->opt->filter != NULL)
        fprintf(out,
                "%sA subset: only the tests matching '%s' were run, and the score is of those "
                "tests alone.%s Grade without the filter (make grade, no TEST=) for the "
                "lab's score.\n",
                paint(r, YELLOW), r->opt->filter, paint(r, RESET));
    if (!r->opt->quiet)
        fprintf(
            out,
            "Details: %s/report.html (report.md, results.json, junit.xml; test logs in %s/logs/)\n",
            r->grade_dir, r->grade_dir);
    free(s);
    free(m);
}
