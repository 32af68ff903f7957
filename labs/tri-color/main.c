// main.c — the tri-color lab's program: build a heap from a scenario, run one
// collection with your marker step by step, print each step, check the
// result against an independent oracle, and optionally draw every step.
//
//   tri-color --scenario list --size 20 --budget 2
//   tri-color -f labs/tri-color/data/figure1.scn --dot build/steps
//
// Exit status: 0 when the collection ran (whatever its verdict), 1 on bad
// input (a scenario file with errors, a heap that cannot be built), 2 on bad
// usage.
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mark.h"
#include "memlab/dot.h"
#include "memlab/steppage.h"
#include "memlab/gcheap.h"
#include "memlab/outfile.h"
#include "memlab/stats.h"
#include "memlab/verify.h"
#include "memlab/scenario.h"
#include "memlab/scenario_heap.h"
#include "support/classics.h"
#include "support/mark_hooks.h"

#define DETAIL_LIMIT 5000 // per-step colors and invariant checks up to this many objects
#define DOT_LIMIT 400     // the most objects --dot will draw

// The size --dot uses when no --size is given, for the classics whose default
// is too big to draw (the others' defaults fit within DOT_LIMIT).
static const struct {
    const char *name;
    size_t size;
} dot_sizes[] = { { "list", 24 }, { "gcbench", 4 }, { "random", 60 } };

// plural — "1 object", "2 objects": the noun for n, its plural made with "s".
static const char *plural(size_t n, const char *noun, char *buf, size_t len)
{
    snprintf(buf, len, "%zu %s%s", n, noun, n == 1 ? "" : "s");
    return buf;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: tri-color [options]\n"
                 "Build a heap from a scenario, mark it step by step with the tri-color\n"
                 "marker of mark.c, sweep, and check the survivors against an oracle.\n"
                 "\n"
                 "  -s, --scenario NAME   a named scenario (default: list):\n");
    for (int i = 0; tc_classic_names[i]; i++)
        fprintf(out, "                          %-8s %s\n", tc_classic_names[i],
                tc_classic_help[i]);
    fprintf(out,
            "  -n, --size N          the scenario's size (objects, or depth for tree/gcbench)\n"
            "  -S, --seed N          seed of the random scenario (default 1)\n"
            "  -f, --file FILE       read the scenario from FILE (format: see the handout)\n"
            "  -b, --budget N        objects scanned per mark step (default 1)\n"
            "  -d, --dot DIR         write one Graphviz picture per step into DIR, render them\n"
            "                        to SVG and write DIR/index.html to step through them\n"
            "                        (at most %d objects; without --size, a size that fits)\n"
            "      --save FILE       write the scenario in the text format to FILE and exit\n"
            "  -q, --quiet           no line per step, just the summary\n"
            "      --json            the summary as one JSON object on stdout\n"
            "  -h, --help            this help\n"
            "\n"
            "Exit status: 0 the collection ran, 1 bad input, 2 bad usage.\n",
            DOT_LIMIT);
}

typedef struct options {
    const char *scenario, *file, *dot, *save;
    size_t size, budget;
    uint64_t seed;
    bool quiet, json;
} options_t;

static bool parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        return false;
    *out = (size_t)v;
    return true;
}

// collect_newly_black — objects black now that were not black before
// (`before` lists the black objects' flags by scenario index; objects not in
// the scenario are ignored). Updates `before`. Returns the count, filling
// out[0..max).
static size_t newly_black(const ml_scn_heap_t *th, const ml_greyset_t *g, bool *was_black,
                          void **out, size_t max)
{
    size_t n = 0;
    for (uint32_t i = 0; i < th->scn->nobjs; i++) {
        if (was_black[i] || !ml_scn_alive(th, i))
            continue;
        if (ml_color_of(th->heap, g, th->objs[i]) == ML_BLACK) {
            was_black[i] = true;
            if (n < max)
                out[n] = th->objs[i];
            n++;
        }
    }
    return n;
}

static const char *label(const ml_scn_heap_t *th, const void *obj, char *buf, size_t len)
{
    return ml_scn_describe(th, obj, buf, len);
}

// strong_broken — whether the strong invariant is broken; if so, `why` says
// where, by the scenario's names when a pointer of the scenario is the
// culprit ("black TL (TreeNode, obj#2) slot right -> white TLR (TreeNode,
// obj#5)"), else in the core's terms (ml_verify_tricolor).
static bool strong_broken(const ml_scn_heap_t *th, ml_gc_heap_t *h, ml_greyset_t *g, char *why,
                          size_t len)
{
    const ml_scn_t *s = th->scn;
    for (size_t e = 0; e < s->nedges; e++) {
        const ml_scn_edge_t *ed = &s->edges[e];
        if (ed->to == ML_SCN_NIL || !ml_scn_alive(th, ed->from) || !ml_scn_alive(th, ed->to))
            continue;
        if (ml_color_of(h, g, ml_scn_object(th, ed->from)) == ML_BLACK &&
            ml_color_of(h, g, ml_scn_object(th, ed->to)) == ML_WHITE) {
            char a[128], b[128], w[32];
            snprintf(why, len, "black %s slot %s -> white %s",
                     ml_scn_obj_label(th, ed->from, a, sizeof a),
                     ml_scn_slot_name(s, s->objs[ed->from].type, ed->slot, w, sizeof w),
                     ml_scn_obj_label(th, ed->to, b, sizeof b));
            return true;
        }
    }
    return ml_verify_tricolor(h, ML_INV_STRONG, ml_greyset_grey_fn, g, why, len) != 0;
}

static int run(const options_t *o, ml_scn_t *scn)
{
    char err[512];
    ml_scn_heap_t *th = ml_scn_build(scn, NULL, 0, err, sizeof err);
    if (!th) {
        fprintf(stderr, "tri-color: %s\n", err);
        return 1;
    }
    ml_gc_heap_t *h = th->heap;
    tc_marker_t *m = tc_marker_new(h);
    if (!m) {
        fprintf(stderr, "tri-color: tc_marker_new returned NULL\n");
        ml_scn_heap_free(th);
        return 1;
    }
    ml_gc_collector_t table = tc_collector(m);
    ml_gc_set_collector(h, &table);
    ml_dot_names_t names = ml_scn_dot_names(th);
    ml_steps_t seq, *pages = NULL;
    if (o->dot) {
        if (scn->nobjs > DOT_LIMIT) {
            fprintf(stderr,
                    "tri-color: --dot draws at most %d objects; %s has %u (use a smaller --size)\n",
                    DOT_LIMIT, scn->name, scn->nobjs);
            tc_marker_free(m), ml_scn_heap_free(th);
            return 2;
        }
        if (ml_steps_init(&seq, o->dot, err, sizeof err)) {
            fprintf(stderr, "tri-color: %s\n", err);
            tc_marker_free(m), ml_scn_heap_free(th);
            return 1;
        }
        pages = &seq;
    }
    bool detail = scn->nobjs <= DETAIL_LIMIT;
    bool *was_black = calloc(scn->nobjs ? scn->nobjs : 1, sizeof *was_black);
    void *scanned[64];
    size_t steps = 0, violations = 0, max_scanned = 0, black_before = 0;
    char why[512], a[128], cap[256], p1[64], p2[64], p3[64];
    int rc = 0;
    if (!was_black) {
        fprintf(stderr, "tri-color: out of memory\n");
        rc = 1;
        goto out;
    }
    if (!o->quiet && !o->json)
        printf("scenario %s: %s, %s, %s, %s; budget %zu per step\n", scn->name,
               plural(scn->nobjs, "object", p1, sizeof p1),
               plural(scn->nedges, "pointer", p2, sizeof p2),
               plural(scn->nglobals, "global", p3, sizeof p3),
               plural(scn->nframes, "frame", a, sizeof a), o->budget);

    ml_gc_cycle_begin(h); // mark_begin: tc_mark_roots
    for (bool done = false;;) {
        ml_greyset_t g;
        if (tc_greyset_take(&g, m)) {
            fprintf(stderr, "tri-color: out of memory\n");
            rc = 1;
            goto out;
        }
        // Objects scanned in this step: those newly black. Up to DETAIL_LIMIT
        // objects the program knows which ones; above, it counts them: black =
        // marked and not in the worklist (nothing turns white while marking).
        size_t nb;
        if (detail || pages) {
            nb = newly_black(th, &g, was_black, scanned, 64);
        } else {
            size_t marked = ml_gc_count_marked(h), grey = g.grey.n;
            size_t black = marked > grey ? marked - grey : 0;
            nb = black > black_before ? black - black_before : 0;
            black_before = black;
        }
        if (steps > 0 && nb > max_scanned)
            max_scanned = nb;
        if (steps == 0)
            snprintf(cap, sizeof cap, "roots shaded: %zu grey", g.grey.n);
        else if (nb == 0)
            snprintf(cap, sizeof cap, "step %zu: scanned nothing", steps);
        else if (nb == 1)
            snprintf(cap, sizeof cap, "step %zu: scanned %s", steps,
                     label(th, scanned[0], a, sizeof a));
        else if (nb <= 3 && (detail || pages)) {
            int n = snprintf(cap, sizeof cap, "step %zu: scanned", steps);
            for (size_t k = 0; k < nb && n > 0 && (size_t)n < sizeof cap; k++)
                n += snprintf(cap + n, sizeof cap - (size_t)n, "%s %s", k ? "," : "",
                              label(th, scanned[k], a, sizeof a));
        } else
            snprintf(cap, sizeof cap, "step %zu: scanned %s", steps,
                     plural(nb, "object", p1, sizeof p1));
        if (detail) {
            ml_color_counts_t c = ml_count_colors(h, &g);
            if (!o->quiet && !o->json)
                printf("white %6zu  grey %6zu  black %6zu   %s\n", c.white, c.grey, c.black, cap);
            if (strong_broken(th, h, &g, why, sizeof why)) {
                violations++;
                if (!o->json)
                    printf("  ! strong tri-color invariant broken: %s\n", why);
            }
            if (g.duplicates || g.not_objects || g.unmarked) {
                violations++;
                if (!o->json)
                    printf(
                        "  ! the worklist holds %zu duplicates, %zu non-objects, %zu unmarked objects\n",
                        g.duplicates, g.not_objects, g.unmarked);
            }
        } else if (!o->quiet && !o->json && (steps & (steps - 1)) == 0) {
            printf("step %-10zu grey %-10zu %s\n", steps, g.grey.n,
                   steps ? plural(nb, "object", p1, sizeof p1) : "");
        }
        ml_dot_opts_t dopts = {
            .title = scn->name,
            .highlight = nb > 0 ? scanned[0] : NULL,
            .is_grey = ml_greyset_grey_fn,
            .grey_arg = &g,
            .names = &names,
        };
        if (pages && ml_steps_add(pages, h, &dopts, err, sizeof err, "%s", cap)) {
            fprintf(stderr, "tri-color: %s\n", err);
            ml_greyset_free(&g);
            rc = 1;
            goto out;
        }
        ml_greyset_free(&g);
        if (done || ml_gc_phase(h) != ML_GC_MARK)
            break;
        done = ml_gc_cycle_step(h, o->budget);
        steps++;
        if (steps > (size_t)scn->nobjs * 4 + 1000) {
            printf("  ! marking did not finish after %zu steps: giving up\n", steps);
            break;
        }
    }
    // Survivors against the oracle (computed on the description, before the sweep).
    size_t nreach;
    bool *reach = ml_scn_reachable(scn, &nreach);
    size_t white_reachable = 0;
    for (uint32_t i = 0; reach && i < scn->nobjs; i++)
        if (reach[i] && !ml_gc_is_marked(h, th->objs[i]) && white_reachable++ == 0 && !o->json)
            printf("  ! %s is reachable (%s) but still white: the sweep will free it\n",
                   ml_scn_obj_label(th, i, a, sizeof a),
                   ml_scn_why_reachable(th->scn, i, why, sizeof why));
    ml_memstats_t st;
    ml_gc_read_memstats(h, &st);
    uint64_t before = st.heap_objects;
    ml_gc_cycle_finish(h); // mark termination, then the sweep: tc_sweep
    ml_gc_read_memstats(h, &st);
    size_t lost = 0, garbage_left = 0;
    for (uint32_t i = 0; reach && i < scn->nobjs; i++) {
        bool alive = ml_scn_alive(th, i);
        if (reach[i] && !alive && lost++ == 0 && !o->json)
            printf("  ! %s was freed but is reachable (%s)\n", ml_scn_obj_label(th, i, a, sizeof a),
                   ml_scn_why_reachable(th->scn, i, why, sizeof why));
        if (!reach[i] && alive)
            garbage_left++;
    }
    bool ok = reach && lost == 0 && garbage_left == 0 && violations == 0;
    if (o->json) {
        // Through jansson: the scenario's name is a file path, which may
        // hold quotes, backslashes or control characters.
        json_t *j = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b}", "scenario",
                              scn->name, "objects", (json_int_t)scn->nobjs, "reachable",
                              (json_int_t)nreach, "budget", (json_int_t)o->budget, "steps",
                              (json_int_t)steps, "freed", (json_int_t)(before - st.heap_objects),
                              "survivors", (json_int_t)st.heap_objects, "lost", (json_int_t)lost,
                              "garbage_left", (json_int_t)garbage_left, "invariant_violations",
                              (json_int_t)violations, "ok", ok);
        if (!j || json_dumpf(j, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0 ||
            putchar('\n') == EOF) {
            fprintf(
                stderr,
                "tri-color: cannot write the JSON summary (out of memory, or a name that is not "
                "UTF-8)\n");
            rc = 1;
        }
        json_decref(j);
    } else {
        printf("marking took %s (at most %s scanned in one step)\n",
               plural(steps, "step", p1, sizeof p1), plural(max_scanned, "object", p2, sizeof p2));
        printf("sweep freed %s; %" PRIu64 " %s; the oracle finds %zu reachable\n",
               plural((size_t)(before - st.heap_objects), "object", p1, sizeof p1), st.heap_objects,
               st.heap_objects == 1 ? "survives" : "survive", nreach);
        if (ok)
            printf("verdict: OK — the survivors are exactly the reachable objects\n");
        else
            printf("verdict: WRONG — %s freed, %s kept, %s broke an invariant\n",
                   plural(lost, "reachable object", p1, sizeof p1),
                   plural(garbage_left, "garbage object", p2, sizeof p2),
                   plural(violations, "step", p3, sizeof p3));
    }
    free(reach);
    if (pages) {
        // A last step after the sweep: only the survivors remain.
        ml_dot_opts_t dopts = { .title = scn->name, .names = &names };
        if (ml_steps_add(pages, h, &dopts, err, sizeof err,
                         "after the sweep: %s %s, white again for the next cycle",
                         plural(st.heap_objects, "object", p1, sizeof p1),
                         st.heap_objects == 1 ? "survives" : "survive") ||
            ml_steps_finish(pages, scn->name, "the object scanned in this step", err, sizeof err)) {
            fprintf(stderr, "tri-color: %s\n", err);
            rc = 1;
        } else if (!o->json) {
            printf("%s: open %s/index.html\n", plural(pages->n, "step", p1, sizeof p1), o->dot);
        }
    }
out:
    if (pages)
        ml_steps_fini(pages);
    free(was_black);
    tc_marker_free(m);
    ml_scn_heap_free(th);
    return rc;
}

int main(int argc, char **argv)
{
    options_t o = { .scenario = NULL, .budget = 1, .seed = 1 };
    enum { OPT_SAVE = 256, OPT_JSON };
    static const struct option longopts[] = {
        { "scenario", required_argument, NULL, 's' },
        { "size", required_argument, NULL, 'n' },
        { "seed", required_argument, NULL, 'S' },
        { "file", required_argument, NULL, 'f' },
        { "budget", required_argument, NULL, 'b' },
        { "dot", required_argument, NULL, 'd' },
        { "save", required_argument, NULL, OPT_SAVE },
        { "quiet", no_argument, NULL, 'q' },
        { "json", no_argument, NULL, OPT_JSON },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    for (int c; (c = getopt_long(argc, argv, "s:n:S:f:b:d:qh", longopts, NULL)) != -1;) {
        size_t v;
        switch (c) {
        case 's': o.scenario = optarg; break;
        case 'f': o.file = optarg; break;
        case 'd': o.dot = optarg; break;
        case OPT_SAVE: o.save = optarg; break;
        case 'q': o.quiet = true; break;
        case OPT_JSON: o.json = true; break;
        case 'h': usage(stdout); return 0;
        case 'n':
        case 'S':
        case 'b':
            if (!parse_size(optarg, &v) || (c == 'b' && v == 0)) {
                fprintf(stderr, "tri-color: --%s needs a %snumber, not '%s'\n",
                        c == 'n'   ? "size"
                        : c == 'S' ? "seed"
                                   : "budget",
                        c == 'b' ? "positive " : "", optarg);
                return 2;
            }
            if (c == 'n')
                o.size = v;
            else if (c == 'S')
                o.seed = v;
            else
                o.budget = v;
            break;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "tri-color: unexpected argument '%s' (see --help)\n", argv[optind]);
        return 2;
    }
    if (o.file && o.scenario) {
        fprintf(stderr, "tri-color: give either --scenario or --file, not both\n");
        return 2;
    }
    char err[512];
    ml_scn_t *scn;
    if (o.file) {
        if (ml_scn_read(o.file, &scn, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
    } else {
        const char *name = o.scenario ? o.scenario : "list";
        size_t size = o.size;
        for (size_t k = 0; o.dot && !size && k < sizeof dot_sizes / sizeof dot_sizes[0]; k++)
            if (!strcmp(name, dot_sizes[k].name))
                size = dot_sizes[k].size; // a default --dot can draw
        scn = tc_scenario_classic(name, size, o.seed, err, sizeof err);
        if (!scn) {
            fprintf(stderr, "tri-color: %s\n", err);
            return 2;
        }
    }
    int rc = 0;
    if (o.save) {
        // Written to a temporary file renamed into place: never half a file.
        ml_outfile_t out;
        FILE *f = ml_outfile_open(&out, o.save);
        if (f)
            ml_scn_write(scn, f); // a failed write makes the commit fail
        if (!f || ml_outfile_commit(&out) != 0) {
            ml_outfile_fail(&out, "tri-color");
            rc = 1;
        }
    } else {
        rc = run(&o, scn);
    }
    ml_scn_free(scn);
    return rc;
}
