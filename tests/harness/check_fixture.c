// check_fixture.c — proves the grader survives hostile student code. It
// plants forged and booby-trapped result files, runs the grader on the
// fixture pseudo-labs (tests/harness/harness.mk builds them), then checks
// with jansson, the library the grader writes with, that results.json is
// valid and holds the exact points, status, visibility and key message of
// every test; that each test's output is capped at 64 KiB; that junit.xml
// and report.md are the grader's; that the terminal hides hidden tests; that
// the Autolab line, --strict, --expect-below, bad usage and the gradebook
// behave; that every lost point shows one command that reproduces it (the
// suite's ml_replay, else the suite binary with a filter), never for a
// hidden test; that --filter grades a subset of every lab and says so, and
// fails when it matches nothing; that a hanging runner is stopped by the
// watchdog without losing the results of tests that finished or leaving
// processes behind; and that grading took little more than the looping
// test's timeout.
//
//   check_fixture --grader PATH --build DIR [--sanitized] [--max-seconds S]
//
// Exit status: 0 when every check holds, 1 otherwise (each failure printed).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

static int failures;

#define CHECK(cond, ...)                              \
    do {                                              \
        if (!(cond)) {                                \
            fprintf(stderr, "check_fixture: FAIL: "); \
            fprintf(stderr, __VA_ARGS__);             \
            fputc('\n', stderr);                      \
            failures++;                               \
        }                                             \
    } while (0)

// What the grader must report for one test. `frag` must occur in its
// output (case-insensitive); `san_frag` instead in a sanitizer build.
typedef struct {
    const char *lab, *suite, *test;
    double score, max;
    const char *status, *visibility, *frag, *san_frag;
} expect_t;

static const expect_t expected[] = {
    { "fixture", "basic", "passes", 2, 2, "passed", "visible", "passed", NULL },
    { "fixture", "basic", "assert_quotes", 0, 2, "failed", "visible",
      "expected \"a\\b\" but your code returned \"c\\d \"q\"\"", NULL },
    { "fixture", "hostile", "segfault", 0, 1, "failed", "visible",
      "segmentation fault: your code used a NULL pointer", "store to null pointer" },
    { "fixture", "hostile", "aborts", 0, 1, "failed", "visible", "aborted", NULL },
    { "fixture", "hostile", "loops_forever", 0, 1, "failed", "visible", "did not finish within 1 s",
      NULL },
    { "fixture", "hostile", "floods_stdout", 0, 1, "failed", "visible",
      "printed more than 8 MiB of output", NULL },
    { "fixture", "hostile", "exits_early", 0, 1, "failed", "visible",
      "stopped before its end (did your code call exit()?)", NULL },
    { "fixture", "hostile", "allocates_64gib", 0, 1, "failed", "visible",
      "exceeded the memory limit of 1024 MiB", NULL },
    { "fixture", "hostile", "leaks_until_oom", 0, 1, "failed", "visible",
      "exceeded the memory limit of 256 MiB", "exceeded the memory limit of 1536 MiB" },
    { "fixture", "hostile", "fork_bomb", 0, 1, "failed", "visible",
      "fork() was refused 1000 of 1000 times: Operation not permitted", NULL },
    { "fixture", "hostile", "kills_runner", 0, 1, "failed", "visible",
      "kill(runner) failed: Operation not permitted", NULL },
    { "fixture", "hostile", "opens_a_socket", 0, 1, "failed", "visible",
      "socket(AF_INET) failed: Operation not permitted", NULL },
    { "fixture", "hostile", "forges_results", 1, 1, "passed", "visible", "passed", NULL },
    { "fixture", "threads", "work", 1, 1, "passed", "visible", "passed", NULL },
    { "fixture", "exec", "allowed", 1, 1, "passed", "visible", "passed", NULL },
    { "fixture", "scored", "half", 2, 4, "passed", "visible",
      "scored 50%: throughput 0.50x the reference", NULL },
    { "fixture", "scored", "twice", 0, 4, "failed", "visible", "reported a score 2 times", NULL },
    { "fixture", "scored", "never", 0, 4, "failed", "visible", "did not report a score", NULL },
    { "fixture", "scored", "award_then_fail", 0, 2, "failed", "visible",
      "the heap was corrupted after the benchmark", NULL },
    { "fixture", "notes", "kept", 1, 1, "passed", "visible", "trace short.rep, seed 42", NULL },
    { "fixture", "replay", "named", 0, 1, "failed", "visible", "case a b* came back wrong", NULL },
    { "fixture", "replay", "refused", 0, 1, "failed", "visible",
      "failed after a bad replay command", NULL },
    { "fixture", "secret", "passes", 3, 3, "passed", "hidden", "passed", NULL },
    { "fixture", "secret", "breaks_xml", 0, 2, "failed", "hidden", "secret detail ]]> <b> & </b>",
      NULL },
    { "fixture", "secret", "untagged", 0, 0, "failed", "hidden", "has no points", NULL },
    { "broken", "lab", "compiles", 0, 0, "failed", "visible",
      "error: expected ',' or ';' before 'while'", NULL },
    { "broken", "secret", "passes", 0, 3, "failed", "visible",
      "not graded: your code did not compile", NULL },
    { "broken", "secret", "breaks_xml", 0, 2, "failed", "visible",
      "not graded: your code did not compile", NULL },
    { "broken", "secret", "untagged", 0, 0, "failed", "visible",
      "not graded: your code did not compile", NULL },
};
#define NEXPECTED (sizeof expected / sizeof expected[0])
#define FIXTURE_SCORE 11.0
#define FIXTURE_MAX 39.0
#define BROKEN_MAX 5.0

// Replaces typographic quotes (gcc's ‘ ’) by ASCII ones, in place.
static void ascii_quotes(char *s)
{
    char *out = s;
    for (char *p = s; *p;) {
        if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x98 || (unsigned char)p[2] == 0x99)) {
            *out++ = '\'';
            p += 3;
        } else {
            *out++ = *p++;
        }
    }
    *out = '\0';
}

// Runs argv with stdout to `out_path` and stderr to `err_path` (each if
// given; stderr joins stdout when only `out_path` is /dev/null); returns the
// exit status (-1 if it did not exit normally) and the wall time in *seconds.
static int run_to(char *const argv[], const char *out_path, const char *err_path, double *seconds)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        if (out_path) {
            int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, STDOUT_FILENO);
            if (err_path == NULL && strcmp(out_path, "/dev/null") == 0)
                dup2(fd, STDERR_FILENO);
        }
        if (err_path) {
            int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, STDERR_FILENO);
        }
        execv(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (seconds)
        *seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int run(char *const argv[], const char *out_path, double *seconds)
{
    return run_to(argv, out_path, NULL, seconds);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    return s;
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

// The test of results.json matching `e`, or NULL.
static json_t *find(json_t *tests, const expect_t *e)
{
    size_t i;
    json_t *t;
    json_array_foreach(tests, i, t)
    {
        json_t *x = json_object_get(t, "extra_data");
        if (strcmp(json_string_value(json_object_get(x, "lab")) ?: "", e->lab) == 0 &&
            strcmp(json_string_value(json_object_get(x, "suite")) ?: "", e->suite) == 0 &&
            strcmp(json_string_value(json_object_get(x, "test")) ?: "", e->test) == 0)
            return t;
    }
    return NULL;
}

static void check_results(const char *path, bool sanitized)
{
    json_error_t err;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    CHECK(root != NULL, "%s is not valid JSON: %s (line %d)", path, err.text, err.line);
    if (root == NULL)
        return;
    json_t *tests = json_object_get(root, "tests");
    CHECK(json_is_array(tests), "results.json has no tests[]");
    CHECK(json_array_size(tests) == NEXPECTED, "results.json has %zu tests, expected %zu",
          json_array_size(tests), NEXPECTED);
    CHECK(json_number_value(json_object_get(root, "score")) == FIXTURE_SCORE,
          "total score %g, expected %g", json_number_value(json_object_get(root, "score")),
          FIXTURE_SCORE);
    CHECK(json_is_number(json_object_get(root, "execution_time")), "no execution_time");
    const char *top = json_string_value(json_object_get(root, "output"));
    CHECK(top != NULL, "no top-level output");
    // The visible summary counts the visible tests only: 8 of the 11 points
    // and 34 of the 39 are visible; the hidden suite's 3 tests are not told.
    CHECK(top && strstr(top, "fixture: 8/34 points, 5 of 22 tests passed"),
          "the top-level output tells of hidden tests or miscounts: %s", top ? top : "");
    // Inside the grader's jail the forgery is refused outright (the test says
    // so in its log); without it, the grader replaces what was forged.
    const char *iso =
        json_string_value(json_object_get(json_object_get(root, "extra_data"), "isolation"));
    CHECK(iso != NULL, "results.json does not say how tests were isolated");
    if (iso && strcmp(iso, "bubblewrap") == 0) {
        char log[4096];
        snprintf(log, sizeof log, "%.4000s", path);
        char *slash = strrchr(log, '/');
        if (slash)
            snprintf(slash, sizeof log - (size_t)(slash - log),
                     "/logs/fixture/hostile.forges_results.log");
        char *text = slurp(log);
        CHECK(text && strstr(text, "forging results.json refused"),
              "jailed, but the forging test could open results.json for writing (%s)", log);
        free(text);
    }
    json_t *labs = json_object_get(json_object_get(root, "extra_data"), "labs");
    CHECK(json_number_value(json_object_get(json_object_get(labs, "fixture"), "max_score")) ==
              FIXTURE_MAX,
          "fixture's max_score is not %g", FIXTURE_MAX);
    CHECK(json_number_value(json_object_get(json_object_get(labs, "broken"), "max_score")) ==
              BROKEN_MAX,
          "broken's max_score (from the reference) is not %g", BROKEN_MAX);
    const char *note = json_string_value(json_object_get(json_object_get(labs, "broken"), "note"));
    CHECK(note && strcmp(note, "did not compile") == 0,
          "broken's note is '%s', not 'did not "
          "compile'",
          note ? note : "(none)");
    note = json_string_value(json_object_get(json_object_get(labs, "fixture"), "note"));
    CHECK(note && strstr(note, "crashed") && strstr(note, "timed out"),
          "fixture's note does not count its crashed and timed-out tests: '%s'", note ? note : "");
    for (size_t i = 0; i < NEXPECTED; i++) {
        const expect_t *e = &expected[i];
        json_t *t = find(tests, e);
        CHECK(t != NULL, "%s %s/%s is missing from results.json", e->lab, e->suite, e->test);
        if (t == NULL)
            continue;
        double score = json_number_value(json_object_get(t, "score"));
        double max = json_number_value(json_object_get(t, "max_score"));
        const char *status = json_string_value(json_object_get(t, "status")) ?: "";
        const char *vis = json_string_value(json_object_get(t, "visibility")) ?: "";
        const char *out = json_string_value(json_object_get(t, "output")) ?: "";
        char *norm = strdup(out);
        ascii_quotes(norm);
        const char *frag = sanitized && e->san_frag ? e->san_frag : e->frag;
        CHECK(score == e->score && max == e->max, "%s/%s: %g/%g points, expected %g/%g", e->suite,
              e->test, score, max, e->score, e->max);
        CHECK(strcmp(status, e->status) == 0, "%s/%s: status %s, expected %s", e->suite, e->test,
              status, e->status);
        CHECK(strcmp(vis, e->visibility) == 0, "%s/%s: visibility %s, expected %s", e->suite,
              e->test, vis, e->visibility);
        CHECK(strcasestr(norm, frag) != NULL, "%s/%s: output lacks \"%s\":\n%.600s", e->suite,
              e->test, frag, out);
        CHECK(strlen(out) <= 65536, "%s/%s: output of %zu bytes exceeds 64 KiB", e->suite, e->test,
              strlen(out));
        CHECK(strstr(out, "FORGED") == NULL, "%s/%s: forged text in the output", e->suite, e->test);
        if (strcmp(e->test, "floods_stdout") == 0)
            CHECK(strstr(out, "bytes of output not shown") != NULL && strlen(out) > 32768,
                  "floods_stdout: the output excerpt is not a capped head and tail");
        free(norm);
    }
    json_decref(root);
}

// The "replay" of test suite/name in results.json, or NULL.
static const char *replay_of(json_t *tests, const char *suite, const char *name)
{
    expect_t e = { .lab = "fixture", .suite = suite, .test = name };
    json_t *t = find(tests, &e);
    return json_string_value(json_object_get(json_object_get(t, "extra_data"), "replay"));
}

// Every lost point names one command that reproduces it: the suite's
// ml_replay (the last call, {build} replaced), else the suite binary with a
// filter; a refused ml_replay falls back with a warning; a hidden test's
// command reaches no file and no terminal.
static void check_replay(const char *build, const char *grade, const char *term, const char *errs)
{
    char path[4096], want[4][2048];
    snprintf(want[0], sizeof want[0], "%s/suites/fixture --filter 'basic/assert_quotes' --verbose",
             build);
    snprintf(want[1], sizeof want[1], "%s/bin/fixture --case 'a b*' -n 3", build);
    snprintf(want[2], sizeof want[2], "%s/suites/fixture --filter 'replay/refused' --verbose",
             build);
    snprintf(want[3], sizeof want[3], "%s/suites/fixture --filter 'hostile/aborts' --verbose",
             build);
    snprintf(path, sizeof path, "%s/results.json", grade);
    json_t *root = json_load_file(path, 0, NULL);
    json_t *tests = json_object_get(root, "tests");
    static const char *const ids[4][2] = { { "basic", "assert_quotes" },
                                           { "replay", "named" },
                                           { "replay", "refused" },
                                           { "hostile", "aborts" } };
    for (int i = 0; i < 4; i++) {
        const char *got = replay_of(tests, ids[i][0], ids[i][1]);
        CHECK(got && strcmp(got, want[i]) == 0, "%s/%s: replay '%s', expected '%s'", ids[i][0],
              ids[i][1], got ? got : "(none)", want[i]);
    }
    CHECK(replay_of(tests, "basic", "passes") == NULL, "a test that passed has a replay command");
    CHECK(replay_of(tests, "scored", "half") != NULL, "a scored test that lost points has none");
    json_decref(root);
    char *text = slurp(term);
    char line[2200];
    snprintf(line, sizeof line, "      to reproduce: %s\n", want[1]);
    CHECK(text && strstr(text, line), "terminal: no '%s'", line);
    CHECK(text && strstr(text, "      note: case a b*: expected 3, got 4\n"),
          "terminal: the failed test's note is not shown");
    CHECK(text && !strstr(text, "note: trace short.rep"), "terminal: a passed test's note shown");
    free(text);
    text = slurp(errs);
    CHECK(text && strstr(text, "replay/refused: ml_replay(") &&
              strstr(text, "hostile/aborts: ml_replay(") && strstr(text, "ignored"),
          "no warning for the refused replay commands");
    free(text);
    static const char *const files[] = { "results.json", "report.md", "report.html", "junit.xml" };
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", grade, files[i]);
        text = slurp(path);
        CHECK(text && !strstr(text, "secret-replay") && !strstr(text, "fixture.hidden"),
              "%s: a hidden test's replay command leaked", files[i]);
        if (i == 1)
            CHECK(text && strstr(text, want[1]), "report.md: no replay command");
        if (i == 2)
            CHECK(text && strstr(text, "--case &#39;a b*&#39; -n 3"),
                  "report.html: no replay command");
        free(text);
    }
    text = slurp(term);
    CHECK(text && !strstr(text, "secret-replay") && !strstr(text, "fixture.hidden"),
          "terminal: a hidden test's replay command leaked");
    free(text);
}

// --filter: a subset of each lab, said so everywhere; extended globs; several
// labs; a filter that matches nothing fails and leaves no report.
static void check_filter(const char *grader, const char *build, const char *out)
{
    char path[4096], term[4096], errs[4096];
    snprintf(path, sizeof path, "%s/results.json", out);
    snprintf(term, sizeof term, "%s.terminal", out);
    snprintf(errs, sizeof errs, "%s.stderr", out);
    char *basic[] = { (char *)grader, "--build",   (char *)build, "--labs",  "fixture broken",
                      "--out",        (char *)out, "--filter",    "basic/*", NULL };
    CHECK(run_to(basic, term, errs, NULL) == 0, "--filter 'basic/*' did not exit 0");
    json_t *root = json_load_file(path, 0, NULL);
    json_t *extra = json_object_get(root, "extra_data");
    json_t *fx = json_object_get(json_object_get(extra, "labs"), "fixture");
    const char *top = json_string_value(json_object_get(root, "output"));
    CHECK(json_array_size(json_object_get(root, "tests")) == 3 && // + broken's "compiles"
              json_number_value(json_object_get(root, "score")) == 2 &&
              json_number_value(json_object_get(fx, "max_score")) == 4,
          "--filter 'basic/*': not the 2 basic tests scored 2/4");
    CHECK(strcmp(json_string_value(json_object_get(extra, "filter")) ?: "", "basic/*") == 0 &&
              json_integer_value(json_object_get(fx, "tests_run")) == 2 &&
              json_integer_value(json_object_get(fx, "tests_in_lab")) == 22,
          "results.json does not say which subset ran (filter, tests_run, tests_in_lab)");
    CHECK(top && strstr(top, "A subset: only the tests matching 'basic/*'") &&
              strstr(top, "broken: no test matches 'basic/*'"),
          "results.json's output does not say it is a subset: %s", top ? top : "");
    json_decref(root);
    char *text = slurp(term);
    CHECK(text &&
              strstr(text, "== fixture ==  only the tests matching 'basic/*': 2 of its 22 tests") &&
              strstr(text, "Score: 2/4 (of the subset run") &&
              strstr(text, "no test of broken matches 'basic/*'") &&
              strstr(text, "A subset: only the tests matching 'basic/*' were run"),
          "terminal: the subset is not said plainly:\n%s", text ? text : "");
    free(text);
    snprintf(path, sizeof path, "%s/report.md", out);
    text = slurp(path);
    CHECK(text && strstr(text, "**A subset:** only the tests matching `basic/*`"),
          "report.md does not say it is a subset");
    free(text);
    // An extended glob over two labs, a hidden test among the matches.
    char *ext[] = { (char *)grader,
                    "--build",
                    (char *)build,
                    "--labs",
                    "fixture broken",
                    "--out",
                    (char *)out,
                    "--filter",
                    "@(scored/half|secret/passes)",
                    "--quiet",
                    NULL };
    CHECK(run_to(ext, term, errs, NULL) == 0, "--filter '@(a|b)' did not exit 0");
    snprintf(path, sizeof path, "%s/results.json", out);
    root = json_load_file(path, 0, NULL);
    json_t *labs = json_object_get(json_object_get(root, "extra_data"), "labs");
    CHECK(json_number_value(json_object_get(root, "score")) == 5 &&
              json_number_value(json_object_get(json_object_get(labs, "fixture"), "max_score")) ==
                  7 &&
              json_number_value(json_object_get(json_object_get(labs, "broken"), "max_score")) == 3,
          "--filter '@(scored/half|secret/passes)': not 5/7 in fixture and 0/3 in broken");
    json_decref(root);
    // Nothing matches: exit 1, a message, no report.
    char *none[] = { (char *)grader, "--build",   (char *)build, "--labs",       "fixture broken",
                     "--out",        (char *)out, "--filter",    "nothing/here", NULL };
    CHECK(run_to(none, term, errs, NULL) == 1, "--filter matching nothing did not exit 1");
    text = slurp(errs);
    CHECK(text && strstr(text, "no test matches 'nothing/here' in labs fixture, broken"),
          "--filter matching nothing: no clear message: %s", text ? text : "");
    free(text);
    struct stat st;
    CHECK(stat(path, &st) != 0, "--filter matching nothing left a results.json");
}

// Whether a process with this name (/proc/<pid>/comm) is alive.
static bool process_named(const char *name)
{
    DIR *d = opendir("/proc");
    bool found = false;
    for (struct dirent *e; d && !found && (e = readdir(d)) != NULL;) {
        char path[300];
        snprintf(path, sizeof path, "/proc/%s/comm", e->d_name);
        char *comm = atoi(e->d_name) > 0 ? slurp(path) : NULL;
        if (comm) {
            comm[strcspn(comm, "\n")] = '\0';
            found = strcmp(comm, name) == 0;
        }
        free(comm);
    }
    if (d)
        closedir(d);
    return found;
}

// Checks the terminal output and the Autolab line.
static void check_terminal(const char *path)
{
    char *text = slurp(path);
    CHECK(text != NULL, "no terminal output captured");
    if (text == NULL)
        return;
    CHECK(strstr(text, "Score: 11/39 — ") != NULL && strstr(text, "timed out\n"),
          "terminal: no 'Score: 11/39' for fixture, with what went wrong (crashed, timed out)");
    CHECK(strstr(text, "Score: 0/5") != NULL, "terminal: no 'Score: 0/5' for broken");
    CHECK(strstr(text, "Total: 11/44") != NULL, "terminal: no 'Total: 11/44'");
    CHECK(strstr(text, "hidden test") != NULL, "terminal: hidden tests are not marked");
    CHECK(strstr(text, "secret detail") == NULL, "terminal: a hidden test's failure leaked");
    CHECK(strstr(text, "\033[") == NULL, "terminal: colours although stdout is not a tty");
    char *last = text + strlen(text);
    while (last > text && last[-1] == '\n')
        *--last = '\0';
    while (last > text && last[-1] != '\n')
        last--;
    json_error_t err;
    json_t *line = json_loads(last, 0, &err);
    json_t *scores = json_object_get(line, "scores");
    CHECK(json_number_value(json_object_get(scores, "fixture")) == FIXTURE_SCORE &&
              json_is_number(json_object_get(scores, "broken")),
          "the last line is not the Autolab scores: %s", last);
    json_decref(line);
    free(text);
}

// The grader's other files are its own, not the planted ones.
static void check_files(const char *grade, const char *victim)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/junit.xml", grade);
    char *junit = slurp(path);
    CHECK(lstat(path, &st) == 0 && S_ISREG(st.st_mode) && junit &&
              strncmp(junit, "<?xml", 5) == 0 && strstr(junit, "<testsuites") &&
              strstr(junit, "classname=\"fixture.hostile\""),
          "junit.xml is not the grader's report");
    CHECK(junit && !strstr(junit, "secret detail") && !strstr(junit, "fixture.secret"),
          "junit.xml tells of hidden tests");
    free(junit);
    snprintf(path, sizeof path, "%s/report.md", grade);
    char *md = slurp(path);
    CHECK(lstat(path, &st) == 0 && S_ISREG(st.st_mode) && md &&
              strstr(md, "# memlab grade report") && strstr(md, "| **Total** | **11** | **44** |"),
          "report.md is not the grader's report");
    CHECK(md == NULL || strstr(md, "secret detail") == NULL, "report.md shows hidden details");
    CHECK(md && strstr(md, "](charts/fixture-demo.svg)") &&
              strstr(md, "](charts/fixture-only.png)") &&
              strstr(md, "](charts/fixture-plotted.svg)") &&
              !strstr(md, "](charts/fixture-demo.png)") && !strstr(md, "other-lab"),
          "report.md does not link the lab's charts (an SVG, else the PNG)");
    free(md);
    char *v = slurp(victim);
    CHECK(v && strcmp(v, "untouched\n") == 0, "the grader wrote through a planted symlink");
    free(v);
}

// A runner that hangs and one that is killed: the watchdog stops the first,
// finished tests keep their points, the others say why they have no result,
// and no test process survives the grader.
static void check_hang(const char *grader, const char *build, const char *out)
{
    char path[4096];
    double secs = 0;
    char *args[] = { (char *)grader, "--build",       (char *)build, "--labs",  "hang", "--out",
                     (char *)out,    "--suite-limit", "2",           "--quiet", NULL };
    CHECK(run(args, "/dev/null", &secs) == 0, "grading the hanging suite did not exit 0");
    CHECK(secs < 6, "the watchdog took %.1f s to stop a suite limited to 2 s", secs);
    snprintf(path, sizeof path, "%s/results.json", out);
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    json_t *tests = json_object_get(root, "tests");
    // hang: stopped by the watchdog; hang.hidden: its runner killed.
    static const char *const names[] = { "b/sleeps", "c/never_starts", "b/kills_the_runner",
                                         "c/never_starts (hidden)" };
    CHECK(json_array_size(tests) == 6, "hang: %zu tests reported, expected 6",
          json_array_size(tests));
    for (size_t i = 0; i < 6 && i < json_array_size(tests); i++) {
        json_t *t = json_array_get(tests, i);
        double score = json_number_value(json_object_get(t, "score"));
        const char *o = json_string_value(json_object_get(t, "output")) ?: "";
        const char *want = i < 3 ? "reached its time limit (2 s"
                                 : "no result: the test runner died (SIGKILL) before this test";
        if (i == 0 || i == 3)
            CHECK(score == 1, "hang: a test that finished first lost its point: %s", o);
        else
            CHECK(score == 0 && strstr(o, want), "hang: %s: not reported as \"%s\": %s",
                  names[i < 3 ? i - 1 : i - 2], want, o);
    }
    json_decref(root);
    snprintf(path, sizeof path, "%s/data/hang/sleeper.pid", out);
    char *pid = slurp(path);
    CHECK(pid != NULL, "hang: the sleeping test left no pid");
    free(pid);
    CHECK(!process_named("mlhang-sleeper"), "hang: the sleeping test process outlived the grader");
}

int main(int argc, char **argv)
{
    const char *grader = NULL, *build = NULL;
    bool sanitized = false;
    double max_seconds = 20;
    static const struct option longs[] = {
        { "grader", required_argument, NULL, 'g' }, { "build", required_argument, NULL, 'b' },
        { "sanitized", no_argument, NULL, 's' },    { "max-seconds", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'g': grader = optarg; break;
        case 'b': build = optarg; break;
        case 's': sanitized = true; break;
        case 'm': max_seconds = atof(optarg); break;
        case 'h':
            puts("usage: check_fixture --grader PATH --build DIR [--sanitized] [--max-seconds S]");
            return 0;
        default: return 2;
        }
    }
    if (grader == NULL || build == NULL || optind != argc) {
        fputs("usage: check_fixture --grader PATH --build DIR [--sanitized] [--max-seconds S]\n",
              stderr);
        return 2;
    }
    char grade[1024], path[4096], victim[1024], term[1024], errs[1024];
    snprintf(grade, sizeof grade, "%s/grade", build);
    snprintf(victim, sizeof victim, "%s/victim.txt", build);
    snprintf(term, sizeof term, "%s/terminal.txt", build);
    snprintf(errs, sizeof errs, "%s/terminal-stderr.txt", build);
    mkdir(grade, 0755);
    // Plant what a previous, hostile run could have left behind.
    snprintf(path, sizeof path, "%s/results.json", grade);
    spit(path, "{\"score\": 1000000, \"output\": \"FORGED\", \"tests\": []}\n");
    snprintf(path, sizeof path, "%s/junit.xml", grade);
    unlink(path);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/junit.xml/inside", grade);
    spit(path, "FORGED\n");
    spit(victim, "untouched\n");
    // Charts as `make grade` renders them: report.md links each one once.
    snprintf(path, sizeof path, "%s/charts", grade);
    mkdir(path, 0755);
    static const char *const charts[] = { "fixture-demo.svg", "fixture-demo.png",
                                          "fixture-only.png", "other-lab.svg" };
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/charts/%s", grade, charts[i]);
        spit(path, "chart\n");
    }
    snprintf(path, sizeof path, "%s/report.md", grade);
    unlink(path);
    if (symlink("../victim.txt", path) != 0)
        CHECK(0, "cannot plant a symlink at %s: %s", path, strerror(errno));

    double secs = 0;
    // A stand-in for scripts/plots.sh: draws one chart if the data is there.
    char plots[1024];
    snprintf(plots, sizeof plots, "%s/plots.sh", build);
    spit(plots, "#!/bin/sh\n[ -d \"$1/fixture\" ] && echo svg > \"$2/fixture-plotted.svg\"\n");
    chmod(plots, 0755);
    char *args[] = { (char *)grader,   "--build",   (char *)build, "--impl", "fixture", "--labs",
                     "fixture broken", "--autolab", "--plots",     plots,    NULL };
    int rc = run_to(args, term, errs, &secs);
    CHECK(rc == 0, "the grader exited %d, expected 0 (grading ran)", rc);
    char *warnings = slurp(errs);
    CHECK(warnings && strstr(warnings, "suite error: test secret/untagged has no points"),
          "the grader did not warn about the test without points");
    free(warnings);
    CHECK(secs < max_seconds, "grading took %.1f s, more than %.0f s", secs, max_seconds);
    snprintf(path, sizeof path, "%s/results.json", grade);
    check_results(path, sanitized);
    check_terminal(term);
    check_files(grade, victim);
    check_replay(build, grade, term, errs);

    if (!sanitized) { // the gradebook, exit codes: once is enough
        char csv[2048], missing[2048], other[2048];
        snprintf(csv, sizeof csv, "%s/gradebook.csv", build);
        snprintf(missing, sizeof missing, "%s/nobody/grade/results.json", build);
        snprintf(other, sizeof other, "%s/grade-options", build);
        snprintf(path, sizeof path, "%s/results.json", grade);
        char *book[] = { (char *)grader, "gradebook", csv, path, missing, NULL };
        CHECK(run(book, "/dev/null", NULL) == 1, "gradebook did not exit 1 on a missing file");
        char *text = slurp(csv);
        CHECK(text && strncmp(text, "student,fixture,broken,total,max,note\n", 38) == 0 &&
                  strstr(text, "\nfixture,11,0,11,44,\n") && strstr(text, "\nnobody,,,0,0,no "),
              "gradebook.csv is wrong:\n%s", text ? text : "(missing)");
        free(text);
        char strict_err[2048];
        snprintf(strict_err, sizeof strict_err, "%s/strict-stderr.txt", build);
        char *strict[] = { (char *)grader, "--build",  (char *)build,
                           "--labs",       "fixture",  "--out",
                           other,          "--strict", "--strict-correctness",
                           "--quiet",      NULL };
        CHECK(run_to(strict, "/dev/null", strict_err, NULL) == 1,
              "--strict did not fail on lost points");
        char *why = slurp(strict_err);
        CHECK(why && strstr(why, "--strict: fixture scored 11/39") &&
                  strstr(why, "--strict-correctness: fixture: scored/never") &&
                  strstr(why, "--strict-correctness: fixture: hostile/segfault") &&
                  !strstr(why, "scored/half") && !strstr(why, "notes/kept"),
              "--strict / --strict-correctness did not name the right tests:\n%s", why);
        free(why);
        char *below[] = { (char *)grader, "--build", (char *)build, "--labs",
                          "fixture",      "--out",   other,         "--expect-below",
                          "0.5",          "--quiet", NULL };
        CHECK(run(below, "/dev/null", NULL) == 0, "--expect-below 0.5 failed at 11/39");
        char *usage[] = { (char *)grader, "--no-such-option", NULL };
        CHECK(run(usage, "/dev/null", NULL) == 2, "a bad option did not exit 2");
        char *labname[] = { (char *)grader, "--build", (char *)build, "--labs", "../x", NULL };
        CHECK(run(labname, "/dev/null", NULL) == 2, "a lab name with a slash did not exit 2");
        char *help[] = { (char *)grader, "--help", NULL };
        CHECK(run(help, "/dev/null", NULL) == 0, "--help did not exit 0");
        check_hang(grader, build, other);
        char subset[2048];
        snprintf(subset, sizeof subset, "%s/grade-subset", build);
        check_filter(grader, build, subset);
    }
    if (failures == 0)
        printf("check_fixture: %zu tests graded as expected in %.1f s%s\n", NEXPECTED, secs,
               sanitized ? " (sanitizer build)" : "");
    return failures == 0 ? 0 : 1;
}
