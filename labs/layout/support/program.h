// program.h — the parts of the layout program (build/<impl>/bin/layout)
// besides main.c: the example objects it places in memory (specimens.c),
// what it prints (report.c), the picture it draws (draw.c) and the two-run
// comparison (compare.c). None of this is the student's work; all of it
// calls the student's functions from layout.h.
#ifndef LAYOUT_PROGRAM_H
#define LAYOUT_PROGRAM_H

#include <stdbool.h>
#include <stdio.h>
#include <jansson.h>

#include "layout.h"

// ---- example objects (specimens.c) -------------------------------------------------

#define LAYOUT_MAX_SPECIMENS 24

// One object placed somewhere on purpose, with the kind it is by construction.
typedef struct layout_specimen {
    const char *id;   // short name used in JSON and tests: "global", "tls", ...
    const char *what; // a phrase for people: "a global initialized to 42"
    uintptr_t addr;
    layout_kind_t expected; // what it is, known without reading the maps
} layout_specimen_t;

typedef struct layout_specimens layout_specimens_t;

// layout_specimens_start — create one object of each kind: allocations, an
// anonymous and a file mapping, and a thread that records itself in `facts`
// (stack and TLS) and waits. `main_local` is the address of a local variable
// of the caller's frame (the main stack). Returns the set, or NULL when
// memory or the thread cannot be had (nothing is left behind).
layout_specimens_t *layout_specimens_start(layout_facts_t *facts, void *main_local);
// The objects, in a fixed order; *n receives their count.
const layout_specimen_t *layout_specimens_list(const layout_specimens_t *s, size_t *n);
// layout_specimens_stop — release the thread, free and unmap everything.
void layout_specimens_stop(layout_specimens_t *s);

// ---- one look at the process (report.c) ------------------------------------------------

// Everything the program found in one run, with the student's answers.
typedef struct layout_run {
    layout_map_t map;
    bool map_ok; // layout_read_maps succeeded
    char map_err[512];
    layout_facts_t facts;
    const layout_specimen_t *objects;
    size_t nobjects;
    layout_size_t size;
    bool size_ok; // layout_elf_size succeeded
    char size_err[512];
    bool threshold_run; // the malloc experiment was made
    size_t pin;         // the M_MMAP_THRESHOLD it pinned
    long threshold;     // layout_find_mmap_threshold's answer
    int aslr;           // /proc/sys/kernel/randomize_va_space, -1 unknown
    bool no_randomize;  // this process runs with ADDR_NO_RANDOMIZE
    bool pie;           // the program is position-independent (ET_DYN)
} layout_run_t;

// layout_system_aslr — /proc/sys/kernel/randomize_va_space (0, 1, 2), or -1.
int layout_system_aslr(void);
// layout_exe_is_pie — whether the ELF file at `path` is of type ET_DYN.
bool layout_exe_is_pie(const char *path);
// layout_human_size — "12 KiB", "1.5 GiB" into buf (at least 16 bytes).
const char *layout_human_size(uint64_t bytes, char *buf, size_t len);

// layout_report_text — the process map with the objects placed in it, then
// the objects, the size numbers and the malloc experiment, for people.
void layout_report_text(FILE *out, const layout_run_t *run);
// layout_report_json — the same as a JSON object (addresses as "0x..." strings).
json_t *layout_report_json(const layout_run_t *run);

// ---- the picture (draw.c) ----------------------------------------------------------------

// layout_draw_dot — the address space as a Graphviz graph: a column of
// regions, high addresses on top, each row's height growing with the log of
// its size, gaps shown, the objects pointing at their rows. Returns 0, or -1
// on an output error.
int layout_draw_dot(FILE *out, const layout_run_t *run);
// layout_write_picture — write the DOT text (svg == false) or run `dot -Tsvg`
// on it (svg == true) into `path`, through a temporary file renamed into
// place. Returns 0, or -1 with the reason in err.
int layout_write_picture(const char *path, bool svg, const layout_run_t *run, char *err,
                         size_t errlen);

// ---- expect files (expect.c) ------------------------------------------------------------
// What a person (or --record) wrote down for a recorded map: one address per
// line, "ADDR KIND [OBJECT]"; expect.c describes the format.

typedef struct layout_expect_entry {
    uintptr_t addr;
    layout_kind_t kind; // the expected kind (never LAYOUT_UNKNOWN)
    char object[64];    // the object's name, "" when the line has none
    unsigned line;      // where in the file
} layout_expect_entry_t;

typedef struct layout_expect {
    layout_expect_entry_t *entries;
    size_t n, cap;
} layout_expect_t;

// layout_expect_read — parse an expect file (`name` for messages). Returns 0;
// or -1 with "name:line: what is wrong" in err, and `x` empty.
int layout_expect_read(FILE *in, const char *name, layout_expect_t *x, char *err, size_t errlen);
// layout_expect_free — release the entries; `x` is empty afterwards.
void layout_expect_free(layout_expect_t *x);
// layout_expect_check — classify every address with layout_classify and
// print a table (line, address, expected kind, your kind, object, ok or
// DIFFERS) and a summary to `out`. Returns how many differ.
size_t layout_expect_check(FILE *out, const char *name, const layout_expect_t *x,
                           const layout_map_t *map, const layout_facts_t *facts);
// layout_expect_json — the same comparison as a JSON array of
// {line, addr, object, expected, kind, ok}.
json_t *layout_expect_json(const layout_expect_t *x, const layout_map_t *map,
                           const layout_facts_t *facts);

// ---- two runs (compare.c) ----------------------------------------------------------------

// layout_compare — run this program twice (/proc/self/exe --json
// --no-threshold), with address randomization disabled for the children if
// `no_randomize`, and show what moved: as text, or as JSON if `json`.
// Returns 0, or 1 when a run failed (the reason is printed on stderr).
int layout_compare(FILE *out, bool json, bool no_randomize, const char *argv0);

#endif
