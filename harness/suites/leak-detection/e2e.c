// e2e.c — the tracker end to end: corpus programs run under lib/libleak.so
// (built from the student's leaks.c) exactly as the lab's program runs them,
// their reports read back, and compared with valgrind's committed summaries.
//
// These tests fork and exec (declared .allow_exec in the rubric). In the
// sanitizer build of the suite they behave the same: the preloaded library
// is never built with sanitizers (labs/leak-detection/lab.mk), so they check
// the student's code inside uninstrumented programs, while AddressSanitizer
// and UBSan check the in-process tests (tracking.c, kinds.c, reports.c,
// detectors.c) and this file's own reading of the reports.
#include <criterion/criterion.h>
#include <dirent.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lk_suite.h"
#include "memlab/grade.h"

void suite_corpus_path(const char *name, char *out, size_t cap)
{
    // Built once for every build, under the repository's build/labs/ (the
    // grader runs suites from the repository's top, and shows build/labs/
    // to them read-only).
    if (snprintf(out, cap, "build/labs/leak-corpus/%.200s", name) >= (int)cap)
        cr_assert_fail("internal: path too long");
}

static void expected_path(const char *name, char *out, size_t cap)
{
    if (snprintf(out, cap, "labs/leak-detection/data/%.200s.expected", name) >= (int)cap)
        cr_assert_fail("internal: path too long");
}

static void clear_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char p[PATH_MAX + 300];
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
                unlink(p);
            }
        closedir(d);
    }
    rmdir(dir);
}

static size_t count_reports(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.' && strstr(e->d_name, ".json") != NULL;
    closedir(d);
    return n;
}

// Runs `path argv` under the tracker; loads the report; returns the wait
// status; *nreports the number of reports written (a fork writes more).
static bool want_symbols; // name the sites (libdw; slower) in the next run's report

static int run_traced(const char *what, const char *path, char *const argv[], unsigned long every,
                      lk_report_t *r, size_t *nreports)
{
    char lib[PATH_MAX];
    cr_assert(lk_lib_path(lib, sizeof lib) == 0,
              "internal: lib/libleak.so is not next to the suite (make leak-detection)");
    char dir[] = "/tmp/leak-suite.XXXXXX";
    cr_assert(mkdtemp(dir), "internal: cannot make a scratch directory");
    lk_run_opts_t o = { lib, dir, 0, every, true };
    int st = 0;
    pid_t pid = lk_run(path, argv, &o, &st);
    cr_assert(pid > 0, "internal: cannot start %s", path);
    char rp[PATH_MAX + 64], err[PATH_MAX + 256];
    snprintf(rp, sizeof rp, "%s/%ld.json", dir, (long)pid);
    if (nreports)
        *nreports = count_reports(dir);
    if (access(rp, F_OK) != 0) {
        clear_dir(dir);
        cr_assert_fail("%s: the program ran under your tracker (%s) but left no report — did the "
                       "tracker crash at exit? replay: build/<impl>/bin/leak-detection -- %s",
                       what, WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "exited", path);
    }
    int rc = lk_report_load(rp, r, want_symbols, err, sizeof err);
    clear_dir(dir);
    cr_assert(rc == 0, "%s: the report cannot be read: %s", what, err);
    return st;
}

int suite_run_corpus(const char *name, unsigned long every, lk_report_t *r)
{
    char path[PATH_MAX];
    suite_corpus_path(name, path, sizeof path);
    cr_assert(access(path, X_OK) == 0, "internal: corpus program %s is not built", path);
    char *argv[] = { path, NULL };
    return run_traced(name, path, argv, every, r, NULL);
}

void suite_expected(const char *name, lk_count_t sum[LK_NKINDS])
{
    char p[PATH_MAX];
    expected_path(name, p, sizeof p);
    FILE *f = fopen(p, "r");
    cr_assert(f, "internal: no expectation %s", p);
    memset(sum, 0, LK_NKINDS * sizeof *sum);
    char line[256];
    while (fgets(line, sizeof line, f)) {
        char kind[32], what[32], bytes[32], blocks[32];
        if (sscanf(line, " %31s %31[^:]: %31s bytes in %31s blocks", kind, what, bytes, blocks) !=
            4)
            continue;
        lk_count_t c = { 0, 0 };
        for (char *s = bytes; *s; s++)
            if (*s != ',')
                c.bytes = c.bytes * 10 + (size_t)(*s - '0');
        for (char *s = blocks; *s; s++)
            if (*s != ',')
                c.blocks = c.blocks * 10 + (size_t)(*s - '0');
        if (!strcmp(kind, "definitely"))
            sum[LK_DEFINITE] = c;
        else if (!strcmp(kind, "indirectly"))
            sum[LK_INDIRECT] = c;
        else if (!strcmp(kind, "possibly"))
            sum[LK_POSSIBLE] = c;
        else if (!strcmp(kind, "still"))
            sum[LK_REACHABLE] = c;
    }
    fclose(f);
}

// The four kinds of a report, counted here (not by the student's lk_summarize).
static void count_kinds(const lk_report_t *r, lk_count_t sum[LK_NKINDS])
{
    memset(sum, 0, LK_NKINDS * sizeof *sum);
    for (size_t i = 0; i < r->nblocks; i++)
        if (r->blocks[i].kind < LK_NKINDS) {
            sum[r->blocks[i].kind].bytes += r->blocks[i].size;
            sum[r->blocks[i].kind].blocks++;
        }
}

static const char *const corpus[] = {
    "l01_single",  "l02_tree",     "l03_cycle",    "l04_interior",      "l05_global",
    "l06_realloc", "l07_loop",     "l08_threads",  "l09_noleak",        "l10_blocked_thread",
    "l11_timers",  "l12_callback", "l13_subslice", "l14_growing_table", "l15_possible_chain",
    "l16_mixed",   "l17_aligned",  "l18_fork",     "l19_crash",         "l20_large",
    "l21_exec",    "g21_growth",   "g22_sawtooth", "g23_steady",
};

void suite_e2e_summary_equals_valgrind(void)
{
    size_t n = sizeof corpus / sizeof *corpus, right = 0;
    for (size_t i = 0; i < n; i++) {
        lk_report_t r;
        lk_count_t want[LK_NKINDS], got[LK_NKINDS];
        suite_expected(corpus[i], want);
        suite_run_corpus(corpus[i], 0, &r);
        count_kinds(&r, got);
        bool same = true;
        for (int k = LK_NKINDS - 1; k >= 0; k--) {
            if (got[k].bytes == want[k].bytes && got[k].blocks == want[k].blocks)
                continue;
            char w[96], g[96];
            ml_note("%s: valgrind says %s: %s; your tracker says %s (replay: "
                    "build/<impl>/bin/leak-detection -- build/labs/leak-corpus/%s)",
                    corpus[i], suite_kind_name(k), lk_fmt_count(w, sizeof w, want[k]),
                    lk_fmt_count(g, sizeof g, got[k]), corpus[i]);
            same = false;
            break;
        }
        right += same;
        lk_report_free(&r);
    }
    ml_award((double)right / (double)n,
             "%zu of %zu corpus programs: your tracker's four kinds equal valgrind's", right, n);
}

// The first frame of a block's site, or "".
static const char *frame0(const lk_report_t *r, const lk_block_t *b)
{
    if (b->site == 0 || b->site > r->nsites || r->sites[b->site].depth == 0)
        return "";
    return r->sites[b->site].frames[0].text;
}

void suite_e2e_sites_loop_and_realloc(void)
{
    lk_report_t r;
    want_symbols = true;
    suite_run_corpus("l07_loop", 0, &r);
    size_t k = 0;
    uint32_t site = 0;
    for (size_t i = 0; i < r.nblocks; i++) {
        if (r.blocks[i].size != 16)
            continue;
        k++;
        cr_assert(strstr(frame0(&r, &r.blocks[i]), "l07_loop.c:8"),
                  "l07_loop: a 16-byte block's site starts at '%s', not at the malloc in "
                  "handle_request (l07_loop.c:8)",
                  frame0(&r, &r.blocks[i]));
        cr_assert(site == 0 || r.blocks[i].site == site,
                  "l07_loop: the 100 blocks from the one malloc in the loop have sites %u and %u "
                  "(one call stack must be one site)",
                  site, r.blocks[i].site);
        site = r.blocks[i].site;
    }
    cr_assert(k == 100, "l07_loop leaks 100 blocks of 16 bytes; your report has %zu", k);
    size_t nrec = lk_group(r.blocks, r.nblocks, NULL, 0);
    cr_assert(nrec == 1,
              "l07_loop: 100 lost blocks from one site make one record, you grouped "
              "them into %zu",
              nrec);
    lk_report_free(&r);

    suite_run_corpus("l06_realloc", 0, &r);
    bool lost = false, kept = false;
    for (size_t i = 0; i < r.nblocks; i++) {
        const lk_block_t *b = &r.blocks[i];
        if (b->size == 2048) {
            lost = true;
            cr_assert(strstr(frame0(&r, b), "l06_realloc.c:10"),
                      "l06_realloc: the 2048-byte block, last grown by the realloc in grow() "
                      "(l06_realloc.c:10), has its site starting at '%s' (the realloc site rule: "
                      "leaks.h)",
                      frame0(&r, b));
        }
        if (b->size == 64) {
            kept = true;
            cr_assert(strstr(frame0(&r, b), "l06_realloc.c:20"),
                      "l06_realloc: the 64-byte block from the realloc at l06_realloc.c:20 has its "
                      "site starting at '%s'",
                      frame0(&r, b));
        }
    }
    cr_assert(lost && kept,
              "l06_realloc: the report must hold the 2048-byte and the 64-byte "
              "blocks left by two realloc chains (has %zu blocks)",
              r.nblocks);
    lk_report_free(&r);
}

void suite_e2e_programs_run_unchanged(void)
{
    const char *names[] = { "l08_threads", "l17_aligned", "l18_fork", "l20_large",
                            "l10_blocked_thread" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        lk_report_t r;
        char path[PATH_MAX];
        suite_corpus_path(names[i], path, sizeof path);
        char *argv[] = { path, NULL };
        size_t nrep = 0;
        int st = run_traced(names[i], path, argv, 0, &r, &nrep);
        cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                  "%s must run unchanged under your tracker (exit 0); it %s %d", names[i],
                  WIFEXITED(st) ? "exited with" : "was killed by signal",
                  WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
        if (!strcmp(names[i], "l18_fork"))
            cr_assert(nrep == 2,
                      "l18_fork: the parent and the forked child each write a report; "
                      "%zu were written",
                      nrep);
        lk_report_free(&r);
    }
    // A program that forks and execs /bin/true, and exits 3: the status is kept.
    lk_report_t r;
    int st = suite_run_corpus("l21_exec", 0, &r);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 3,
              "l21_exec forks, execs /bin/true in the child and exits 3: under your tracker it "
              "%s %d",
              WIFEXITED(st) ? "exited with" : "was killed by signal",
              WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
    lk_report_free(&r);
}

void suite_e2e_crash_reported(void)
{
    lk_report_t r;
    int st = suite_run_corpus("l19_crash", 0, &r);
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
              "l19_crash dereferences NULL: it must still die of SIGSEGV under the tracker");
    cr_assert(!strcmp(r.end, "crash") && r.signal == SIGSEGV,
              "l19_crash: the report must say the program crashed with signal 11 (it says %s, "
              "signal %d)",
              r.end, r.signal);
    lk_count_t got[LK_NKINDS], want[LK_NKINDS];
    count_kinds(&r, got);
    suite_expected("l19_crash", want);
    for (int k = 0; k < LK_NKINDS; k++) {
        char w[96], g[96];
        cr_assert(got[k].bytes == want[k].bytes && got[k].blocks == want[k].blocks,
                  "l19_crash: at the crash valgrind says %s: %s; your tracker says %s",
                  suite_kind_name(k), lk_fmt_count(w, sizeof w, want[k]),
                  lk_fmt_count(g, sizeof g, got[k]));
    }
    lk_report_free(&r);
}

// The detectors fed the samples of a real run (every 50 allocation events).
static void detect_on(const char *name, bool leaking)
{
    lk_report_t r;
    suite_run_corpus(name, 50, &r);
    lk_threshold_t th;
    static lk_trend_t tr;
    lk_threshold_init(&th, 100000, 3);
    lk_trend_init(&tr, 20, 64, 0.8);
    long th_at = -1, tr_at = -1;
    for (size_t i = 0; i < r.nsamples; i++) {
        if (lk_threshold_feed(&th, r.sample_live[i]) && th_at < 0)
            th_at = (long)i;
        if (lk_trend_feed(&tr, r.sample_live[i]) && tr_at < 0)
            tr_at = (long)i;
    }
    cr_assert(r.nsamples >= 20, "%s: only %zu heap samples", name, r.nsamples);
    if (leaking) {
        cr_assert(th_at >= 0,
                  "%s grows to %zu live bytes: the threshold detector (limit 100000, "
                  "3 in a row) must fire on its %zu samples",
                  name, r.sample_live[r.nsamples - 1], r.nsamples);
        cr_assert(tr_at >= 0,
                  "%s grows steadily: the trend detector (window 20, slope >= 64 "
                  "bytes/sample, r2 >= 0.8) must fire on its %zu samples",
                  name, r.nsamples);
    } else {
        cr_assert(th_at < 0, "%s does not grow: the threshold detector fired at sample %ld", name,
                  th_at);
        cr_assert(tr_at < 0, "%s does not grow: the trend detector fired at sample %ld", name,
                  tr_at);
    }
    lk_report_free(&r);
}

void suite_e2e_detectors_on_programs(void)
{
    detect_on("g21_growth", true);
    detect_on("g22_sawtooth", false);
    detect_on("g23_steady", false);
}
