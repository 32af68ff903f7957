// dot.c — a GC heap as a Graphviz graph, and DOT → SVG through `dot -Tsvg`
// (see dot.h). steppage.c turns a run of SVGs into a page of steps.
//
// Node names: "o<id>" for objects (stable across frames), "g<i>" for
// globals, "s<stack>_<depth>" for frames (depth 0 = bottom), "x<n>" for
// pointers to freed memory.
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/dot.h"
#include "memlab/outfile.h"

#include "dot_colors.h"

extern char **environ;

// Writes `s` for a DOT "quoted string" (record == true: also escapes the
// record-label specials { } | < >).
static void put_escaped(FILE *out, const char *s, bool record)
{
    for (; s && *s; s++) {
        char c = *s;
        if (c == '"' || c == '\\' || (record && strchr("{}|<> ", c)))
            fputc('\\', out);
        if (c == '\n') {
            fputs("\\n", out);
            continue;
        }
        fputc(c, out);
    }
}

static bool is_grey(ml_gc_heap_t *h, const ml_dot_opts_t *o, const void *obj)
{
    return o->is_grey && o->is_grey(h, obj, o->grey_arg);
}

typedef struct edge_ctx {
    ml_gc_heap_t *h;
    FILE *out;
    size_t dangling;
} edge_ctx_t;

// An edge from `from` (a node name, possibly with a port) to pointer `p`.
static void put_edge(edge_ctx_t *e, const char *from, const void *p, const char *label)
{
    void *o = ml_gc_object_of(e->h, p);
    if (o) {
        fprintf(e->out, "  %s -> o%u", from, ml_gc_object_id(e->h, o));
    } else {
        size_t x = e->dangling++;
        fprintf(e->out,
                "  x%zu [label=\"freed\\n%p\", shape=octagon, color=red, fontcolor=red, "
                "fillcolor=\"" ML_DOT_FREED "\"];\n",
                x, p);
        fprintf(e->out, "  %s -> x%zu", from, x);
    }
    if (label) {
        fputs(" [label=\"", e->out);
        put_escaped(e->out, label, false);
        fputs("\"]", e->out);
    }
    fputs(";\n", e->out);
}

static bool frame_empty(ml_gc_frame_t *f)
{
    for (size_t i = 0; i < ml_gc_frame_nslots(f); i++)
        if (ml_gc_frame_get(f, i))
            return false;
    return true;
}

int ml_dot_fprint(ml_gc_heap_t *h, FILE *out, const ml_dot_opts_t *opts)
{
    ml_dot_opts_t none = { 0 };
    const ml_dot_opts_t *o = opts ? opts : &none;
    edge_ctx_t e = { .h = h, .out = out };
    fputs("digraph heap {\n", out);
    fputs("  graph [fontname=\"Helvetica\", labelloc=t, nodesep=0.3, ranksep=0.45];\n", out);
    fputs("  node [fontname=\"Helvetica\", fontsize=11, style=filled, shape=ellipse];\n", out);
    fputs("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n", out);
    if (o->title) {
        fputs("  label=\"", out);
        put_escaped(out, o->title, false);
        fputs("\";\n", out);
    }

    // Objects.
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *obj; (obj = ml_gc_iter_next(&it));) {
        const ml_type_t *t = ml_gc_type_of(h, obj);
        bool grey = is_grey(h, o, obj), marked = ml_gc_is_marked(h, obj);
        const char *fill = grey ? "\"" ML_DOT_GREY "\"" : marked ? ML_DOT_BLACK : ML_DOT_WHITE;
        const char *font = !grey && marked ? "white" : "black";
        char nbuf[80];
        const char *name = o->names && o->names->object
                               ? o->names->object(o->names->arg, obj, nbuf, sizeof nbuf)
                               : NULL;
        fprintf(out, "  o%u [label=\"", ml_gc_object_id(h, obj));
        if (name) {
            put_escaped(out, name, false);
            fputs("\\n", out);
        }
        fprintf(out, "obj#%u", ml_gc_object_id(h, obj));
        if (!name || strcmp(name, t->name) != 0) { // a type named like its object says it once
            fputs(name ? " " : "\\n", out);
            put_escaped(out, t->name, false);
        }
        if (ml_gc_count_of(h, obj) > 1)
            fprintf(out, "[%zu]", ml_gc_count_of(h, obj));
        fprintf(out, "\", fillcolor=%s, fontcolor=%s, color=%s", fill, font,
                obj == o->highlight ? "red" : "black");
        if (obj == o->highlight)
            fputs(", penwidth=3", out);
        fprintf(out, ", tooltip=\"%s\"];\n", grey ? "grey" : marked ? "black" : "white");
    }
    ml_gc_iter_init(h, &it);
    for (void *obj; (obj = ml_gc_iter_next(&it));) {
        char from[32], label[24];
        snprintf(from, sizeof from, "o%u", ml_gc_object_id(h, obj));
        ml_gc_slots_t si;
        ml_gc_slots_begin(h, obj, &si);
        size_t i = 0;
        for (void **slot; (slot = ml_gc_slots_next(&si)); i++) {
            if (!*slot)
                continue;
            char nbuf[80];
            const char *name = o->names && o->names->slot
                                   ? o->names->slot(o->names->arg, obj, i, nbuf, sizeof nbuf)
                                   : NULL;
            snprintf(label, sizeof label, "%.*s", (int)sizeof label - 1, name ? name : "");
            if (!name)
                snprintf(label, sizeof label, "%zu", i);
            put_edge(&e, from, *slot, label);
        }
    }

    // Roots: globals, then each stack's frames, in a cluster of their own.
    fputs("  subgraph cluster_roots {\n    label=\"roots\"; style=dashed; color=gray50;\n", out);
    for (size_t g = 0; g < ml_gc_num_globals(h); g++) {
        if (o->hide_empty_roots && !ml_gc_global_get(h, (int)g))
            continue;
        fprintf(out,
                "    g%zu [shape=box, style=\"rounded,filled\", fillcolor=\"" ML_DOT_GLOBAL
                "\", label=\"global ",
                g);
        put_escaped(out, ml_gc_global_name(h, (int)g), false);
        fputs("\"];\n", out);
    }
    for (size_t s = 0; s < ml_gc_num_stacks(h); s++) {
        ml_gc_stack_t *st = ml_gc_stack_at(h, s);
        size_t depth = ml_gc_stack_depth(st);
        for (ml_gc_frame_t *f = ml_gc_stack_top(st); f; f = ml_gc_frame_caller(f)) {
            depth--;
            if (o->hide_empty_roots && frame_empty(f))
                continue;
            fprintf(out, "    s%zu_%zu [shape=record, fillcolor=\"%s\", label=\"{", s, depth,
                    ml_gc_frame_scanned(f) || ml_gc_stack_scanned(st) ? ML_DOT_FRAME_DONE
                                                                      : ML_DOT_FRAME);
            put_escaped(out, ml_gc_stack_name(st), true);
            fputs("\\ ", out);
            put_escaped(out, ml_gc_frame_name(f), true);
            fputs("|{", out);
            for (size_t i = 0; i < ml_gc_frame_nslots(f); i++) {
                char nbuf[80];
                const char *name = o->names && o->names->local
                                       ? o->names->local(o->names->arg, f, i, nbuf, sizeof nbuf)
                                       : NULL;
                fprintf(out, "%s<p%zu> ", i ? "|" : "", i);
                if (name)
                    put_escaped(out, name, true);
                else
                    fprintf(out, "%zu", i);
            }
            if (ml_gc_frame_nslots(f) == 0)
                fputs("(no slots)", out);
            fputs("}}\"];\n", out);
        }
    }
    fputs("  }\n", out);
    for (size_t g = 0; g < ml_gc_num_globals(h); g++) {
        void *p = ml_gc_global_get(h, (int)g);
        char from[32];
        snprintf(from, sizeof from, "g%zu", g);
        if (p)
            put_edge(&e, from, p, NULL);
    }
    for (size_t s = 0; s < ml_gc_num_stacks(h); s++) {
        ml_gc_stack_t *st = ml_gc_stack_at(h, s);
        size_t depth = ml_gc_stack_depth(st);
        for (ml_gc_frame_t *f = ml_gc_stack_top(st); f; f = ml_gc_frame_caller(f)) {
            depth--;
            for (size_t i = 0; i < ml_gc_frame_nslots(f); i++) {
                void *p = ml_gc_frame_get(f, i);
                char from[48];
                snprintf(from, sizeof from, "s%zu_%zu:p%zu", s, depth, i);
                if (p)
                    put_edge(&e, from, p, NULL);
            }
        }
    }
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}

int ml_dot_write(ml_gc_heap_t *h, const char *path, const ml_dot_opts_t *o, char *err,
                 size_t errlen)
{
    ml_outfile_t out;
    FILE *f = ml_outfile_open(&out, path);
    if (f)
        ml_dot_fprint(h, f, o); // a failed write makes the commit fail
    if (!f || ml_outfile_commit(&out) != 0) {
        if (err)
            snprintf(err, errlen, "%s: %s", out.path, strerror(errno));
        return -1;
    }
    return 0;
}

// Reads the start of file `path` into buf (a NUL-terminated line or two).
static void read_head(const char *path, char *buf, size_t len)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
    for (char *p = buf; *p; p++)
        if (*p == '\n' && p[1] == '\0')
            *p = '\0';
}

int ml_dot_render_svg(const char *dot_path, const char *svg_path, char *err, size_t errlen)
{
    // dot writes the SVG into the temporary of `svg`, published on success.
    ml_outfile_t svg;
    if (!ml_outfile_open(&svg, svg_path)) {
        if (err)
            snprintf(err, errlen, "%s: %s", svg.path, strerror(errno));
        return -1;
    }
    size_t n = strlen(svg_path) + 24;
    char *errpath = malloc(n);
    if (!errpath) {
        if (err)
            snprintf(err, errlen, "%s: out of memory", svg_path);
        ml_outfile_abort(&svg);
        return -1;
    }
    snprintf(errpath, n, "%s.err%ld", svg_path, (long)getpid());
    int rc = -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char *argv[] = { "dot", "-Tsvg", "-o", svg.tmp, (char *)dot_path, NULL };
    pid_t pid;
    int e = posix_spawnp(&pid, "dot", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (e != 0) {
        if (err) {
            if (e == ENOENT)
                snprintf(err, errlen,
                         "graphviz's `dot` program was not found on PATH "
                         "(install graphviz: scripts/deps.sh)");
            else
                snprintf(err, errlen, "cannot run dot: %s", strerror(e));
        }
        goto out;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            if (err)
                snprintf(err, errlen, "waiting for dot: %s", strerror(errno));
            goto out;
        }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char msg[512];
        read_head(errpath, msg, sizeof msg);
        if (err) {
            if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
                snprintf(
                    err, errlen,
                    "graphviz's `dot` program could not be run (install graphviz: scripts/deps.sh)");
            else if (WIFEXITED(status))
                snprintf(err, errlen, "%s: dot failed (exit %d): %s", dot_path, WEXITSTATUS(status),
                         msg);
            else
                snprintf(err, errlen, "%s: dot was killed by signal %d", dot_path,
                         WTERMSIG(status));
        }
        goto out;
    }
    if (ml_outfile_commit(&svg) != 0) {
        if (err)
            snprintf(err, errlen, "%s: %s", svg_path, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    ml_outfile_abort(&svg); // nothing left to do after a commit
    unlink(errpath);
    free(errpath);
    return rc;
}
