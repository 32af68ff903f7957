// class.h — `grader class`: grading a whole class into one gradebook.
//
//   class.c       options; the labs' maxima from their suites' manifests;
//                 for each submission (N at a time): find and stage its
//                 files, `make grade` it into a build of its own, read back
//                 that run's results.json; progress on the terminal
//   class_find.c  a student's files found tolerantly in an upload, staged;
//                 the stamp that lets a finished grade be reused
//   classbook.c   the roster, the gradebook CSV (RFC 4180), the class
//                 summary (median, quartiles, the tests most failed) and the
//                 histogram data charted by plots/gradebook-scores.gp
//
// A row is only ever filled from results that this run produced or checked
// (same stamp); a lab's maximum is the same in every row, taken from the
// suite's manifest; a lab a student did not submit is an empty cell.
#ifndef MEMLAB_GRADER_CLASS_H
#define MEMLAB_GRADER_CLASS_H

#include <stdint.h>

#include "grader.h"

typedef struct {
    char *dir;       // the submission's directory name, exactly as uploaded
    char *id;        // its build name under the class directory (no spaces)
    char *who[3];    // student id, name, email from the roster, or NULL
    bool *submitted; // per lab: its files were found
    bool *graded;    // per lab: a score came back from grading
    double *score;   // per lab
    double total;
    gr_buf_t note; // "; "-separated
    bool reused;   // the results of an earlier identical run were kept
    bool failed;   // grading itself failed (no results.json)
} gr_class_row_t;

typedef struct {
    size_t lab;
    char *test;
    unsigned count;
} gr_class_fail_t;

typedef struct {
    char **labs;
    size_t nlabs, cap_labs;
    char ***files; // per lab: its student files, NULL-terminated
    double *max;   // per lab, from the manifests
    gr_class_row_t *rows;
    size_t nrows;
    bool has_roster;
    gr_class_fail_t *fails; // tests lost by some student, with counts
    size_t nfails, capfails;
} gr_class_t;

// ---- class_find.c ----
// gr_class_find — the file `file` of `lab` in the upload `submission`.
// Returns 0 with *picked (relative to submission; caller frees) and, when
// several candidates existed, *note naming them; -1 with *note ("no FILE in
// this submission") when there is none.
int gr_class_find(const char *submission, const char *lab, const char *file, char **picked,
                  char **note);
// gr_class_stage — copies the regular file `from` to `to`. Returns 0, or -1
// with *why (caller frees); refuses files over a few MiB.
int gr_class_stage(const char *from, const char *to, char **why);
// The stamp: a running hash of texts, file contents and file times.
uint64_t gr_class_stamp_init(void);
uint64_t gr_class_stamp_text(uint64_t h, const char *s);
uint64_t gr_class_stamp_file(uint64_t h, const char *path);
uint64_t gr_class_stamp_mtime(uint64_t h, const char *path);
// Every file's name, time and size under `dir` (symbolic links not followed).
uint64_t gr_class_stamp_tree(uint64_t h, const char *dir);

// ---- classbook.c ----
// gr_class_roster — reads ROSTER (CSV with a header naming a `directory`
// column and any of `id`, `name`, `email`) into the rows whose dir matches.
// Returns 0, or -1 after printing `file:line: what is wrong`.
int gr_class_roster(gr_class_t *c, const char *path);
void gr_class_count_fail(gr_class_t *c, size_t lab, const char *test);
// The gradebook: student[,id,name,email],<labs>,total,max,note — written
// atomically. Returns 0 or -1 (after saying why).
int gr_class_write_csv(const gr_class_t *c, const char *path);
// The class summary: <dir>/summary.md, <dir>/data/gradebook/scores.csv (the
// histogram's data), and a few lines on `term`. Returns 0 or -1.
int gr_class_write_summary(const gr_class_t *c, const char *dir, FILE *term);

// `grader class ...`; returns the exit status.
int gr_class_main(int argc, char **argv);

#endif
