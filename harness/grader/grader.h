// grader.h — the grader's internal interface: what a graded test and lab are,
// and the functions each file of harness/grader/ provides. The data flows
//
//   main.c     options → for each lab:
//   lab.c        the lab's suites (<lab>, <lab>.hidden) or why there are none
//   manifest.c     `suite --memlab-manifest` → the tests and their points
//   run.c          the suite under a watchdog, output captured and capped
//   xmlreport.c    Criterion's --xml report  → status, failure messages
//   records.c      runner.tsv, awards, notes → signal, exit code, fractions
//   score.c        outcome, points and the reason in the student's words
//   out_*.c    terminal, results.json (+ Autolab line), junit.xml, report.md,
//              each written to a temporary file renamed into place
//   gradebook.c  many results.json → one CSV
//
// Nothing here reads a test's stdout to decide a score: statuses come from
// Criterion's report and the suite library's records, points from the
// manifest, fractions from the awards file. Logs are only shown.
#ifndef MEMLAB_GRADER_H
#define MEMLAB_GRADER_H

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define GR_LOG_CAP (60u << 10)    // bytes of a test's log kept in a report
#define GR_OUTPUT_CAP (64u << 10) // bytes of a test's whole output in a report
#define GR_RUNNER_LOG_CAP (64u << 10)

// ---- text.c: strings, files -------------------------------------------------

typedef struct {
    char *s; // NUL-terminated (never NULL after the first add)
    size_t len, cap;
} gr_buf_t;

void gr_buf_add(gr_buf_t *b, const char *s);
void gr_buf_addn(gr_buf_t *b, const char *s, size_t n);
void gr_buf_printf(gr_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// The buffer's string (an empty string for an empty buffer); the buffer is
// reset and the caller owns the result.
char *gr_buf_take(gr_buf_t *b);

// Allocation that cannot fail: on exhaustion the grader stops with a message
// (gr_out_of_memory; arrays grow with ML_GROW_ARRAY, memlab/grow.h).
_Noreturn void gr_out_of_memory(void);
void *gr_xmalloc(size_t n);
char *gr_strdup(const char *s);
char *gr_strndup(const char *s, size_t n);
char *gr_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// gr_clean_text — a copy of s[0..n) that is valid UTF-8 without control
// characters other than \n and \t: invalid bytes and controls become U+FFFD,
// \r and NUL are dropped. Safe to put in JSON, XML and a terminal.
char *gr_clean_text(const char *s, size_t n);

// gr_read_file — up to `cap` bytes of a regular file (symbolic links are not
// followed), NUL-terminated; *size gets the file's full size. Returns NULL
// (errno set) when it cannot be read.
char *gr_read_file(const char *path, size_t cap, size_t *size);

// gr_log_excerpt — a test log for a report: all of it when it fits in `cap`
// bytes, else its head and tail with a note of what was cut; cleaned text.
// Returns NULL when the log does not exist; *size gets its full size.
char *gr_log_excerpt(const char *path, size_t cap, size_t *size);

// gr_tsv_split — splits a line (no newline) at tabs, in place, unescaping
// \t \n \r \\ in each field. Returns the number of fields (at most max).
int gr_tsv_split(char *line, char **fields, int max);

// gr_write_atomic — writes `path` through `writer` into a temporary file in
// the same directory, then renames it into place, so the file is either the
// complete new one or absent; a file or link already there is replaced.
// Returns 0, or -1 after printing why.
int gr_write_atomic(const char *path, int (*writer)(FILE *f, void *ctx), void *ctx);

// gr_csv_field — writes `s` as one CSV field, quoted as RFC 4180 says when it
// holds a comma, a quote, a line break or spaces at its ends.
void gr_csv_field(FILE *f, const char *s);

// gr_plural — "1 test", "2 tests": `n` and `word`, with an s unless n is 1.
char *gr_plural(size_t n, const char *word);
// gr_shell_quote — `s` as one shell word: as it is when it holds only
// letters, digits and _-./:=,+@%^, else in single quotes. Caller frees.
char *gr_shell_quote(const char *s);

int gr_mkdirs(const char *path);     // mkdir -p; 0 or -1 (errno)
int gr_rmtree(const char *path);     // rm -rf, never following links; 0 or -1
double gr_seconds(void);             // monotonic time in seconds
const char *gr_signal_name(int sig); // "SIGSEGV", or "signal N"

// ---- the model --------------------------------------------------------------
struct gr_lab;

typedef enum {
    GR_PASSED,    // passed; for scored tests the award decides the points
    GR_FAILED,    // an assertion failed or the test stopped early
    GR_CRASHED,   // killed by a signal
    GR_TIMED_OUT, // ran past its timeout
    GR_NOT_RUN,   // in the manifest, but no result came back
    GR_PROBLEM,   // a lab-level entry: did not compile, suite did not start
} gr_outcome_t;

typedef struct gr_test {
    // From the manifest (or set for a lab-level problem entry).
    char *suite, *name, *title;
    double points; // the most it can earn (max_score)
    bool scored;   // points × award fraction
    double timeout, cpu_s;
    unsigned mem_mb; // GR_MEM_UNLIMITED: none (.mem_mb = ML_MEM_UNLIMITED)
    bool allow_exec, disabled, untagged;
    bool lab_level; // not a test: "compiles", "tests run"
    bool awarded;   // scored: exactly one award was reported
    bool hidden;    // hidden suite or .hidden = true
    unsigned line;
    // From the run.
    bool in_xml, in_records;
    int xml_status; // GR_PASSED, GR_FAILED, GR_CRASHED, GR_TIMED_OUT, GR_NOT_RUN
    int rec_status, rec_crashed, rec_timed_out, exit_code, signal;
    double elapsed;
    char *messages;      // failed assertions, one per line ("file:line: msg")
    char *first_message; // the first, without file:line
    char *log_path, *notes_path, *replay_path;
    bool skipped; // the runner skipped it (its filter did not select it)
    // Evaluated by score.c.
    gr_outcome_t outcome;
    double score;
    char *reason; // one line, in the student's terms
    char *output; // reason, details, notes and log excerpt (≤ GR_OUTPUT_CAP)
    char *notes;  // the ml_note lines, or NULL (for the terminal)
    char *replay; // one command that reproduces a lost point, or NULL;
                  // never set for a hidden test
} gr_test_t;

typedef struct gr_lab {
    char *name;
    gr_test_t *tests;
    size_t ntests, cap;
    double score, max;
    bool max_known;   // false when no suite told us the lab's points
    bool suite_error; // a test without grading info, a bad manifest
    double seconds;
    // With --filter: the lab's visible tests and all its points before
    // filtering, and whether no test of the lab matched (nothing was run).
    size_t visible_in_lab;
    double max_in_lab;
    bool no_match;
} gr_lab_t;

typedef struct gr_options {
    const char *build; // build/<impl>
    const char *impl;
    const char *out_dir;    // default <build>/grade
    const char *reference;  // a build whose suites give the max of unbuilt labs
    const char *hidden_dir; // --hidden: the instructor's <lab>.c suites, or NULL
    char **labs;
    size_t nlabs, cap_labs;
    int jobs;
    double suite_limit; // > 0: caps each suite's watchdog (seconds)
    bool strict, quiet, autolab, color;
    bool strict_correctness;                // every test must pass; scored fractions may be < 1
    const char *plots;                      // a script run as `SCRIPT DATA_DIR CHARTS_DIR`, or NULL
    double expect_below;                    // < 0: not asked
    const char *hidden_visibility;          // Gradescope's visibility of hidden tests
    const struct gr_assignment *assignment; // or NULL
    const char *filter;                     // a glob over "suite/test": grade only those, or NULL
} gr_options_t;

typedef struct gr_report {
    const gr_options_t *opt;
    gr_lab_t *labs;
    size_t nlabs;
    double score, max;
    double seconds;
    char *grade_dir;
} gr_report_t;

gr_test_t *gr_lab_add_test(gr_lab_t *lab);
void gr_lab_free(gr_lab_t *lab);    // frees what the lab holds
void gr_test_free(gr_test_t *test); // frees what the test holds
// Adds a lab-level problem entry (max 0) named `name` with `output`.
void gr_lab_add_problem(gr_lab_t *lab, const char *name, const char *reason, const char *output);
// The name of the problem a lab gets when its hidden suite (--hidden) was
// not built.
#define GR_HIDDEN_UNBUILT "hidden tests build"

// ---- assignment.c -------------------------------------------------------------
typedef struct {
    char *lab;
    double points;
    unsigned line;
} gr_cap_t;
typedef struct gr_assignment {
    char **labs; // empty: the labs come from --labs
    size_t nlabs, cap_labs;
    gr_cap_t *caps;
    size_t ncaps, cap_caps;
    char *hidden_visibility; // or NULL
    int timing_repeats;      // 0: each suite's default
} gr_assignment_t;
// gr_assignment_load — reads an assignment file. Returns 0, or -1 after
// printing `FILE:LINE: what is wrong` (nothing is left allocated).
int gr_assignment_load(const char *path, gr_assignment_t *a);
// The points the assignment gives `lab`, or -1 when it does not cap it.
double gr_assignment_cap(const gr_assignment_t *a, const char *lab);
// Scales every test's points and score so the lab's maximum is `cap` (> 0);
// then totals the lab. A lab with no points is left as it is.
void gr_assignment_scale(gr_lab_t *lab, double cap);
void gr_assignment_free(gr_assignment_t *a);

// ---- lab.c ------------------------------------------------------------------
// gr_grade_lab — grades one lab's suites from opt->build into `lab`. Never
// fails: every problem becomes part of the lab's result.
void gr_grade_lab(const gr_options_t *opt, const char *grade_dir, const char *name, gr_lab_t *lab);

// ---- manifest.c ---------------------------------------------------------------
typedef struct {
    bool asan;           // the suite was built with AddressSanitizer
    size_t output_limit; // bytes a test may write to any one file
    double timeouts;     // the sum of the tests' timeouts (0 counted as 60 s)
    size_t ntests;
} gr_manifest_t;
// gr_manifest_load — runs `suite --memlab-manifest` (its files in `workdir`)
// and appends its tests to `lab`, marked hidden when `hidden`. Returns 0, or
// -1 with an explanation for the student in *why (caller frees).
int gr_manifest_load(const char *suite, const char *workdir, bool hidden, gr_lab_t *lab,
                     gr_manifest_t *m, char **why);

// ---- jail.c -------------------------------------------------------------------
// A test's mem_mb when it asks for no address-space limit (.mem_mb =
// ML_MEM_UNLIMITED in the suite: a program under ThreadSanitizer).
#define GR_MEM_UNLIMITED UINT_MAX

typedef struct {
    const char *build;           // the graded build: visible, read-only
    const char *const *writable; // the only directories the run may write
    size_t nwritable;
    double cpu_s;    // CPU seconds for the whole run (0: none)
    unsigned mem_mb; // the largest test's memory; the address space
                     // is bounded above it unless `asan`
    bool asan;
} gr_jail_t;
// Whether suites run inside bubblewrap; *why (not freed) says why not.
bool gr_jail_available(const char **why);
// Whether the binary at `path` was built with AddressSanitizer.
bool gr_binary_is_asan(const char *path);
// Sets the jail's resource limits on the calling process (the child, before exec).
void gr_jail_limits(const gr_jail_t *j);
// The memory (MiB) a control group grants a suite that runs without an
// address-space limit (built with AddressSanitizer, or a ThreadSanitizer test).
unsigned gr_jail_asan_memory_mb(const gr_jail_t *j);
// Which resource limits bound a run here, in words (results.json's "limits").
const char *gr_jail_limits_text(void);
// The command line that runs argv inside bubblewrap, or NULL without it.
char **gr_jail_argv(const gr_jail_t *j, char *const argv[]);
void gr_jail_argv_free(char **v);

// ---- cgroup.c -----------------------------------------------------------------
#define GR_CGROUP_TASKS 512 // tasks (processes and threads) of one suite run
typedef struct gr_cgroup gr_cgroup_t;
// A new control group bounding its members to `max_tasks` tasks and, when
// mem_mb > 0, to mem_mb MiB of memory; NULL where none can be created.
gr_cgroup_t *gr_cgroup_open(unsigned max_tasks, unsigned mem_mb);
// Whether this grader can create control groups (probed once).
bool gr_cgroup_available(void);
// In the child before exec: moves the calling process into `cg` (NULL: no-op).
int gr_cgroup_enter(const gr_cgroup_t *cg);
// Kills whatever is left in `cg`, removes it, frees it (NULL: no-op).
void gr_cgroup_close(gr_cgroup_t *cg);

// ---- run.c --------------------------------------------------------------------
typedef struct {
    int exit_status;   // when exited
    int term_signal;   // when killed by a signal (0 otherwise)
    bool watchdog;     // killed by the watchdog
    bool start_failed; // could not be started (errno in start_errno)
    int start_errno;
    size_t output_bytes; // all the output it printed (the log keeps the first cap)
    double seconds;
} gr_proc_t;

// gr_run — runs argv (argv[0] a path), inside `jail` when it is not NULL
// (jail.c: bubblewrap where available, and its limits in any case), with
// `env` added to the environment
// (NAME=VALUE strings, NULL-terminated; CRITERION_* variables removed), stdin
// from /dev/null, stdout and stderr into `log_path` capped at `log_cap`
// bytes, killed with its process group after `limit_s` seconds. Processes it
// leaves behind are killed. Never fails; the result says what happened.
gr_proc_t gr_run(char *const argv[], char *const env[], const char *log_path, size_t log_cap,
                 double limit_s, const gr_jail_t *jail);
// Makes the grader the reaper of orphaned descendants (call once).
void gr_run_init(void);

// ---- xmlreport.c / records.c ----------------------------------------------------
gr_test_t *gr_find_test(gr_lab_t *lab, size_t from, const char *suite, const char *name);
// Reads Criterion's XML report into tests [from, lab->ntests). Returns 0, or
// -1 when it is missing or malformed (*why says how; caller frees).
int gr_xml_load(const char *path, gr_lab_t *lab, size_t from, char **why);
// Reads the suite library's runner.tsv into tests [from, ...). Returns the
// number of records read, or -1 when the file is missing.
int gr_records_load(const char *path, gr_lab_t *lab, size_t from);

// One ml_award line of a test.
typedef struct {
    double fraction;
    char *text;
} gr_award_t;
// The awards of test `id` ("suite/name") in `path`; *n gets their count.
gr_award_t *gr_awards_of(const char *path, const char *id, size_t *n);
void gr_awards_free(gr_award_t *a, size_t n);

// A test's notes file, decoded.
typedef struct {
    char *notes;      // ml_note lines, one per line
    size_t oom_bytes; // the first failed allocation (0: none)
    int fault_kind;   // 0 none, 'n' NULL pointer, 's' stack, 'o' other
    char *fault_addr;
    char *sandbox; // why the sandbox was incomplete, or NULL
} gr_notes_t;
void gr_notes_load(const char *path, gr_notes_t *notes);
// The command of a test's replay file (ml_replay's last call, its {build}
// not yet replaced), cleaned text; NULL when there is none.
char *gr_replay_load(const char *path);
void gr_notes_free(gr_notes_t *notes);

// ---- score.c --------------------------------------------------------------------
typedef struct {
    const char *awards_path;
    size_t output_limit; // the suite's output cap (bytes)
    bool asan;
    unsigned asan_alloc_mb; // under ASan: the largest allocation allowed
    unsigned asan_rss_mb;   // under ASan: the suite's resident-memory limit
    bool watchdog;          // the run was stopped by the watchdog
    double watchdog_s;
    const char *runner_problem; // why results are missing, or NULL
    const char *build;          // the build as the student names it (build/student)
    const char *suite_cmd;      // the suite binary under it, shell-quoted
} gr_score_ctx_t;
// Evaluates tests [from, lab->ntests): outcome, score, reason, output.
void gr_score_tests(gr_lab_t *lab, size_t from, const gr_score_ctx_t *ctx);
// Sums the lab's score and max.
void gr_lab_total(gr_lab_t *lab);
// gr_lab_note — what a gradebook should say of the lab beside its score:
// "did not compile", "not built", "the suite crashed", "2 tests crashed",
// "1 test timed out" ("; "-joined), or "" when nothing went wrong; with
// `visible_only`, hidden tests are not counted (for what a student sees).
// Caller frees.
char *gr_lab_note(const gr_lab_t *lab, bool visible_only);
// gr_replay_command — a suite's ml_replay command checked and completed:
// it must start with {build}/bin/PROGRAM or {build}/suites/LAB and hold, outside balanced single quotes,
// only letters, digits, spaces and _-./:=,+@%; {build} becomes `build`
// (shell-quoted). Returns the command, or NULL (with *why) when it breaks
// a rule. Caller frees.
char *gr_replay_command(const char *raw, const char *build, const char **why);

// ---- outputs ------------------------------------------------------------------------
// Runs opt->plots on <grade>/data and <grade>/charts (log in <grade>/logs/plots.log);
// a failure is reported on stderr and does not change any score.
void gr_render_charts(const gr_report_t *r);
// The file names of `lab`'s charts in <grade>/charts/ (<lab>-*.svg, or the
// .png of a chart with no SVG), sorted; *n gets their count. Caller frees
// each name and the array.
char **gr_lab_charts(const gr_report_t *r, const char *lab, size_t *n);
// The terminal: a lab's lines (as soon as it is graded), then the total.
void gr_out_terminal_lab(const gr_report_t *r, const gr_lab_t *lab, FILE *out);
void gr_out_terminal_total(const gr_report_t *r, FILE *out);
int gr_out_results_json(const gr_report_t *r, const char *path);
void gr_out_autolab(const gr_report_t *r, FILE *out);
int gr_out_junit(const gr_report_t *r, const char *path);
int gr_out_markdown(const gr_report_t *r, const char *path);
int gr_out_html(const gr_report_t *r, const char *path);
// The name of a test in reports: its title, or "suite/name" without one.
char *gr_test_label(const gr_test_t *t);
bool gr_test_passed(const gr_test_t *t); // passed with full points
char *gr_points(double p);               // "2", "0.5", "1.33"

// ---- gradebook.c ----------------------------------------------------------------------
// `grader gradebook OUT.csv RESULTS.json...`; returns the exit status.
int gr_gradebook_main(int argc, char **argv);

#endif
