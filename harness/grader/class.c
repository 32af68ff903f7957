// class.c — `grader class`: grades every submission of a class and writes
// the gradebook. `make gradebook CLASS=DIR` runs it; the steps:
//
//   1. the maxima: the starter's suites (and hidden suites) are built once
//      into <dir>/.maxima and each lab's maximum is read from their
//      manifests, so it is the same in every row — also for a submission
//      that does not compile (its tests are listed as not graded);
//   2. per submission (every folder of CLASS, any name): its files are found
//      (class_find.c) and staged into <dir>/<id>/src, where <id> is the
//      folder's name made safe for make plus a hash of the real name, so no
//      name (spaces, quotes, UTF-8, `solution`) can collide with another
//      build; labs without files are not graded (an empty cell);
//   3. `make grade GRADE_BATCH=1` builds and grades it into <dir>/<id>, N
//      submissions at a time (no dependency check, bench or charts per
//      submission: the class needs its scores); its old results are removed first, so a row is filled only from
//      this run's results — or from an earlier run's whose stamp (the staged
//      files, labs, hidden suites, the grading binaries and the files under
//      labs/<lab>/ and harness/suites/<lab>/ that suites read) is identical,
//      which is how an interrupted run resumes;
//   4. the gradebook CSV, the class summary and its histogram.
// One submission that breaks the build or the grader costs its own row a
// note, never the run.
#include <errno.h>
#include <dirent.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "class.h"
#include "memlab/grow.h"

typedef struct {
    const char *class_dir, *out_csv, *dir, *roster, *hidden, *make, *plots, *files, *assignment;
    int jobs;
    bool fresh;
} opts_t;

static void usage(FILE *out)
{
    fputs("usage: grader class --class DIR --labs \"LAB ...\" --files \"LAB:FILE[,FILE] ...\"\n"
          "                    [options]\n"
          "\n"
          "Grades every folder of DIR as one student's submission (`make grade` in a\n"
          "build of its own) and writes a gradebook: one row per student, one column per\n"
          "lab, total, max and a note. `make gradebook CLASS=DIR` runs it.\n"
          "\n"
          "Options:\n"
          "  --out CSV        the gradebook (default build/gradebook.csv)\n"
          "  --dir DIR        where submissions are built (default build/class)\n"
          "  --roster CSV     adds id, name and email columns (header: directory,id,name,email)\n"
          "  --hidden DIR     the instructor's hidden suites (DIR/<lab>.c)\n"
          "  --assignment F   the course's assignment file (points per lab and the rest)\n"
          "  -j, --jobs N     submissions graded at once (default: the number of CPUs)\n"
          "  --fresh          regrade every submission, even one graded before unchanged\n"
          "  --make PROG      the make program (default make)\n"
          "  --plots SCRIPT   renders the score histogram (scripts/plots.sh)\n"
          "  -h, --help       this help\n"
          "\n"
          "Exit status: 0 the gradebook was written (a submission that could not be\n"
          "graded has a note in its row), 1 it could not be, 2 bad usage.\n",
          out);
}

// ---- setting up --------------------------------------------------------------

// Fills c->labs and c->files from --labs and --files. Returns 0 or -1.
static int parse_labs(gr_class_t *c, const char *labs, const char *files)
{
    char *copy = gr_strdup(labs), *save = NULL;
    for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (!ML_GROW_ARRAY(c->labs, c->cap_labs, c->nlabs + 1, 8))
            gr_out_of_memory();
        c->labs[c->nlabs++] = gr_strdup(w);
    }
    free(copy);
    c->files = calloc(c->nlabs ? c->nlabs : 1, sizeof *c->files);
    c->max = calloc(c->nlabs ? c->nlabs : 1, sizeof *c->max);
    copy = gr_strdup(files);
    for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        char *colon = strchr(w, ':');
        if (colon == NULL)
            continue;
        *colon = '\0';
        for (size_t l = 0; l < c->nlabs; l++) {
            if (strcmp(c->labs[l], w) != 0)
                continue;
            size_t n = 0, cap = 0;
            char *s2 = NULL;
            for (char *f = strtok_r(colon + 1, ",", &s2); f; f = strtok_r(NULL, ",", &s2)) {
                if (!ML_GROW_ARRAY(c->files[l], cap, n + 2, 4))
                    gr_out_of_memory();
                c->files[l][n++] = gr_strdup(f);
                c->files[l][n] = NULL;
            }
        }
    }
    free(copy);
    for (size_t l = 0; l < c->nlabs; l++)
        if (c->files[l] == NULL) {
            fprintf(stderr, "grader class: --files names no student file for lab %s\n", c->labs[l]);
            return -1;
        }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// The submissions: every folder of the class directory, sorted by name.
static int list_submissions(gr_class_t *c, const char *class_dir)
{
    DIR *d = opendir(class_dir);
    if (d == NULL) {
        fprintf(stderr, "grader class: %s: %s\n", class_dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = gr_printf("%s/%s", class_dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (!ML_GROW_ARRAY(names, cap, n + 1, 64))
                gr_out_of_memory();
            names[n++] = gr_strdup(e->d_name);
        } else {
            fprintf(stderr, "grader class: %s is not a folder; each submission is a folder\n", p);
        }
        free(p);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    c->rows = calloc(n ? n : 1, sizeof *c->rows);
    for (size_t i = 0; i < n; i++) {
        gr_class_row_t *row = &c->rows[c->nrows++];
        row->dir = names[i];
        // A name safe for make and the shell, and unique through the hash.
        char *safe = gr_strdup(names[i]);
        for (char *s = safe; *s; s++)
            if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *s))
                *s = '_';
        if (strlen(safe) > 40)
            safe[40] = '\0';
        uint64_t h = gr_class_stamp_text(gr_class_stamp_init(), names[i]);
        row->id = gr_printf("%s-%08x", safe, (unsigned)(h ^ (h >> 32)));
        free(safe);
        row->submitted = calloc(c->nlabs ? c->nlabs : 1, sizeof(bool));
        row->graded = calloc(c->nlabs ? c->nlabs : 1, sizeof(bool));
        row->score = calloc(c->nlabs ? c->nlabs : 1, sizeof(double));
    }
    free(names);
    return 0;
}

static void note(gr_class_row_t *row, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(gr_class_row_t *row, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    if (s == NULL)
        return;
    if (row->note.len > 0)
        gr_buf_add(&row->note, "; ");
    gr_buf_add(&row->note, s);
    free(s);
}

// Runs argv with MAKE's variables from the grader's own caller removed, its
// output into `log`. Returns the child's pid, or -1.
static pid_t spawn(char *const argv[], const char *log)
{
    fflush(NULL); // nothing buffered may be written twice
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    unsetenv("MAKEFLAGS");
    unsetenv("MFLAGS");
    unsetenv("MAKELEVEL");
    unsetenv("MAKEOVERRIDES");
    FILE *f = freopen(log, "w", stdout);
    if (f == NULL || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
        _exit(127);
    if (freopen("/dev/null", "r", stdin) == NULL)
        _exit(127);
    execvp(argv[0], argv);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static int wait_for(pid_t pid)
{
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

// Step 1: build the starter's suites and read each lab's maximum.
static int load_maxima(gr_class_t *c, const opts_t *o, const char *labs)
{
    char *build = gr_printf("%s/.maxima", o->dir);
    char *log = gr_printf("%s/maxima.log", o->dir);
    char *lab_arg = gr_printf("LAB=%s", labs);
    char *bd = gr_printf("BUILD_DIR=%s", build);
    char *hid = o->hidden ? gr_printf("HIDDEN=%s", o->hidden) : NULL;
    char *argv[] = { (char *)o->make,
                     "--no-print-directory",
                     "prebuild",
                     "IMPL=student",
                     "SUBMISSION=",
                     "SAN=",
                     bd,
                     lab_arg,
                     hid,
                     NULL };
    int rc = 0;
    pid_t pid = spawn(argv, log);
    if (pid < 0 || wait_for(pid) != 0) {
        fprintf(stderr,
                "grader class: the starter's suites did not build, so the labs' maxima "
                "are unknown (see %s)\n",
                log);
        rc = -1;
    }
    for (size_t l = 0; rc == 0 && l < c->nlabs; l++) {
        for (int hidden = 0; hidden < 2; hidden++) {
            char *exe = gr_printf("%s/suites/%s%s", build, c->labs[l], hidden ? ".hidden" : "");
            char *work = gr_printf("%s/manifest/%s%s", build, c->labs[l], hidden ? ".hidden" : "");
            if (access(exe, X_OK) == 0) {
                gr_lab_t lab = { 0 };
                gr_manifest_t m;
                char *why = NULL;
                gr_mkdirs(work);
                if (gr_manifest_load(exe, work, hidden, &lab, &m, &why) != 0) {
                    fprintf(stderr, "grader class: %s: %s\n", exe, why ? why : "no manifest");
                    rc = -1;
                }
                for (size_t i = 0; i < lab.ntests; i++)
                    c->max[l] += lab.tests[i].points;
                free(why);
                gr_lab_free(&lab);
            } else if (!hidden) {
                fprintf(stderr, "grader class: no suite %s after building it\n", exe);
                rc = -1;
            }
            free(exe);
            free(work);
        }
    }
    free(build);
    free(log);
    free(lab_arg);
    free(bd);
    free(hid);
    return rc;
}

// ---- one submission ------------------------------------------------------------

typedef struct {
    size_t row;
    pid_t pid;
    char *labs; // the labs it submitted, space-separated
    char stamp[17];
} job_t;

// Step 2: finds and stages a submission's files. Returns the job to run, or
// NULL when there is nothing to grade or its earlier results are reused.
static job_t *prepare(gr_class_t *c, const opts_t *o, size_t r, bool *reuse)
{
    gr_class_row_t *row = &c->rows[r];
    char *upload = gr_printf("%s/%s", o->class_dir, row->dir);
    char *base = gr_printf("%s/%s", o->dir, row->id);
    char *src = gr_printf("%s/src", base);
    gr_rmtree(src);
    gr_mkdirs(src);
    gr_buf_t labs = { 0 };
    uint64_t h = gr_class_stamp_init();
    for (size_t l = 0; l < c->nlabs; l++) {
        bool all = true;
        for (char **f = c->files[l]; *f && all; f++) {
            char *picked = NULL, *why = NULL;
            if (gr_class_find(upload, c->labs[l], *f, &picked, &why) != 0) {
                note(row, "%s: %s", c->labs[l], why);
                all = false;
            } else {
                if (why)
                    note(row, "%s: %s", c->labs[l], why);
                char *from = gr_printf("%s/%s", upload, picked);
                char *to = gr_printf("%s/%s", src, *f);
                char *err = NULL;
                if (gr_class_stage(from, to, &err) != 0) {
                    note(row, "%s: %s", c->labs[l], err);
                    all = false;
                }
                h = gr_class_stamp_file(h, to);
                free(err);
                free(from);
                free(to);
            }
            free(picked);
            free(why);
        }
        if (!all)
            continue;
        row->submitted[l] = true;
        gr_buf_printf(&labs, "%s%s", labs.len ? " " : "", c->labs[l]);
        h = gr_class_stamp_text(h, c->labs[l]);
        char *suite = gr_printf("%s/.maxima/suites/%s", o->dir, c->labs[l]);
        h = gr_class_stamp_mtime(h, suite);
        free(suite);
        // what the suite reads as it runs: the lab's data, the suite's inputs
        char *lab_dir = gr_printf("labs/%s", c->labs[l]);
        char *suite_dir = gr_printf("harness/suites/%s", c->labs[l]);
        h = gr_class_stamp_tree(gr_class_stamp_tree(h, lab_dir), suite_dir);
        free(lab_dir);
        free(suite_dir);
        if (o->hidden) {
            char *hid = gr_printf("%s/%s.c", o->hidden, c->labs[l]);
            h = gr_class_stamp_file(h, hid);
            free(hid);
        }
    }
    h = gr_class_stamp_mtime(h, "/proc/self/exe"); // this grader, wherever it was built
    job_t *job = NULL;
    *reuse = false;
    if (labs.len == 0) {
        free(labs.s);
    } else {
        job = calloc(1, sizeof *job);
        job->row = r;
        job->labs = gr_buf_take(&labs);
        snprintf(job->stamp, sizeof job->stamp, "%016llx", (unsigned long long)h);
        char *stamp_path = gr_printf("%s/stamp", base);
        char *results = gr_printf("%s/grade/results.json", base);
        size_t n = 0;
        char *old = o->fresh ? NULL : gr_read_file(stamp_path, 64, &n);
        *reuse = old && strcmp(old, job->stamp) == 0 && access(results, R_OK) == 0;
        if (!*reuse) { // only this run's results may fill the row
            gr_rmtree(stamp_path);
            gr_rmtree(results);
        }
        free(old);
        free(stamp_path);
        free(results);
    }
    free(upload);
    free(base);
    free(src);
    return job;
}

static pid_t launch(const gr_class_t *c, const opts_t *o, const job_t *job)
{
    const gr_class_row_t *row = &c->rows[job->row];
    char *base = gr_printf("%s/%s", o->dir, row->id);
    char *log = gr_printf("%s/grade.log", base);
    char *sub = gr_printf("SUBMISSION=%s/src", base);
    char *bd = gr_printf("BUILD_DIR=%s", base);
    char *lab = gr_printf("LAB=%s", job->labs);
    char *flags =
        gr_printf("GRADEFLAGS=--quiet --no-color --reference %s/.maxima%s%s", o->dir,
                  o->assignment ? " --assignment " : "", o->assignment ? o->assignment : "");
    char *hid = o->hidden ? gr_printf("HIDDEN=%s", o->hidden) : NULL;
    char *argv[] = { (char *)o->make,
                     "--no-print-directory",
                     "grade",
                     "SAN=",
                     "GRADE_BATCH=1",
                     sub,
                     bd,
                     lab,
                     flags,
                     hid,
                     NULL };
    pid_t pid = spawn(argv, log);
    free(base);
    free(log);
    free(sub);
    free(bd);
    free(lab);
    free(flags);
    free(hid);
    return pid;
}

// Step 3's end: fills the row from the results of this run (or the reused one).
static void collect(gr_class_t *c, const opts_t *o, job_t *job, bool ran_ok)
{
    gr_class_row_t *row = &c->rows[job->row];
    char *base = gr_printf("%s/%s", o->dir, row->id);
    char *path = gr_printf("%s/grade/results.json", base);
    json_error_t err;
    json_t *root = access(path, R_OK) == 0 ? json_load_file(path, 0, &err) : NULL;
    json_t *labs = json_object_get(json_object_get(root, "extra_data"), "labs");
    if (!json_is_object(labs)) {
        row->failed = true;
        note(row, "could not be graded (see %s/grade.log)", base);
    }
    for (size_t l = 0; l < c->nlabs && json_is_object(labs); l++) {
        if (!row->submitted[l])
            continue;
        json_t *lab = json_object_get(labs, c->labs[l]);
        json_t *score = json_object_get(lab, "score");
        if (!json_is_number(score)) {
            note(row, "%s: no result", c->labs[l]);
            continue;
        }
        row->graded[l] = true;
        row->score[l] = json_number_value(score);
        row->total += row->score[l];
        const char *why = json_string_value(json_object_get(lab, "note"));
        if (why && *why)
            note(row, "%s: %s", c->labs[l], why);
        double max = json_number_value(json_object_get(lab, "max_score"));
        if (max > c->max[l] + 1e-9 || max < c->max[l] - 1e-9) {
            char *m = gr_points(max);
            note(row, "%s: its suite's maximum was %s in this run", c->labs[l], m);
            free(m);
        }
    }
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(root, "tests"), i, t)
    {
        json_t *extra = json_object_get(t, "extra_data");
        const char *lab = json_string_value(json_object_get(extra, "lab"));
        const char *name = json_string_value(json_object_get(t, "name"));
        double s = json_number_value(json_object_get(t, "score"));
        double m = json_number_value(json_object_get(t, "max_score"));
        if (lab == NULL || name == NULL || !(s < m - 1e-9))
            continue;
        size_t n = strlen(lab);
        if (strncmp(name, lab, n) == 0 && strncmp(name + n, ": ", 2) == 0)
            name += n + 2;
        for (size_t l = 0; l < c->nlabs; l++)
            if (strcmp(c->labs[l], lab) == 0)
                gr_class_count_fail(c, l, name);
    }
    if (ran_ok && !row->failed) {
        char *stamp = gr_printf("%s/stamp", base);
        FILE *f = fopen(stamp, "w");
        if (f) {
            fputs(job->stamp, f);
            fclose(f);
        }
        free(stamp);
    }
    json_decref(root);
    free(path);
    free(base);
}

static void progress(const gr_class_t *c, size_t done, const gr_class_row_t *row)
{
    char *name = gr_clean_text(row->dir, strlen(row->dir));
    printf("[%zu/%zu] %s ", done, c->nrows, name);
    free(name);
    bool any = false;
    for (size_t l = 0; l < c->nlabs; l++) {
        if (!row->graded[l])
            continue;
        char *s = gr_points(row->score[l]), *m = gr_points(c->max[l]);
        printf(" %s %s/%s", c->labs[l], s, m);
        free(s);
        free(m);
        any = true;
    }
    if (!any)
        printf(" (nothing graded)");
    printf("%s\n", row->reused ? "  (unchanged since the last run)" : "");
    fflush(stdout);
}

// ---- the command -----------------------------------------------------------------

static int parse(int argc, char **argv, opts_t *o, char **labs)
{
    static const struct option longs[] = {
        { "class", required_argument, NULL, 'c' },
        { "labs", required_argument, NULL, 'l' },
        { "files", required_argument, NULL, 'f' },
        { "out", required_argument, NULL, 'o' },
        { "dir", required_argument, NULL, 'd' },
        { "roster", required_argument, NULL, 'r' },
        { "hidden", required_argument, NULL, 'H' },
        { "jobs", required_argument, NULL, 'j' },
        { "fresh", no_argument, NULL, 'F' },
        { "make", required_argument, NULL, 'm' },
        { "plots", required_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' },
        { "assignment", required_argument, NULL, 'A' },
        { NULL, 0, NULL, 0 },
    };
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    *o = (opts_t){ .out_csv = "build/gradebook.csv",
                   .dir = "build/class",
                   .make = "make",
                   .jobs = n > 0 && n < 64 ? (int)n : 1 };
    int ch;
    char *end;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "j:h", longs, NULL)) != -1) {
        switch (ch) {
        case 'c': o->class_dir = optarg; break;
        case 'l': *labs = optarg; break;
        case 'f': o->files = optarg; break;
        case 'o': o->out_csv = optarg; break;
        case 'd': o->dir = optarg; break;
        case 'r': o->roster = optarg; break;
        case 'H': o->hidden = optarg; break;
        case 'F': o->fresh = true; break;
        case 'm': o->make = optarg; break;
        case 'p': o->plots = optarg; break;
        case 'A': o->assignment = optarg; break;
        case 'j':
            o->jobs = (int)strtol(optarg, &end, 10);
            if (*end != '\0' || o->jobs < 1 || o->jobs > 64) {
                fprintf(stderr, "grader class: --jobs wants a number from 1 to 64, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc || o->class_dir == NULL || *labs == NULL || o->files == NULL) {
        fputs(optind < argc ? "grader class: unexpected argument\n"
                            : "grader class: --class, --labs and --files are required\n",
              stderr);
        usage(stderr);
        return 2;
    }
    return 0;
}

int gr_class_main(int argc, char **argv)
{
    opts_t o;
    char *labs = NULL;
    int rc = parse(argc, argv, &o, &labs);
    if (rc != 0)
        return rc == 1 ? 0 : 2;
    gr_class_t c = { 0 };
    double t0 = gr_seconds();
    if (parse_labs(&c, labs, o.files) != 0 || c.nlabs == 0)
        return 2;
    if (gr_mkdirs(o.dir) != 0 || list_submissions(&c, o.class_dir) != 0)
        return 1;
    if (o.roster && gr_class_roster(&c, o.roster) != 0)
        return 1;
    printf("memlab: grading %zu submission%s of %s, %d at a time\n", c.nrows,
           c.nrows == 1 ? "" : "s", labs, o.jobs);
    fflush(stdout);
    if (load_maxima(&c, &o, labs) != 0)
        return 1;
    if (o.assignment != NULL) { // the assignment's points replace the suites' maxima
        gr_assignment_t a;
        if (gr_assignment_load(o.assignment, &a) != 0)
            return 1;
        for (size_t l = 0; l < c.nlabs; l++)
            if (gr_assignment_cap(&a, c.labs[l]) > 0 && c.max[l] > 0)
                c.max[l] = gr_assignment_cap(&a, c.labs[l]);
        gr_assignment_free(&a);
    }
    job_t **running = calloc((size_t)o.jobs, sizeof *running);
    size_t next = 0, done = 0, active = 0;
    while (done < c.nrows) {
        while (active < (size_t)o.jobs && next < c.nrows) {
            bool reuse = false;
            size_t r = next++;
            job_t *job = prepare(&c, &o, r, &reuse);
            if (job == NULL || reuse) {
                if (job) {
                    c.rows[r].reused = true;
                    collect(&c, &o, job, false);
                    free(job->labs);
                    free(job);
                }
                progress(&c, ++done, &c.rows[r]);
                continue;
            }
            job->pid = launch(&c, &o, job);
            for (int k = 0; k < o.jobs; k++)
                if (running[k] == NULL) {
                    running[k] = job;
                    break;
                }
            active++;
        }
        if (active == 0)
            continue;
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int k = 0; k < o.jobs; k++) {
            job_t *job = running[k];
            if (job == NULL || job->pid != pid)
                continue;
            collect(&c, &o, job, WIFEXITED(st) && WEXITSTATUS(st) == 0);
            progress(&c, ++done, &c.rows[job->row]);
            free(job->labs);
            free(job);
            running[k] = NULL;
            active--;
        }
    }
    free(running);
    rc = gr_class_write_csv(&c, o.out_csv) == 0 ? 0 : 1;
    printf("memlab: class summary\n");
    if (gr_class_write_summary(&c, o.dir, stdout) != 0)
        rc = 1;
    if (o.plots) {
        char *data = gr_printf("%s/data", o.dir), *charts = gr_printf("%s/charts", o.dir);
        char *log = gr_printf("%s/plots.log", o.dir);
        char *argv2[] = { (char *)o.plots, data, charts, NULL };
        pid_t pid = spawn(argv2, log);
        if (pid < 0 || wait_for(pid) != 0)
            fprintf(stderr, "grader class: the histogram could not be drawn (see %s)\n", log);
        free(data);
        free(charts);
        free(log);
    }
    if (rc == 0)
        printf("memlab: gradebook of %zu submission%s in %s (%.0f s); summary in %s/summary.md\n",
               c.nrows, c.nrows == 1 ? "" : "s", o.out_csv, gr_seconds() - t0, o.dir);
    return rc;
}
