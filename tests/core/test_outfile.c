// test_outfile.c — unit tests of output files that appear whole or not at
// all (common/src/outfile.c): commit publishes the file with the mode fopen
// would give it, abort and every failure leave nothing behind, an existing
// file keeps its old content until the commit replaces it, two writers of
// one path never share a temporary, and errors come back as -1 with errno.
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/outfile.h"
#include "scratch.h"

// ---- scratch directories ------------------------------------------------------

// contents — the text of file `path` in a static buffer (the test fails
// when the file cannot be opened).
static const char *contents(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    cr_assert(f, "cannot read %s: %s", path, strerror(errno));
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void write_plain(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert(f, "fopen %s: %s", path, strerror(errno));
    fputs(text, f);
    cr_assert(fclose(f) == 0);
}

// start_replacing — put `old` into `path`, then open it again with `o` and
// write `new` through the stream (not yet committed). Returns the stream.
static FILE *start_replacing(ml_outfile_t *o, const char *path, const char *old, const char *new)
{
    write_plain(path, old);
    FILE *f = ml_outfile_open(o, path);
    cr_assert(f != NULL, "open %s: %s", path, strerror(errno));
    fputs(new, f);
    return f;
}

// ---- commit ---------------------------------------------------------------------

Test(outfile, commit_creates_the_file_with_what_was_written, .timeout = 5)
{
    char *dir = scratch_dir(), path[256];
    snprintf(path, sizeof path, "%s/chart.csv", dir);
    ml_outfile_t o;
    FILE *f = ml_outfile_open(&o, path);
    cr_assert(f != NULL, "open: %s", strerror(errno));
    cr_assert(f == o.f, "the stream returned should be o.f");
    cr_assert_str_eq(o.path, path);
    fprintf(f, "x,y\n1,2\n");
    cr_assert(access(path, F_OK) != 0, "the final path must not exist before the commit");
    cr_assert(ml_outfile_commit(&o) == 0, "commit: %s", strerror(errno));
    cr_assert_str_eq(contents(path), "x,y\n1,2\n");
    cr_assert(o.f == NULL && o.tmp[0] == '\0', "after a commit no file is open");
    cr_assert_str_eq(o.path, path, "o.path still names the file after the commit");
    cr_assert(scratch_entries(dir) == 1, "only the committed file may be left, found %d names",
              scratch_entries(dir));
    scratch_remove(dir);
}

Test(outfile, committed_file_has_the_mode_fopen_would_give, .timeout = 5)
{
    char *dir = scratch_dir(), path[256];
    snprintf(path, sizeof path, "%s/t.rep", dir);
    static const mode_t masks[] = { 022, 077, 002 };
    for (size_t i = 0; i < sizeof masks / sizeof *masks; i++) {
        umask(masks[i]);
        ml_outfile_t o;
        cr_assert(ml_outfile_open(&o, path) != NULL, "open: %s", strerror(errno));
        cr_assert(ml_outfile_commit(&o) == 0, "commit: %s", strerror(errno));
        struct stat st;
        cr_assert(stat(path, &st) == 0);
        cr_assert((st.st_mode & 0777) == (0666 & ~masks[i]), "umask %03o: mode %03o, want %03o",
                  (unsigned)masks[i], (unsigned)(st.st_mode & 0777), (unsigned)(0666 & ~masks[i]));
    }
    scratch_remove(dir);
}

Test(outfile, open_in_joins_directory_and_name, .timeout = 5)
{
    char *dir = scratch_dir(), slashed[256], want[256];
    snprintf(slashed, sizeof slashed, "%s/", dir);
    snprintf(want, sizeof want, "%s/a.csv", dir);
    const char *dirs[] = { dir, slashed };
    for (int i = 0; i < 2; i++) {
        ml_outfile_t o;
        FILE *f = ml_outfile_open_in(&o, dirs[i], "a.csv");
        cr_assert(f != NULL, "open_in(%s): %s", dirs[i], strerror(errno));
        cr_assert_str_eq(o.path, want, "open_in(\"%s\", \"a.csv\")", dirs[i]);
        fprintf(f, "%d\n", i);
        cr_assert(ml_outfile_commit(&o) == 0);
        cr_assert_str_eq(contents(want), i ? "1\n" : "0\n");
    }
    scratch_remove(dir);
}

Test(outfile, a_relative_name_is_written_in_the_current_directory, .timeout = 5)
{
    char *dir = scratch_dir();
    cr_assert(chdir(dir) == 0);
    ml_outfile_t o;
    FILE *f = ml_outfile_open(&o, "plain.txt");
    cr_assert(f != NULL, "open: %s", strerror(errno));
    cr_assert(strchr(o.tmp, '/') == NULL, "temporary %s should be in the current directory", o.tmp);
    fputs("here\n", f);
    cr_assert(ml_outfile_commit(&o) == 0);
    cr_assert_str_eq(contents("plain.txt"), "here\n");
    cr_assert(scratch_entries(".") == 1);
    scratch_remove(dir);
}

Test(outfile, commit_sync_publishes_like_commit, .timeout = 5)
{
    char *dir = scratch_dir();
    ml_outfile_t o;
    FILE *f = ml_outfile_open_in(&o, dir, "kept.rep");
    cr_assert(f != NULL);
    fputs("4096\n", f);
    cr_assert(ml_outfile_commit_sync(&o) == 0, "commit_sync: %s", strerror(errno));
    cr_assert_str_eq(contents(o.path), "4096\n");
    cr_assert(scratch_entries(dir) == 1);
    scratch_remove(dir);
}

// ---- replacing --------------------------------------------------------------------

Test(outfile, an_existing_file_keeps_its_old_content_until_the_commit, .timeout = 5)
{
    char *dir = scratch_dir(), path[256];
    snprintf(path, sizeof path, "%s/results.json", dir);
    ml_outfile_t o;
    FILE *f = start_replacing(&o, path, "old complete content\n", "new");
    struct stat before;
    cr_assert(stat(path, &before) == 0);
    cr_assert(fflush(f) == 0); // the bytes are in the temporary now
    cr_assert_str_eq(contents(path), "old complete content\n",
                     "a reader during the write must see the old file whole");
    fputs(" content\n", f);
    cr_assert(ml_outfile_commit(&o) == 0);
    cr_assert_str_eq(contents(path), "new content\n",
                     "the shorter new file replaces the old whole");
    struct stat after;
    cr_assert(stat(path, &after) == 0);
    cr_assert(after.st_ino != before.st_ino,
              "the new file must replace the old by rename, not be written into it");
    cr_assert(scratch_entries(dir) == 1);
    scratch_remove(dir);
}

Test(outfile, two_writers_of_one_path_use_different_temporaries, .timeout = 5)
{
    char *dir = scratch_dir();
    ml_outfile_t a, b;
    FILE *fa = ml_outfile_open_in(&a, dir, "same.csv");
    FILE *fb = ml_outfile_open_in(&b, dir, "same.csv");
    cr_assert(fa && fb, "both writers should open: %s", strerror(errno));
    cr_assert_str_neq(a.tmp, b.tmp, "two writers share the temporary %s", a.tmp);
    fputs("from a\n", fa);
    fputs("from b\n", fb);
    cr_assert(scratch_entries(dir) == 2, "two temporaries while both write, found %d",
              scratch_entries(dir));
    cr_assert(ml_outfile_commit(&a) == 0);
    cr_assert_str_eq(contents(a.path), "from a\n");
    cr_assert(ml_outfile_commit(&b) == 0);
    cr_assert_str_eq(contents(b.path), "from b\n", "the last commit wins, whole");
    cr_assert(scratch_entries(dir) == 1);
    scratch_remove(dir);
}

Test(outfile, temporaries_are_hidden_in_the_final_directory, .timeout = 5)
{
    char *dir = scratch_dir();
    ml_outfile_t o;
    cr_assert(ml_outfile_open_in(&o, dir, "chart.csv") != NULL);
    size_t dl = strlen(dir);
    cr_assert(strncmp(o.tmp, dir, dl) == 0 && o.tmp[dl] == '/' &&
                  strchr(o.tmp + dl + 1, '/') == NULL,
              "temporary %s is not directly in %s", o.tmp, dir);
    cr_assert(o.tmp[dl + 1] == '.', "temporary %s is not hidden (a *.csv glob could see it)",
              o.tmp);
    size_t tl = strlen(o.tmp);
    cr_assert(tl < 4 || strcmp(o.tmp + tl - 4, ".csv") != 0, "temporary %s ends in .csv", o.tmp);
    cr_assert(access(o.tmp, F_OK) == 0, "the temporary %s should exist while writing", o.tmp);
    ml_outfile_abort(&o);
    scratch_remove(dir);
}

// ---- abort and failures ------------------------------------------------------------------

Test(outfile, abort_leaves_nothing, .timeout = 5)
{
    char *dir = scratch_dir(), path[256];
    snprintf(path, sizeof path, "%s/never.csv", dir);
    ml_outfile_t o;
    FILE *f = ml_outfile_open(&o, path);
    cr_assert(f != NULL);
    fputs("half a fi", f);
    errno = EDOM;
    ml_outfile_abort(&o);
    cr_assert(errno == EDOM, "abort must preserve errno for the caller's message");
    cr_assert(access(path, F_OK) != 0, "an aborted file must not appear");
    cr_assert(scratch_entries(dir) == 0, "abort left %d names behind", scratch_entries(dir));
    cr_assert(o.f == NULL);
    ml_outfile_abort(&o); // a second abort does nothing
    errno = 0;
    cr_assert(ml_outfile_commit(&o) == -1 && errno == EBADF, "commit after abort: -1, EBADF");
    scratch_remove(dir);
}

Test(outfile, abort_keeps_an_existing_file_unchanged, .timeout = 5)
{
    char *dir = scratch_dir(), path[256];
    snprintf(path, sizeof path, "%s/keep.csv", dir);
    ml_outfile_t o;
    start_replacing(&o, path, "old\n", "new\n");
    ml_outfile_abort(&o);
    cr_assert_str_eq(contents(path), "old\n");
    cr_assert(scratch_entries(dir) == 1);
    scratch_remove(dir);
}

Test(outfile, open_in_a_missing_directory_fails_with_enoent_and_names_the_file, .timeout = 5)
{
    ml_outfile_t o;
    errno = 0;
    cr_assert(ml_outfile_open(&o, "/tmp/memlab-no-such-dir-for-sure/x/t.csv") == NULL);
    cr_assert(errno == ENOENT, "errno %d (%s), want ENOENT", errno, strerror(errno));
    cr_assert_str_eq(o.path, "/tmp/memlab-no-such-dir-for-sure/x/t.csv",
                     "o.path must name the file for the message");
    cr_assert(o.f == NULL);
    ml_outfile_abort(&o); // safe after a failed open
    errno = 0;
    cr_assert(ml_outfile_commit(&o) == -1 && errno == EBADF);
}

Test(outfile, open_under_a_plain_file_fails_with_enotdir, .timeout = 5)
{
    char *dir = scratch_dir(), path[256];
    snprintf(path, sizeof path, "%s/file", dir);
    write_plain(path, "x");
    ml_outfile_t o;
    errno = 0;
    cr_assert(ml_outfile_open_in(&o, path, "c.csv") == NULL);
    cr_assert(errno == ENOTDIR, "errno %d (%s), want ENOTDIR", errno, strerror(errno));
    cr_assert(scratch_entries(dir) == 1);
    scratch_remove(dir);
}

Test(outfile, open_in_an_unwritable_directory_reports_eacces_and_leaves_nothing, .timeout = 5)
{
    // A directory no one may write, tried from a child process that is not
    // root (root may write anywhere).
    char *dir = scratch_dir(), path[256];
    cr_assert(chmod(dir, 0555) == 0);
    snprintf(path, sizeof path, "%s/denied.csv", dir);
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(10);
        ml_outfile_t o;
        errno = 0;
        FILE *f = ml_outfile_open(&o, path);
        _exit(f != NULL ? 11 : errno != EACCES ? 12 : strcmp(o.path, path) != 0 ? 13 : 0);
    }
    int status;
    cr_assert(waitpid(pid, &status, 0) == pid && WIFEXITED(status));
    int code = WEXITSTATUS(status);
    cr_assert(code != 10, "the child could not drop root privileges");
    cr_assert(code != 11, "opening in a read-only directory succeeded");
    cr_assert(code != 12, "the error was not EACCES");
    cr_assert(code == 0, "o.path did not name the file (code %d)", code);
    cr_assert(scratch_entries(dir) == 0, "a failed open left %d names", scratch_entries(dir));
    cr_assert(chmod(dir, 0700) == 0);
    scratch_remove(dir);
}

Test(outfile, a_failed_write_makes_commit_fail_and_keeps_the_old_file, .timeout = 5)
{
    char *dir = scratch_dir(), path[256];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    ml_outfile_t o;
    FILE *f = start_replacing(&o, path, "old\n", "new\n");
    // Reading a write-only stream sets its error indicator, as a failed
    // write (a full disk) would.
    (void)fgetc(f);
    cr_assert(ferror(f), "internal: the error indicator should be set");
    errno = 0;
    cr_assert(ml_outfile_commit(&o) == -1, "commit must fail after a failed write");
    cr_assert(errno == EIO, "errno %d (%s), want EIO", errno, strerror(errno));
    cr_assert_str_eq(contents(path), "old\n", "the old file must be left whole");
    cr_assert(scratch_entries(dir) == 1, "the temporary was left behind (%d names)",
              scratch_entries(dir));
    scratch_remove(dir);
}

Test(outfile, a_failed_rename_reports_the_error_and_leaves_no_temporary, .timeout = 5)
{
    // A non-empty directory where the file should go: rename(2) refuses.
    char *dir = scratch_dir(), path[256], inner[300];
    snprintf(path, sizeof path, "%s/planted", dir);
    cr_assert(mkdir(path, 0755) == 0);
    snprintf(inner, sizeof inner, "%s/keep", path);
    write_plain(inner, "k");
    ml_outfile_t o;
    FILE *f = ml_outfile_open(&o, path);
    cr_assert(f != NULL);
    fputs("data\n", f);
    errno = 0;
    cr_assert(ml_outfile_commit(&o) == -1);
    cr_assert(errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST,
              "errno %d (%s) should be rename's", errno, strerror(errno));
    cr_assert(scratch_entries(dir) == 1, "the temporary was left behind (%d names)",
              scratch_entries(dir));
    cr_assert_str_eq(contents(inner), "k", "the directory must be untouched");
    unlink(inner);
    scratch_remove(dir);
}

Test(outfile, bad_paths_are_refused_without_creating_anything, .timeout = 5)
{
    char *dir = scratch_dir(), slashed[256];
    ml_outfile_t o;
    errno = 0;
    cr_assert(ml_outfile_open(&o, "") == NULL && errno == EINVAL, "an empty path: EINVAL");
    errno = 0;
    cr_assert(ml_outfile_open(&o, NULL) == NULL && errno == EINVAL, "no path: EINVAL");
    errno = 0;
    cr_assert(ml_outfile_open_in(&o, dir, "") == NULL && errno == EINVAL, "an empty name: EINVAL");
    snprintf(slashed, sizeof slashed, "%s/", dir);
    errno = 0;
    cr_assert(ml_outfile_open(&o, slashed) == NULL && errno == EISDIR,
              "a path ending in '/': EISDIR");
    char *huge = malloc(ML_OUTFILE_PATH_MAX + 100);
    snprintf(huge, ML_OUTFILE_PATH_MAX + 100, "%s/", dir);
    size_t n = strlen(huge);
    memset(huge + n, 'x', ML_OUTFILE_PATH_MAX + 99 - n);
    huge[ML_OUTFILE_PATH_MAX + 99] = '\0';
    errno = 0;
    cr_assert(ml_outfile_open(&o, huge) == NULL && errno == ENAMETOOLONG,
              "a path too long: ENAMETOOLONG");
    size_t pl = strlen(o.path);
    cr_assert(pl > 3 && strcmp(o.path + pl - 3, "...") == 0 &&
                  strncmp(o.path, dir, strlen(dir)) == 0,
              "o.path should hold the start of the long path and \"...\"");
    free(huge);
    cr_assert(scratch_entries(dir) == 0, "a refused path created %d names", scratch_entries(dir));
    scratch_remove(dir);
}

Test(outfile, fail_reports_cannot_write_path_and_reason_and_gives_the_file_up, .timeout = 5,
     .init = cr_redirect_stderr)
{
    char *dir = scratch_dir();
    ml_outfile_t o;
    cr_assert(ml_outfile_open_in(&o, dir, "x.csv") != NULL);
    errno = ENOSPC; // as a failed commit would leave it
    cr_assert(ml_outfile_fail(&o, "some bench") == -1);
    cr_assert(errno == ENOSPC, "fail must preserve errno");
    cr_assert(o.f == NULL && scratch_entries(dir) == 0, "fail must remove the temporary");
    errno = 0;
    cr_assert(ml_outfile_open(&o, "/tmp/memlab-no-such-dir-for-sure/y.csv") == NULL);
    ml_outfile_fail(&o, "prog");
    fflush(stderr);
    char want[512];
    snprintf(want, sizeof want,
             "some bench: cannot write %s/x.csv: %s\n"
             "prog: cannot write /tmp/memlab-no-such-dir-for-sure/y.csv: %s\n",
             dir, strerror(ENOSPC), strerror(ENOENT));
    cr_assert_stderr_eq_str(want);
    scratch_remove(dir);
}

// ---- a child program fills the temporary ---------------------------------------------

Test(outfile, a_file_written_to_the_temporary_by_name_is_published, .timeout = 5)
{
    // As `dot -Tsvg -o <o.tmp>` does: the temporary is truncated and
    // written through another descriptor; the stream is never used.
    char *dir = scratch_dir();
    ml_outfile_t o;
    cr_assert(ml_outfile_open_in(&o, dir, "heap.svg") != NULL);
    write_plain(o.tmp, "<svg/>\n");
    cr_assert(ml_outfile_commit(&o) == 0);
    cr_assert_str_eq(contents(o.path), "<svg/>\n");
    cr_assert(scratch_entries(dir) == 1);
    scratch_remove(dir);
}

Test(outfile, many_commits_and_aborts_leave_only_the_committed_files, .timeout = 5)
{
    char *dir = scratch_dir();
    for (int i = 0; i < 50; i++) {
        char name[32];
        snprintf(name, sizeof name, "f%d.csv", i % 5);
        ml_outfile_t o;
        FILE *f = ml_outfile_open_in(&o, dir, name);
        cr_assert(f != NULL);
        fprintf(f, "%d\n", i);
        if (i % 3 == 0)
            ml_outfile_abort(&o);
        else
            cr_assert(ml_outfile_commit(&o) == 0);
    }
    cr_assert(scratch_entries(dir) == 5, "5 files expected, found %d names", scratch_entries(dir));
    scratch_remove(dir);
}
