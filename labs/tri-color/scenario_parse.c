// scenario_parse.c — the scenario text format's parser (format in scenario.h).
//
// The parser reads one directive per line into a tc_scenario_t, checking
// every reference as it goes (objects are declared before use, slots are
// pointer slots of the object's type and set once), so a scenario that
// parses always builds. Names are found through a small open-addressing
// hash table that lives only while a file is parsed. Every error is
// "file:line: what is wrong".
#include "scenario.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

// ---- the parser ---------------------------------------------------------------

// A name → index table, open addressing, for one kind of name.
typedef struct names {
    char **keys;
    uint32_t *vals;
    size_t cap, n;
} names_t;

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static uint32_t names_get(const names_t *t, const char *k)
{
    if (!t->cap)
        return TC_NIL;
    for (size_t i = hash_str(k) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        if (!t->keys[i])
            return TC_NIL;
        if (strcmp(t->keys[i], k) == 0)
            return t->vals[i];
    }
}

// names_put — add k (not copied: it must outlive the table). 0 or -1 (no memory).
static int names_put(names_t *t, char *k, uint32_t v)
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

static void names_free(names_t *t)
{
    free(t->keys), free(t->vals);
}

typedef struct parser {
    tc_scenario_t *s;
    const char *file;
    unsigned line;
    char *err;
    size_t errlen;
    names_t types, objs, roots;   // roots: globals and locals share one namespace per kind
    uint64_t *slot_set;           // per object, bit per word: slot already set
} parser_t;

static bool fail(parser_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(parser_t *p, const char *fmt, ...)
{
    int n = snprintf(p->err, p->errlen, "%s:%u: ", p->file, p->line);
    if (n < 0 || (size_t)n >= p->errlen)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static bool valid_name(const char *w)
{
    if (!(isalpha((unsigned char)w[0]) || w[0] == '_'))
        return false;
    size_t n = 0;
    for (; w[n]; n++)
        if (!(isalnum((unsigned char)w[n]) || w[n] == '_'))
            return false;
    return n <= TC_NAME_MAX;
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

// need_name — check that `w` is a new, well-formed name in table `t`.
static bool need_new_name(parser_t *p, const names_t *t, const char *w, const char *kind)
{
    if (!valid_name(w))
        return fail(p, "'%s' is not a valid %s name (letters, digits and '_', "
                       "not starting with a digit, at most %d characters)",
                    w, kind, TC_NAME_MAX);
    if (names_get(t, w) != TC_NIL)
        return fail(p, "%s '%s' is declared twice", kind, w);
    return true;
}

// target — the object named `w`, or TC_NIL for "nil"; false if unknown.
static bool target(parser_t *p, const char *w, uint32_t *out)
{
    if (strcmp(w, "nil") == 0) {
        *out = TC_NIL;
        return true;
    }
    uint32_t o = names_get(&p->objs, w);
    if (o == TC_NIL)
        return fail(p, "unknown object '%s' (declare it with 'obj' before using it)", w);
    *out = o;
    return true;
}

#define NOMEM() fail(p, "out of memory")

static bool do_type(parser_t *p, char **w, int nw)
{
    if (nw < 3)
        return fail(p, "'type' needs a name and a number of words: type NAME WORDS [SLOT ...]");
    if (!need_new_name(p, &p->types, w[1], "type"))
        return false;
    unsigned long nwords, slot;
    if (!parse_uint(w[2], TC_MAX_WORDS, &nwords) || nwords == 0)
        return fail(p, "type '%s': the number of words must be 1..%d, not '%s'", w[1], TC_MAX_WORDS, w[2]);
    uint64_t mask = 0;
    for (int i = 3; i < nw; i++) {
        if (!parse_uint(w[i], nwords - 1, &slot))
            return fail(p, "type '%s': pointer slot '%s' is not a word index 0..%lu", w[1], w[i], nwords - 1);
        if (mask & ((uint64_t)1 << slot))
            return fail(p, "type '%s': pointer slot %lu is listed twice", w[1], slot);
        mask |= (uint64_t)1 << slot;
    }
    uint32_t t = tc_scenario_add_type(p->s, w[1], (uint32_t)nwords, mask);
    if (t == TC_NIL || names_put(&p->types, p->s->types[t].name, t))
        return NOMEM();
    return true;
}

static bool do_obj(parser_t *p, char **w, int nw)
{
    if (nw < 3)
        return fail(p, "'obj' needs names and a type: obj NAME [NAME ...] TYPE");
    uint32_t t = names_get(&p->types, w[nw - 1]);
    if (t == TC_NIL)
        return fail(p, "unknown type '%s' (declare it with 'type' first)", w[nw - 1]);
    for (int i = 1; i < nw - 1; i++) {
        if (strcmp(w[i], "nil") == 0)
            return fail(p, "'nil' cannot name an object");
        if (!need_new_name(p, &p->objs, w[i], "object"))
            return false;
        uint32_t o = tc_scenario_add_obj(p->s, t, w[i]);
        if (o == TC_NIL || names_put(&p->objs, p->s->objs[o].name, o))
            return NOMEM();
        uint64_t *ns = realloc(p->slot_set, p->s->cap_objs * sizeof *ns);
        if (!ns)
            return NOMEM();
        p->slot_set = ns;
        ns[o] = 0;
    }
    return true;
}

static bool do_ptr(parser_t *p, char **w, int nw)
{
    if (nw != 3)
        return fail(p, "'ptr' takes a slot and a target: ptr OBJ.SLOT TARGET");
    char *dot = strchr(w[1], '.');
    if (!dot)
        return fail(p, "'%s' is not OBJ.SLOT (e.g. a.0 for word 0 of object a)", w[1]);
    *dot = '\0';
    uint32_t from = names_get(&p->objs, w[1]);
    if (from == TC_NIL)
        return fail(p, "unknown object '%s' (declare it with 'obj' before using it)", w[1]);
    const tc_type_decl_t *ty = &p->s->types[p->s->objs[from].type];
    unsigned long slot;
    if (!parse_uint(dot + 1, TC_MAX_WORDS - 1, &slot) || slot >= ty->nwords)
        return fail(p, "'%s.%s': object '%s' (type %s) has words 0..%u", w[1], dot + 1, w[1], ty->name,
                    ty->nwords - 1);
    if (!(ty->ptrmask & ((uint64_t)1 << slot)))
        return fail(p, "'%s.%lu': word %lu of type %s is not a pointer slot", w[1], slot, slot, ty->name);
    if (p->slot_set[from] & ((uint64_t)1 << slot))
        return fail(p, "'%s.%lu' is set twice", w[1], slot);
    uint32_t to = TC_NIL;
    if (!target(p, w[2], &to))
        return false;
    p->slot_set[from] |= (uint64_t)1 << slot;
    if (tc_scenario_add_edge(p->s, from, (uint32_t)slot, to))
        return NOMEM();
    return true;
}

static bool do_root(parser_t *p, char **w, int nw, bool global)
{
    const char *kind = global ? "global" : "local";
    if (nw != 3)
        return fail(p, "'%s' takes a name and a target: %s NAME TARGET", kind, kind);
    if (!global && p->s->nframes == 0)
        return fail(p, "'local %s' comes before any 'frame' (push a frame first)", w[1]);
    // Globals are unique; a local is unique within its frame.
    if (!valid_name(w[1]))
        return fail(p, "'%s' is not a valid %s name", w[1], kind);
    if (global && names_get(&p->roots, w[1]) != TC_NIL)
        return fail(p, "global '%s' is declared twice", w[1]);
    if (!global) {
        const tc_frame_decl_t *f = &p->s->frames[p->s->nframes - 1];
        for (uint32_t i = 0; i < f->nlocals; i++)
            if (strcmp(p->s->locals[f->first_local + i].name, w[1]) == 0)
                return fail(p, "local '%s' is declared twice in frame '%s'", w[1], f->name);
    }
    uint32_t t = TC_NIL;
    if (!target(p, w[2], &t))
        return false;
    uint32_t r = global ? tc_scenario_add_global(p->s, w[1], t) : tc_scenario_add_local(p->s, w[1], t);
    if (r == TC_NIL || (global && names_put(&p->roots, p->s->globals[r].name, r)))
        return NOMEM();
    return true;
}

static bool do_stack(parser_t *p, char **w, int nw)
{
    if (nw != 2)
        return fail(p, "'stack' takes one name: stack NAME");
    if (!valid_name(w[1]))
        return fail(p, "'%s' is not a valid stack name", w[1]);
    if (tc_scenario_use_stack(p->s, w[1]) == TC_NIL)
        return NOMEM();
    return true;
}

static bool do_frame(parser_t *p, char **w, int nw)
{
    if (nw != 2)
        return fail(p, "'frame' takes one name: frame NAME");
    if (!valid_name(w[1]))
        return fail(p, "'%s' is not a valid frame name", w[1]);
    if (tc_scenario_push_frame(p->s, w[1]) == TC_NIL)
        return NOMEM();
    return true;
}

// parse_line — one directive (comments already cut). Returns false on error.
static bool parse_line(parser_t *p, char *line)
{
    char *w[TC_MAX_WORDS + 8];
    int nw = 0;
    for (char *tok = strtok(line, " \t\r\n\v\f"); tok; tok = strtok(NULL, " \t\r\n\v\f")) {
        if (nw == (int)(sizeof w / sizeof w[0]))
            return fail(p, "too many words on one line (at most %zu)", sizeof w / sizeof w[0]);
        w[nw++] = tok;
    }
    if (nw == 0)
        return true;
    if (strcmp(w[0], "type") == 0)
        return do_type(p, w, nw);
    if (strcmp(w[0], "obj") == 0)
        return do_obj(p, w, nw);
    if (strcmp(w[0], "ptr") == 0)
        return do_ptr(p, w, nw);
    if (strcmp(w[0], "global") == 0)
        return do_root(p, w, nw, true);
    if (strcmp(w[0], "local") == 0)
        return do_root(p, w, nw, false);
    if (strcmp(w[0], "frame") == 0)
        return do_frame(p, w, nw);
    if (strcmp(w[0], "stack") == 0)
        return do_stack(p, w, nw);
    return fail(p, "unknown directive '%s' (expected type, obj, ptr, global, stack, frame or local)", w[0]);
}

tc_scenario_t *tc_scenario_parse(FILE *f, const char *name, char *err, size_t errlen)
{
    parser_t p = {.file = name, .err = err, .errlen = errlen};
    p.s = tc_scenario_new(name);
    if (!p.s) {
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    bool ok = true;
    while (ok && (len = getline(&line, &cap, f)) != -1) {
        p.line++;
        if (memchr(line, '\0', (size_t)len)) {
            ok = fail(&p, "the line contains a NUL byte (is this a text file?)");
            break;
        }
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        ok = parse_line(&p, line);
    }
    if (ok && ferror(f)) {
        snprintf(err, errlen, "%s: read error", name);
        ok = false;
    }
    if (ok && p.s->nobjs == 0) {
        snprintf(err, errlen, "%s:%u: the scenario declares no objects", name, p.line ? p.line : 1);
        ok = false;
    }
    free(line);
    free(p.slot_set);
    names_free(&p.types), names_free(&p.objs), names_free(&p.roots);
    if (!ok) {
        tc_scenario_free(p.s);
        return NULL;
    }
    return p.s;
}

tc_scenario_t *tc_scenario_read(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    tc_scenario_t *s = tc_scenario_parse(f, path, err, errlen);
    fclose(f);
    return s;
}
