// scenario.c — the scenario format's parser and builder (see scenario.h).
//
// One pass: declarations create the world's objects, globals and stacks as
// they are read; setup assignments (before `---`) run at once, with no
// cycle running; lines after `---` become the cycle's operations. Every
// error names the line: "classic:7: unknown object 'Y'".
#include "scenario.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define NODE_SIZE 24      // Node {a, b *Node; key int}
#define NODE_MASK 0x3
#define MAX_TOKENS 64
#define MAX_NAME 63       // the longest name of an object, global, stack or local

typedef struct parser {
    wb_scenario_t *s;
    const char *src;
    unsigned line;
    bool in_cycle;        // after `---`
    char *why;
    size_t whylen;
} parser_t;

static int fail(parser_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(parser_t *p, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(p->why, p->whylen, "%s:%u: %s", p->src, p->line, msg);
    return -1;
}

// valid_name — letters, digits and '_', not starting with a digit, at most
// MAX_NAME bytes, and not one of the words a value can be (nil, new).
static bool valid_name(const char *name)
{
    if (!isalpha((unsigned char)name[0]) && name[0] != '_')
        return false;
    for (const char *c = name; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_')
            return false;
    return strlen(name) <= MAX_NAME && strcmp(name, "nil") != 0 && strcmp(name, "new") != 0;
}

// name_taken — whether `t` already names an object, a global or a stack.
static bool name_taken(const wb_world_t *w, const char *t)
{
    return wb_world_find_named(w, t) >= 0 || wb_world_find_global(w, t) >= 0 ||
           wb_world_find_stack(w, t) >= 0;
}

static int new_name_ok(parser_t *p, const char *t)
{
    if (!valid_name(t))
        return fail(p, "'%.*s' is not a valid name (letters, digits, _; at most %d of them; "
                       "not nil or new)", MAX_NAME + 1, t, MAX_NAME);
    if (name_taken(p->s->world, t))
        return fail(p, "'%s' is already declared", t);
    return 0;
}

static int slot_index(parser_t *p, const char *t, uint32_t *out)
{
    if (!strcmp(t, "a") || !strcmp(t, "b")) {
        *out = (uint32_t)(t[0] - 'a');
        return 0;
    }
    return fail(p, "'%s' is not a pointer slot (a Node has slots a and b)", t);
}

// parse_place — a place or (values == true) a value, from token `t` (and
// for `new`, the next token). Returns the tokens used, or -1.
static int parse_place(parser_t *p, char **tok, int ntok, bool values, wb_loc_t *out)
{
    wb_world_t *w = p->s->world;
    const char *t = tok[0];
    *out = (wb_loc_t){.kind = WB_LOC_NIL, .obj = -1};
    if (values && !strcmp(t, "nil"))
        return 1;
    if (values && !strcmp(t, "new")) {
        if (ntok < 2)
            return fail(p, "'new' needs a name for the new object");
        if (new_name_ok(p, tok[1]))
            return -1;
        int ty = wb_world_add_type(w, tok[1], NODE_SIZE, NODE_MASK);
        int o = ty < 0 ? -1 : wb_world_add_named(w, tok[1], -1);
        if (o < 0)
            return fail(p, "out of memory");
        *out = (wb_loc_t){.kind = WB_LOC_NEW, .obj = o, .type = (uint32_t)ty};
        return 2;
    }
    char buf[2 * MAX_NAME + 8];   // NAME.NAME->x at most
    if (strlen(t) >= sizeof buf)
        return fail(p, "'%.*s...' is too long for a place or value", MAX_NAME, t);
    memcpy(buf, t, strlen(t) + 1);
    char *dot = strchr(buf, '.');
    if (!dot) {
        int g = wb_world_find_global(w, buf), o = wb_world_find_named(w, buf);
        if (g >= 0) {
            *out = (wb_loc_t){.kind = WB_LOC_GLOBAL, .obj = -1, .index = (uint32_t)g};
            return 1;
        }
        if (values && o >= 0) {
            *out = (wb_loc_t){.kind = WB_LOC_OBJ, .obj = o};
            return 1;
        }
        return fail(p, "'%s' is not a %s", buf, values ? "global, object or nil" : "global (or OBJ.a, STACK.LOCAL)");
    }
    *dot = '\0';
    char *rest = dot + 1, *arrow = strstr(rest, "->");
    int o = wb_world_find_named(w, buf), s = wb_world_find_stack(w, buf);
    if (o >= 0) {
        if (arrow)
            return fail(p, "'%s': use OBJ.a for a slot of a named object", t);
        *out = (wb_loc_t){.kind = WB_LOC_FIELD, .obj = o};
        return slot_index(p, rest, &out->index) ? -1 : 1;
    }
    if (s < 0)
        return fail(p, "'%s' is neither an object nor a stack", buf);
    if (arrow)
        *arrow = '\0';
    uint32_t f, i;
    if (wb_world_find_local(w, (uint32_t)s, rest, &f, &i))
        return fail(p, "stack %s has no local '%s'", buf, rest);
    if (!arrow) {
        *out = (wb_loc_t){.kind = WB_LOC_LOCAL, .obj = -1, .stack = (uint32_t)s, .frame = f, .index = i};
        return 1;
    }
    *out = (wb_loc_t){.kind = WB_LOC_FIELD, .obj = -1, .stack = (uint32_t)s, .frame = f, .base = i};
    return slot_index(p, arrow + 2, &out->index) ? -1 : 1;
}

static int add_op(parser_t *p, const wb_op_t *op)
{
    wb_scenario_t *s = p->s;
    if (s->nops == s->capops) {
        size_t nc = s->capops ? 2 * s->capops : 16;
        wb_op_t *a = realloc(s->ops, nc * sizeof *a);
        if (!a)
            return fail(p, "out of memory");
        s->ops = a;
        s->capops = nc;
    }
    s->ops[s->nops++] = *op;
    return 0;
}

// run_or_add — a setup statement runs now; one in the cycle is kept.
static int run_or_add(parser_t *p, wb_op_t *op)
{
    op->line = p->line;
    if (p->in_cycle)
        return add_op(p, op);
    char why[256];
    if (wb_op_exec(p->s->world, op, NULL, why, sizeof why))
        return fail(p, "%s", why);
    return 0;
}

static int statement(parser_t *p, char **tok, int n)
{
    wb_scenario_t *s = p->s;
    wb_world_t *w = s->world;
    const char *kw = tok[0];
    if (!strcmp(kw, "---")) {
        if (p->in_cycle || n > 1)
            return fail(p, "'---' must appear once, alone on its line");
        p->in_cycle = true;
        return 0;
    }
    if (!strcmp(kw, "scenario") || !strcmp(kw, "about")) {
        if (n < 2)
            return fail(p, "'%s' needs text", kw);
        size_t len = 0;
        for (int i = 1; i < n; i++)
            len += strlen(tok[i]) + 1;
        char *text = malloc(len), **dst = kw[0] == 's' ? &s->name : &s->about;
        if (!text)
            return fail(p, "out of memory");
        text[0] = '\0';
        for (int i = 1; i < n; i++)
            strcat(strcat(text, i > 1 ? " " : ""), tok[i]);
        free(*dst);
        *dst = text;
        return 0;
    }
    if (!strcmp(kw, "object") || !strcmp(kw, "global") || !strcmp(kw, "stack")) {
        if (p->in_cycle)
            return fail(p, "declare %ss before '---'", kw);
        if (n < 2)
            return fail(p, "'%s' needs a name", kw);
    }
    if (!strcmp(kw, "object")) {
        for (int i = 1; i < n; i++) {
            if (new_name_ok(p, tok[i]))
                return -1;
            int ty = wb_world_add_type(w, tok[i], NODE_SIZE, NODE_MASK);
            if (ty < 0 || wb_world_add_named(w, tok[i], ty) < 0)
                return fail(p, "out of memory");
        }
        return 0;
    }
    if (!strcmp(kw, "global")) {
        if (new_name_ok(p, tok[1]))
            return -1;
        if (n != 2 && (n != 4 || strcmp(tok[2], "=")))
            return fail(p, "write 'global NAME' or 'global NAME = VALUE'");
        int g = ml_gc_global_add(w->heap, tok[1]);
        if (g < 0)
            return fail(p, "out of memory");
        if (n == 2)
            return 0;
        wb_op_t op = {.kind = WB_OP_SET, .dst = {.kind = WB_LOC_GLOBAL, .obj = -1, .index = (uint32_t)g}};
        if (parse_place(p, tok + 3, n - 3, true, &op.src) < 0)
            return -1;
        return run_or_add(p, &op);
    }
    if (!strcmp(kw, "stack")) {
        bool is_main = !strcmp(tok[1], "main") && w->stacks[0].nframes == 0;
        if (!is_main && new_name_ok(p, tok[1]))
            return -1;
        for (int i = 2; i < n; i++)
            if (!valid_name(tok[i]))
                return fail(p, "'%.*s' is not a valid local name", MAX_NAME + 1, tok[i]);
        int st = is_main ? 0 : wb_world_add_stack(w, tok[1]);
        char fname[96];
        snprintf(fname, sizeof fname, "%s()", tok[1]);
        if (st < 0 || wb_world_push_frame(w, (uint32_t)st, fname, (size_t)(n - 2), (const char *const *)tok + 2) < 0)
            return fail(p, "out of memory");
        return 0;
    }
    if (!strcmp(kw, "wait")) {
        if (!p->in_cycle)
            return fail(p, "'wait' only makes sense after '---'");
        if (n != 3)
            return fail(p, "write 'wait black OBJ', 'wait grey OBJ' or 'wait scanned STACK'");
        wb_op_t op = {.kind = WB_OP_WAIT, .line = p->line};
        int x;
        if (!strcmp(tok[1], "scanned")) {
            if ((x = wb_world_find_stack(w, tok[2])) < 0)
                return fail(p, "unknown stack '%s'", tok[2]);
            op.wait = WB_WAIT_SCANNED;
        } else if (!strcmp(tok[1], "black") || !strcmp(tok[1], "grey")) {
            if ((x = wb_world_find_named(w, tok[2])) < 0)
                return fail(p, "unknown object '%s'", tok[2]);
            op.wait = tok[1][0] == 'b' ? WB_WAIT_BLACK : WB_WAIT_GREY;
        } else {
            return fail(p, "unknown condition '%s' (black, grey or scanned)", tok[1]);
        }
        op.arg = (uint32_t)x;
        return add_op(p, &op);
    }
    if (!strcmp(kw, "on")) {
        int x = n == 2 ? wb_world_find_stack(w, tok[1]) : -1;
        if (x < 0)
            return fail(p, "write 'on STACK' with a declared stack");
        wb_op_t op = {.kind = WB_OP_SWITCH, .arg = (uint32_t)x};
        return run_or_add(p, &op);
    }
    // PLACE = VALUE
    if (n < 3 || strcmp(tok[1], "="))
        return fail(p, "expected 'PLACE = VALUE' or a keyword, not '%s'", kw);
    wb_op_t op = {.kind = WB_OP_SET};
    if (parse_place(p, tok, 1, false, &op.dst) < 0)
        return -1;
    int used = parse_place(p, tok + 2, n - 2, true, &op.src);
    if (used < 0)
        return -1;
    if (2 + used != n)
        return fail(p, "unexpected '%s' after the value", tok[2 + used]);
    return run_or_add(p, &op);
}

wb_scenario_t *wb_scenario_parse(FILE *in, const char *src, char *why, size_t whylen)
{
    wb_scenario_t *s = calloc(1, sizeof *s);
    if (!s || !(s->world = wb_world_new(NULL, why, whylen))) {
        if (s && !s->world)
            free(s);
        else
            snprintf(why, whylen, "%s: out of memory", src);
        return NULL;
    }
    parser_t p = {.s = s, .src = src, .why = why, .whylen = whylen};
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    ssize_t len;
    while (rc == 0 && (len = getline(&line, &cap, in)) != -1) {
        p.line++;
        if (memchr(line, '\0', (size_t)len)) {
            rc = fail(&p, "the line contains a NUL byte (is this a text file?)");
            break;
        }
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *tok[MAX_TOKENS];
        int n = 0;
        for (char *t = strtok(line, " \t\r\n"); t; t = strtok(NULL, " \t\r\n")) {
            if (n == MAX_TOKENS) {
                rc = fail(&p, "too many words on one line (at most %d)", MAX_TOKENS);
                break;
            }
            tok[n++] = t;
        }
        if (rc == 0 && n > 0)
            rc = statement(&p, tok, n);
    }
    free(line);
    if (rc == 0 && ferror(in))
        rc = fail(&p, "read error");
    if (rc == 0 && !p.in_cycle) {
        p.line = p.line ? p.line : 1;
        rc = fail(&p, "no '---' line: nothing happens during the cycle");
    }
    if (rc == 0 && !s->name && !(s->name = strdup(src)))
        rc = fail(&p, "out of memory");
    if (rc) {
        wb_scenario_free(s);
        return NULL;
    }
    return s;
}

void wb_scenario_free(wb_scenario_t *s)
{
    if (!s)
        return;
    wb_world_free(s->world);
    free(s->ops);
    free(s->name);
    free(s->about);
    free(s);
}
