// scenario_script.c — the script part of the scenario format: the lines
// after `---`, which a mutator plays while a collection cycle runs (format
// in memlab/scenario.h), and the text of an operation for messages and for
// the writer.
//
// A script line is one of
//     PLACE = VALUE        -> ML_SCN_SET   (dst, src)
//     wait COLOR OBJ       -> ML_SCN_WAIT  (ML_SCN_WAIT_BLACK / _GREY, arg = object)
//     wait scanned STACK   -> ML_SCN_WAIT  (ML_SCN_WAIT_SCANNED, arg = stack)
//     on STACK             -> ML_SCN_SWITCH (arg = stack)
// Every name is resolved here, against the heap part already read, so a
// script that parses names only things that exist; what can still fail is
// left to the line's run (a field of a nil local, an object already freed).
// A slot is stored as the pointer slot's rank among its type's pointer
// words — the index ml_gc_slot takes. Through a local (STACK.L->SLOT) the
// type is known only at run time, so the slot is given by name, and every
// type that names a slot so must give it the same rank.
#include <string.h>

#include "memlab/scenario.h"
#include "scenario_impl.h"

#define fail ml_scn_fail_

// rank — the rank of word `word` among the pointer words of mask `m`.
static uint32_t rank(uint64_t m, uint32_t word)
{
    return (uint32_t)__builtin_popcountll(m & (((uint64_t)1 << word) - 1));
}

static uint32_t find_stack(const ml_scn_t *s, const char *name)
{
    for (uint32_t k = 0; k < s->nstacks; k++)
        if (strcmp(s->stacks[k], name) == 0)
            return k;
    return ML_SCN_NIL;
}

// find_local — local `name` of stack `st`: in its topmost frame that has one.
static uint32_t find_local(const ml_scn_t *s, uint32_t st, const char *name)
{
    for (uint32_t f = s->nframes; f-- > 0;) {
        const ml_scn_frame_t *fr = &s->frames[f];
        if (fr->stack != st)
            continue;
        for (uint32_t i = fr->first_local; i < fr->first_local + fr->nlocals; i++)
            if (s->locals[i].name && strcmp(s->locals[i].name, name) == 0)
                return i;
    }
    return ML_SCN_NIL;
}

// object_slot — OBJ.SLOT of object `o`: SLOT a word index or a slot name,
// which must be a pointer word. Its rank, or ML_SCN_NIL with the error written.
static uint32_t object_slot(ml_scn_parser_t *p, uint32_t o, const char *obj, const char *slot)
{
    const ml_scn_type_t *ty = &p->s->types[p->s->objs[o].type];
    uint32_t word = ML_SCN_NIL;
    if (slot[0] >= '0' && slot[0] <= '9' && strlen(slot) <= 2) {
        word = (uint32_t)(slot[0] - '0');
        if (slot[1])
            word = slot[1] >= '0' && slot[1] <= '9' ? word * 10 + (uint32_t)(slot[1] - '0')
                                                    : ML_SCN_NIL;
    } else {
        for (uint32_t k = 0; ty->slot_names && k < ty->nwords; k++)
            if (ty->slot_names[k] && strcmp(ty->slot_names[k], slot) == 0)
                word = k;
    }
    if (word >= ty->nwords || !(ty->ptrmask & ((uint64_t)1 << word))) {
        fail(p, "'%s.%.*s': '%.*s' is not a pointer slot of %s (type %s)", obj, ML_SCN_NAME_MAX + 1,
             slot, ML_SCN_NAME_MAX + 1, slot, obj, ty->name);
        return ML_SCN_NIL;
    }
    return rank(ty->ptrmask, word);
}

// named_slot — the rank of the slot named `slot` in every type that names
// one so; ML_SCN_NIL with the error written if none does or two disagree.
static uint32_t named_slot(ml_scn_parser_t *p, const char *slot)
{
    uint32_t r = ML_SCN_NIL, first = 0;
    for (uint32_t t = 0; t < p->s->ntypes; t++) {
        const ml_scn_type_t *ty = &p->s->types[t];
        for (uint32_t k = 0; ty->slot_names && k < ty->nwords; k++) {
            if (!ty->slot_names[k] || strcmp(ty->slot_names[k], slot) != 0)
                continue;
            uint32_t rk = rank(ty->ptrmask, k);
            if (r != ML_SCN_NIL && rk != r) {
                fail(
                    p,
                    "slot '%s' is pointer slot %u of type %s but %u of type %s: through a local, a slot name "
                    "must mean one slot",
                    slot, r, p->s->types[first].name, rk, ty->name);
                return ML_SCN_NIL;
            }
            r = rk, first = t;
        }
    }
    if (r == ML_SCN_NIL)
        fail(p, "no type names a slot '%.*s' (name the slots: type NAME WORDS 0:a 1:b)",
             ML_SCN_NAME_MAX + 1, slot);
    return r;
}

// place — a place, or (value) a value, from w[0] (and for `new`, the two
// words after it). The number of words used, or -1 with the error written.
static int place(ml_scn_parser_t *p, char **w, int nw, bool value, ml_scn_place_t *out)
{
    ml_scn_t *s = p->s;
    const char *t = w[0];
    *out = (ml_scn_place_t){
        .kind = ML_SCN_VAL_NIL, .obj = ML_SCN_NIL, .local = ML_SCN_NIL, .global = ML_SCN_NIL
    };
    if (value && strcmp(t, "nil") == 0)
        return 1;
    if (value && strcmp(t, "new") == 0) {
        if (nw < 3)
            return fail(p, "write 'new NAME TYPE': the new object's name and type");
        uint32_t ty = ml_scn_names_get(&p->types, w[2]);
        if (ty == ML_SCN_NIL)
            return fail(p, "unknown type '%.*s' (declare it with 'type' before '---')",
                        ML_SCN_NAME_MAX + 1, w[2]);
        uint32_t o = ml_scn_new_object_(p, w[1], ty);
        if (o == ML_SCN_NIL)
            return -1;
        s->objs[o].born = true;
        out->kind = ML_SCN_NEW, out->obj = o;
        return 3;
    }
    char buf[2 * ML_SCN_NAME_MAX + 8]; // NAME.NAME->NAME at most
    if (strlen(t) >= sizeof buf)
        return fail(p, "'%.*s...' is too long for a place or value", ML_SCN_NAME_MAX, t);
    memcpy(buf, t, strlen(t) + 1);
    char *dot = strchr(buf, '.');
    if (!dot) {
        uint32_t g = ml_scn_names_get(&p->globals, buf), o = ml_scn_names_get(&p->objs, buf);
        if (g != ML_SCN_NIL) {
            out->kind = ML_SCN_GLOBAL, out->global = g;
            return 1;
        }
        if (value && o != ML_SCN_NIL) {
            out->kind = ML_SCN_OBJ, out->obj = o;
            return 1;
        }
        return fail(p, "'%s' is not a %s", buf,
                    value ? "global, object or nil"
                          : "global (or OBJ.SLOT, STACK.LOCAL, STACK.LOCAL->SLOT)");
    }
    *dot = '\0';
    char *rest = dot + 1, *arrow = strstr(rest, "->");
    uint32_t o = ml_scn_names_get(&p->objs, buf), st = find_stack(s, buf);
    if (o != ML_SCN_NIL) {
        if (arrow)
            return fail(p, "'%s': '->' follows a local; for a slot of object %s write %s.SLOT", t,
                        buf, buf);
        out->kind = ML_SCN_FIELD, out->obj = o;
        out->slot = object_slot(p, o, buf, rest);
        return out->slot == ML_SCN_NIL ? -1 : 1;
    }
    if (st == ML_SCN_NIL)
        return fail(p, "'%s' is neither an object nor a stack", buf);
    if (arrow)
        *arrow = '\0';
    uint32_t l = find_local(s, st, rest);
    if (l == ML_SCN_NIL)
        return fail(p, "stack %s has no local '%s'", buf, rest);
    out->local = l;
    if (!arrow) {
        out->kind = ML_SCN_LOCAL;
        return 1;
    }
    out->kind = ML_SCN_FIELD;
    out->slot = named_slot(p, arrow + 2);
    return out->slot == ML_SCN_NIL ? -1 : 1;
}

// do_wait — `wait black|grey OBJ` or `wait scanned STACK`.
static int do_wait(ml_scn_parser_t *p, char **w, int nw, ml_scn_op_t *op)
{
    if (nw != 3)
        return fail(p, "write 'wait black OBJ', 'wait grey OBJ' or 'wait scanned STACK'");
    op->kind = ML_SCN_WAIT;
    if (strcmp(w[1], "scanned") == 0) {
        if ((op->arg = find_stack(p->s, w[2])) == ML_SCN_NIL)
            return fail(p, "unknown stack '%.*s'", ML_SCN_NAME_MAX + 1, w[2]);
        op->wait = ML_SCN_WAIT_SCANNED;
        return 0;
    }
    if (strcmp(w[1], "black") != 0 && strcmp(w[1], "grey") != 0)
        return fail(p, "unknown condition '%.*s' (black, grey or scanned)", ML_SCN_NAME_MAX + 1,
                    w[1]);
    if ((op->arg = ml_scn_names_get(&p->objs, w[2])) == ML_SCN_NIL)
        return fail(p, "unknown object '%.*s'", ML_SCN_NAME_MAX + 1, w[2]);
    op->wait = w[1][0] == 'b' ? ML_SCN_WAIT_BLACK : ML_SCN_WAIT_GREY;
    return 0;
}

int ml_scn_script_line_(ml_scn_parser_t *p, char **w, int nw)
{
    ml_scn_op_t op = { .kind = ML_SCN_SET, .line = p->line };
    if (nw >= 2 && strcmp(w[1], "=") == 0) {
        if (nw < 3)
            return fail(p, "'%s =' needs a value", w[0]);
        if (place(p, w, 1, false, &op.dst) < 0)
            return -1;
        int used = place(p, w + 2, nw - 2, true, &op.src);
        if (used < 0)
            return -1;
        if (2 + used != nw)
            return fail(p, "unexpected '%.*s' after the value", ML_SCN_NAME_MAX + 1, w[2 + used]);
    } else if (strcmp(w[0], "wait") == 0) {
        if (do_wait(p, w, nw, &op))
            return -1;
    } else if (strcmp(w[0], "on") == 0) {
        op.kind = ML_SCN_SWITCH;
        if (nw != 2 || (op.arg = find_stack(p->s, w[1])) == ML_SCN_NIL)
            return fail(p, "write 'on STACK' with a declared stack");
    } else if (strcmp(w[0], "---") == 0) {
        return fail(p, "'---' appears once: the script has already begun");
    } else {
        static const char *const heap_words[] = { "scenario", "about", "type",  "obj",   "ptr",
                                                  "global",   "stack", "frame", "local", NULL };
        for (const char *const *k = heap_words; *k; k++)
            if (strcmp(w[0], *k) == 0)
                return fail(p, "'%s' belongs before '---' (declare the heap, then the script)",
                            w[0]);
        return fail(p, "expected 'PLACE = VALUE', 'wait' or 'on', not '%.*s'", ML_SCN_NAME_MAX + 1,
                    w[0]);
    }
    return ml_scn_add_op(p->s, &op) ? fail(p, "out of memory") : 0;
}

// ---- the text of an operation --------------------------------------------------------

// ptr_slot_name — the name of pointer slot `r` (a rank) of type `t`, else its word.
static const char *ptr_slot_name(const ml_scn_t *s, uint32_t t, uint32_t r, char *buf, size_t len)
{
    uint32_t word = ml_scn_slot_word(s, t, r);
    if (word == ML_SCN_NIL) {
        snprintf(buf, len, "?%u", r);
        return buf;
    }
    return ml_scn_slot_name(s, t, word, buf, len);
}

// means_only — whether every type that names a slot `name` gives it rank r.
static bool means_only(const ml_scn_t *s, const char *name, uint32_t r)
{
    for (uint32_t t = 0; t < s->ntypes; t++) {
        const ml_scn_type_t *ty = &s->types[t];
        for (uint32_t k = 0; ty->slot_names && k < ty->nwords; k++)
            if (ty->slot_names[k] && strcmp(ty->slot_names[k], name) == 0 &&
                rank(ty->ptrmask, k) != r)
                return false;
    }
    return true;
}

// any_slot_name — a name that means pointer slot `r` in every type that
// uses it (what the parser accepts after '->'), else the number.
static const char *any_slot_name(const ml_scn_t *s, uint32_t r, char *buf, size_t len)
{
    for (uint32_t t = 0; t < s->ntypes; t++) {
        uint32_t word = ml_scn_slot_word(s, t, r);
        const ml_scn_type_t *ty = &s->types[t];
        if (word != ML_SCN_NIL && ty->slot_names && ty->slot_names[word] &&
            means_only(s, ty->slot_names[word], r))
            return ty->slot_names[word];
    }
    snprintf(buf, len, "%u", r);
    return buf;
}

static const char *place_text(const ml_scn_t *s, const ml_scn_place_t *pl, char *buf, size_t len)
{
    char a[32], b[32], c[32];
    const char *stack = pl->local < s->nlocals
                            ? s->stacks[s->frames[ml_scn_frame_of_local(s, pl->local)].stack]
                            : "?";
    switch (pl->kind) {
    case ML_SCN_VAL_NIL: snprintf(buf, len, "nil"); break;
    case ML_SCN_LOCAL:
        snprintf(buf, len, "%s.%s", stack, ml_scn_local_name(s, pl->local, a, sizeof a));
        break;
    case ML_SCN_FIELD:
        if (pl->obj != ML_SCN_NIL)
            snprintf(buf, len, "%s.%s", ml_scn_obj_name(s, pl->obj, a, sizeof a),
                     ptr_slot_name(s, s->objs[pl->obj].type, pl->slot, b, sizeof b));
        else
            snprintf(buf, len, "%s.%s->%s", stack, ml_scn_local_name(s, pl->local, a, sizeof a),
                     any_slot_name(s, pl->slot, b, sizeof b));
        break;
    case ML_SCN_GLOBAL:
        snprintf(buf, len, "%s", ml_scn_global_name(s, pl->global, a, sizeof a));
        break;
    case ML_SCN_OBJ: snprintf(buf, len, "%s", ml_scn_obj_name(s, pl->obj, a, sizeof a)); break;
    case ML_SCN_NEW:
        snprintf(buf, len, "new %s %s", ml_scn_obj_name(s, pl->obj, c, sizeof c),
                 s->types[s->objs[pl->obj].type].name);
        break;
    }
    return buf;
}

const char *ml_scn_op_text(const ml_scn_t *s, const ml_scn_op_t *op, char *buf, size_t len)
{
    char a[200], b[200];
    static const char *const waits[] = { "black", "grey", "scanned" };
    switch (op->kind) {
    case ML_SCN_SET:
        snprintf(buf, len, "%s = %s", place_text(s, &op->dst, a, sizeof a),
                 place_text(s, &op->src, b, sizeof b));
        break;
    case ML_SCN_SWITCH: snprintf(buf, len, "on %s", s->stacks[op->arg]); break;
    case ML_SCN_WAIT:
        snprintf(buf, len, "wait %s %s", waits[op->wait],
                 op->wait == ML_SCN_WAIT_SCANNED ? s->stacks[op->arg]
                                                 : ml_scn_obj_name(s, op->arg, a, sizeof a));
        break;
    }
    return buf;
}
