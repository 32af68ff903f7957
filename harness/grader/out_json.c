// out_json.c — results.json in Gradescope's autograder format, and the
// Autolab score line, both built with jansson (never by hand):
//
//   { "score": 8, "execution_time": 2.4, "output": "...",
//     "visibility": "visible", "stdout_visibility": "hidden",
//     "tests": [ { "name": "fixture: basic/passes", "number": "1.1",
//                  "score": 2, "max_score": 2, "status": "passed",
//                  "output": "...", "visibility": "visible",
//                  "extra_data": { "lab", "suite", "test", "kind", "outcome",
//                                  "replay" (a test that lost points) } } ],
//     "extra_data": { "impl": "student", "max_score": 31, "filter" (a subset),
//                     "labs": { "fixture": { "score", "max_score", "max_known", "note",
//                                            "tests_run", "tests_in_lab" (a subset) } } } }
//
// "replay" is the one command that reproduces a lost point (score.c). With
// --filter only the tests that match were run: "filter" holds the glob, each
// lab counts its visible tests run and in all, and the top-level "output"
// starts by saying that the score is of that subset.
//
// Hidden tests (from a <lab>.hidden suite or declared .hidden) get the
// visibility the instructor chose with --hidden-visibility, one of
// Gradescope's: "hidden" (the default: never shown to students),
// "after_due_date" or "after_published". Nothing else a student sees tells
// of them: the top-level "output" counts the visible tests and their points
// only, and junit.xml leaves them out. Scores are rounded to two decimals;
// a scored test that ran and reported its fraction is "passed" whatever the
// fraction (its score says how well), as Gradescope's format allows.
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "grader.h"

static const char *const outcome_names[] = {
    [GR_PASSED] = "passed",       [GR_FAILED] = "failed",   [GR_CRASHED] = "crashed",
    [GR_TIMED_OUT] = "timed_out", [GR_NOT_RUN] = "not_run", [GR_PROBLEM] = "problem",
};

// A JSON number: an integer when `v` is whole, else rounded to 2 decimals.
static json_t *number(double v)
{
    double r = round(v * 100) / 100;
    if (r == floor(r) && fabs(r) < 1e15)
        return json_integer((json_int_t)r);
    return json_real(r);
}

// A JSON string of already-clean text (or "" when jansson rejects it).
static json_t *string(const char *s)
{
    json_t *j = json_string(s ? s : "");
    return j ? j : json_string("");
}

static json_t *test_json(const gr_report_t *r, const gr_lab_t *lab, size_t lab_no, size_t test_no,
                         const gr_test_t *t)
{
    bool ran = t->scored ? t->outcome == GR_PASSED && t->awarded : gr_test_passed(t);
    const char *hidden = r->opt->hidden_visibility ? r->opt->hidden_visibility : "hidden";
    char *label = gr_test_label(t);
    char *name = gr_printf("%s: %s", lab->name, label);
    char *num = gr_printf("%zu.%zu", lab_no, test_no);
    json_t *extra = json_object();
    json_object_set_new(extra, "lab", string(lab->name));
    json_object_set_new(extra, "suite", string(t->suite));
    json_object_set_new(extra, "test", string(t->name));
    json_object_set_new(extra, "kind",
                        string(t->outcome == GR_PROBLEM ? "problem"
                               : t->scored              ? "scored"
                                                        : "pass_fail"));
    json_object_set_new(extra, "outcome", string(outcome_names[t->outcome]));
    if (t->replay != NULL && !t->hidden)
        json_object_set_new(extra, "replay", string(t->replay));
    json_t *j = json_object();
    json_object_set_new(j, "name", string(name));
    json_object_set_new(j, "number", string(num));
    json_object_set_new(j, "score", number(t->score));
    json_object_set_new(j, "max_score", number(t->points));
    json_object_set_new(j, "status", string(ran ? "passed" : "failed"));
    json_object_set_new(j, "output", string(t->output));
    json_object_set_new(j, "visibility", string(t->hidden ? hidden : "visible"));
    json_object_set_new(j, "extra_data", extra);
    free(label);
    free(name);
    free(num);
    return j;
}

// The top-level "output": one line per lab and the total, of the visible
// tests only.
static char *summary(const gr_report_t *r)
{
    gr_buf_t b = { 0 };
    double score = 0, max = 0;
    if (r->opt->filter != NULL)
        gr_buf_printf(&b,
                      "A subset: only the tests matching '%s' were run; the scores are of "
                      "those tests alone.\n",
                      r->opt->filter);
    for (size_t i = 0; i < r->nlabs; i++) {
        const gr_lab_t *lab = &r->labs[i];
        if (lab->no_match) {
            gr_buf_printf(&b, "%s: no test matches '%s'\n", lab->name, r->opt->filter);
            continue;
        }
        double ls = 0, lm = 0;
        size_t passed = 0, n = 0;
        for (size_t k = 0; k < lab->ntests; k++) {
            const gr_test_t *t = &lab->tests[k];
            if (t->hidden)
                continue;
            passed += gr_test_passed(t);
            n++;
            ls += t->score;
            lm += t->points;
        }
        score += ls;
        max += lm;
        char *s = gr_points(ls), *m = gr_points(lm);
        gr_buf_printf(&b, "%s: %s/%s point%s, %zu of %zu test%s passed\n", lab->name, s,
                      lab->max_known ? m : "?", lab->max_known && lm == 1 ? "" : "s", passed, n,
                      n == 1 ? "" : "s");
        free(s);
        free(m);
    }
    char *s = gr_points(score), *m = gr_points(max);
    if (r->nlabs == 0)
        gr_buf_add(&b, "No labs to grade yet.\n");
    gr_buf_printf(&b, "Total: %s/%s\n", s, m);
    free(s);
    free(m);
    return gr_buf_take(&b);
}

static json_t *results(const gr_report_t *r)
{
    json_t *tests = json_array();
    json_t *labs = json_object();
    for (size_t i = 0; i < r->nlabs; i++) {
        const gr_lab_t *lab = &r->labs[i];
        for (size_t k = 0; k < lab->ntests; k++)
            json_array_append_new(tests, test_json(r, lab, i + 1, k + 1, &lab->tests[k]));
        json_t *l = json_object();
        char *note = gr_lab_note(lab, false);
        json_object_set_new(l, "score", number(lab->score));
        json_object_set_new(l, "max_score", number(lab->max));
        json_object_set_new(l, "max_known", json_boolean(lab->max_known));
        json_object_set_new(l, "note", string(note));
        if (r->opt->filter != NULL) {
            size_t run = 0;
            for (size_t k = 0; k < lab->ntests; k++)
                run += !lab->tests[k].hidden && !lab->tests[k].lab_level;
            json_object_set_new(l, "tests_run", json_integer((json_int_t)run));
            json_object_set_new(l, "tests_in_lab", json_integer((json_int_t)lab->visible_in_lab));
        }
        free(note);
        json_object_set_new(labs, lab->name, l);
    }
    json_t *extra = json_object();
    const char *why = NULL;
    bool jailed = gr_jail_available(&why);
    json_object_set_new(extra, "impl", string(r->opt->impl));
    json_object_set_new(extra, "isolation", string(jailed ? "bubblewrap" : why));
    json_object_set_new(extra, "limits", string(gr_jail_limits_text()));
    json_object_set_new(extra, "max_score", number(r->max));
    if (r->opt->filter != NULL)
        json_object_set_new(extra, "filter", string(r->opt->filter));
    json_object_set_new(extra, "labs", labs);
    char *out = summary(r);
    json_t *root = json_object();
    json_object_set_new(root, "score", number(r->score));
    json_object_set_new(root, "execution_time", number(r->seconds));
    json_object_set_new(root, "output", string(out));
    json_object_set_new(root, "visibility", string("visible"));
    json_object_set_new(root, "stdout_visibility", string("hidden"));
    json_object_set_new(root, "tests", tests);
    json_object_set_new(root, "extra_data", extra);
    free(out);
    return root;
}

static int write_json(FILE *f, void *ctx)
{
    return json_dumpf(ctx, f, JSON_INDENT(2)) == 0 && fputc('\n', f) != EOF ? 0 : -1;
}

int gr_out_results_json(const gr_report_t *r, const char *path)
{
    json_t *root = results(r);
    int rc = gr_write_atomic(path, write_json, root);
    json_decref(root);
    return rc;
}

void gr_out_autolab(const gr_report_t *r, FILE *out)
{
    json_t *scores = json_object();
    for (size_t i = 0; i < r->nlabs; i++)
        json_object_set_new(scores, r->labs[i].name, number(r->labs[i].score));
    json_t *root = json_object();
    json_object_set_new(root, "scores", scores);
    char *line = json_dumps(root, 0);
    if (line != NULL)
        fprintf(out, "%s\n", line);
    free(line);
    json_decref(root);
}
