// scenario_parse.c — the scenario text format's parser, and its heap part:
// the directives before `---` (format in memlab/scenario.h). The script
// after `---` is scenario_script.c.
//
// The parser reads one line at a time into an ml_scn_t, checking every
// reference as it goes (objects declared before use, slots that are pointer
// slots of the object's type and set once), so a scenario that parses
// always builds. Names are found through small open-addressing hash tables
// that live only while a file is parsed. Every error is "file:line: what is
// wrong", and nothing after that line has been read.
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/scenario.h"
#include "scenario_impl.h"

// ---- name tables -------------------------------------------------------------------

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

uint32_t ml_scn_names_get(const ml_scn_names_t *t, const char *k)
{
    if (!t->cap)
        return ML_SCN_NIL;
    for (size_t i = hash_str(k) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        if (!t->keys[i])
            return ML_SCN_NIL;
        if (strcmp(t->keys[i], k) == 0)
            return t->vals[i];
    }
}

// names_put — add k → v (k is not copied). 0, or -1 when memory runs out.
static int names_put(ml_scn_names_t *t, char *k, uint32_t v)
{
    if ((t->n + 1) * 2 > t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 64;
        char **nk = calloc(ncap, sizeof *nk);
        uint32_t *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv) {
            free(nk), free(nv);
            return -1;
        }
        for (size_t i = 0; i < t->cap; i++)
            if (t->keys[i]) {
                size_t j = hash_str(t->keys[i]) & (ncap - 1);
                while (nk[j])
                    j = (j + 1) & (ncap - 1);
                nk[j] = t->keys[i], nv[j] = t->vals[i];
            }
        free(t->keys), free(t->vals);
        t->keys = nk, t->vals = nv, t->cap = ncap;
    }
    size_t i = hash_str(k) & (t->cap - 1);
    while (t->keys[i])
        i = (i + 1) & (t->cap - 1);
    t->keys[i] = k, t->vals[i] = v, t->n++;
    return 0;
}

static void names_free(ml_scn_names_t *t)
{
    free(t->keys), free(t->vals);
}

// ---- helpers shared with the script -----------------------------------------------

int ml_scn_fail_(ml_scn_parser_t *p, const char *fmt, ...)
{
    int n = snprintf(p->err, p->errlen, "%s:%u: ", p->file, p->line);
    if (n < 0 || (size_t)n >= p->errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

#define fail ml_scn_fail_
#define NOMEM() fail(p, "out of memory")

bool ml_scn_valid_name_(const char *w)
{
    if (!(isalpha((unsigned char)w[0]) || w[0] == '_'))
        return false;
    size_t n = 0;
    for (; w[n]; n++)
        if (!(isalnum((unsigned char)w[n]) || w[n] == '_'))
            return false;
    return n <= ML_SCN_NAME_MAX;
}

// parse_uint — a decimal number ≤ max; false if `w` is not one.
static bool parse_uint(const char *w, unsigned long max, unsigned long *out)
{
    if (!isdigit((unsigned char)w[0]) || strlen(w) > 9)
        return false;
    char *end;
    unsigned long v = strtoul(w, &end, 10);
    if (*end || v > max)
        return false;
    *out = v;
    return true;
}

// need_new_name — `w` is well formed and not yet in table `t`. 0 or -1.
static int need_new_name(ml_scn_parser_t *p, const ml_scn_names_t *t, const char *w,
                         const char *kind)
{
    if (!ml_scn_valid_name_(w))
        return fail(p,
                    "'%.*s' is not a valid %s name (letters, digits and '_', "
                    "not starting with a digit, at most %d characters)",
                    ML_SCN_NAME_MAX + 1, w, kind, ML_SCN_NAME_MAX);
    if (ml_scn_names_get(t, w) != ML_SCN_NIL)
        return fail(p, "%s '%s' is declared twice", kind, w);
    return 0;
}

uint32_t ml_scn_new_object_(ml_scn_parser_t *p, const char *name, uint32_t t)
{
    if (strcmp(name, "nil") == 0 || strcmp(name, "new") == 0) {
        fail(p, "'%s' cannot name an object", name);
        return ML_SCN_NIL;
    }
    if (need_new_name(p, &p->objs, name, "object"))
        return ML_SCN_NIL;
    uint32_t o = ml_scn_add_obj(p->s, t, name);
    uint64_t *ns = o == ML_SCN_NIL ? NULL : realloc(p->slot_set, p->s->cap_objs * sizeof *ns);
    if (!ns || names_put(&p->objs, p->s->objs[o].name, o)) {
        if (ns)
            p->slot_set = ns;
        NOMEM();
        return ML_SCN_NIL;
    }
    p->slot_set = ns;
    ns[o] = 0;
    return o;
}

// target — the object named `w`, or ML_SCN_NIL for "nil". 0, or -1 if unknown.
static int target(ml_scn_parser_t *p, const char *w, uint32_t *out)
{
    if (strcmp(w, "nil") == 0) {
        *out = ML_SCN_NIL;
        return 0;
    }
    uint32_t o = ml_scn_names_get(&p->objs, w);
    if (o == ML_SCN_NIL)
        return fail(p, "unknown object '%s' (declare it with 'obj' before using it)", w);
    *out = o;
    return 0;
}

// ---- the directives ------------------------------------------------------------------

// do_text — `scenario NAME...` or `about TEXT...`: the rest of the line.
static int do_text(ml_scn_parser_t *p, char **w, int nw)
{
    if (nw < 2)
        return fail(p, "'%s' needs text on the same line", w[0]);
    size_t len = 0;
    for (int i = 1; i < nw; i++)
        len += strlen(w[i]) + 1;
    char *text = malloc(len);
    if (!text)
        return NOMEM();
    text[0] = '\0';
    for (int i = 1; i < nw; i++)
        strcat(strcat(text, i > 1 ? " " : ""), w[i]);
    char **dst = w[0][0] == 's' ? &p->s->name : &p->s->about;
    free(*dst);
    *dst = text;
    return 0;
}

// type_slot — one SLOT of a `type` line: "N" or "N:NAME". 0 or -1.
static int type_slot(ml_scn_parser_t *p, char **w, uint32_t t, char *spec, unsigned long nwords)
{
    unsigned long slot;
    char *colon = strchr(spec, ':');
    if (colon)
        *colon = '\0';
    if (!parse_uint(spec, nwords - 1, &slot))
        return fail(p, "type '%s': pointer slot '%s' is not a word index 0..%lu", w[1], spec,
                    nwords - 1);
    ml_scn_type_t *ty = &p->s->types[t];
    if (ty->ptrmask & ((uint64_t)1 << slot))
        return fail(p, "type '%s': pointer slot %lu is listed twice", w[1], slot);
    ty->ptrmask |= (uint64_t)1 << slot;
    if (!colon)
        return 0;
    const char *name = colon + 1;
    if (!ml_scn_valid_name_(name) || isdigit((unsigned char)name[0]))
        return fail(p, "type '%s': '%.*s' is not a valid slot name", w[1], ML_SCN_NAME_MAX + 1,
                    name);
    for (uint32_t k = 0; ty->slot_names && k < ty->nwords; k++)
        if (ty->slot_names[k] && strcmp(ty->slot_names[k], name) == 0)
            return fail(p, "type '%s': slot name '%s' is used twice", w[1], name);
    if (ml_scn_name_slot(p->s, t, (uint32_t)slot, name))
        return NOMEM();
    return 0;
}

static int do_type(ml_scn_parser_t *p, char **w, int nw)
{
    if (nw < 3)
        return fail(p, "'type' needs a name and a number of words: type NAME WORDS [SLOT ...]");
    if (need_new_name(p, &p->types, w[1], "type"))
        return -1;
    unsigned long nwords;
    if (!parse_uint(w[2], ML_SCN_MAX_WORDS, &nwords) || nwords == 0)
        return fail(p, "type '%s': the number of words must be 1..%d, not '%s'", w[1],
                    ML_SCN_MAX_WORDS, w[2]);
    uint32_t t = ml_scn_add_type(p->s, w[1], (uint32_t)nwords, 0);
    if (t == ML_SCN_NIL || names_put(&p->types, p->s->types[t].name, t))
        return NOMEM();
    for (int i = 3; i < nw; i++)
        if (type_slot(p, w, t, w[i], nwords))
            return -1;
    return 0;
}

static int do_obj(ml_scn_parser_t *p, char **w, int nw)
{
    if (nw < 3)
        return fail(p, "'obj' needs names and a type: obj NAME [NAME ...] TYPE");
    uint32_t t = ml_scn_names_get(&p->types, w[nw - 1]);
    if (t == ML_SCN_NIL)
        return fail(p, "unknown type '%s' (declare it with 'type' first)", w[nw - 1]);
    for (int i = 1; i < nw - 1; i++)
        if (ml_scn_new_object_(p, w[i], t) == ML_SCN_NIL)
            return -1;
    return 0;
}

// slot_of — word SLOT of type `ty`, by index or by name; ML_SCN_NIL if none.
static uint32_t slot_of(const ml_scn_type_t *ty, const char *w)
{
    unsigned long v;
    if (parse_uint(w, ML_SCN_MAX_WORDS - 1, &v))
        return v < ty->nwords ? (uint32_t)v : ML_SCN_NIL;
    for (uint32_t k = 0; ty->slot_names && k < ty->nwords; k++)
        if (ty->slot_names[k] && strcmp(ty->slot_names[k], w) == 0)
            return k;
    return ML_SCN_NIL;
}

static int do_ptr(ml_scn_parser_t *p, char **w, int nw)
{
    if (nw != 3)
        return fail(p, "'ptr' takes a slot and a target: ptr OBJ.SLOT TARGET");
    char *dot = strchr(w[1], '.');
    if (!dot)
        return fail(p, "'%s' is not OBJ.SLOT (e.g. a.0 for word 0 of object a)", w[1]);
    *dot = '\0';
    uint32_t from = ml_scn_names_get(&p->objs, w[1]);
    if (from == ML_SCN_NIL)
        return fail(p, "unknown object '%s' (declare it with 'obj' before using it)", w[1]);
    const ml_scn_type_t *ty = &p->s->types[p->s->objs[from].type];
    uint32_t slot = slot_of(ty, dot + 1);
    if (slot == ML_SCN_NIL)
        return fail(p, "'%s.%.*s': object '%s' (type %s) has words 0..%u%s", w[1],
                    ML_SCN_NAME_MAX + 1, dot + 1, w[1], ty->name, ty->nwords - 1,
                    ty->slot_names ? " and the slot names of its type" : "");
    if (!(ty->ptrmask & ((uint64_t)1 << slot)))
        return fail(p, "'%s.%s': word %u of type %s is not a pointer slot", w[1], dot + 1, slot,
                    ty->name);
    if (p->slot_set[from] & ((uint64_t)1 << slot))
        return fail(p, "'%s.%s' is set twice", w[1], dot + 1);
    uint32_t to = ML_SCN_NIL;
    if (target(p, w[2], &to))
        return -1;
    p->slot_set[from] |= (uint64_t)1 << slot;
    if (ml_scn_add_edge(p->s, from, slot, to))
        return NOMEM();
    return 0;
}

static int do_root(ml_scn_parser_t *p, char **w, int nw, bool global)
{
    const char *kind = global ? "global" : "local";
    if (nw != 3)
        return fail(p, "'%s' takes a name and a target: %s NAME TARGET", kind, kind);
    if (!global && p->s->nframes == 0)
        return fail(p, "'local %.*s' comes before any 'frame' (push a frame first)",
                    ML_SCN_NAME_MAX + 1, w[1]);
    // Globals are unique; a local is unique within its frame.
    if (!ml_scn_valid_name_(w[1]))
        return fail(p, "'%.*s' is not a valid %s name", ML_SCN_NAME_MAX + 1, w[1], kind);
    if (global && ml_scn_names_get(&p->globals, w[1]) != ML_SCN_NIL)
        return fail(p, "global '%s' is declared twice", w[1]);
    if (!global) {
        const ml_scn_frame_t *f = &p->s->frames[p->s->nframes - 1];
        for (uint32_t i = 0; i < f->nlocals; i++)
            if (strcmp(p->s->locals[f->first_local + i].name, w[1]) == 0)
                return fail(p, "local '%s' is declared twice in frame '%s'", w[1], f->name);
    }
    uint32_t t = ML_SCN_NIL;
    if (target(p, w[2], &t))
        return -1;
    uint32_t r = global ? ml_scn_add_global(p->s, w[1], t) : ml_scn_add_local(p->s, w[1], t);
    if (r == ML_SCN_NIL || (global && names_put(&p->globals, p->s->globals[r].name, r)))
        return NOMEM();
    return 0;
}

// do_named — `stack NAME` or `frame NAME`.
static int do_named(ml_scn_parser_t *p, char **w, int nw)
{
    if (nw != 2)
        return fail(p, "'%s' takes one name: %s NAME", w[0], w[0]);
    if (!ml_scn_valid_name_(w[1]))
        return fail(p, "'%.*s' is not a valid %s name", ML_SCN_NAME_MAX + 1, w[1], w[0]);
    uint32_t r = w[0][0] == 's' ? ml_scn_use_stack(p->s, w[1]) : ml_scn_push_frame(p->s, w[1]);
    return r == ML_SCN_NIL ? NOMEM() : 0;
}

// heap_line — one directive of the heap part, words w[0..nw).
static int heap_line(ml_scn_parser_t *p, char **w, int nw)
{
    const char *d = w[0];
    if (strcmp(d, "---") == 0) {
        if (nw > 1)
            return fail(p, "'---' stands alone on its line");
        p->s->has_script = true;
        return 0;
    }
    if (strcmp(d, "scenario") == 0 || strcmp(d, "about") == 0)
        return do_text(p, w, nw);
    if (strcmp(d, "type") == 0)
        return do_type(p, w, nw);
    if (strcmp(d, "obj") == 0)
        return do_obj(p, w, nw);
    if (strcmp(d, "ptr") == 0)
        return do_ptr(p, w, nw);
    if (strcmp(d, "global") == 0 || strcmp(d, "local") == 0)
        return do_root(p, w, nw, d[0] == 'g');
    if (strcmp(d, "frame") == 0 || strcmp(d, "stack") == 0)
        return do_named(p, w, nw);
    return fail(
        p,
        "unknown directive '%.*s' (expected scenario, about, type, obj, ptr, global, stack, "
        "frame, local or ---)",
        ML_SCN_NAME_MAX + 1, d);
}

// parse_line — split one line (comment already cut) into words and hand it
// to the heap part or, after `---`, to the script. 0 or -1.
static int parse_line(ml_scn_parser_t *p, char *line)
{
    char *w[ML_SCN_MAX_WORDS + 8];
    int nw = 0;
    for (char *tok = strtok(line, " \t\r\n\v\f"); tok; tok = strtok(NULL, " \t\r\n\v\f")) {
        if (nw == (int)(sizeof w / sizeof w[0]))
            return fail(p, "too many words on one line (at most %zu)", sizeof w / sizeof w[0]);
        w[nw++] = tok;
    }
    if (nw == 0)
        return 0;
    if (p->s->has_script)
        return ml_scn_script_line_(p, w, nw);
    return heap_line(p, w, nw);
}

int ml_scn_parse(FILE *f, const char *name, ml_scn_t **out, char *err, size_t errlen)
{
    *out = NULL;
    ml_scn_parser_t p = { .file = name, .err = err, .errlen = errlen };
    p.s = ml_scn_new(name);
    if (!p.s) {
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) != -1) {
        p.line++;
        if (memchr(line, '\0', (size_t)len)) {
            rc = fail(&p, "the line contains a NUL byte (is this a text file?)");
            break;
        }
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        rc = parse_line(&p, line);
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", name);
        rc = -1;
    }
    if (rc == 0 && p.s->nobjs == 0) {
        snprintf(err, errlen, "%s:%u: the scenario declares no objects", name, p.line ? p.line : 1);
        rc = -1;
    }
    free(line);
    free(p.slot_set);
    names_free(&p.types), names_free(&p.objs), names_free(&p.globals);
    if (rc) {
        ml_scn_free(p.s);
        return -1;
    }
    *out = p.s;
    return 0;
}

int ml_scn_read(const char *path, ml_scn_t **out, char *err, size_t errlen)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = ml_scn_parse(f, path, out, err, errlen);
    fclose(f);
    return rc;
}
