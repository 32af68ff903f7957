// fuzz_leak_detection.c — fuzz target for the leak-detection lab's readers
// (labs/leak-detection/support/report.c): the tracker's report file and a
// profile saved by --save-profile (what --diff reads, user input).
//
// LLVMFuzzerTestOneInput feeds the bytes to lk_report_parse (without
// symbolizing) and to lk_profile_parse and checks, beyond "never crashes"
// (AddressSanitizer and UBSan watch every access):
//   - a rejection says "fuzz:LINE: text" with LINE at least 1 and at most
//     the input's line count (1 for an empty input);
//   - an accepted report is sane: every block's kind is one of the four,
//     every site has as many frames as its depth and a key, and the reports
//     made from it (LEAK SUMMARY, records by site, the profile by site) are
//     written without reading outside it, whatever sites the blocks name;
//   - an accepted profile has a key on every line, and its difference with
//     itself (lk_profile_diff) is empty.
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "support/report.h"

const char ml_fuzz_name[] = "fuzz_leak_detection";
const char ml_fuzz_accepted_what[] = "reports or profiles read";
unsigned long long ml_fuzz_accepted;

static void check_error(const uint8_t *data, size_t size, const char *err)
{
    unsigned long line = ml_fuzz_error_line(err, "fuzz");
    unsigned long lines = ml_fuzz_lines(data, size);
    ml_fuzz_check(line >= 1 && line <= (lines ? lines : 1) + 1,
                  "a rejection names a line of the input");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    lk_report_t r;
    if (lk_report_parse((const char *)data, size, "fuzz", &r, false, err, sizeof err) != 0) {
        check_error(data, size, err);
    } else {
        ml_fuzz_accepted++;
        for (size_t i = 0; i < r.nblocks; i++)
            ml_fuzz_check(r.blocks[i].kind < LK_NKINDS, "every block has one of the four kinds");
        for (size_t i = 0; i <= r.nsites; i++) {
            ml_fuzz_check(r.sites[i].key != NULL, "every site has a key");
            for (int f = 0; f < r.sites[i].depth; f++)
                ml_fuzz_check(r.sites[i].frames[f].text != NULL, "every frame has a text");
        }
        FILE *null = fopen("/dev/null", "w");
        lk_count_t sum[LK_NKINDS];
        lk_summarize(r.blocks, r.nblocks, sum);
        lk_print_summary(null, "", sum);
        lk_print_records(null, &r, true);
        fclose(null);
        lk_prof_t *p;
        size_t n = lk_profile(&r, &p);
        ml_fuzz_check(n <= r.nsites + 1, "one profile line per site at most");
        free(p);
        lk_report_free(&r);
    }
    lk_prof_t *p;
    json_t *keep;
    long n = lk_profile_parse((const char *)data, size, "fuzz", &p, &keep, err, sizeof err);
    if (n < 0) {
        check_error(data, size, err);
    } else {
        ml_fuzz_accepted++;
        for (long i = 0; i < n; i++)
            ml_fuzz_check(p[i].key != NULL, "every profile line has a key");
        lk_prof_t *d = calloc(2 * (size_t)n + 1, sizeof *d);
        ml_fuzz_check(lk_profile_diff(p, (size_t)n, p, (size_t)n, d) == 0,
                      "a profile minus itself is empty");
        free(d);
        free(p);
        json_decref(keep);
    }
    return 0;
}
