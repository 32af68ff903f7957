// main.c — the escape lab's program: run the escape analysis of escape.c on
// Go files of the lab's subset and print what `go build -gcflags='-m -l'`
// prints for them.
//
//   escape labs/escape/data/address/ret_local.go
//   escape --explain x prog.go        why x escapes, step by step
//   escape --dot build/esc prog.go    the location graph, drawn by Graphviz
//   escape --json prog.go             the diagnostics as JSON
//
// Exit status: 0 analysed, 1 bad input (a file that cannot be read or is not
// in the subset: FILE:LINE:COL: what is wrong), 2 bad usage.
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "escape.h"
#include "memlab/dot.h"
#include "memlab/outfile.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: escape [options] FILE.go...\n"
                 "Run the escape analysis of escape.c on Go files of the lab's subset and\n"
                 "print the diagnostics of `go build -gcflags='-m -l'`, in its words and order.\n"
                 "\n"
                 "  -e, --explain NAME   after the diagnostics, show how each location called\n"
                 "                       NAME (a variable, or an expression as printed) reaches\n"
                 "                       the heap, one flow per line\n"
                 "  -d, --dot DIR        write the location graph of every batch to\n"
                 "                       DIR/<file>-<n>.dot and render it to SVG with Graphviz;\n"
                 "                       escaping locations are drawn red\n"
                 "  -j, --json           print the diagnostics as one JSON object\n"
                 "      --no-header      leave out the leading `# command-line-arguments` line\n"
                 "  -g, --generate SEED  print a random program of the subset (seeded) and exit\n"
                 "  -h, --help           this help\n"
                 "\n"
                 "Exit status: 0 analysed, 1 bad input, 2 bad usage.\n");
}

typedef struct options {
    const char *explain, *dot;
    bool json, header;
} options_t;

static void explain(const go_program_t *p, esc_batch_t **bs, int nb, const char *name, FILE *out)
{
    char a[512], c[512], at[32];
    int found = 0;
    for (int i = 0; i < nb; i++) {
        esc_batch_t *b = bs[i];
        for (int j = 0; j < b->nall; j++) {
            esc_loc_t *l = b->all[j];
            if (strcmp(esc_loc_name(l, a, sizeof a), name))
                continue;
            found++;
            go_pos_t pos = l->var ? l->var->pos : l->n->pos;
            if (!l->escapes) {
                fprintf(out, "%s:%s: %s does not escape\n", p->base, go_pos_str(pos, at), a);
                continue;
            }
            fprintf(out, "%s:%s: %s escapes:\n", p->base, go_pos_str(pos, at), a);
            if (l->nwhy < 0) {
                esc_edge_t *d = &l->why_direct;
                if (d->pos.line)
                    fprintf(out, "  %s:%s: flow: %s = &%s (%s)\n", p->base, go_pos_str(d->pos, at),
                            esc_loc_name(d->src, c, sizeof c), a, d->why ? d->why : "flow");
                else
                    fprintf(out, "  %s (%s)\n", "it must be on the heap whatever flows",
                            d->why ? d->why : "size");
                if (d->pos.line)
                    fprintf(out, "  and %s escapes already\n", esc_loc_name(d->src, c, sizeof c));
                continue;
            }
            for (int k = 0; k + 1 < l->nwhy; k++) {
                esc_loc_t *src = l->why_locs[k], *dst = l->why_locs[k + 1];
                int e = l->why_edges[k];
                if (e < 0 || e >= dst->nedges)
                    continue;
                esc_edge_t *ed = &dst->edges[e];
                const char *op = ed->derefs < 0 ? "&" : "";
                char stars[16] = "";
                for (int d = 0; d < ed->derefs && d < 15; d++)
                    strcat(stars, "*");
                fprintf(out, "  %s:%s: flow: %s = %s%s%s (%s)\n", p->base, go_pos_str(ed->pos, at),
                        esc_loc_name(dst, c, sizeof c), op, stars, esc_loc_name(src, a, sizeof a),
                        ed->why ? ed->why : "flow");
            }
            if (l->nwhy) {
                esc_loc_t *root = l->why_locs[l->nwhy - 1];
                if (root->id == -1)
                    fprintf(out, "  and the heap outlives every function\n");
                else if (root->var && root->var->cls == GV_RESULT)
                    fprintf(out, "  and %s is a result: the caller may keep it\n",
                            esc_loc_name(root, c, sizeof c));
                else
                    fprintf(out,
                            "  and %s outlives %s (it escapes itself, or lives outside "
                            "its loop or closure)\n",
                            esc_loc_name(root, c, sizeof c), name);
            } else {
                fprintf(out, "  (no flow recorded: it must be on the heap whatever flows, "
                             "e.g. too large or of non-constant size)\n");
            }
        }
    }
    if (!found)
        fprintf(out, "escape: no location called '%s'\n", name);
}

static int write_dot(const go_program_t *p, esc_batch_t **bs, int nb, const char *dir)
{
    char a[512], b2[512], path[4096], svg[4096], why[512];
    const char *base = strrchr(p->file, '/');
    base = base ? base + 1 : p->file;
    for (int i = 0; i < nb; i++) {
        esc_batch_t *b = bs[i];
        snprintf(path, sizeof path, "%s/%s-%d.dot", dir, base, i + 1);
        ml_outfile_t o;
        FILE *f = ml_outfile_open(&o, path);
        if (!f)
            return ml_outfile_fail(&o, "escape");
        fprintf(f, "digraph escape {\n  rankdir=LR;\n  label=\"%s: batch %d (", base, i + 1);
        for (int j = 0; j < b->nfns; j++)
            fprintf(f, "%s%s", j ? ", " : "", b->fns[j]->name);
        fprintf(f, ")\";\n  node [shape=box, fontname=\"monospace\"];\n");
        fprintf(f, "  heap [shape=doubleoctagon, style=filled, fillcolor=\"#f4a6a6\"];\n");
        for (int j = 0; j < b->nall; j++) {
            esc_loc_t *l = b->all[j];
            esc_loc_name(l, a, sizeof a);
            for (char *q = a; *q; q++)
                if (*q == '"')
                    *q = '\'';
            fprintf(f, "  l%d [label=\"%s\\n%s depth %d\"%s];\n", l->id, a,
                    l->curfn ? l->curfn->name : "", l->loop_depth,
                    l->escapes ? ", style=filled, fillcolor=\"#f4a6a6\", color=red" : "");
        }
        for (int j = -1; j < b->nall; j++) {
            esc_loc_t *l = j < 0 ? &b->heap : b->all[j];
            for (int k = 0; k < l->nedges; k++) {
                esc_edge_t *e = &l->edges[k];
                snprintf(b2, sizeof b2, "%s", j < 0 ? "heap" : "");
                if (j >= 0)
                    snprintf(b2, sizeof b2, "l%d", l->id);
                fprintf(f, "  l%d -> %s [label=\"%d\"%s];\n", e->src->id, b2, e->derefs,
                        e->derefs < 0 ? ", color=blue" : "");
            }
        }
        fprintf(f, "}\n");
        if (ml_outfile_commit(&o) != 0)
            return ml_outfile_fail(&o, "escape");
        snprintf(svg, sizeof svg, "%s/%s-%d.svg", dir, base, i + 1);
        if (ml_dot_render_svg(path, svg, why, sizeof why) != 0) {
            fprintf(stderr, "escape: %s\n", why);
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    options_t o = { .header = true };
    static const struct option longs[] = {
        { "explain", required_argument, 0, 'e' },
        { "dot", required_argument, 0, 'd' },
        { "json", no_argument, 0, 'j' },
        { "no-header", no_argument, 0, 'H' },
        { "help", no_argument, 0, 'h' },
        { "generate", required_argument, 0, 'g' },
        { 0, 0, 0, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "e:d:jhg:", longs, NULL)) != -1) {
        switch (c) {
        case 'g': {
            char *end;
            errno = 0;
            unsigned long long seed = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end || optarg[0] == '-') {
                fprintf(stderr, "escape: --generate wants a seed (a number), not '%s'\n", optarg);
                return 2;
            }
            return go_generate(seed, stdout) == 0 ? 0 : 1;
        }
        case 'e': o.explain = optarg; break;
        case 'd': o.dot = optarg; break;
        case 'j': o.json = true; break;
        case 'H': o.header = false; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "escape: expected at least one FILE.go\n");
        usage(stderr);
        return 2;
    }
    // read every file first: bad input prints nothing but the error
    int nf = argc - optind;
    go_program_t **progs = calloc((size_t)nf, sizeof *progs);
    char err[1024];
    for (int i = 0; i < nf; i++) {
        progs[i] = go_program_parse(argv[optind + i], NULL, 0, err, sizeof err);
        if (!progs[i]) {
            fprintf(stderr, "%s\n", err);
            for (int j = 0; j < i; j++)
                go_program_free(progs[j]);
            free(progs);
            return 1;
        }
    }
    if (o.dot) {
        struct stat st;
        if (mkdir(o.dot, 0777) != 0 &&
            (errno != EEXIST || stat(o.dot, &st) != 0 || !S_ISDIR(st.st_mode))) {
            fprintf(stderr, "escape: cannot make directory %s: %s\n", o.dot, strerror(errno));
            for (int i = 0; i < nf; i++)
                go_program_free(progs[i]);
            free(progs);
            return 1;
        }
    }
    json_t *root = o.json ? json_array() : NULL;
    int rc = 0;
    for (int i = 0; i < nf; i++) {
        go_program_t *p = progs[i];
        go_diags_t d = { 0 };
        esc_batch_t **bs = NULL;
        int nb = esc_analyze(p, &d, &bs);
        if (o.json) {
            json_t *file = json_object();
            json_object_set_new(file, "file", json_string(p->file));
            json_t *arr = json_array();
            for (int k = 0; k < d.n; k++) {
                json_t *x = json_object();
                json_object_set_new(x, "line", json_integer(d.v[k].pos.line));
                json_object_set_new(x, "col", json_integer(d.v[k].pos.col));
                json_object_set_new(x, "message", json_string(d.v[k].msg));
                json_array_append_new(arr, x);
            }
            json_object_set_new(file, "diagnostics", arr);
            json_array_append_new(root, file);
        } else {
            if (o.header && d.n > 0)
                printf("# command-line-arguments\n");
            go_diags_print(p, &d, stdout);
        }
        if (o.explain)
            explain(p, bs, nb, o.explain, o.json ? stderr : stdout);
        if (o.dot && write_dot(p, bs, nb, o.dot) != 0)
            rc = 1;
        esc_batches_free(bs, nb);
        free(bs);
        go_diags_free(&d);
        go_program_free(p);
    }
    free(progs);
    if (o.json) {
        json_dumpf(root, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(root);
    }
    return rc;
}
