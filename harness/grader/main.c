// main.c — the grader's command line: which build and labs to grade, how
// strict to be, which outputs to write. `make grade` runs
//   grader --build build/<impl> --impl <impl> --labs "<labs>" $(GRADEFLAGS)
// `make gradebook` runs `grader class ...` (class.c), which grades a whole
// class; `grader gradebook OUT.csv RESULTS.json...` joins results files.
//
// `make grade TEST=GLOB` adds --filter GLOB: only the tests whose
// "suite/test" matches are run and scored, in every lab named, and every
// output says that the score is of that subset.
//
// Exit status: 0 when grading ran, whatever the score; 1 when the grader
// itself failed (it could not write its results, or the assignment file is
// wrong), a condition asked for with --strict or --expect-below does not
// hold, or --filter matched no test at all (then no report is written);
// 2 for bad usage.
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "class.h"
#include "grader.h"
#include "memlab/grow.h"

static void usage(FILE *out)
{
    fputs(
        "usage: grader --build DIR --labs \"LAB ...\" [options]\n"
        "       grader gradebook OUT.csv RESULTS.json...\n"
        "       grader class --class DIR --labs \"LAB ...\" --files ... (see grader class --help)\n"
        "\n"
        "Runs each lab's grading suite DIR/suites/<lab> (and <lab>.hidden), scores\n"
        "it, and writes results.json (Gradescope), junit.xml, report.md and report.html.\n"
        "\n"
        "Options:\n"
        "  --build DIR        the build to grade, e.g. build/student\n"
        "  --impl NAME        the name shown in reports (default: DIR's basename)\n"
        "  --labs \"A B\"       the labs to grade, separated by spaces\n"
        "  --out DIR          where results go (default: DIR/grade)\n"
        "  --reference DIR    a build whose suites give the points of a lab that did\n"
        "                     not build (default: the sibling `solution` build;\n"
        "                     `none` for no reference)\n"
        "  --hidden DIR       the instructor's hidden suites DIR/<lab>.c: a lab with\n"
        "                     one whose <lab>.hidden was not built is a problem\n"
        "  --filter GLOB      grade only the tests whose SUITE/TEST matches GLOB\n"
        "                     (Criterion's --filter: * ? [..] and @(a|b), * also\n"
        "                     matches /), in every lab; the score is of that subset\n"
        "  -j, --jobs N       tests run at once in a suite (default 1)\n"
        "  --suite-limit S    stop a suite after S seconds (default: the sum of its\n"
        "                     tests' timeouts plus a margin)\n"
        "  --strict           exit 1 if any point is lost\n"
        "  --strict-correctness  exit 1 unless every test passed (scored tests must\n"
        "                     run and report a score, of any size: for sanitizer\n"
        "                     builds, where benchmarks are slow)\n"
        "  --expect-below F   exit 1 unless every lab scores below F x its maximum\n"
        "  --quiet            print only the score lines\n"
        "  --autolab          end with an Autolab line {\"scores\": {...}}\n"
        "  --assignment FILE  a course's setup: labs, points per lab, visibility of\n"
        "                     hidden tests, timing repeats (see assignment.c)\n"
        "  --hidden-visibility V  Gradescope's visibility of hidden tests: hidden\n"
        "                     (default: never shown), after_due_date or after_published\n"
        "  --plots SCRIPT     after the suites ran, run `SCRIPT DATA_DIR CHARTS_DIR`\n"
        "                     on <out>/data and <out>/charts (scripts/plots.sh), so\n"
        "                     report.md links this run's charts\n"
        "  --color, --no-color  force colours on or off (default: on a terminal)\n"
        "  -h, --help         this help\n"
        "\n"
        "Exit status: 0 graded (whatever the score), 1 the grader failed, a\n"
        "--strict/--expect-below condition does not hold or --filter matched no\n"
        "test, 2 bad usage.\n",
        out);
}

// Splits the space-separated lab list; rejects names that are not plain names.
static int parse_labs(const char *list, gr_options_t *opt)
{
    char *copy = gr_strdup(list), *save = NULL;
    for (char *w = strtok_r(copy, " \t\n", &save); w != NULL; w = strtok_r(NULL, " \t\n", &save)) {
        if (strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") !=
                strlen(w) ||
            w[0] == '.') {
            fprintf(stderr, "grader: '%s' is not a lab name\n", w);
            free(copy);
            return -1;
        }
        if (!ML_GROW_ARRAY(opt->labs, opt->cap_labs, opt->nlabs + 1, 8))
            gr_out_of_memory();
        opt->labs[opt->nlabs++] = gr_strdup(w);
    }
    free(copy);
    return 0;
}

// Parses the options into `opt`. Returns 0, 1 after --help, or 2 on bad usage.
static int parse_options(int argc, char **argv, gr_options_t *opt)
{
    enum {
        O_BUILD = 256,
        O_IMPL,
        O_LABS,
        O_OUT,
        O_REF,
        O_HIDDEN,
        O_STRICT,
        O_BELOW,
        O_QUIET,
        O_AUTOLAB,
        O_COLOR,
        O_NOCOLOR,
        O_LIMIT,
        O_STRICT_C,
        O_PLOTS,
        O_HIDVIS,
        O_ASSIGN,
        O_FILTER
    };
    static const struct option longs[] = {
        { "build", required_argument, NULL, O_BUILD },
        { "impl", required_argument, NULL, O_IMPL },
        { "labs", required_argument, NULL, O_LABS },
        { "out", required_argument, NULL, O_OUT },
        { "reference", required_argument, NULL, O_REF },
        { "hidden", required_argument, NULL, O_HIDDEN },
        { "jobs", required_argument, NULL, 'j' },
        { "suite-limit", required_argument, NULL, O_LIMIT },
        { "strict", no_argument, NULL, O_STRICT },
        { "strict-correctness", no_argument, NULL, O_STRICT_C },
        { "plots", required_argument, NULL, O_PLOTS },
        { "expect-below", required_argument, NULL, O_BELOW },
        { "quiet", no_argument, NULL, O_QUIET },
        { "autolab", no_argument, NULL, O_AUTOLAB },
        { "hidden-visibility", required_argument, NULL, O_HIDVIS },
        { "assignment", required_argument, NULL, O_ASSIGN },
        { "filter", required_argument, NULL, O_FILTER },
        { "color", no_argument, NULL, O_COLOR },
        { "no-color", no_argument, NULL, O_NOCOLOR },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    opt->jobs = 1;
    opt->expect_below = -1;
    opt->color = isatty(STDOUT_FILENO);
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "j:h", longs, NULL)) != -1) {
        switch (c) {
        case O_BUILD: opt->build = optarg; break;
        case O_IMPL: opt->impl = optarg; break;
        case O_LABS:
            if (parse_labs(optarg, opt) != 0)
                return 2;
            break;
        case O_OUT: opt->out_dir = optarg; break;
        case O_REF: opt->reference = optarg; break;
        case O_HIDDEN: {
            struct stat st;
            if (stat(optarg, &st) != 0 || !S_ISDIR(st.st_mode)) {
                fprintf(stderr, "grader: --hidden wants a directory of <lab>.c suites, not '%s'\n",
                        optarg);
                return 2;
            }
            opt->hidden_dir = optarg;
            break;
        }
        case 'j':
            opt->jobs = (int)strtol(optarg, &end, 10);
            if (*end != '\0' || opt->jobs < 1 || opt->jobs > 64) {
                fprintf(stderr, "grader: --jobs wants a number from 1 to 64, not '%s'\n", optarg);
                return 2;
            }
            break;
        case O_LIMIT:
            opt->suite_limit = strtod(optarg, &end);
            if (*end != '\0' || !(opt->suite_limit > 0)) {
                fprintf(stderr, "grader: --suite-limit wants seconds > 0, not '%s'\n", optarg);
                return 2;
            }
            break;
        case O_STRICT: opt->strict = true; break;
        case O_STRICT_C: opt->strict_correctness = true; break;
        case O_PLOTS: opt->plots = optarg; break;
        case O_BELOW:
            opt->expect_below = strtod(optarg, &end);
            if (*end != '\0' || !(opt->expect_below > 0) || opt->expect_below > 1) {
                fprintf(stderr, "grader: --expect-below wants a fraction in (0, 1], not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case O_QUIET: opt->quiet = true; break;
        case O_AUTOLAB: opt->autolab = true; break;
        case O_ASSIGN: {
            static gr_assignment_t a;
            if (opt->assignment != NULL || gr_assignment_load(optarg, &a) != 0)
                return 3;
            opt->assignment = &a;
            break;
        }
        case O_HIDVIS:
            if (strcmp(optarg, "hidden") != 0 && strcmp(optarg, "after_due_date") != 0 &&
                strcmp(optarg, "after_published") != 0) {
                fprintf(stderr,
                        "grader: --hidden-visibility wants hidden, after_due_date or "
                        "after_published, not '%s'\n",
                        optarg);
                return 2;
            }
            opt->hidden_visibility = optarg;
            break;
        case O_FILTER:
            if (*optarg == '\0' || strchr(optarg, '\n') != NULL) {
                fputs("grader: --filter wants a pattern such as 'suite/*' or "
                      "'suite/test'\n",
                      stderr);
                return 2;
            }
            opt->filter = optarg;
            break;
        case O_COLOR: opt->color = true; break;
        case O_NOCOLOR: opt->color = false; break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return 2;
        }
    }
    const gr_assignment_t *a = opt->assignment;
    if (a != NULL && a->nlabs > 0 && opt->nlabs == 0) { // no --labs: the assignment's
        for (size_t i = 0; i < opt->nlabs; i++)
            free(opt->labs[i]);
        opt->nlabs = 0;
        for (size_t i = 0; i < a->nlabs; i++) {
            if (!ML_GROW_ARRAY(opt->labs, opt->cap_labs, opt->nlabs + 1, 8))
                gr_out_of_memory();
            opt->labs[opt->nlabs++] = gr_strdup(a->labs[i]);
        }
    }
    if (a != NULL && a->hidden_visibility != NULL && opt->hidden_visibility == NULL)
        opt->hidden_visibility = a->hidden_visibility;
    if (optind < argc) {
        fprintf(stderr, "grader: unexpected argument '%s' (labs go in --labs \"...\")\n",
                argv[optind]);
        return 2;
    }
    if (opt->build == NULL) {
        fputs("grader: --build DIR is required (see grader --help)\n", stderr);
        return 2;
    }
    struct stat st;
    if (stat(opt->build, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr,
                "grader: --build %s: no such build directory (build the labs first, "
                "e.g. make grade)\n",
                opt->build);
        return 2;
    }
    if (opt->impl == NULL) {
        const char *slash = strrchr(opt->build, '/');
        opt->impl = slash && slash[1] ? slash + 1 : opt->build;
    }
    return 0;
}

// Whether the --strict and --expect-below conditions hold; says why not.
static bool conditions_hold(const gr_report_t *r)
{
    const gr_options_t *opt = r->opt;
    bool ok = true;
    for (size_t i = 0; i < r->nlabs; i++) {
        const gr_lab_t *lab = &r->labs[i];
        char *s = gr_points(lab->score), *m = gr_points(lab->max);
        bool problem = lab->suite_error;
        for (size_t k = 0; k < lab->ntests; k++)
            problem |= lab->tests[k].outcome == GR_PROBLEM;
        if (opt->strict && (lab->score < lab->max - 1e-9 || problem)) {
            fprintf(stderr, "grader: --strict: %s scored %s/%s%s\n", lab->name, s, m,
                    problem ? " and has a suite or build problem" : "");
            ok = false;
        }
        for (size_t k = 0; opt->strict_correctness && k < lab->ntests; k++) {
            const gr_test_t *t = &lab->tests[k];
            bool passed = t->scored ? t->outcome == GR_PASSED && t->awarded : gr_test_passed(t);
            if (!passed) {
                char *label = gr_test_label(t);
                fprintf(stderr, "grader: --strict-correctness: %s: %s: %s\n", lab->name, label,
                        t->reason ? t->reason : "failed");
                free(label);
                ok = false;
            }
        }
        if (opt->expect_below > 0 &&
            !(lab->max_known && lab->max > 0 && lab->score < opt->expect_below * lab->max)) {
            fprintf(stderr,
                    "grader: --expect-below %g: %s scored %s/%s, not below %g%% of its "
                    "maximum\n",
                    opt->expect_below, lab->name, s, m, 100 * opt->expect_below);
            ok = false;
        }
        free(s);
        free(m);
    }
    return ok;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "gradebook") == 0)
        return gr_gradebook_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "class") == 0)
        return gr_class_main(argc - 1, argv + 1);
    gr_options_t opt = { 0 };
    int rc = parse_options(argc, argv, &opt);
    if (rc != 0)
        return rc == 1 ? 0 : rc == 3 ? 1 : 2; // 3: a bad assignment file, already reported
    gr_report_t r = { .opt = &opt };
    r.grade_dir = opt.out_dir ? gr_strdup(opt.out_dir) : gr_printf("%s/grade", opt.build);
    if (gr_mkdirs(r.grade_dir) != 0) {
        perror(r.grade_dir);
        return 1;
    }
    // Results of an earlier run must not outlive a run that fails to write.
    static const char *const outputs[] = { "results.json", "junit.xml", "report.md",
                                           "report.html" };
    char *paths[4];
    for (int i = 0; i < 4; i++) {
        paths[i] = gr_printf("%s/%s", r.grade_dir, outputs[i]);
        gr_rmtree(paths[i]);
    }
    gr_run_init();
    const char *why = NULL;
    if (!gr_jail_available(&why) && !opt.quiet)
        printf("memlab: grading without bubblewrap (%s): student code runs in the suite "
               "library's sandbox only, which does not hide or protect files\n",
               why);
    double t0 = gr_seconds();
    if (opt.nlabs == 0 && !opt.quiet)
        printf("memlab: no labs to grade yet.\n");
    r.labs = gr_xmalloc((opt.nlabs ? opt.nlabs : 1) * sizeof *r.labs);
    for (size_t i = 0; i < opt.nlabs; i++) {
        gr_grade_lab(&opt, r.grade_dir, opt.labs[i], &r.labs[i]);
        r.nlabs++;
        r.score += r.labs[i].score;
        r.max += r.labs[i].max;
        gr_out_terminal_lab(&r, &r.labs[i], stdout);
        fflush(stdout);
    }
    size_t matched = 0;
    for (size_t i = 0; i < r.nlabs; i++)
        matched += !r.labs[i].no_match;
    if (opt.filter != NULL && r.nlabs > 0 && matched == 0) {
        // Nothing ran: no report may stand for a grade.
        gr_buf_t names = { 0 };
        for (size_t i = 0; i < r.nlabs; i++)
            gr_buf_printf(&names, "%s%s", i ? ", " : "", r.labs[i].name);
        fprintf(stderr,
                "grader: no test matches '%s' in lab%s %s, so nothing was graded. Tests are "
                "named SUITE/TEST (e.g. 'SUITE/*', '*word*'); list a lab's tests with "
                "%s/suites/<lab> --list\n",
                opt.filter, r.nlabs == 1 ? "" : "s", names.s, opt.build);
        free(gr_buf_take(&names));
        for (size_t i = 0; i < r.nlabs; i++)
            gr_lab_free(&r.labs[i]);
        free(r.labs);
        free(r.grade_dir);
        for (int i = 0; i < 4; i++)
            free(paths[i]);
        for (size_t i = 0; i < opt.nlabs; i++)
            free(opt.labs[i]);
        free(opt.labs);
        return 1;
    }
    if (opt.plots != NULL)
        gr_render_charts(&r);
    r.seconds = gr_seconds() - t0;
    int status = 0;
    // Every output is written now, by this process, after all tests ended.
    if (gr_out_results_json(&r, paths[0]) != 0 || gr_out_junit(&r, paths[1]) != 0 ||
        gr_out_markdown(&r, paths[2]) != 0 || gr_out_html(&r, paths[3]) != 0)
        status = 1;
    gr_out_terminal_total(&r, stdout);
    if (status == 0 && !conditions_hold(&r))
        status = 1;
    if (opt.autolab)
        gr_out_autolab(&r, stdout);
    fflush(stdout);
    for (int i = 0; i < 4; i++)
        free(paths[i]);
    for (size_t i = 0; i < r.nlabs; i++)
        gr_lab_free(&r.labs[i]);
    free(r.labs);
    free(r.grade_dir);
    for (size_t i = 0; i < opt.nlabs; i++)
        free(opt.labs[i]);
    free(opt.labs);
    return status;
}
