// suite_main.c — main() of every grading suite: Criterion's runner, plus the
// `--memlab-manifest=FILE` mode in which the suite describes its tests to the
// grader (points, kind, limits) and exits without running any of them.
//
// The manifest is a tab-separated file (see tsv.c for the escaping):
//   memlab-manifest  1  asan=0|1  output_limit=BYTES
//   test      SUITE NAME POINTS KIND TIMEOUT MEM_MB CPU_S ALLOW_EXEC HIDDEN DISABLED LINE TITLE
//   untagged  SUITE NAME TIMEOUT DISABLED LINE        (a test without grading info)
//   end       COUNT                                   (proves the file is complete)
// KIND is `pass_fail` or `scored`; MEM_MB and CPU_S are the effective limits
// (defaults applied); LINE is where the test is declared, so the grader can
// list tests in the order the suite's author wrote them.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/internal/ordered-set.h>

#include "suitelib.h"

#define MANIFEST_OPT "--memlab-manifest="

// Writes one manifest record for test `t` of suite `suite` to `f`.
static void manifest_test(FILE *f, const char *suite, const struct criterion_test *t)
{
    const struct criterion_test_extra_data *d = t->data;
    const ml_grade_info_t *info = mls_info_of(d ? d->data : NULL);
    double timeout = d ? d->timeout : 0;
    char s[256], n[256], title[1024];
    size_t sl = 0, nl = 0, tl = 0;
    mls_escape(s, sizeof s, &sl, suite);
    mls_escape(n, sizeof n, &nl, t->name);
    if (info == NULL) {
        fprintf(f, "untagged\t%s\t%s\t%g\t%d\t%u\n", s, n, timeout, d && d->disabled ? 1 : 0,
                d ? d->line_ : 0);
        return;
    }
    mls_escape(title, sizeof title, &tl, info->title ? info->title : "");
    size_t mem = info->mem_mb ? info->mem_mb : MLS_DEFAULT_MEM_MB;
    double cpu = mls_cpu_limit(info, timeout);
    fprintf(f, "test\t%s\t%s\t%.17g\t%s\t%g\t%zu\t%g\t%d\t%d\t%d\t%u\t%s\n", s, n, info->points,
            info->kind == ML_KIND_SCORED ? "scored" : "pass_fail", timeout, mem, cpu,
            info->allow_exec ? 1 : 0, info->hidden ? 1 : 0, d->disabled ? 1 : 0, d->line_, title);
}

// write_manifest — writes the manifest of every test in `set` to `path`.
// Returns 0, or 1 (with a message on stderr) when the file cannot be written.
static int write_manifest(struct criterion_test_set *set, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    fprintf(f, "memlab-manifest\t1\tasan=%d\toutput_limit=%u\n", MLS_ASAN, MLS_OUTPUT_LIMIT);
    size_t count = 0;
    for (struct criterion_ordered_set_node *sn = set->suites ? set->suites->first : NULL;
         sn != NULL; sn = sn->next) {
        struct criterion_suite_set *ss = (struct criterion_suite_set *)(sn + 1);
        if (ss->tests == NULL)
            continue;
        for (struct criterion_ordered_set_node *tn = ss->tests->first; tn != NULL; tn = tn->next) {
            manifest_test(f, ss->suite.name, (struct criterion_test *)(tn + 1));
            count++;
        }
    }
    fprintf(f, "end\t%zu\n", count);
    if (ferror(f) | (fclose(f) != 0)) {
        perror(path);
        return 1;
    }
    return 0;
}

#if MLS_ASAN
// A suite built with AddressSanitizer, run by hand, behaves as under the
// grader: no leak check at exit (LeakSanitizer cannot stop the world inside
// the test's seccomp sandbox, and fails with a fatal error). ASAN_OPTIONS in
// the environment still overrides this.
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}
#endif

static void usage_note(void)
{
    printf("memlab grading suite. Besides Criterion's options below:\n"
           "  " MANIFEST_OPT "FILE  write the tests' points and limits to FILE, run nothing\n"
           "Run through `make grade` for scores; run directly to debug, e.g.\n"
           "  build/solution/suites/<lab> --filter '<suite>/<test>' --verbose\n\n");
    fflush(stdout);
}

// main — Criterion's runner with memlab's manifest mode. Exit status: 0 when
// every test passed, 1 when one failed (or the manifest could not be written).
int main(int argc, char *argv[])
{
    const char *manifest = NULL;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (args == NULL) {
        fputs("suite: out of memory\n", stderr);
        return 1;
    }
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], MANIFEST_OPT, strlen(MANIFEST_OPT)) == 0)
            manifest = argv[i] + strlen(MANIFEST_OPT);
        else
            args[n++] = argv[i];
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            usage_note();
    }
    struct criterion_test_set *set = criterion_initialize();
    int status;
    if (manifest != NULL) {
        status = write_manifest(set, manifest);
    } else {
        mls_runner_hooks_init();
        status = 0;
        if (criterion_handle_args(n, args, true))
            status = criterion_run_all_tests(set) ? 0 : 1;
    }
    criterion_finalize(set);
    free(args);
    return status;
}
