// program.c — the layout suite's tests of the lab's program (labs/layout/main.c)
// run for real: two runs compared for ASLR, and the picture of the address space.
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memlab/grade.h"
#include "layout_suite.h"

// program_path — build/<impl>/bin/layout beside this suite; fails the test
// when it was not built.
static void program_path(char *out, size_t len)
{
    char b[4096];
    suite_build_dir(b, sizeof b);
    snprintf(out, len, "%sbin/layout", b);
    cr_assert(access(out, X_OK) == 0, "the lab's program %s was not built", out);
}

// system_aslr — /proc/sys/kernel/randomize_va_space, or -1.
static int system_aslr(void)
{
    FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "r");
    int v = -1;
    if (f != NULL) {
        if (fscanf(f, "%d", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

// must_move — whether ASLR must move an object of this kind between runs.
// Memory a sanitizer's malloc places (fixed arenas) and the heap of a
// non-PIE program under randomize_va_space=1 need not move.
static bool must_move(layout_kind_t k, bool pie, int aslr)
{
    switch (k) {
    case LAYOUT_TEXT:
    case LAYOUT_RODATA:
    case LAYOUT_DATA:
    case LAYOUT_BSS: return pie;
    case LAYOUT_HEAP: return pie || aslr == 2;
    case LAYOUT_STACK:
    case LAYOUT_THREAD_STACK:
    case LAYOUT_TLS:
    case LAYOUT_LIBRARY:
    case LAYOUT_VDSO:
    case LAYOUT_FILE: return true;
    default: return false;
    }
}

void suite_program_two_runs_show_aslr(void)
{
    char prog[4200];
    program_path(prog, sizeof prog);
    char *out;
    char *argv[] = { prog, "--compare", "--json", NULL };
    int rc = suite_run_capture(argv, &out);
    cr_assert(rc == 0, "`layout --compare --json` exited with status %d", rc);
    json_error_t jerr;
    json_t *doc = json_loads(out, 0, &jerr);
    cr_assert(doc != NULL, "`layout --compare --json` printed no valid JSON: %s", jerr.text);
    free(out);
    int aslr = system_aslr();
    bool norand = (personality(0xffffffff) & ADDR_NO_RANDOMIZE) != 0;
    bool random = aslr > 0 && !norand;
    bool pie = json_is_true(json_object_get(doc, "pie"));
    json_t *objects = json_object_get(doc, "objects");
    cr_assert(json_array_size(objects) >= 10, "the comparison lists fewer than 10 objects");
    cr_assert(json_integer_value(json_object_get(doc, "aslr")) == aslr,
              "the program reports randomize_va_space = %d, the kernel says %d",
              (int)json_integer_value(json_object_get(doc, "aslr")), aslr);
    size_t i;
    json_t *o;
    int moved = 0;
    json_array_foreach(objects, i, o)
    {
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *what = json_string_value(json_object_get(o, "what"));
        const char *expected = json_string_value(json_object_get(o, "expected"));
        json_t *kinds = json_object_get(o, "kind"), *addr = json_object_get(o, "addr");
        for (int run = 0; run < 2; run++) {
            const char *k = json_string_value(json_array_get(kinds, (size_t)run));
            cr_assert(k != NULL && expected != NULL && strcmp(k, expected) == 0,
                      "in run %d of the program your layout_classify called %s (%s) '%s'; it is %s",
                      run + 1, id, what, k ? k : "?", expected ? expected : "?");
        }
        bool m = json_is_true(json_object_get(o, "moved"));
        const char *a1 = json_string_value(json_array_get(addr, 0));
        const char *a2 = json_string_value(json_array_get(addr, 1));
        cr_assert(a1 && a2 && m == (strcmp(a1, a2) != 0), "the comparison of %s is inconsistent",
                  id);
        moved += m;
        layout_kind_t kind = layout_kind_from_name(expected);
        if (!random)
            cr_assert(
                !m, "randomization is off (randomize_va_space = %d%s), yet %s moved from %s to %s",
                aslr, norand ? ", ADDR_NO_RANDOMIZE" : "", id, a1, a2);
        else if (must_move(kind, pie, aslr))
            cr_assert(m,
                      "with randomize_va_space = %d, %s (%s) should be elsewhere in the second "
                      "run, but it stayed at %s",
                      aslr, id, expected, a1);
    }
    const char *verdict = json_string_value(json_object_get(doc, "verdict"));
    cr_assert(verdict != NULL && (strcmp(verdict, "identical") == 0) == (moved == 0),
              "the program's verdict '%s' does not match what moved (%d objects)",
              verdict ? verdict : "?", moved);
    if (!random)
        ml_note("randomization is off on this machine: the program must report identical runs");
    json_decref(doc);
}

void suite_program_draws_the_address_space(void)
{
    char prog[4200], b[4096], svg[4300];
    program_path(prog, sizeof prog);
    suite_build_dir(b, sizeof b);
    snprintf(svg, sizeof svg, "%sgraphs", b);
    mkdir(svg, 0755);
    snprintf(svg, sizeof svg, "%sgraphs/layout-address-space.svg", b);
    char *out;
    char *argv[] = { prog, "--no-threshold", "--svg", svg, NULL };
    int rc = suite_run_capture(argv, &out);
    free(out);
    cr_assert(rc == 0, "`layout --svg %s` exited with status %d", svg, rc);
    char *text = suite_slurp(svg, NULL);
    cr_assert(text != NULL, "the program reported success but wrote no %s", svg);
    cr_assert(strstr(text, "<svg") != NULL, "%s is not an SVG file", svg);
    static const char *const must[] = { "[stack]",       "[vdso]",          ">text</text>",
                                        ">stack</text>", ">library</text>", ">tls</text>" };
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        cr_assert(
            strstr(text, must[i]) != NULL,
            "the picture of the address space lacks '%s': are the regions read and classified?",
            must[i]);
    ml_note("the picture is in %s", svg);
    free(text);
}
