// reports.c — the summary, the records grouped by site, and the profile
// difference (pprof -base), on hand-made block lists.
//
// The comparators given to qsort are checked too. The C standard asks of
// one a consistent order (C11 7.22.5: the same answer whenever the same two
// elements are compared, 0 for elements it calls equal). glibc's qsort merge
// sorts and hides a comparator that never says 0; but when it cannot
// allocate its merge buffer it falls back to a quicksort whose scans stop at
// an element equal to the pivot, and a comparator that calls equal elements
// "less" runs them off the array (glibc 2.36: a crash inside qsort).
//
// The suite is linked with -Wl,--wrap=qsort (labs/leak-detection/lab.mk):
// every qsort call of the student's code reaches __wrap_qsort below, which,
// while suite_check_qsort is set, compares each element with itself (the
// answer must be 0) and each adjacent pair both ways (the answers must have
// opposite signs, or both be 0) before sorting with the real qsort. It
// records the first violation and which qsort call (counted from 1 since the
// check was turned on) made it. lk_group's comparator is checked in
// suite_report_group_by_site (task 3), lk_profile_diff's in
// suite_report_profile_diff (task 4).
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk_suite.h"
#include "memlab/grade.h"

void __real_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void __wrap_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

static bool suite_check_qsort;
static char suite_qsort_bad[256]; // the first violation, "" while none
static int suite_qsort_calls;     // qsort calls since the check was turned on

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

void __wrap_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (suite_check_qsort)
        suite_qsort_calls++;
    if (suite_check_qsort && !suite_qsort_bad[0]) {
        const char *b = base;
        for (size_t i = 0; i < n && !suite_qsort_bad[0]; i++) {
            const void *x = b + i * size;
            int self = cmp(x, x);
            if (self != 0)
                snprintf(suite_qsort_bad, sizeof suite_qsort_bad,
                         "qsort call #%d: element #%zu of %zu compared with itself gave %d, "
                         "not 0",
                         suite_qsort_calls, i, n, self);
            else if (i + 1 < n) {
                const void *y = b + (i + 1) * size;
                int xy = cmp(x, y), yx = cmp(y, x);
                if (sign(xy) != -sign(yx))
                    snprintf(suite_qsort_bad, sizeof suite_qsort_bad,
                             "qsort call #%d: elements #%zu and #%zu of %zu gave %d one way "
                             "and %d the other",
                             suite_qsort_calls, i, i + 1, n, xy, yx);
            }
        }
    }
    __real_qsort(base, n, size, cmp);
}

void suite_report_summarize(void)
{
    lk_block_t b[] = {
        { 0x1000, 64, 1, LK_DEFINITE }, { 0x2000, 16, 2, LK_DEFINITE },
        { 0x3000, 24, 3, LK_INDIRECT }, { 0x4000, 100, 4, LK_POSSIBLE },
        { 0x5000, 0, 5, LK_REACHABLE }, { 0x6000, 77, 5, LK_REACHABLE },
    };
    lk_count_t sum[LK_NKINDS];
    memset(sum, 0xff, sizeof sum);
    lk_summarize(b, 6, sum);
    lk_count_t want[LK_NKINDS] = { [LK_DEFINITE] = { 80, 2 },
                                   [LK_INDIRECT] = { 24, 1 },
                                   [LK_POSSIBLE] = { 100, 1 },
                                   [LK_REACHABLE] = { 77, 2 } };
    for (int k = 0; k < LK_NKINDS; k++)
        cr_assert(sum[k].bytes == want[k].bytes && sum[k].blocks == want[k].blocks,
                  "six blocks (two definitely lost of 64 and 16 bytes, one indirectly lost of "
                  "24, one possibly lost of 100, two still reachable of 0 and 77): %s is %zu "
                  "bytes in %zu blocks, you said %zu bytes in %zu blocks",
                  suite_kind_name(k), want[k].bytes, want[k].blocks, sum[k].bytes, sum[k].blocks);
    lk_summarize(b, 0, sum);
    for (int k = 0; k < LK_NKINDS; k++)
        cr_assert(sum[k].bytes == 0 && sum[k].blocks == 0, "no blocks: every kind must be 0");
}

void suite_report_group_by_site(void)
{
    // 100 × 16 bytes definitely lost from site 4 (l07_loop), mixed with others.
    size_t n = 0;
    lk_block_t b[200];
    for (int i = 0; i < 100; i++)
        b[n++] = (lk_block_t){ 0x10000 + 32 * (uintptr_t)i, 16, 4, LK_DEFINITE };
    b[n++] = (lk_block_t){ 0x90000, 2048, 9, LK_DEFINITE };
    b[n++] = (lk_block_t){ 0x91000, 24, 4, LK_INDIRECT };
    b[n++] = (lk_block_t){ 0x92000, 24, 4, LK_INDIRECT };
    b[n++] = (lk_block_t){ 0x93000, 500, 2, LK_REACHABLE };
    b[n++] = (lk_block_t){ 0x94000, 64, 3, LK_POSSIBLE };
    b[n++] = (lk_block_t){ 0x95000, 1600, 1, LK_DEFINITE };
    lk_record_t want[] = { { 9, LK_DEFINITE, 2048, 1 },   { 1, LK_DEFINITE, 1600, 1 },
                           { 4, LK_DEFINITE, 1600, 100 }, { 4, LK_INDIRECT, 48, 2 },
                           { 3, LK_POSSIBLE, 64, 1 },     { 2, LK_REACHABLE, 500, 1 } };
    size_t nw = sizeof want / sizeof *want;
    lk_record_t out[16];
    memset(out, 0, sizeof out);
    size_t got = lk_group(b, n, out, 16);
    cr_assert(got == nw,
              "106 blocks from sites 1, 2, 3, 4, 9 in four kinds make %zu records "
              "(one per site and kind), you made %zu",
              nw, got);
    for (size_t i = 0; i < nw; i++)
        cr_assert(out[i].site == want[i].site && out[i].kind == want[i].kind &&
                      out[i].bytes == want[i].bytes && out[i].blocks == want[i].blocks,
                  "record #%zu should be %s from site %u: %zu bytes in %zu blocks; you have %s "
                  "from site %u: %zu bytes in %zu blocks (report order: the handout, \"Reports\")",
                  i, suite_kind_name(want[i].kind), want[i].site, want[i].bytes, want[i].blocks,
                  suite_kind_name(out[i].kind), out[i].site, out[i].bytes, out[i].blocks);
    lk_record_t two[3];
    memset(two, 0xab, sizeof two);
    cr_assert(lk_group(b, n, two, 2) == nw,
              "with room for 2 records lk_group must still return "
              "%zu",
              nw);
    cr_assert(two[0].site == 9 && two[1].site == 1 && two[2].site == 0xabababab,
              "with room for 2 records: the first two records, and nothing written past them");
    // Both sides of the smallest room: one record (the report's top line)
    // and none.
    memset(two, 0xab, sizeof two);
    cr_assert(lk_group(b, n, two, 1) == nw,
              "with room for 1 record lk_group must still return %zu (all the records)", nw);
    cr_assert(two[0].site != 0xabababab,
              "with room for 1 record (leaks.h: only the first cap are written): the first "
              "record, definitely lost from site 9, 2048 bytes in 1 block; you wrote nothing");
    cr_assert(two[0].site == 9 && two[0].kind == LK_DEFINITE && two[0].bytes == 2048 &&
                  two[0].blocks == 1 && two[1].site == 0xabababab,
              "with room for 1 record: the first record, definitely lost from site 9, 2048 "
              "bytes in 1 block, and nothing past it; you wrote %s from site %u, %zu bytes in "
              "%zu blocks%s",
              suite_kind_name(two[0].kind), two[0].site, two[0].bytes, two[0].blocks,
              two[1].site == 0xabababab ? "" : ", and a second record past it");
    memset(two, 0xab, sizeof two);
    cr_assert(lk_group(b, n, two, 0) == nw,
              "with room for 0 records lk_group must still return %zu (all the records)", nw);
    cr_assert(two[0].site == 0xabababab,
              "with room for 0 records nothing may be written, you wrote a record of site %u",
              two[0].site);
    // The comparator lk_group may give qsort, on 100 blocks of one site and
    // kind among others: a consistent order (the header comment above).
    suite_check_qsort = true;
    suite_qsort_bad[0] = 0;
    suite_qsort_calls = 0;
    lk_group(b, n, out, 16);
    suite_check_qsort = false;
    cr_assert(!suite_qsort_bad[0],
              "lk_group on 106 blocks, 100 of them definitely lost from site 4: the comparator "
              "it gave qsort is not a consistent order: %s (C11 7.22.5; the handout, task 3)",
              suite_qsort_bad);
    // One site whose blocks alternate between two kinds in address order (a
    // list whose nodes were lost in turns): still one record per kind.
    lk_block_t alt[8];
    for (int i = 0; i < 8; i++)
        alt[i] =
            (lk_block_t){ 0x20000 + 64 * (uintptr_t)i, 40, 6, i % 2 ? LK_INDIRECT : LK_DEFINITE };
    memset(out, 0, sizeof out);
    got = lk_group(alt, 8, out, 16);
    cr_assert(got == 2 && out[0].site == 6 && out[0].kind == LK_DEFINITE && out[0].bytes == 160 &&
                  out[0].blocks == 4 && out[1].site == 6 && out[1].kind == LK_INDIRECT &&
                  out[1].bytes == 160 && out[1].blocks == 4,
              "8 blocks of 40 bytes from site 6, definitely and indirectly lost in turns "
              "(address order): 2 records of 4 blocks each (one per site and kind); you made "
              "%zu, the first %s from site %u: %zu bytes in %zu blocks",
              got, suite_kind_name(out[0].kind), out[0].site, out[0].bytes, out[0].blocks);
    // No blocks (a program that freed everything): no records, nothing written.
    memset(two, 0xab, sizeof two);
    got = lk_group(b, 0, two, 3);
    cr_assert(got == 0 && two[0].site == 0xabababab,
              "scenario: lk_group of 0 blocks with room for 3 records (a program that freed "
              "everything) returned %zu%s; no blocks make no records (leaks.h, lk_group); "
              "replay: build/<impl>/suites/leak-detection --filter 'report/group_by_site' "
              "--verbose",
              got, two[0].site == 0xabababab ? "" : " and wrote a record");
}

void suite_report_profile_diff(void)
{
    lk_prof_t cur[] = { { "main l14.c:20", 28000, 500 },
                        { "f a.c:1", 100, 1 },
                        { "g b.c:2", 64, 2 } };
    lk_prof_t base[] = { { "main l14.c:20", 8000, 100 },
                         { "g b.c:2", 64, 2 },
                         { "old c.c:3", 300, 3 } };
    lk_prof_t out[6];
    memset(out, 0, sizeof out);
    // The comparators lk_profile_diff may give qsort, on lines whose keys
    // repeat (two sites are in both profiles): a consistent order (the header
    // comment above).
    suite_check_qsort = true;
    suite_qsort_bad[0] = 0;
    suite_qsort_calls = 0;
    size_t n = lk_profile_diff(cur, 3, base, 3, out);
    suite_check_qsort = false;
    lk_prof_t want[] = { { "main l14.c:20", 20000, 400 },
                         { "old c.c:3", -300, -3 },
                         { "f a.c:1", 100, 1 } };
    cr_assert(n == 3,
              "the profile grew at one site, shrank to nothing at one, appeared at one "
              "and did not change at one: 3 lines (unchanged ones left out), you gave %zu",
              n);
    for (size_t i = 0; i < 3; i++)
        cr_assert(out[i].key && strcmp(out[i].key, want[i].key) == 0 &&
                      out[i].bytes == want[i].bytes && out[i].objects == want[i].objects,
                  "diff line #%zu should be %s %+lld bytes %+lld objects; you have %s %+lld "
                  "%+lld",
                  i, want[i].key, want[i].bytes, want[i].objects,
                  out[i].key ? out[i].key : "(null)", out[i].bytes, out[i].objects);
    cr_assert(!suite_qsort_bad[0],
              "lk_profile_diff of a current profile of 3 sites and a base of 3 (2 sites in "
              "both): a comparator it gave qsort is not a consistent order: %s (C11 7.22.5; "
              "the handout, task 4)",
              suite_qsort_bad);

    // The key that sorts first is in both profiles: its two lines meet at
    // the very start of the merge, and must still make one line (leaks.h:
    // every key appears once).
    lk_prof_t cur2[] = { { "a x.c:1", 500, 5 }, { "b y.c:2", 10, 1 } };
    lk_prof_t base2[] = { { "a x.c:1", 200, 2 } };
    memset(out, 0, sizeof out);
    n = lk_profile_diff(cur2, 2, base2, 1, out);
    lk_prof_t want2[] = { { "a x.c:1", 300, 3 }, { "b y.c:2", 10, 1 } };
    cr_assert(n == 2,
              "lk_profile_diff of a current profile {a x.c:1 500 bytes, b y.c:2 10 bytes} and "
              "a base {a x.c:1 200 bytes}: each key appears once, 2 lines; you gave %zu "
              "(leaks.h, lk_profile_diff; replay: build/<impl>/suites/leak-detection --filter "
              "'report/profile_diff' --verbose)",
              n);
    for (size_t i = 0; i < 2; i++)
        cr_assert(out[i].key && strcmp(out[i].key, want2[i].key) == 0 &&
                      out[i].bytes == want2[i].bytes && out[i].objects == want2[i].objects,
                  "lk_profile_diff, the first key (in sort order) in both profiles: diff line "
                  "#%zu should be %s %+lld bytes %+lld objects; you have %s %+lld %+lld",
                  i, want2[i].key, want2[i].bytes, want2[i].objects,
                  out[i].key ? out[i].key : "(null)", out[i].bytes, out[i].objects);
}
