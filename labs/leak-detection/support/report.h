// report.h — the program's side of the tracker: starting a program under
// lib/libleak.so (spawn.c), reading the report file it leaves (report.c),
// naming the allocation sites with libdw (symbolize.c), and writing the
// reports in valgrind's, LeakSanitizer's and pprof's shapes (report.c).
#ifndef LEAK_REPORT_H
#define LEAK_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "leaks.h"

// ---- starting a program (spawn.c) ----------------------------------------------

// Why a program cannot be run under the tracker; the program's exit status
// for each is the value (the shell's 127 and 126, then memlab's own).
typedef enum {
    LK_PROG_OK = 0,
    LK_PROG_NOT_FOUND = 127,
    LK_PROG_NOT_EXECUTABLE = 126,
    LK_PROG_STATIC = 125,
} lk_prog_status_t;

// lk_check_program — finds `name` (through $PATH when it has no '/') into
// `path` and checks that it can be run under a preloaded library: it
// exists, is an executable regular file, and is a dynamically linked ELF
// program or a script. On failure, a one-line reason goes into `why`.
lk_prog_status_t lk_check_program(const char *name, char *path, size_t cap, char *why,
                                  size_t whycap);

// lk_lib_path — the tracker library next to the running executable
// (<dir of exe>/../lib/libleak.so) into `out`. Returns 0, or -1 if it is
// not there.
int lk_lib_path(char *out, size_t cap);

typedef struct lk_run_opts {
    const char *lib;     // the library to preload
    const char *out_dir; // LEAK_OUT: where the reports go
    double interval_ms;  // heap samples every this many ms (0: default)
    unsigned long every; // or every this many allocation events (0: by time)
    bool quiet;          // send the program's stdout and stderr to /dev/null
} lk_run_opts_t;

// lk_run — runs path with argv under the tracker and waits for it. Returns
// its pid (the name of its report) and its wait status in *status, or -1 if
// it could not be started (errno says why).
pid_t lk_run(const char *path, char *const argv[], const lk_run_opts_t *o, int *status);

// ---- the report file (report.c) ---------------------------------------------------

typedef struct lk_frame {
    unsigned long pc;
    char *text; // "function file.c:12" or "function+0x1c (libfoo.so)" or "0x7f.."
} lk_frame_t;

typedef struct lk_site_info {
    lk_frame_t *frames;
    int depth;
    char *key; // the frames' texts joined by " < ": a site's name across runs
} lk_site_info_t;

typedef struct lk_report {
    long pid;
    char *program;
    char *end; // "exit" or "crash"
    int signal;
    size_t allocs, frees, bytes_allocated;
    lk_block_t *blocks;
    size_t nblocks;
    lk_site_info_t *sites; // [0] is the unknown site; 1..nsites
    size_t nsites;
    double *sample_ms;
    size_t *sample_live;
    size_t nsamples;
    size_t nroots, own_roots;
} lk_report_t;

// lk_report_load — reads a report file and, if `symbolize`, names its sites
// with libdw (else the frames are bare addresses). Returns 0, or -1 with
// "file: what is wrong" in err.
int lk_report_load(const char *path, lk_report_t *r, bool symbolize, char *err, size_t errcap);
// lk_report_parse — the same from text[0..len) named `name` in messages.
int lk_report_parse(const char *text, size_t len, const char *name, lk_report_t *r, bool symbolize,
                    char *err, size_t errcap);
void lk_report_free(lk_report_t *r);

// lk_profile_load — a profile saved by --save-profile: its lines into *out
// (malloc'd; keys point into *keep, a jansson value to json_decref after).
// Returns the number of lines, or -1 with "file:line: what is wrong" in err.
struct json_t;
long lk_profile_load(const char *path, lk_prof_t **out, struct json_t **keep, char *err,
                     size_t errcap);
// lk_profile_parse — the same from text[0..len) named `name` in messages.
long lk_profile_parse(const char *text, size_t len, const char *name, lk_prof_t **out,
                      struct json_t **keep, char *err, size_t errcap);

// lk_symbolize — names pcs[i] of the modules in `mods` (a jansson array of
// {path, bias}) into texts[i] (malloc'd). Unknown addresses become "0x...".
void lk_symbolize(struct json_t *mods, const unsigned long *pcs, size_t n, char **texts);

// lk_print_summary — valgrind's LEAK SUMMARY (or its "All heap blocks were
// freed" line) for the classified blocks, each line prefixed by `prefix`.
void lk_print_summary(FILE *f, const char *prefix, const lk_count_t sum[LK_NKINDS]);
// lk_fmt_count — "1,600 bytes in 100 blocks" into buf.
const char *lk_fmt_count(char *buf, size_t cap, lk_count_t c);
// lk_print_records — LeakSanitizer-style records grouped by site (lk_group);
// still reachable ones only if `reachable`.
void lk_print_records(FILE *f, const lk_report_t *r, bool reachable);

// lk_profile — the in-use profile by site of the report's live blocks into
// *out (malloc'd, keys borrowed from r), largest first. Returns its length.
size_t lk_profile(const lk_report_t *r, lk_prof_t **out);

#endif
