// compare.c — the layout program's `--compare`: run the program twice and show
// what address space layout randomization (ASLR) changed between the runs.
//
// Each run is a fresh process (/proc/self/exe --json --no-threshold), so the
// kernel chooses new places for the stack, the mmap area (libraries, thread
// stacks, large mallocs), the brk heap and, for a position-independent
// executable (PIE), the program itself. What never changes is an object's
// offset inside its page: ASLR moves whole pages. With randomize_va_space = 0,
// or with `--no-aslr` (personality(ADDR_NO_RANDOMIZE) in the children, as
// `setarch -R` does), both runs are identical.
#include "support/program.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <unistd.h>

// run_child — run the program once and parse its JSON. Returns the JSON, or
// NULL with the reason printed on stderr.
static json_t *run_child(bool no_randomize, const char *argv0)
{
    int fds[2];
    if (pipe(fds) != 0) {
        fprintf(stderr, "%s: pipe: %s\n", argv0, strerror(errno));
        return NULL;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "%s: fork: %s\n", argv0, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        close(fds[0]);
        if (dup2(fds[1], STDOUT_FILENO) < 0)
            _exit(127);
        close(fds[1]);
        if (no_randomize &&
            personality(ADDR_NO_RANDOMIZE | (unsigned long)personality(0xffffffff)) < 0)
            _exit(126);
        execl("/proc/self/exe", argv0, "--json", "--no-threshold", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *in = fdopen(fds[0], "r");
    json_error_t jerr;
    json_t *doc = in != NULL ? json_loadf(in, JSON_DISABLE_EOF_CHECK, &jerr) : NULL;
    if (in != NULL) {
        char sink[4096];
        while (fread(sink, 1, sizeof sink, in) > 0) {}
        fclose(in);
    } else {
        close(fds[0]);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "%s: the run with --json failed (%s %d)%s\n", argv0,
                WIFEXITED(status) ? "exit status" : "signal",
                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                WIFEXITED(status) && WEXITSTATUS(status) == 126 ? ": personality refused" : "");
        json_decref(doc);
        return NULL;
    }
    if (doc == NULL)
        fprintf(stderr, "%s: the run printed no JSON: %s\n", argv0, jerr.text);
    return doc;
}

// addr_of — an object's "addr" field as a number (0 when absent).
static uintptr_t addr_of(json_t *obj)
{
    const char *s = json_string_value(json_object_get(obj, "addr"));
    return s != NULL ? (uintptr_t)strtoull(s, NULL, 16) : 0;
}

// find_object — the object with this id in a run's "objects", or NULL.
static json_t *find_object(json_t *run, const char *id)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(run, "objects"), i, o)
    {
        const char *oid = json_string_value(json_object_get(o, "id"));
        if (oid != NULL && strcmp(oid, id) == 0)
            return o;
    }
    return NULL;
}

// json_addr — an address as a "0x..." JSON string.
static json_t *json_addr(uintptr_t a)
{
    char buf[24];
    snprintf(buf, sizeof buf, "0x%" PRIxPTR, a);
    return json_string(buf);
}

// compare_runs — the comparison document: per object both addresses, both
// kinds, whether it moved and whether its page offset stayed; a verdict.
static json_t *compare_runs(json_t *a, json_t *b, bool no_randomize)
{
    json_t *objects = json_array();
    size_t i, moved = 0, same = 0;
    json_t *oa;
    json_array_foreach(json_object_get(a, "objects"), i, oa)
    {
        const char *id = json_string_value(json_object_get(oa, "id"));
        json_t *ob = id != NULL ? find_object(b, id) : NULL;
        if (ob == NULL)
            continue;
        uintptr_t x = addr_of(oa), y = addr_of(ob);
        if (x == 0 && y == 0)
            continue; // NULL is nowhere, in every run
        bool m = x != y;
        moved += m;
        same += !m;
        json_array_append_new(
            objects, json_pack("{s:s, s:O, s:O, s:[o,o], s:[O,O], s:b, s:b}", "id", id, "what",
                               json_object_get(oa, "what"), "expected",
                               json_object_get(oa, "expected"), "addr", json_addr(x), json_addr(y),
                               "kind", json_object_get(oa, "kind"), json_object_get(ob, "kind"),
                               "moved", m, "page_offset_kept", (x & 4095) == (y & 4095)));
    }
    const char *verdict = moved == 0 ? "identical" : same == 0 ? "all-moved" : "some-moved";
    return json_pack("{s:O, s:O, s:b, s:o, s:I, s:I, s:s, s:[O,O]}", "aslr",
                     json_object_get(a, "aslr"), "pie", json_object_get(a, "pie"), "no_randomize",
                     no_randomize, "objects", objects, "moved", (json_int_t)moved, "same",
                     (json_int_t)same, "verdict", verdict, "runs", a, b);
}

// print_groups — the objects grouped by how far they moved: each group is
// one area the kernel placed at random as a whole.
static void print_groups(FILE *out, json_t *objects)
{
    size_t n = json_array_size(objects);
    bool *done = calloc(n + 1, sizeof *done);
    if (done == NULL)
        return;
    fprintf(out, "Moved together:\n");
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        json_t *addr = json_object_get(json_array_get(objects, i), "addr");
        uintptr_t x = (uintptr_t)strtoull(json_string_value(json_array_get(addr, 0)), NULL, 16);
        uintptr_t y = (uintptr_t)strtoull(json_string_value(json_array_get(addr, 1)), NULL, 16);
        uintptr_t delta = y - x;
        fprintf(out, "  %c0x%-14" PRIxPTR, y >= x ? '+' : '-', y >= x ? y - x : x - y);
        for (size_t j = i; j < n; j++) {
            json_t *aj = json_object_get(json_array_get(objects, j), "addr");
            uintptr_t xj = (uintptr_t)strtoull(json_string_value(json_array_get(aj, 0)), NULL, 16);
            uintptr_t yj = (uintptr_t)strtoull(json_string_value(json_array_get(aj, 1)), NULL, 16);
            if (!done[j] && yj - xj == delta) {
                done[j] = true;
                fprintf(out, " %s",
                        json_string_value(json_object_get(json_array_get(objects, j), "id")));
            }
        }
        fputc('\n', out);
    }
    free(done);
}

// print_text — the comparison for people.
static void print_text(FILE *out, json_t *cmp, const char *exe)
{
    int aslr = (int)json_integer_value(json_object_get(cmp, "aslr"));
    bool pie = json_is_true(json_object_get(cmp, "pie"));
    bool norand = json_is_true(json_object_get(cmp, "no_randomize"));
    fprintf(out, "Two runs of %s\n", exe);
    fprintf(out, "  randomize_va_space = %d%s; the program is %s\n\n", aslr,
            norand ? ", but randomization was turned off for both runs (ADDR_NO_RANDOMIZE)" : "",
            pie ? "position-independent (PIE)" : "not PIE");
    fprintf(out, "  %-13s %-13s %-18s %-18s %s\n", "object", "kind (yours)", "run 1", "run 2",
            "moved by");
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(cmp, "objects"), i, o)
    {
        json_t *addr = json_object_get(o, "addr"), *kind = json_object_get(o, "kind");
        const char *s1 = json_string_value(json_array_get(addr, 0));
        const char *s2 = json_string_value(json_array_get(addr, 1));
        uintptr_t x = (uintptr_t)strtoull(s1, NULL, 16), y = (uintptr_t)strtoull(s2, NULL, 16);
        char delta[40] = "-";
        if (x != y)
            snprintf(delta, sizeof delta, "%c0x%" PRIxPTR, y > x ? '+' : '-',
                     y > x ? y - x : x - y);
        fprintf(
            out, "  %-13s %-13s %-18s %-18s %s%s\n", json_string_value(json_object_get(o, "id")),
            json_string_value(json_array_get(kind, 0)), s1, s2, delta,
            json_is_true(json_object_get(o, "page_offset_kept")) ? "" : "  (page offset changed!)");
    }
    const char *verdict = json_string_value(json_object_get(cmp, "verdict"));
    fprintf(out, "\n");
    if (strcmp(verdict, "identical") == 0) {
        fprintf(out, "Nothing moved: address randomization is off for these runs, so every\n"
                     "object is where it was the time before.\n");
        return;
    }
    print_groups(out, json_object_get(cmp, "objects"));
    if (strcmp(verdict, "all-moved") == 0)
        fprintf(out,
                "\nEverything moved: the kernel chose new places for the program%s, the heap,\n"
                "the main stack and the mmap area (libraries, thread stacks, large mallocs,\n"
                "the vdso), each by its own random amount. Objects that moved together keep\n"
                "their distances: ASLR moves whole areas, by whole pages, except the main\n"
                "stack, whose top the kernel also shifts inside a page.\n",
                pie ? " (PIE)" : "");
    else
        fprintf(out, "\nSome objects moved and some did not: %s\n",
                pie ? "look at which areas the kernel left alone."
                    : "a program that is not PIE is always loaded at the same address.");
}

// layout_compare — see program.h.
int layout_compare(FILE *out, bool json, bool no_randomize, const char *argv0)
{
    json_t *a = run_child(no_randomize, argv0);
    json_t *b = a != NULL ? run_child(no_randomize, argv0) : NULL;
    if (a == NULL || b == NULL) {
        json_decref(a);
        return 1;
    }
    json_t *cmp = compare_runs(a, b, no_randomize);
    if (json)
        json_dumpf(cmp, out, JSON_INDENT(2));
    else
        print_text(out, cmp,
                   json_string_value(json_object_get(json_object_get(a, "facts"), "exe")));
    if (json)
        fputc('\n', out);
    json_decref(cmp);
    json_decref(a);
    json_decref(b);
    return 0;
}
