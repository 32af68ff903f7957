// fuzz_scenario.c — fuzz target for the core's scenario parser
// (common/src/scenario_parse.c and scenario_script.c, format in
// common/include/memlab/scenario.h), which both GC labs read.
//
// LLVMFuzzerTestOneInput feeds the bytes to ml_scn_parse through fmemopen
// and checks, beyond "never crashes" (AddressSanitizer and UBSan watch every
// access):
//   - a rejection says "fuzz:LINE: text" with LINE a line of the input (0
//     only for an empty input), the input cut after line LINE is rejected
//     with the very same message (the parser reads line by line, so nothing
//     after the line it names may matter), and a shorter buffer gets a
//     terminated prefix of the message;
//   - an accepted scenario is valid by an independent check: names well
//     formed and unique in their kind (locals: in their frame), types of
//     1..64 words with pointer slots inside them and slot names on pointer
//     words, every reference in range, each edge from a pointer slot set
//     once, the first stack `main`, frames' locals contiguous, objects born
//     by the script after the declared ones, every script operation naming
//     things that exist; the reachability oracle agrees with a search done
//     here;
//   - it round-trips: ml_scn_write, then ml_scn_parse, gives the same types
//     (and slot names), objects, edges, roots, frames, stacks and script;
//   - it builds: ml_scn_build makes every declared object, maps it back to
//     its index, and fills the roots as the scenario says.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "memlab/scenario.h"
#include "memlab/scenario_heap.h"

const char ml_fuzz_name[] = "fuzz_scenario";
const char ml_fuzz_accepted_what[] = "valid scenarios that round-tripped";
unsigned long long ml_fuzz_accepted;

static void check(bool ok, const char *what)
{
    ml_fuzz_check(ok, what);
}

// parse — ml_scn_parse of data[0..size) (err: errlen bytes).
static ml_scn_t *parse(const uint8_t *data, size_t size, char *err, size_t errlen)
{
    FILE *f = ml_fuzz_open(data, size);
    ml_scn_t *s;
    ml_scn_parse(f, "fuzz", &s, err, errlen);
    fclose(f);
    return s;
}

// rejects — whether the parser rejects data[0..size) (ml_fuzz_rejects_fn).
static bool rejects(const uint8_t *data, size_t size, char *err, size_t errlen)
{
    ml_scn_t *s = parse(data, size, err, errlen);
    ml_scn_free(s);
    return s == NULL;
}

static bool valid_name(const char *w)
{
    if (!w || !(isalpha((unsigned char)w[0]) || w[0] == '_'))
        return false;
    size_t n = 0;
    for (; w[n]; n++)
        if (!(isalnum((unsigned char)w[n]) || w[n] == '_'))
            return false;
    return n <= ML_SCN_NAME_MAX;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

// check_names — n names, each well formed, none twice.
static void check_names(const char **names, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        check(valid_name(names[i]), what);
    qsort(names, n, sizeof(*names), by_string);
    for (size_t i = 1; i < n; i++)
        check(strcmp(names[i - 1], names[i]) != 0, what);
}

static bool target_ok(const ml_scn_t *s, uint32_t t)
{
    return t == ML_SCN_NIL || t < s->nobjs;
}

// check_scenario — the independent validity check of an accepted scenario.
static void check_scenario(const ml_scn_t *s)
{
    check(s->name != NULL, "no name");
    check(s->nobjs >= 1 && s->ntypes >= 1, "a scenario without objects accepted");
    size_t most = s->ntypes + s->nobjs + s->nglobals + s->nstacks + s->nlocals + 1;
    const char **names = malloc(most * sizeof(*names));
    check(names != NULL, "out of memory in the checker");
    for (uint32_t t = 0; t < s->ntypes; t++) {
        const ml_scn_type_t *ty = &s->types[t];
        check(ty->nwords >= 1 && ty->nwords <= ML_SCN_MAX_WORDS, "type size out of range");
        check(ty->nwords == 64 || (ty->ptrmask >> ty->nwords) == 0, "pointer slot beyond the type");
        for (uint32_t k = 0; ty->slot_names && k < ty->nwords; k++)
            check(!ty->slot_names[k] || (valid_name(ty->slot_names[k]) && (ty->ptrmask >> k & 1)),
                  "a slot name on a word that is not a pointer slot");
        names[t] = ty->name;
    }
    check_names(names, s->ntypes, "type names invalid or declared twice");
    for (uint32_t o = 0; o < s->nobjs; o++) {
        check(s->objs[o].type < s->ntypes, "object of an unknown type");
        names[o] = s->objs[o].name;
        check(names[o] && strcmp(names[o], "nil") != 0 && strcmp(names[o], "new") != 0,
              "object named nil or new");
        check(!s->objs[o].born || o + 1 == s->nobjs || s->objs[o + 1].born,
              "a declared object after a born one");
    }
    check_names(names, s->nobjs, "object names invalid or declared twice");
    uint64_t *set = calloc(s->nobjs, sizeof(*set));
    check(set != NULL, "out of memory in the checker");
    for (size_t e = 0; e < s->nedges; e++) {
        const ml_scn_edge_t *ed = &s->edges[e];
        check(ed->from < s->nobjs && target_ok(s, ed->to), "edge between unknown objects");
        const ml_scn_type_t *ty = &s->types[s->objs[ed->from].type];
        check(ed->slot < ty->nwords && (ty->ptrmask >> ed->slot & 1),
              "edge from a non-pointer slot");
        check(!(set[ed->from] >> ed->slot & 1), "slot set twice");
        set[ed->from] |= (uint64_t)1 << ed->slot;
    }
    free(set);
    for (uint32_t g = 0; g < s->nglobals; g++) {
        check(target_ok(s, s->globals[g].target), "global points to an unknown object");
        names[g] = s->globals[g].name;
    }
    check_names(names, s->nglobals, "global names invalid or declared twice");
    check(s->nstacks >= 1 && strcmp(s->stacks[0], "main") == 0, "the first stack is not main");
    check(s->cur_stack < s->nstacks, "current stack out of range");
    for (uint32_t k = 0; k < s->nstacks; k++)
        names[k] = s->stacks[k];
    check_names(names, s->nstacks, "stack names invalid or twice");
    uint32_t next = 0;
    for (uint32_t f = 0; f < s->nframes; f++) {
        const ml_scn_frame_t *fr = &s->frames[f];
        check(valid_name(fr->name) && fr->stack < s->nstacks, "frame invalid");
        check(fr->first_local == next && fr->nlocals <= s->nlocals - next,
              "frame locals not contiguous");
        for (uint32_t i = 0; i < fr->nlocals; i++) {
            check(target_ok(s, s->locals[next + i].target), "local points to an unknown object");
            names[i] = s->locals[next + i].name;
        }
        check_names(names, fr->nlocals, "local names invalid or twice in a frame");
        next += fr->nlocals;
    }
    check(next == s->nlocals, "locals outside frames");
    check(s->nops == 0 || s->has_script, "operations without a script");
    for (size_t i = 0; i < s->nops; i++) {
        const ml_scn_op_t *op = &s->ops[i];
        if (op->kind == ML_SCN_SET) {
            const ml_scn_place_t *pl[2] = { &op->dst, &op->src };
            check(op->dst.kind == ML_SCN_LOCAL || op->dst.kind == ML_SCN_FIELD ||
                      op->dst.kind == ML_SCN_GLOBAL,
                  "an operation stores into a value");
            for (int k = 0; k < 2; k++) {
                const ml_scn_place_t *p = pl[k];
                check(p->kind != ML_SCN_LOCAL || p->local < s->nlocals, "an unknown local");
                check(p->kind != ML_SCN_GLOBAL || p->global < s->nglobals, "an unknown global");
                check((p->kind != ML_SCN_OBJ && p->kind != ML_SCN_NEW) || p->obj < s->nobjs,
                      "an unknown object");
                check(p->kind != ML_SCN_NEW || s->objs[p->obj].born,
                      "new makes an object that is not born");
                if (p->kind == ML_SCN_FIELD) {
                    check(p->obj < s->nobjs || (p->obj == ML_SCN_NIL && p->local < s->nlocals),
                          "a field of nothing");
                    check(p->obj == ML_SCN_NIL ||
                              ml_scn_slot_word(s, s->objs[p->obj].type, p->slot) != ML_SCN_NIL,
                          "a field beyond the object's pointer slots");
                }
            }
        } else if (op->kind == ML_SCN_WAIT) {
            check(op->wait == ML_SCN_WAIT_SCANNED ? op->arg < s->nstacks : op->arg < s->nobjs,
                  "a wait for nothing");
        } else {
            check(op->kind == ML_SCN_SWITCH && op->arg < s->nstacks, "a switch to no stack");
        }
    }
    free(names);
}

// check_reachable — the oracle against a plain search over the edges.
static void check_reachable(const ml_scn_t *s)
{
    bool *mine = calloc(s->nobjs, sizeof(*mine));
    check(mine != NULL, "out of memory in the checker");
    size_t count = 0;
    for (uint32_t r = 0; r < s->nglobals + s->nlocals; r++) {
        uint32_t t = r < s->nglobals ? s->globals[r].target : s->locals[r - s->nglobals].target;
        if (t != ML_SCN_NIL)
            mine[t] = true;
    }
    for (bool grew = true; grew;) { // relax every edge until nothing changes
        grew = false;
        for (size_t e = 0; e < s->nedges; e++) {
            const ml_scn_edge_t *ed = &s->edges[e];
            if (mine[ed->from] && ed->to != ML_SCN_NIL && !mine[ed->to])
                mine[ed->to] = grew = true;
        }
    }
    for (uint32_t o = 0; o < s->nobjs; o++)
        count += mine[o];
    size_t theirs_count = SIZE_MAX;
    bool *theirs = ml_scn_reachable(s, &theirs_count);
    check(theirs != NULL, "the oracle ran out of memory");
    check(theirs_count == count && memcmp(mine, theirs, s->nobjs * sizeof(*mine)) == 0,
          "the reachability oracle disagrees with a plain search");
    free(theirs);
    free(mine);
}

// check_round_trip — write s, parse it back, compare.
static void check_round_trip(const ml_scn_t *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    check(out != NULL, "open_memstream failed");
    check(ml_scn_write(s, out) == 0, "the writer failed");
    fclose(out);
    char err[512];
    ml_scn_t *b = parse((const uint8_t *)text, len, err, sizeof err);
    if (!b)
        fprintf(stderr, "fuzz_scenario: re-read failed: %s\n", err);
    check(b != NULL, "the parser rejects what the writer wrote");
    check(b->ntypes == s->ntypes && b->nobjs == s->nobjs && b->nedges == s->nedges &&
              b->nglobals == s->nglobals && b->nframes == s->nframes && b->nlocals == s->nlocals &&
              b->nstacks == s->nstacks && b->nops == s->nops && b->has_script == s->has_script,
          "counts changed in the round trip");
    check((!b->about && !s->about) || (b->about && s->about && strcmp(b->about, s->about) == 0),
          "the about line changed in the round trip");
    for (uint32_t k = 0; k < s->nstacks; k++)
        check(strcmp(b->stacks[k], s->stacks[k]) == 0, "a stack changed in the round trip");
    for (uint32_t t = 0; t < s->ntypes; t++) {
        check(strcmp(b->types[t].name, s->types[t].name) == 0 &&
                  b->types[t].nwords == s->types[t].nwords &&
                  b->types[t].ptrmask == s->types[t].ptrmask,
              "a type changed in the round trip");
        for (uint32_t k = 0; k < s->types[t].nwords; k++) {
            const char *x = s->types[t].slot_names ? s->types[t].slot_names[k] : NULL;
            const char *y = b->types[t].slot_names ? b->types[t].slot_names[k] : NULL;
            check((!x && !y) || (x && y && strcmp(x, y) == 0),
                  "a slot name changed in the round trip");
        }
    }
    for (uint32_t o = 0; o < s->nobjs; o++)
        check(strcmp(b->objs[o].name, s->objs[o].name) == 0 && b->objs[o].type == s->objs[o].type &&
                  b->objs[o].born == s->objs[o].born,
              "an object changed in the round trip");
    for (size_t i = 0; i < s->nops; i++) {
        ml_scn_op_t x = s->ops[i], y = b->ops[i];
        x.line = y.line = 0;
        if (x.kind != ML_SCN_WAIT)
            x.wait = y.wait = 0;
        if (x.kind != ML_SCN_SET)
            x.dst = y.dst = x.src = y.src = (ml_scn_place_t){ 0 };
        else
            x.arg = y.arg = 0;
        check(memcmp(&x, &y, sizeof x) == 0, "a script operation changed in the round trip");
    }
    for (size_t e = 0; e < s->nedges; e++)
        check(memcmp(&b->edges[e], &s->edges[e], sizeof(ml_scn_edge_t)) == 0,
              "an edge changed in the round trip");
    for (uint32_t g = 0; g < s->nglobals; g++)
        check(strcmp(b->globals[g].name, s->globals[g].name) == 0 &&
                  b->globals[g].target == s->globals[g].target,
              "a global changed in the round trip");
    for (uint32_t f = 0; f < s->nframes; f++)
        check(strcmp(b->frames[f].name, s->frames[f].name) == 0 &&
                  strcmp(b->stacks[b->frames[f].stack], s->stacks[s->frames[f].stack]) == 0 &&
                  b->frames[f].first_local == s->frames[f].first_local &&
                  b->frames[f].nlocals == s->frames[f].nlocals,
              "a frame changed in the round trip");
    for (uint32_t l = 0; l < s->nlocals; l++)
        check(strcmp(b->locals[l].name, s->locals[l].name) == 0 &&
                  b->locals[l].target == s->locals[l].target,
              "a local changed in the round trip");
    ml_scn_free(b);
    free(text);
}

// check_build — the builder makes what the scenario declares.
static void check_build(const ml_scn_t *s)
{
    char err[256];
    ml_scn_heap_t *sh = ml_scn_build(s, NULL, ML_SCN_TYPE_PER_OBJECT, err, sizeof err);
    check(sh != NULL, "the builder failed on a valid scenario");
    for (uint32_t o = 0; o < s->nobjs; o++) {
        if (s->objs[o].born) {
            check(!ml_scn_alive(sh, o), "an object the script has not made yet is alive");
            continue;
        }
        check(ml_scn_alive(sh, o) && ml_scn_index_of(sh, sh->objs[o]) == o,
              "a built object is not mapped back");
    }
    for (uint32_t g = 0; g < s->nglobals; g++) {
        uint32_t t = s->globals[g].target;
        check(ml_gc_global_get(sh->heap, sh->globals[g]) == (t == ML_SCN_NIL ? NULL : sh->objs[t]),
              "a global holds the wrong object");
    }
    for (uint32_t f = 0; f < s->nframes; f++)
        for (uint32_t k = 0; k < s->frames[f].nlocals; k++) {
            uint32_t t = s->locals[s->frames[f].first_local + k].target;
            check(ml_gc_frame_get(sh->frames[f], k) == (t == ML_SCN_NIL ? NULL : sh->objs[t]),
                  "a local holds the wrong object");
        }
    ml_scn_heap_free(sh);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    memset(err, 'X', sizeof err);
    ml_scn_t *s = parse(data, size, err, sizeof err);
    if (!s) {
        check(memchr(err, '\0', sizeof err) != NULL, "error not terminated");
        ml_fuzz_check_line_error(data, size, err, rejects);
        return 0;
    }
    check_scenario(s);
    check_reachable(s);
    check_round_trip(s);
    check_build(s);
    ml_scn_free(s);
    ml_fuzz_accepted++;
    return 0;
}
