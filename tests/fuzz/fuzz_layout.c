// fuzz_layout.c — fuzz target for the layout lab's readers of recorded
// processes (labs/layout/support/): the expect file of `layout --expect`
// (expect.c) and the facts file of `layout --facts` (facts.c), both user
// input, read line by line.
//
// LLVMFuzzerTestOneInput feeds the bytes to layout_expect_read and to
// layout_facts_read and checks, beyond "never crashes" (AddressSanitizer and
// UBSan watch every access):
//   - a rejection says "fuzz:LINE: text" with LINE a line of the input, the
//     input cut after that line is rejected with the same message, and a
//     short buffer gets the terminated prefix (ml_fuzz_check_line_error);
//   - an accepted expect file has at least one address, every kind a real
//     one (never "unknown"), every object name terminated and line numbers
//     that rise; comparing it with a map (the reference layout_classify over
//     one region) prints a table without reading outside it;
//   - accepted facts describe at most LAYOUT_MAX_THREADS threads.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "support/program.h"

const char ml_fuzz_name[] = "fuzz_layout";
const char ml_fuzz_accepted_what[] = "expect or facts files read";
unsigned long long ml_fuzz_accepted;

// expect_rejects — layout_expect_read over the input; true if it refused it.
static bool expect_rejects(const uint8_t *data, size_t size, char *err, size_t errlen)
{
    FILE *f = ml_fuzz_open(data, size);
    layout_expect_t x;
    int rc = layout_expect_read(f, "fuzz", &x, err, errlen);
    fclose(f);
    if (rc == 0)
        layout_expect_free(&x);
    return rc != 0;
}

// facts_rejects — layout_facts_read over the input; true if it refused it.
static bool facts_rejects(const uint8_t *data, size_t size, char *err, size_t errlen)
{
    FILE *f = ml_fuzz_open(data, size);
    layout_facts_t *facts = malloc(sizeof *facts);
    ml_fuzz_check(facts != NULL, "memory for the facts");
    int rc = layout_facts_read(f, "fuzz", facts, err, errlen);
    fclose(f);
    free(facts);
    return rc != 0;
}

// check_expect — the accepted expect file's invariants and one comparison.
static void check_expect(const uint8_t *data, size_t size)
{
    FILE *f = ml_fuzz_open(data, size);
    layout_expect_t x;
    char err[512];
    ml_fuzz_check(layout_expect_read(f, "fuzz", &x, err, sizeof err) == 0,
                  "the same input is accepted twice");
    fclose(f);
    ml_fuzz_check(x.n >= 1, "an accepted expect file has an address");
    for (size_t i = 0; i < x.n; i++) {
        ml_fuzz_check(x.entries[i].kind > LAYOUT_UNKNOWN && x.entries[i].kind < LAYOUT_NKINDS,
                      "every expected kind is a real one");
        ml_fuzz_check(memchr(x.entries[i].object, '\0', sizeof x.entries[i].object) != NULL,
                      "every object name is terminated");
        ml_fuzz_check(i == 0 || x.entries[i].line > x.entries[i - 1].line, "line numbers rise");
    }
    layout_map_t map;
    layout_map_init(&map);
    layout_region_t *r = calloc(1, sizeof *r);
    ml_fuzz_check(r != NULL, "memory for a region");
    r->start = 0x400000;
    r->end = 0x401000;
    memcpy(r->perms, "r-xp", 5);
    snprintf(r->path, sizeof r->path, "/bin/x");
    ml_fuzz_check(layout_map_append(&map, r) == 0, "memory for the map");
    layout_facts_t *facts = calloc(1, sizeof *facts);
    ml_fuzz_check(facts != NULL, "memory for the facts");
    FILE *null = fopen("/dev/null", "w");
    ml_fuzz_check(null != NULL, "/dev/null opens");
    size_t wrong = layout_expect_check(null, "fuzz", &x, &map, facts);
    ml_fuzz_check(wrong <= x.n, "no more differences than addresses");
    json_t *j = layout_expect_json(&x, &map, facts);
    ml_fuzz_check(json_array_size(j) == x.n, "one JSON entry per address");
    json_decref(j);
    fclose(null);
    free(facts);
    free(r);
    layout_map_free(&map);
    layout_expect_free(&x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    if (expect_rejects(data, size, err, sizeof err)) {
        ml_fuzz_check_line_error(data, size, err, expect_rejects);
    } else {
        ml_fuzz_accepted++;
        check_expect(data, size);
    }
    if (facts_rejects(data, size, err, sizeof err)) {
        ml_fuzz_check_line_error(data, size, err, facts_rejects);
    } else {
        ml_fuzz_accepted++;
        FILE *f = ml_fuzz_open(data, size);
        layout_facts_t *facts = malloc(sizeof *facts);
        ml_fuzz_check(facts != NULL, "memory for the facts");
        ml_fuzz_check(layout_facts_read(f, "fuzz", facts, err, sizeof err) == 0,
                      "the same facts are accepted twice");
        ml_fuzz_check(facts->nthreads <= LAYOUT_MAX_THREADS, "at most LAYOUT_MAX_THREADS threads");
        fclose(f);
        free(facts);
    }
    return 0;
}
