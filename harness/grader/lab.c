// lab.c — grades one lab: its suite `<build>/suites/<lab>` and, when present,
// the instructor's `<lab>.hidden`, or explains why there is nothing to run.
//
// For each suite: a fresh work directory <grade>/logs/<lab>[.hidden]/ (the
// per-test logs and notes, the awards, the runner's records and XML report),
// the manifest, one run of every test under a watchdog (the sum of the
// timeouts plus a margin), then the results read back and scored.
//
// With a filter (--filter GLOB, `make grade TEST=GLOB`) only the tests whose
// "suite/test" matches the glob (fnmatch with extended patterns, `*`
// crossing the slash, as Criterion's --filter matches) are kept; the suite
// runs with the same --filter, and the lab is scored over that subset. A lab
// none of whose tests match runs nothing and is marked no_match.
//
// A lab whose suite was not built still appears in every report: a first
// entry "compiles" (0 of 0 points) carries the compiler's first lines, and
// when a reference build (by default the sibling `solution` build) has the
// suite, its manifest lists every test as not graded, so the lab's maximum
// is its real one. Without a reference the maximum is unknown and shown as 0.
#include <fnmatch.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "grader.h"
#include "memlab/grow.h"

#define ASAN_EXTRA_MB 512 // ASan's own memory (shadow, quarantine)
#define ASAN_EXIT 84      // the exit status ASan/UBSan reports end with
#define WATCHDOG_MARGIN_S 10.0
#define COMPILE_LOG_LINES 30

gr_test_t *gr_lab_add_test(gr_lab_t *lab)
{
    if (!ML_GROW_ARRAY(lab->tests, lab->cap, lab->ntests + 1, 16))
        gr_out_of_memory();
    gr_test_t *t = &lab->tests[lab->ntests++];
    memset(t, 0, sizeof *t);
    return t;
}

void gr_test_free(gr_test_t *t)
{
    free(t->suite);
    free(t->name);
    free(t->title);
    free(t->messages);
    free(t->first_message);
    free(t->log_path);
    free(t->notes_path);
    free(t->replay_path);
    free(t->reason);
    free(t->output);
    free(t->notes);
    free(t->replay);
    memset(t, 0, sizeof *t);
}

void gr_lab_free(gr_lab_t *lab)
{
    for (size_t i = 0; i < lab->ntests; i++)
        gr_test_free(&lab->tests[i]);
    free(lab->tests);
    free(lab->name);
    memset(lab, 0, sizeof *lab);
}

void gr_lab_add_problem(gr_lab_t *lab, const char *name, const char *reason, const char *output)
{
    gr_test_t *t = gr_lab_add_test(lab);
    t->suite = gr_strdup("lab");
    t->name = gr_strdup(name);
    t->title = gr_strdup(name);
    t->outcome = GR_PROBLEM;
    t->lab_level = true;
    t->reason = gr_strdup(reason);
    t->output = gr_printf("%s\n%s", reason, output ? output : "");
}

// An absolute version of `path` (which exists), or a copy of it.
static char *absolute(const char *path)
{
    char buf[PATH_MAX];
    return gr_strdup(realpath(path, buf) ? buf : path);
}

#define DEFAULT_TIMEOUT_S 60.0 // as manifest.c: a test declared without a timeout

// Keeps the tests [from, ...) that opt->filter selects, counts the visible
// tests it saw in lab->visible_in_lab, and returns how many it kept.
static size_t apply_filter(const gr_options_t *opt, gr_lab_t *lab, size_t from)
{
    size_t kept = from;
    for (size_t i = from; i < lab->ntests; i++) {
        gr_test_t *t = &lab->tests[i];
        lab->visible_in_lab += !t->hidden;
        lab->max_in_lab += t->points;
        char *id = gr_printf("%s/%s", t->suite, t->name);
        bool keep = opt->filter == NULL || fnmatch(opt->filter, id, FNM_EXTMATCH) == 0;
        free(id);
        if (keep) {
            lab->tests[kept++] = *t;
        } else {
            gr_test_free(t);
        }
    }
    lab->ntests = kept;
    return kept - from;
}

// Marks tests [from, ...) as not graded, for `reason`.
static void mark_not_graded(gr_lab_t *lab, size_t from, const char *reason)
{
    for (size_t i = from; i < lab->ntests; i++) {
        gr_test_t *t = &lab->tests[i];
        t->outcome = GR_NOT_RUN;
        t->reason = gr_strdup(reason);
        t->output = gr_printf("%s\n", reason);
    }
}

// grade_suite — runs one suite binary and scores its tests into `lab`.
static void grade_suite(const gr_options_t *opt, const char *grade_dir, gr_lab_t *lab,
                        const char *exe, bool hidden)
{
    char *work = gr_printf("%s/logs/%s%s", grade_dir, lab->name, hidden ? ".hidden" : "");
    char *data = gr_printf("%s/data/%s", grade_dir, lab->name);
    gr_rmtree(work);
    gr_mkdirs(work);
    gr_mkdirs(data);
    char *awork = absolute(work), *adata = absolute(data), *aexe = absolute(exe);
    size_t from = lab->ntests;
    gr_manifest_t m;
    char *why = NULL;
    if (gr_manifest_load(aexe, awork, hidden, lab, &m, &why) != 0) {
        gr_lab_add_problem(lab, hidden ? "hidden tests run" : "tests run",
                           "the grading suite could not run", why);
        free(why);
        goto out;
    }
    if (opt->filter != NULL && apply_filter(opt, lab, from) == 0)
        goto out;         // nothing of this suite is selected: nothing runs
    unsigned max_mem = 0; // the largest limited test's, for ASan's options too
    bool unlimited = false;
    double timeouts = 0;
    for (size_t i = from; i < lab->ntests; i++) {
        gr_test_t *t = &lab->tests[i];
        t->log_path = gr_printf("%s/%s.%s.log", awork, t->suite, t->name);
        t->notes_path = gr_printf("%s/%s.%s.notes", awork, t->suite, t->name);
        t->replay_path = gr_printf("%s/%s.%s.replay", awork, t->suite, t->name);
        timeouts += t->timeout > 0 ? t->timeout : DEFAULT_TIMEOUT_S;
        if (t->mem_mb == GR_MEM_UNLIMITED)
            unlimited = true; // the address space is left unbounded
        else if (t->mem_mb > max_mem)
            max_mem = t->mem_mb;
        lab->suite_error |= t->untagged;
        if (t->untagged)
            fprintf(stderr,
                    "grader: %s: suite error: test %s/%s has no points (declare it "
                    "with ML_TEST or ML_SCORED_TEST)\n",
                    exe, t->suite, t->name);
    }
    char *xml = gr_printf("%s/criterion.xml", awork);
    char *records = gr_printf("%s/runner.tsv", awork);
    char *awards = gr_printf("%s/awards.tsv", awork);
    char *runner_log = gr_printf("%s/runner.log", awork);
    char *env[] = {
        gr_printf("MEMLAB_OUTDIR=%s", awork),
        gr_printf("MEMLAB_AWARDS=%s", awards),
        gr_printf("MEMLAB_DATA=%s", adata),
        gr_printf("ASAN_OPTIONS=hard_rss_limit_mb=%u:max_allocation_size_mb=%u:"
                  "detect_leaks=0:allocator_may_return_null=0:exitcode=%d",
                  max_mem + ASAN_EXTRA_MB, max_mem, ASAN_EXIT),
        gr_printf("UBSAN_OPTIONS=print_stacktrace=1:exitcode=%d", ASAN_EXIT),
        opt->assignment && opt->assignment->timing_repeats > 0
            ? gr_printf("MEMLAB_TIMING_REPEATS=%d", opt->assignment->timing_repeats)
            : NULL,
        NULL,
    };
    char *xml_opt = gr_printf("--xml=%s", xml);
    char *jobs_opt = gr_printf("--jobs=%d", opt->jobs);
    char *filter_opt = opt->filter ? gr_printf("--filter=%s", opt->filter) : NULL;
    char *argv[] = { aexe, xml_opt, jobs_opt, filter_opt, NULL };
    double limit = timeouts + WATCHDOG_MARGIN_S + 0.5 * (double)(lab->ntests - from);
    if (opt->suite_limit > 0 && opt->suite_limit < limit)
        limit = opt->suite_limit;
    // Writable: the run's work and chart-data directories, and the build's
    // graphs/ where the labs' pictures go (DESIGN §6).
    char *graphs = gr_printf("%s/graphs", opt->build);
    gr_mkdirs(graphs);
    const char *writable[] = { awork, adata, graphs };
    gr_jail_t jail = { .build = opt->build,
                       .writable = writable,
                       .nwritable = 3,
                       .cpu_s = limit,
                       .mem_mb = unlimited ? GR_MEM_UNLIMITED : max_mem,
                       .asan = m.asan };
    gr_proc_t p = gr_run(argv, env, runner_log, GR_RUNNER_LOG_CAP, limit, &jail);
    // How the student runs this suite: the path as they named the build.
    char *suite_path = gr_printf("%s/suites/%s", opt->build, lab->name);
    char *suite_cmd = hidden ? NULL : gr_shell_quote(suite_path);
    free(suite_path);

    char *runner_problem = NULL;
    if (p.start_failed)
        runner_problem = gr_printf("the suite could not be started: %s", strerror(p.start_errno));
    else if (p.term_signal != 0 && !p.watchdog)
        runner_problem = gr_printf("the test runner died (%s)", gr_signal_name(p.term_signal));
    int nrec = gr_records_load(records, lab, from);
    char *xml_why = NULL;
    if (gr_xml_load(xml, lab, from, &xml_why) != 0 && nrec <= 0 && runner_problem == NULL &&
        !p.watchdog)
        runner_problem = gr_printf("the test runner died: %s", xml_why);
    free(xml_why);
    gr_score_ctx_t ctx = {
        .awards_path = awards,
        .output_limit = m.output_limit,
        .asan = m.asan,
        .asan_alloc_mb = max_mem,
        .asan_rss_mb = max_mem + ASAN_EXTRA_MB,
        .watchdog = p.watchdog,
        .watchdog_s = limit,
        .runner_problem = runner_problem,
        .build = opt->build,
        .suite_cmd = suite_cmd,
    };
    gr_score_tests(lab, from, &ctx);
    free(suite_cmd);
    free(runner_problem);
    free(graphs);
    free(xml);
    free(records);
    free(awards);
    free(runner_log);
    free(xml_opt);
    free(jobs_opt);
    free(filter_opt);
    for (char **e = env; *e != NULL; e++)
        free(*e);
out:
    free(work);
    free(data);
    free(awork);
    free(adata);
    free(aexe);
}

// The first lines of the lab's compile log, or NULL when there is none.
static char *compile_log(const char *build, const char *lab)
{
    char *path = gr_printf("%s/logs/%s.compile.log", build, lab);
    size_t size = 0;
    char *text = gr_read_file(path, 64u << 10, &size);
    free(path);
    if (text == NULL || *text == '\0') {
        free(text);
        return NULL;
    }
    char *p = text;
    for (int lines = 0; *p != '\0' && lines < COMPILE_LOG_LINES; p++)
        if (*p == '\n')
            lines++;
    char *r = gr_clean_text(text, (size_t)(p - text));
    if (*p != '\0') {
        char *more = gr_printf("%s[... the rest is in %s/logs/%s.compile.log]\n", r, build, lab);
        free(r);
        r = more;
    }
    free(text);
    return r;
}

// The reference build's suite for `lab`, or NULL.
static char *reference_suite(const gr_options_t *opt, const char *lab)
{
    char *ref;
    if (opt->reference != NULL) {
        if (strcmp(opt->reference, "none") == 0)
            return NULL;
        ref = gr_strdup(opt->reference);
    } else {
        char *copy = gr_strdup(opt->build);
        size_t n = strlen(opt->build);
        bool san = n > 4 && strcmp(opt->build + n - 4, "-san") == 0;
        ref = gr_printf("%s/solution%s", dirname(copy), san ? "-san" : "");
        free(copy);
    }
    char *exe = gr_printf("%s/suites/%s", ref, lab);
    char *a = absolute(exe), *b = absolute(opt->build);
    char *mine = gr_printf("%s/suites/%s", b, lab);
    free(ref);
    free(b);
    if (access(exe, X_OK) != 0 || strcmp(a, mine) == 0) {
        free(exe);
        exe = NULL;
    }
    free(a);
    free(mine);
    return exe;
}

// list_not_graded — appends the tests of the reference suite `ref` (hidden
// ones when `hidden`) to `lab` as not graded, for `reason`, so that their
// points count in the lab's maximum. Returns whether the reference's
// manifest was read.
static bool list_not_graded(const gr_options_t *opt, const char *grade_dir, gr_lab_t *lab,
                            const char *ref, bool hidden, const char *reason)
{
    char *work = gr_printf("%s/logs/%s%s", grade_dir, lab->name, hidden ? ".hidden" : "");
    gr_rmtree(work);
    gr_mkdirs(work);
    size_t from = lab->ntests;
    gr_manifest_t m;
    char *why = NULL;
    bool read = gr_manifest_load(ref, work, hidden, lab, &m, &why) == 0;
    if (read) {
        if (opt->filter != NULL)
            apply_filter(opt, lab, from);
        mark_not_graded(lab, from, reason);
    }
    free(why);
    free(work);
    return read;
}

// The lab has no suite binary: say why, and list its tests if a reference knows them.
static void grade_unbuilt(const gr_options_t *opt, const char *grade_dir, gr_lab_t *lab)
{
    char *log = compile_log(opt->build, lab->name);
    bool missing = log != NULL && strstr(log, " in this submission") != NULL;
    bool errors = !missing && log != NULL && strstr(log, "error") != NULL;
    char *first = missing ? gr_strndup(log, strcspn(log, "(\n")) : NULL;
    if (first && first[0] && first[strlen(first) - 1] == ' ')
        first[strlen(first) - 1] = '\0';
    char *reason = missing  ? gr_strdup(first)
                   : errors ? gr_strdup("your code did not compile, so no test could run")
                            : gr_printf("the lab was not built (no %s/suites/%s; the build "
                                        "output says why)",
                                        opt->build, lab->name);
    free(first);
    char *out = log ? gr_printf("The compiler said:\n%s", log) : NULL;
    gr_lab_add_problem(lab, "compiles", reason, out);
    free(out);
    char *ref = reference_suite(opt, lab->name);
    if (ref != NULL && list_not_graded(opt, grade_dir, lab, ref, false,
                                       missing  ? "not graded: the file was not submitted"
                                       : errors ? "not graded: your code did not compile"
                                                : "not graded: the lab was not built"))
        lab->max_known = true;
    free(ref);
    free(reason);
    free(log);
}

// Whether the instructor's hidden tests (--hidden DIR) hold a suite for `lab`.
static bool hidden_expected(const gr_options_t *opt, const char *lab)
{
    if (opt->hidden_dir == NULL)
        return false;
    char *src = gr_printf("%s/%s.c", opt->hidden_dir, lab);
    bool there = access(src, F_OK) == 0;
    free(src);
    return there;
}

// The lab's hidden suite should exist (--hidden) and was not built: most
// often a submission whose file does not link with the hidden tests. A
// problem says so, without their names or the linker's words (both would
// tell what the hidden tests call), and when the reference build has the
// hidden suite its tests are listed as not graded, so that their points stay
// in the lab's maximum. Without a reference the maximum lacks them, but the
// problem alone fails --strict.
static void grade_hidden_unbuilt(const gr_options_t *opt, const char *grade_dir, gr_lab_t *lab)
{
    gr_lab_add_problem(lab, GR_HIDDEN_UNBUILT,
                       "the course's hidden tests for this lab did not build with your code, "
                       "so they earn no points (the course staff can see the build output)",
                       NULL);
    char *ref = reference_suite(opt, lab->name);
    char *ref_hidden = ref ? gr_printf("%s.hidden", ref) : NULL;
    if (ref_hidden != NULL && access(ref_hidden, X_OK) == 0)
        list_not_graded(opt, grade_dir, lab, ref_hidden, true,
                        "not graded: the hidden tests did not build with this submission");
    free(ref_hidden);
    free(ref);
}

void gr_grade_lab(const gr_options_t *opt, const char *grade_dir, const char *name, gr_lab_t *lab)
{
    memset(lab, 0, sizeof *lab);
    lab->name = gr_strdup(name);
    double t0 = gr_seconds();
    char *data = gr_printf("%s/data/%s", grade_dir, name);
    gr_rmtree(data); // chart data from an earlier run must not pass for this one's
    free(data);
    char *exe = gr_printf("%s/suites/%s", opt->build, name);
    char *hidden = gr_printf("%s.hidden", exe);
    if (access(exe, X_OK) == 0) {
        grade_suite(opt, grade_dir, lab, exe, false);
        lab->max_known = true;
    } else {
        grade_unbuilt(opt, grade_dir, lab);
    }
    if (access(hidden, X_OK) == 0)
        grade_suite(opt, grade_dir, lab, hidden, true);
    else if (hidden_expected(opt, name))
        grade_hidden_unbuilt(opt, grade_dir, lab);
    if (opt->filter != NULL) {
        bool selected = false, unknown = !lab->max_known;
        for (size_t i = 0; i < lab->ntests; i++) {
            selected |= !lab->tests[i].lab_level;
            unknown |= lab->tests[i].lab_level && strcmp(lab->tests[i].name, "compiles") != 0;
        }
        lab->no_match = !selected && !unknown;
    }
    gr_lab_total(lab);
    double cap = gr_assignment_cap(opt->assignment, name);
    if (cap > 0 && opt->filter != NULL && lab->max_in_lab > 0)
        cap *= lab->max / lab->max_in_lab; // the subset's share of the lab's points
    if (cap > 0)
        gr_assignment_scale(lab, cap);
    lab->seconds = gr_seconds() - t0;
    free(exe);
    free(hidden);
}
