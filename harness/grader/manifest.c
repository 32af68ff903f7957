// manifest.c — asks a suite binary what it tests: `suite
// --memlab-manifest=FILE` lists every test with its points, kind, timeout and
// limits (format in harness/suitelib/suite_main.c) and runs none of them.
// The manifest is the grader's list of what should have run: a test in it
// without a result was lost, and its points come from here, never from the
// run. A test declared with plain Test() has no points: a suite error.
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grader.h"

#define MANIFEST_LIMIT_S 30.0
#define MANIFEST_MEM_MB 1024   // the address space a suite may take to list its tests
#define DEFAULT_TIMEOUT_S 60.0 // what the watchdog assumes for a test without one

// Parses one `test` or `untagged` record into a new test of `lab`.
// Returns 0, or -1 when the record is malformed.
static int parse_test(char **f, int n, bool hidden, gr_lab_t *lab, gr_manifest_t *m)
{
    bool tagged = strcmp(f[0], "test") == 0;
    if ((tagged && n != 13) || (!tagged && n != 6))
        return -1;
    gr_test_t *t = gr_lab_add_test(lab);
    t->suite = gr_clean_text(f[1], strlen(f[1]));
    t->name = gr_clean_text(f[2], strlen(f[2]));
    t->hidden = hidden;
    if (tagged) {
        t->points = strtod(f[3], NULL);
        t->scored = strcmp(f[4], "scored") == 0;
        t->timeout = strtod(f[5], NULL);
        unsigned long mem = strtoul(f[6], NULL, 10);
        t->mem_mb = mem >= GR_MEM_UNLIMITED ? GR_MEM_UNLIMITED : (unsigned)mem;
        t->cpu_s = strtod(f[7], NULL);
        t->allow_exec = f[8][0] == '1';
        t->hidden = hidden || f[9][0] == '1';
        t->disabled = f[10][0] == '1';
        t->line = (unsigned)strtoul(f[11], NULL, 10);
        t->title = gr_clean_text(f[12][0] ? f[12] : f[2], strlen(f[12][0] ? f[12] : f[2]));
        if (!(t->points >= 0) || t->points > 1e6)
            t->points = 0;
    } else {
        t->untagged = true;
        t->timeout = strtod(f[3], NULL);
        t->disabled = f[4][0] == '1';
        t->line = (unsigned)strtoul(f[5], NULL, 10);
        t->title = gr_strdup(t->name);
    }
    m->timeouts += t->timeout > 0 ? t->timeout : DEFAULT_TIMEOUT_S;
    m->ntests++;
    return 0;
}

// Orders tests as the suite declares them (Criterion lists them by name).
static int by_line(const void *a, const void *b)
{
    const gr_test_t *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

// parse — reads the manifest file into `lab`. Returns 0, or -1 with *why.
static int parse(const char *path, bool hidden, gr_lab_t *lab, gr_manifest_t *m, char **why)
{
    size_t size = 0;
    char *text = gr_read_file(path, 16u << 20, &size);
    if (text == NULL) {
        *why = gr_printf("the suite wrote no test list (%s)", strerror(errno));
        return -1;
    }
    size_t first = lab->ntests;
    long declared = -1;
    int header = 0, bad = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line != NULL && !bad;
         line = strtok_r(NULL, "\n", &save)) {
        char *f[16];
        int n = gr_tsv_split(line, f, 16);
        if (!header) {
            header = n >= 2 && strcmp(f[0], "memlab-manifest") == 0 && strcmp(f[1], "1") == 0;
            bad = !header;
            for (int i = 2; i < n; i++) {
                if (strncmp(f[i], "asan=", 5) == 0)
                    m->asan = f[i][5] == '1';
                else if (strncmp(f[i], "output_limit=", 13) == 0)
                    m->output_limit = strtoul(f[i] + 13, NULL, 10);
            }
        } else if (strcmp(f[0], "test") == 0 || strcmp(f[0], "untagged") == 0) {
            bad = declared >= 0 || parse_test(f, n, hidden, lab, m) != 0;
        } else if (strcmp(f[0], "end") == 0 && n == 2) {
            declared = strtol(f[1], NULL, 10);
        } else {
            bad = 1;
        }
    }
    free(text);
    if (bad || declared != (long)(lab->ntests - first)) {
        for (size_t i = first; i < lab->ntests; i++) {
            free(lab->tests[i].suite);
            free(lab->tests[i].name);
            free(lab->tests[i].title);
        }
        lab->ntests = first;
        *why = gr_strdup(bad ? "the suite's test list is malformed"
                             : "the suite's test list is incomplete");
        return -1;
    }
    qsort(lab->tests + first, lab->ntests - first, sizeof *lab->tests, by_line);
    return 0;
}

int gr_manifest_load(const char *suite, const char *workdir, bool hidden, gr_lab_t *lab,
                     gr_manifest_t *m, char **why)
{
    memset(m, 0, sizeof *m);
    m->output_limit = 8u << 20;
    char *path = gr_printf("%s/manifest.tsv", workdir);
    char *log = gr_printf("%s/manifest.log", workdir);
    char *opt = gr_printf("--memlab-manifest=%s", path);
    unlink(path);
    char *argv[] = { (char *)suite, opt, NULL };
    char *env[] = { "ASAN_OPTIONS=detect_leaks=0", NULL };
    // The suite's code — a student's constructors too — runs here first: in
    // the jail, its build (<build>/suites/<suite>) visible, only the work
    // directory writable.
    char *copy = gr_strdup(suite);
    char *slash = strrchr(copy, '/');
    if (slash)
        *slash = '\0';
    slash = strrchr(copy, '/');
    if (slash)
        *slash = '\0';
    const char *writable[] = { workdir };
    gr_jail_t jail = { .build = copy,
                       .writable = writable,
                       .nwritable = 1,
                       .cpu_s = MANIFEST_LIMIT_S,
                       .mem_mb = MANIFEST_MEM_MB,
                       .asan = gr_binary_is_asan(suite) };
    gr_proc_t p = gr_run(argv, env, log, GR_RUNNER_LOG_CAP, MANIFEST_LIMIT_S, &jail);
    free(copy);
    int rc = -1;
    if (p.start_failed) {
        *why = gr_printf("the suite could not be started: %s", strerror(p.start_errno));
    } else if (p.watchdog) {
        *why = gr_printf("the suite did not list its tests within %.0f s "
                         "(code that runs before main()?)",
                         MANIFEST_LIMIT_S);
    } else if (p.term_signal != 0) {
        *why = gr_printf("the suite crashed (%s) before running any test "
                         "(code that runs before main()?)",
                         gr_signal_name(p.term_signal));
    } else if (p.exit_status != 0) {
        *why = gr_printf("the suite stopped with status %d before running any test", p.exit_status);
    } else {
        rc = parse(path, hidden, lab, m, why);
    }
    if (rc != 0) {
        size_t size = 0;
        char *excerpt = gr_log_excerpt(log, 8u << 10, &size);
        if (excerpt != NULL && *excerpt != '\0') {
            char *w = gr_printf("%s\nIts output:\n%s", *why, excerpt);
            free(*why);
            *why = w;
        }
        free(excerpt);
    }
    free(path);
    free(log);
    free(opt);
    return rc;
}
