// main.c — the leak-detection lab's program: runs any dynamically linked
// program under the tracker (lib/libleak.so, preloaded) and reports, when
// it exits, what valgrind's memcheck would: the LEAK SUMMARY, the leaks
// grouped by allocation site (LeakSanitizer's records), the heap profile by
// site (pprof's inuse view, and its difference from a saved one), and the
// growth detectors' verdicts on the heap samples, charted with gnuplot.
//
//   leak-detection [options] -- PROGRAM ARGS...
//
// Exit status: the program's own (128 + the signal if a signal killed it);
// 127 no such program, 126 not executable, 125 statically linked; 2 bad
// usage; 1 another failure of the tool itself (no tracker library, a bad
// --diff file, an unwritable --plot directory).
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "memlab/outfile.h"
#include "support/report.h"

typedef struct opts {
    bool json, profile, reachable, quiet;
    const char *save_profile, *diff, *plot;
    size_t limit;
    int consecutive, window;
    double slope, r2, interval_ms;
    unsigned long every;
} opts_t;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: leak-detection [options] -- PROGRAM [ARGS...]\n"
            "Runs PROGRAM under the leak tracker (lib/libleak.so, preloaded) and reports its\n"
            "heap at exit as valgrind's memcheck does: the LEAK SUMMARY, the leaks by\n"
            "allocation site, and the heap-growth detectors' verdicts.\n"
            "\n"
            "  -j, --json               the report as JSON on stdout (text report: stderr)\n"
            "  -p, --profile            the in-use heap profile by site at exit (pprof inuse)\n"
            "      --save-profile FILE  save that profile (JSON) for a later --diff\n"
            "      --diff BASE          the profile minus a saved one, per site (pprof -base)\n"
            "  -r, --reachable          also list still-reachable blocks by site\n"
            "      --plot DIR           chart the heap over time with gnuplot: DIR/heap.svg\n"
            "      --limit BYTES        the threshold detector's limit (default 1048576)\n"
            "      --consecutive N      ... samples over it in a row to fire (default 3)\n"
            "      --window N           the trend detector's window in samples (default 32)\n"
            "      --slope BYTES        ... least slope, bytes per sample (default 256)\n"
            "      --r2 X               ... least fit, 0..1 (default 0.8)\n"
            "      --interval MS        sample the heap at most every MS ms, at allocations (10)\n"
            "      --every N            or every N allocation events instead\n"
            "  -q, --quiet              discard the program's own output\n"
            "  -h, --help               this text\n"
            "\n"
            "Exit status: the program's (128+N if signal N killed it); 127 no such program,\n"
            "126 not executable, 125 statically linked, 2 bad usage, 1 other failures.\n");
}

static int bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "leak-detection: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'leak-detection --help'.\n");
    return 2;
}

static int parse_num(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static const char *kind_name[LK_NKINDS] = { [LK_DEFINITE] = "definitely_lost",
                                            [LK_INDIRECT] = "indirectly_lost",
                                            [LK_POSSIBLE] = "possibly_lost",
                                            [LK_REACHABLE] = "still_reachable" };

// ---- detectors -------------------------------------------------------------------

typedef struct verdicts {
    long threshold_at, trend_at;
    double trend_slope, trend_r2;
} verdicts_t;

static verdicts_t run_detectors(const lk_report_t *r, const opts_t *o)
{
    lk_threshold_t th;
    static lk_trend_t tr;
    lk_threshold_init(&th, o->limit, o->consecutive);
    lk_trend_init(&tr, o->window, o->slope, o->r2);
    verdicts_t v = { -1, -1, 0, 0 };
    for (size_t i = 0; i < r->nsamples; i++) {
        if (lk_threshold_feed(&th, r->sample_live[i]) && v.threshold_at < 0)
            v.threshold_at = (long)i;
        if (lk_trend_feed(&tr, r->sample_live[i]) && v.trend_at < 0) {
            v.trend_at = (long)i;
            v.trend_slope = tr.slope;
            v.trend_r2 = tr.r2;
        }
    }
    return v;
}

static void print_verdicts(FILE *f, const lk_report_t *r, const opts_t *o, verdicts_t v)
{
    fprintf(f, "GROWTH (%zu heap samples):\n", r->nsamples);
    if (v.threshold_at >= 0)
        fprintf(f,
                "   threshold: fired at sample %ld (%.1f ms, %zu live bytes > %zu for %d "
                "samples in a row)\n",
                v.threshold_at, r->sample_ms[v.threshold_at], r->sample_live[v.threshold_at],
                o->limit, o->consecutive);
    else
        fprintf(f, "   threshold: quiet (never %d samples in a row over %zu bytes)\n",
                o->consecutive, o->limit);
    if (v.trend_at >= 0)
        fprintf(f,
                "       trend: fired at sample %ld (%.1f ms; slope %.0f bytes/sample, "
                "r2 %.2f over %d samples)\n",
                v.trend_at, r->sample_ms[v.trend_at], v.trend_slope, v.trend_r2, o->window);
    else
        fprintf(f,
                "       trend: quiet (no window of %d samples rising >= %.0f bytes/sample "
                "with r2 >= %.2f)\n",
                o->window, o->slope, o->r2);
}

// ---- profile, diff, plot -------------------------------------------------------------------

static json_t *profile_json(const lk_prof_t *p, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:I, s:I}", "site", p[i].key, "bytes",
                                           (json_int_t)p[i].bytes, "objects",
                                           (json_int_t)p[i].objects));
    return a;
}

static void print_profile(FILE *f, const char *title, const lk_prof_t *p, size_t n)
{
    fprintf(f, "%s\n%14s %10s  site\n", title, "bytes", "objects");
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%+14lld %+10lld  %s\n", p[i].bytes, p[i].objects, p[i].key);
    if (n == 0)
        fprintf(f, "%14s %10s  (nothing)\n", "0", "0");
}

// Loads a saved profile (lk_profile_load); prints the reason on failure.
static long load_profile(const char *path, lk_prof_t **out, json_t **keep)
{
    char err[PATH_MAX + 256];
    long n = lk_profile_load(path, out, keep, err, sizeof err);
    if (n < 0)
        fprintf(stderr, "leak-detection: %s\n", err);
    return n;
}

static int write_plot(const char *dir, const lk_report_t *r, const opts_t *o, verdicts_t v)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "leak-detection: cannot create %s: %s\n", dir, strerror(errno));
        return -1;
    }
    ml_outfile_t of;
    FILE *f = ml_outfile_open_in(&of, dir, "heap.csv");
    if (!f)
        return ml_outfile_fail(&of, "leak-detection"), -1;
    fprintf(f, "# ms,live_bytes\n");
    for (size_t i = 0; i < r->nsamples; i++)
        fprintf(f, "%.3f,%zu\n", r->sample_ms[i], r->sample_live[i]);
    if (ml_outfile_commit(&of) != 0)
        return ml_outfile_fail(&of, "leak-detection"), -1;
    f = ml_outfile_open_in(&of, dir, "heap.gp");
    if (!f)
        return ml_outfile_fail(&of, "leak-detection"), -1;
    const char *prog = strrchr(r->program, '/') ? strrchr(r->program, '/') + 1 : r->program;
    char host[256] = "", date[32] = "";
    gethostname(host, sizeof host - 1);
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%d", localtime(&now));
    fprintf(f,
            "set datafile separator ','\n"
            "set title 'Live heap of %s under the leak tracker' noenhanced\n"
            "set xlabel 'time since start (ms)'\nset ylabel 'live heap (bytes)'\n"
            "set key left top\nset grid\n"
            "set label 1 '%s, %s, pid %ld' at screen 0.01, screen 0.02 font ',8' noenhanced\n"
            "set arrow from graph 0, first %zu to graph 1, first %zu nohead dt 2 lc rgb 'red'\n",
            prog, host, date, r->pid, o->limit, o->limit);
    if (v.threshold_at >= 0)
        fprintf(f, "set arrow from %.3f, graph 0 to %.3f, graph 1 nohead lc rgb 'red'\n",
                r->sample_ms[v.threshold_at], r->sample_ms[v.threshold_at]);
    if (v.trend_at >= 0)
        fprintf(f, "set arrow from %.3f, graph 0 to %.3f, graph 1 nohead lc rgb 'blue'\n",
                r->sample_ms[v.trend_at], r->sample_ms[v.trend_at]);
    fprintf(f,
            "set terminal svg size 900,500 dynamic\nset output '%s/heap.svg'\n"
            "plot '%s/heap.csv' using 1:2 with lines lw 2 title 'live bytes', "
            "NaN dt 2 lc rgb 'red' title 'threshold (%zu bytes)', "
            "NaN lc rgb 'red' title 'threshold fired', NaN lc rgb 'blue' title 'trend fired'\n",
            dir, dir, o->limit);
    if (ml_outfile_commit(&of) != 0)
        return ml_outfile_fail(&of, "leak-detection"), -1;
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "gnuplot '%s/heap.gp'", dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "leak-detection: gnuplot failed on %s/heap.gp\n", dir);
        return -1;
    }
    return 0;
}

// ---- the run -----------------------------------------------------------------------------

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char p[PATH_MAX];
        while ((e = readdir(d)))
            if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))) {
                snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
                unlink(p);
            }
        closedir(d);
    }
    rmdir(dir);
}

static size_t other_reports(const char *dir, long pid)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".json") && e->d_name[0] != '.' && atol(e->d_name) != pid)
            n++;
    closedir(d);
    return n;
}

// The --diff base, loaded before the program runs (a bad file stops there).
static lk_prof_t *base_prof;
static long nbase = -1;
static json_t *base_json;

static int report(const opts_t *o, const char *path, const lk_report_t *r, int status)
{
    FILE *t = stderr;
    char pre[32];
    snprintf(pre, sizeof pre, "==%ld== ", r->pid);
    lk_count_t sum[LK_NKINDS];
    lk_summarize(r->blocks, r->nblocks, sum);
    lk_count_t inuse = { 0, 0 };
    for (size_t i = 0; i < r->nblocks; i++)
        inuse.bytes += r->blocks[i].size, inuse.blocks++;
    char b[96];
    if (strcmp(r->end, "crash") == 0)
        fprintf(t, "%sProcess terminating with default action of signal %d (SIG%s)\n", pre,
                r->signal, sigabbrev_np(r->signal) ?: "?");
    fprintf(t, "%sHEAP SUMMARY:\n%s    in use at exit: %s\n", pre, pre,
            lk_fmt_count(b, sizeof b, inuse));
    fprintf(t, "%s  total heap usage: %zu allocs, %zu frees, %zu bytes allocated\n%s\n", pre,
            r->allocs, r->frees, r->bytes_allocated, pre);
    lk_print_records(t, r, o->reachable);
    lk_print_summary(t, pre, sum);
    verdicts_t v = run_detectors(r, o);
    print_verdicts(t, r, o, v);
    lk_prof_t *prof;
    size_t nprof = lk_profile(r, &prof);
    if (o->profile)
        print_profile(t, "PROFILE (in use at exit, by site):", prof, nprof);
    json_t *jdiff = NULL;
    int rc = 0;
    if (o->diff && nbase >= 0) {
        lk_prof_t *d = calloc(nprof + (size_t)nbase + 1, sizeof *d);
        size_t nd = lk_profile_diff(prof, nprof, base_prof, (size_t)nbase, d);
        print_profile(t, "DIFF (in use at exit minus the base, by site):", d, nd);
        jdiff = profile_json(d, nd);
        free(d);
    }
    if (o->save_profile) {
        json_t *j =
            json_pack("{s:s, s:o}", "program", r->program, "profile", profile_json(prof, nprof));
        ml_outfile_t of;
        FILE *f = ml_outfile_open(&of, o->save_profile);
        if (!f || json_dumpf(j, f, JSON_INDENT(1)) != 0 || ml_outfile_commit(&of) != 0)
            rc = ml_outfile_fail(&of, "leak-detection"), rc = 1;
        json_decref(j);
    }
    if (o->plot && write_plot(o->plot, r, o, v) != 0)
        rc = 1;
    if (o->json) {
        json_t *js = json_object();
        for (int k = 0; k < LK_NKINDS; k++)
            json_object_set_new(js, kind_name[k],
                                json_pack("{s:I, s:I}", "bytes", (json_int_t)sum[k].bytes, "blocks",
                                          (json_int_t)sum[k].blocks));
        size_t n = lk_group(r->blocks, r->nblocks, NULL, 0);
        lk_record_t *rec = calloc(n + 1, sizeof *rec);
        n = lk_group(r->blocks, r->nblocks, rec, n);
        json_t *jr = json_array();
        for (size_t i = 0; i < n; i++) {
            if (rec[i].kind >= LK_NKINDS)
                continue;
            const lk_site_info_t *s =
                rec[i].site <= r->nsites ? &r->sites[rec[i].site] : &r->sites[0];
            json_t *fr = json_array();
            for (int k = 0; k < s->depth; k++)
                json_array_append_new(fr, json_string(s->frames[k].text));
            json_array_append_new(jr,
                                  json_pack("{s:s, s:I, s:I, s:o}", "kind", kind_name[rec[i].kind],
                                            "bytes", (json_int_t)rec[i].bytes, "blocks",
                                            (json_int_t)rec[i].blocks, "frames", fr));
        }
        free(rec);
        json_t *j = json_pack(
            "{s:s, s:s, s:I, s:s, s:i, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:I}, s:o, "
            "s:{s:I, s:I, s:I}}",
            "program", path, "executable", r->program, "pid", (json_int_t)r->pid, "end", r->end,
            "signal", r->signal, "summary", js, "records", jr, "heap", "in_use_bytes",
            (json_int_t)inuse.bytes, "in_use_blocks", (json_int_t)inuse.blocks, "allocs",
            (json_int_t)r->allocs, "frees", (json_int_t)r->frees, "bytes_allocated",
            (json_int_t)r->bytes_allocated, "profile", profile_json(prof, nprof), "detectors",
            "samples", (json_int_t)r->nsamples, "threshold_fired_at", (json_int_t)v.threshold_at,
            "trend_fired_at", (json_int_t)v.trend_at);
        json_object_set_new(j, "exit_status",
                            WIFEXITED(status) ? json_integer(WEXITSTATUS(status)) : json_null());
        if (jdiff)
            json_object_set_new(j, "diff", jdiff);
        json_dumpf(j, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(j);
    } else if (jdiff) {
        json_decref(jdiff);
    }
    free(prof);
    return rc;
}

int main(int argc, char **argv)
{
    opts_t o = { .limit = 1 << 20, .consecutive = 3, .window = 32, .slope = 256, .r2 = 0.8 };
    enum {
        O_SAVE = 256,
        O_DIFF,
        O_PLOT,
        O_LIMIT,
        O_CONSEC,
        O_WINDOW,
        O_SLOPE,
        O_R2,
        O_INTERVAL,
        O_EVERY
    };
    static const struct option longopts[] = { { "json", no_argument, NULL, 'j' },
                                              { "profile", no_argument, NULL, 'p' },
                                              { "save-profile", required_argument, NULL, O_SAVE },
                                              { "diff", required_argument, NULL, O_DIFF },
                                              { "reachable", no_argument, NULL, 'r' },
                                              { "plot", required_argument, NULL, O_PLOT },
                                              { "limit", required_argument, NULL, O_LIMIT },
                                              { "consecutive", required_argument, NULL, O_CONSEC },
                                              { "window", required_argument, NULL, O_WINDOW },
                                              { "slope", required_argument, NULL, O_SLOPE },
                                              { "r2", required_argument, NULL, O_R2 },
                                              { "interval", required_argument, NULL, O_INTERVAL },
                                              { "every", required_argument, NULL, O_EVERY },
                                              { "quiet", no_argument, NULL, 'q' },
                                              { "help", no_argument, NULL, 'h' },
                                              { NULL, 0, NULL, 0 } };
    int c;
    double v;
    while ((c = getopt_long(argc, argv, "+jprqh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j': o.json = true; break;
        case 'p': o.profile = true; break;
        case 'r': o.reachable = true; break;
        case 'q': o.quiet = true; break;
        case 'h': usage(stdout); return 0;
        case O_SAVE: o.save_profile = optarg; break;
        case O_DIFF: o.diff = optarg; break;
        case O_PLOT: o.plot = optarg; break;
        case O_LIMIT:
            if (parse_num(optarg, 0, 1e18, &v))
                return bad_usage("--limit wants a byte count, not '%s'", optarg);
            o.limit = (size_t)v;
            break;
        case O_CONSEC:
            if (parse_num(optarg, 1, 1e6, &v))
                return bad_usage("--consecutive wants a count of at least 1, not '%s'", optarg);
            o.consecutive = (int)v;
            break;
        case O_WINDOW:
            if (parse_num(optarg, 2, LK_TREND_MAX_WINDOW, &v))
                return bad_usage("--window wants 2..1024 samples, not '%s'", optarg);
            o.window = (int)v;
            break;
        case O_SLOPE:
            if (parse_num(optarg, 0, 1e18, &v))
                return bad_usage("--slope wants bytes per sample, not '%s'", optarg);
            o.slope = v;
            break;
        case O_R2:
            if (parse_num(optarg, 0, 1, &v))
                return bad_usage("--r2 wants a number in 0..1, not '%s'", optarg);
            o.r2 = v;
            break;
        case O_INTERVAL:
            if (parse_num(optarg, 0.001, 1e7, &v))
                return bad_usage("--interval wants milliseconds, not '%s'", optarg);
            o.interval_ms = v;
            break;
        case O_EVERY:
            if (parse_num(optarg, 1, 1e12, &v))
                return bad_usage("--every wants a count of at least 1, not '%s'", optarg);
            o.every = (unsigned long)v;
            break;
        default: fprintf(stderr, "Try 'leak-detection --help'.\n"); return 2;
        }
    }
    if (optind >= argc)
        return bad_usage("%s", "no program to run (leak-detection [options] -- PROGRAM ARGS...)");
    if (o.diff && (nbase = load_profile(o.diff, &base_prof, &base_json)) < 0)
        return 1;
    char lib[PATH_MAX];
    if (lk_lib_path(lib, sizeof lib) != 0) {
        fprintf(stderr, "leak-detection: the tracker library lib/libleak.so is not next to this "
                        "program (build it with make leak-detection)\n");
        return 1;
    }
    char path[PATH_MAX], why[PATH_MAX + 200];
    lk_prog_status_t ps = lk_check_program(argv[optind], path, sizeof path, why, sizeof why);
    if (ps != LK_PROG_OK) {
        fprintf(stderr, "leak-detection: %s\n", why);
        return (int)ps;
    }
    char dir[] = "/tmp/leak-detection.XXXXXX";
    const char *tmp = getenv("TMPDIR");
    char dirbuf[PATH_MAX];
    snprintf(dirbuf, sizeof dirbuf, "%s/leak-detection.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *out_dir = mkdtemp(dirbuf);
    if (!out_dir && !(out_dir = mkdtemp(dir))) {
        fprintf(stderr, "leak-detection: cannot make a scratch directory: %s\n", strerror(errno));
        return 1;
    }
    lk_run_opts_t ro = { lib, out_dir, o.interval_ms, o.every, o.quiet };
    int status = 0;
    fflush(NULL);
    pid_t pid = lk_run(path, argv + optind, &ro, &status);
    if (pid < 0) {
        fprintf(stderr, "leak-detection: cannot start %s: %s\n", path, strerror(errno));
        remove_dir(out_dir);
        return 1;
    }
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    char rpath[PATH_MAX + 32];
    snprintf(rpath, sizeof rpath, "%s/%ld.json", out_dir, (long)pid);
    lk_report_t r;
    char err[PATH_MAX + 256];
    if (access(rpath, F_OK) != 0) {
        fprintf(stderr,
                "leak-detection: %s left no report (%s): it was killed before its exit ran, "
                "left through _exit, or exec'd a statically linked program\n",
                path, WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "exited");
    } else if (lk_report_load(rpath, &r, true, err, sizeof err) != 0) {
        fprintf(stderr, "leak-detection: %s\n", err);
    } else {
        if (report(&o, path, &r, status) != 0 && rc == 0)
            rc = 1;
        if (strcmp(r.end, "crash") == 0)
            fprintf(stderr,
                    "leak-detection: %s crashed with %s; the report is its heap at the "
                    "crash\n",
                    path, strsignal(r.signal));
        size_t others = other_reports(out_dir, (long)pid);
        if (others)
            fprintf(stderr,
                    "leak-detection: %zu child process(es) of %s had their own reports "
                    "(not shown)\n",
                    others, path);
        lk_report_free(&r);
    }
    remove_dir(out_dir);
    free(base_prof);
    json_decref(base_json);
    return rc;
}
