// outfile.h — output files that appear whole or not at all (no program
// leaves a half-written output looking complete).
//
// Every memlab program that writes a result (chart data, a trace, a DOT
// graph, an SVG, a page of frames, a report) writes it through this module:
//
//     ml_outfile_t o;
//     FILE *f = ml_outfile_open(&o, path);     // or ml_outfile_open_in(&o, dir, name)
//     if (!f)
//         return ml_outfile_fail(&o, "prog");  // "prog: cannot write PATH: reason"
//     fprintf(f, ...);
//     if (ml_outfile_commit(&o) != 0)
//         return ml_outfile_fail(&o, "prog");
//     (or ml_outfile_abort(&o) to give the file up silently)
//
// The bytes go to a temporary file in the final path's own directory (so
// the rename(2) that publishes it stays inside one file system and is
// atomic), named ".<name>.tmp.<pid>.<random>": hidden, so a reader that
// lists the directory for `*.csv` never picks it up, and created with
// O_EXCL, so two writers of the same path, in one process or in several,
// never share a temporary. Commit renames it over the final path: a reader
// sees the old file, or the new one complete. Any failure removes the
// temporary, so nothing is left behind but the old file, if there was one.
//
// The temporary is created with mode 0666 less the umask, the mode
// fopen(path, "w") gives a new file; a writer that wants another mode
// changes it with fchmod(fileno(f), mode) before committing.
#ifndef MEMLAB_OUTFILE_H
#define MEMLAB_OUTFILE_H

#include <stdio.h>

// The longest path (final or temporary) the module handles, terminator
// included; a longer one fails with ENAMETOOLONG.
#define ML_OUTFILE_PATH_MAX 4096

typedef struct ml_outfile {
    FILE *f;                        // the stream on the temporary; NULL when none is open
    char path[ML_OUTFILE_PATH_MAX]; // the final path, for messages (kept after commit/abort;
                                    // cut short with "..." if it did not fit)
    char tmp[ML_OUTFILE_PATH_MAX];  // the temporary's path while one is open, else ""
} ml_outfile_t;

// ml_outfile_open — start writing `path`: creates the temporary beside it
// and returns a stream on it (also kept in o->f). Returns NULL with errno
// set when `path` is NULL or empty (EINVAL), ends in '/' (EISDIR), is too
// long (ENAMETOOLONG), or the temporary cannot be created (open's errno,
// e.g. ENOENT for a missing directory, EACCES for an unwritable one). Even
// then o->path names the file, for the message, and o is safe to pass to
// ml_outfile_abort. Nothing is created on failure; the final path is never
// touched before commit.
FILE *ml_outfile_open(ml_outfile_t *o, const char *path);

// ml_outfile_open_in — ml_outfile_open of "<dir>/<name>" (the benchmarks'
// and suites' DIR/<chart>.csv). The same returns and errors.
FILE *ml_outfile_open_in(ml_outfile_t *o, const char *dir, const char *name);

// ml_outfile_commit — finish the file: checks that no write failed, closes
// the stream and renames the temporary over the final path. Returns 0, or
// -1 with errno set (EIO for an earlier failed write, else the errno of the
// failing close or rename; EBADF when no file is open) after removing the
// temporary: the final path then keeps its old content, or stays absent.
// Either way o->f is NULL afterwards and o->path still names the file.
int ml_outfile_commit(ml_outfile_t *o);

// ml_outfile_commit_sync — ml_outfile_commit that also fsyncs the data
// before the rename, so that after a crash the path holds the old file or
// the complete new one (for files that are kept, such as traces). The same
// returns.
int ml_outfile_commit_sync(ml_outfile_t *o);

// ml_outfile_abort — give the file up: closes the stream and removes the
// temporary; the final path is left as it was. Does nothing when no file is
// open (after a failed open, a commit or an abort). Preserves errno, so an
// error path can call it before reporting. Cannot fail.
void ml_outfile_abort(ml_outfile_t *o);

// ml_outfile_fail — the house report of a failed open or commit: prints
// "<who>: cannot write <o->path>: <strerror(errno)>" on stderr and gives the
// file up (ml_outfile_abort). Call it right after the failing call, while
// errno holds the reason. Returns -1 (so `return ml_outfile_fail(...)`);
// preserves errno.
int ml_outfile_fail(ml_outfile_t *o, const char *who);

// A child program may fill the temporary by name (`dot -Tsvg -o <o->tmp>`)
// instead of the stream, as long as nothing was written to o->f; commit
// then publishes what the child wrote.

#endif
