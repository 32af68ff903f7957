// fuzz_write_barrier.c — fuzz target for the write-barrier lab's scenario
// parser (labs/write-barrier/scenario.c, format in its scenario.h), which
// builds a world (labs/write-barrier/world.c) on the core's GC heap as it
// reads.
//
// LLVMFuzzerTestOneInput feeds the bytes to wb_scenario_parse through
// fmemopen and checks, beyond "never crashes" (AddressSanitizer and UBSan
// watch every access, the heap included):
//   - a rejection says "fuzz:LINE: text" with LINE a line of the input (0
//     only for an empty input), the input cut after line LINE is rejected
//     with the very same message (the parser reads and runs its setup line
//     by line), and a shorter buffer gets a terminated prefix of it;
//   - an accepted scenario has a name, a world whose objects, globals and
//     stacks have distinct well-formed names, and cycle operations on
//     increasing lines of the input whose every place is in range: named
//     objects, types, stacks, frames and slots of frames, globals. Then
//     every operation is printed (wb_op_text) and run on the world with no
//     collection under way (wb_op_exec): it may fail with a reason (a field
//     of nil), never touch memory it should not.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "scenario.h"

const char ml_fuzz_name[] = "fuzz_write_barrier";
const char ml_fuzz_accepted_what[] = "scenarios built and run";
unsigned long long ml_fuzz_accepted;

static void check(bool ok, const char *what)
{
    ml_fuzz_check(ok, what);
}

// parse — wb_scenario_parse of data[0..size) (why: whylen bytes).
static wb_scenario_t *parse(const uint8_t *data, size_t size, char *why, size_t whylen)
{
    FILE *f = ml_fuzz_open(data, size);
    wb_scenario_t *s = wb_scenario_parse(f, "fuzz", why, whylen);
    fclose(f);
    return s;
}

// rejects — whether the parser rejects data[0..size) (ml_fuzz_rejects_fn).
static bool rejects(const uint8_t *data, size_t size, char *err, size_t errlen)
{
    wb_scenario_t *s = parse(data, size, err, errlen);
    wb_scenario_free(s);
    return s == NULL;
}

static bool valid_name(const char *w)
{
    if (!w || !(isalpha((unsigned char)w[0]) || w[0] == '_'))
        return false;
    for (const char *c = w; *c; c++)
        if (!(isalnum((unsigned char)*c) || *c == '_'))
            return false;
    return strcmp(w, "nil") != 0 && strcmp(w, "new") != 0;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

// check_world_names — objects, globals and stacks share one namespace.
static void check_world_names(const wb_world_t *w)
{
    size_t nglobals = ml_gc_num_globals(w->heap), n = 0;
    const char **names = malloc((w->nnamed + nglobals + w->nstacks + 1) * sizeof(*names));
    check(names != NULL, "out of memory in the checker");
    for (size_t i = 0; i < w->nnamed; i++)
        names[n++] = w->named[i].name;
    for (size_t g = 0; g < nglobals; g++)
        names[n++] = ml_gc_global_name(w->heap, (int)g);
    check(w->nstacks >= 1 && w->nstacks == ml_gc_num_stacks(w->heap), "stacks miscounted");
    for (size_t s = 0; s < w->nstacks; s++)
        names[n++] = ml_gc_stack_name(w->stacks[s].st);
    check(strcmp(names[w->nnamed + nglobals], "main") == 0, "the first stack is not main");
    for (size_t i = 0; i < n; i++)
        check(valid_name(names[i]), "an object, global or stack has an invalid name");
    qsort(names, n, sizeof(*names), by_string);
    for (size_t i = 1; i < n; i++)
        check(strcmp(names[i - 1], names[i]) != 0, "a name is declared twice");
    free(names);
}

// check_slot — frame `frame`, slot `slot` of stack `stack` exists.
static void check_slot(const wb_world_t *w, uint32_t stack, uint32_t frame, uint32_t slot)
{
    check(stack < w->nstacks && frame < w->stacks[stack].nframes, "a local's frame does not exist");
    check(slot < ml_gc_frame_nslots(w->stacks[stack].frames[frame]), "a local's slot does not exist");
}

// check_loc — place or value l is in range; dst: it is a place.
static void check_loc(const wb_world_t *w, const wb_loc_t *l, bool dst)
{
    switch (l->kind) {
    case WB_LOC_NIL:
        check(!dst, "a store into nil");
        break;
    case WB_LOC_LOCAL:
        check_slot(w, l->stack, l->frame, l->index);
        break;
    case WB_LOC_FIELD:
        check(l->index < 2, "a field that is not slot a or b");
        if (l->obj >= 0)
            check((size_t)l->obj < w->nnamed, "a field of an unknown object");
        else
            check_slot(w, l->stack, l->frame, l->base);
        break;
    case WB_LOC_GLOBAL:
        check(l->index < ml_gc_num_globals(w->heap), "an unknown global");
        break;
    case WB_LOC_OBJ:
        check(!dst && l->obj >= 0 && (size_t)l->obj < w->nnamed, "an unknown object as a value");
        break;
    case WB_LOC_NEW:
        check(!dst && l->type < w->ntypes && l->obj < (int32_t)w->nnamed, "a bad new object");
        break;
    default:
        check(false, "an unknown kind of place");
    }
}

// check_ops — the cycle's operations: lines, places in range.
static void check_ops(const wb_scenario_t *s, unsigned long lines)
{
    const wb_world_t *w = s->world;
    check(s->nops == 0 || s->ops != NULL, "operations missing");
    uint32_t prev = 0;
    for (size_t i = 0; i < s->nops; i++) {
        const wb_op_t *op = &s->ops[i];
        check(op->line > prev && op->line <= lines, "operation lines do not increase within the input");
        prev = op->line;
        switch (op->kind) {
        case WB_OP_SET:
            check_loc(w, &op->dst, true);
            check_loc(w, &op->src, false);
            break;
        case WB_OP_SWITCH:
            check(op->arg < w->nstacks, "switch to an unknown stack");
            break;
        case WB_OP_WAIT:
            check(op->wait == WB_WAIT_SCANNED ? op->arg < w->nstacks
                  : (op->wait == WB_WAIT_BLACK || op->wait == WB_WAIT_GREY) && op->arg < w->nnamed,
                  "wait for an unknown object or stack");
            break;
        default:
            check(false, "an unknown kind of operation");
        }
    }
}

// run_ops — print and run every operation on the world, no cycle under way.
static void run_ops(wb_scenario_t *s)
{
    char text[256], why[256];
    for (size_t i = 0; i < s->nops; i++) {
        const wb_op_t *op = &s->ops[i];
        wb_op_text(s->world, op, text, sizeof text);
        check(text[0] != '\0', "an operation prints as nothing");
        why[0] = '\0';
        wb_effect_t eff;
        if (wb_op_exec(s->world, op, &eff, why, sizeof why) != 0)
            check(why[0] != '\0', "an operation fails without a reason");
        else if (op->kind == WB_OP_SET)
            wb_effect_text(s->world, &eff, text, sizeof text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    memset(err, 'X', sizeof err);
    wb_scenario_t *s = parse(data, size, err, sizeof err);
    if (!s) {
        check(memchr(err, '\0', sizeof err) != NULL, "error not terminated");
        ml_fuzz_check_line_error(data, size, err, rejects);
        return 0;
    }
    check(s->name != NULL && s->name[0] != '\0' && s->world != NULL, "scenario without name or world");
    check_world_names(s->world);
    check_ops(s, ml_fuzz_lines(data, size));
    run_ops(s);
    wb_scenario_free(s);
    ml_fuzz_accepted++;
    return 0;
}
