// test_scenario.c — unit tests of the scenario layer (common/src/scenario*.c,
// greyset.c): the parser on good and bad text (every error "file:line: what
// is wrong", on the line that is wrong), slot names and the script, the
// writer's round trip, the reachability oracle and its paths, the builder's
// maps and names, and grey snapshots.
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/greyset.h"
#include "memlab/scenario.h"
#include "memlab/scenario_heap.h"

static const char GRAPH[] = "scenario small\n"
                            "about A cycle, a shared object and garbage.\n"
                            "type Node 3 0:left 1:right   # Node { left, right *Node; key int }\n"
                            "type Leaf 1\n"
                            "obj a b c Node\n"
                            "obj x Node\n"
                            "obj f Leaf\n"
                            "ptr a.left b\n"
                            "ptr b.0 c\n"
                            "ptr c.right a\n"
                            "ptr x.0 a                    # garbage pointing into the live part\n"
                            "global g a\n"
                            "frame main\n"
                            "local tmp f\n"
                            "stack worker\n"
                            "frame work\n"
                            "local w nil\n";

// parse_text — `text` parsed as file "t.scn"; the return code, *s, and err.
static int parse_text(const char *text, ml_scn_t **s, char *err, size_t errlen)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    cr_assert(f, "fmemopen failed");
    int rc = ml_scn_parse(f, "t.scn", s, err, errlen);
    fclose(f);
    return rc;
}

static ml_scn_t *must_parse(const char *text)
{
    char err[256];
    ml_scn_t *s;
    cr_assert_eq(parse_text(text, &s, err, sizeof err), 0, "a valid scenario is refused: %s", err);
    cr_assert(s != NULL);
    return s;
}

// rejects — the text is refused with a message that starts with `prefix`
// and contains `what`.
static void rejects(const char *text, const char *prefix, const char *what)
{
    char err[256];
    ml_scn_t *s = (ml_scn_t *)1;
    cr_assert_eq(parse_text(text, &s, err, sizeof err), -1, "accepted: %s", text);
    cr_assert_null(s, "*out is not NULL after an error");
    cr_assert(strncmp(err, prefix, strlen(prefix)) == 0, "message '%s' does not start with '%s'",
              err, prefix);
    cr_assert(strstr(err, what), "message '%s' does not say '%s'", err, what);
}

Test(scenario, parses_heap_with_names_and_slot_names, .timeout = 5)
{
    ml_scn_t *s = must_parse(GRAPH);
    cr_assert_str_eq(s->name, "small");
    cr_assert_str_eq(s->about, "A cycle, a shared object and garbage.");
    cr_assert_eq(s->ntypes, 2);
    cr_assert_eq(s->types[0].ptrmask, 0x3);
    cr_assert_str_eq(s->types[0].slot_names[0], "left");
    cr_assert_str_eq(s->types[0].slot_names[1], "right");
    cr_assert_null(s->types[0].slot_names[2], "word 2 has no name");
    cr_assert_eq(s->nobjs, 5);
    cr_assert_eq(s->nedges, 4);
    cr_assert(s->edges[2].from == 2 && s->edges[2].slot == 1 && s->edges[2].to == 0, "c.right a");
    cr_assert_eq(s->nstacks, 2);
    cr_assert_str_eq(s->stacks[1], "worker");
    cr_assert(s->nframes == 2 && s->frames[1].stack == 1 && s->frames[1].first_local == 1);
    cr_assert(!s->has_script && s->nops == 0);
    char buf[32];
    cr_assert_str_eq(ml_scn_slot_name(s, 0, 1, buf, sizeof buf), "right");
    cr_assert_str_eq(ml_scn_slot_name(s, 0, 2, buf, sizeof buf), "2");
    cr_assert_eq(ml_scn_slot_word(s, 0, 1), 1);
    cr_assert_eq(ml_scn_slot_word(s, 1, 0), ML_SCN_NIL, "Leaf has no pointer slot");
    ml_scn_free(s);
}

Test(scenario, parses_the_script_into_operations, .timeout = 5)
{
    char text[2048];
    snprintf(text, sizeof text,
             "%s---\nwait black a\nwait scanned worker\non worker\n"
             "main.tmp = a.left\nworker.w = new n Node\nworker.w->right = main.tmp\n"
             "g = nil\nc.1 = x\n",
             GRAPH);
    ml_scn_t *s = must_parse(text);
    cr_assert(s->has_script);
    cr_assert_eq(s->nops, 8);
    cr_assert(s->ops[0].kind == ML_SCN_WAIT && s->ops[0].wait == ML_SCN_WAIT_BLACK &&
              s->ops[0].arg == 0);
    cr_assert(s->ops[1].kind == ML_SCN_WAIT && s->ops[1].wait == ML_SCN_WAIT_SCANNED &&
              s->ops[1].arg == 1);
    cr_assert(s->ops[2].kind == ML_SCN_SWITCH && s->ops[2].arg == 1);
    const ml_scn_op_t *load = &s->ops[3];
    cr_assert(load->dst.kind == ML_SCN_LOCAL && load->dst.local == 0, "main.tmp is local 0");
    cr_assert(load->src.kind == ML_SCN_FIELD && load->src.obj == 0 && load->src.slot == 0,
              "a.left");
    const ml_scn_op_t *alloc = &s->ops[4];
    cr_assert(alloc->src.kind == ML_SCN_NEW && alloc->src.obj == 5 && s->objs[5].born,
              "new n is object 5, born");
    const ml_scn_op_t *field = &s->ops[5];
    cr_assert(field->dst.kind == ML_SCN_FIELD && field->dst.obj == ML_SCN_NIL &&
                  field->dst.local == 1 && field->dst.slot == 1,
              "worker.w->right: slot 1 through local 1");
    cr_assert(s->ops[6].dst.kind == ML_SCN_GLOBAL && s->ops[6].src.kind == ML_SCN_VAL_NIL);
    cr_assert(s->ops[7].src.kind == ML_SCN_OBJ && s->ops[7].src.obj == 3 &&
              s->ops[7].dst.slot == 1);
    cr_assert_eq(s->ops[5].line, 24, "the operation keeps its line");
    char buf[128];
    cr_assert_str_eq(ml_scn_op_text(s, &s->ops[5], buf, sizeof buf), "worker.w->right = main.tmp");
    cr_assert_str_eq(ml_scn_op_text(s, &s->ops[4], buf, sizeof buf), "worker.w = new n Node");
    cr_assert_str_eq(ml_scn_op_text(s, &s->ops[3], buf, sizeof buf), "main.tmp = a.left");
    ml_scn_free(s);
}

Test(scenario, errors_name_the_file_and_the_wrong_line, .timeout = 5)
{
    rejects("type T 2 0\nobj a T\nptr a.1 a\n", "t.scn:3: ", "not a pointer slot");
    rejects("type T 2 0\nobj a T\nptr a.0 b\n", "t.scn:3: ", "unknown object 'b'");
    rejects("type T 2 0\nobj a T\nobj a T\n", "t.scn:3: ", "declared twice");
    rejects("type T 2 0:p 1:p\n", "t.scn:1: ", "used twice");
    rejects("type T 65\n", "t.scn:1: ", "1..64");
    rejects("type T 1\nobj nil T\n", "t.scn:2: ", "cannot name an object");
    rejects("type T 1\nobj new T\n", "t.scn:2: ", "cannot name an object");
    rejects("type T 1\nlocal x nil\n", "t.scn:2: ", "before any 'frame'");
    rejects("type T 1\n", "t.scn:1: ", "no objects");
    rejects("bogus\n", "t.scn:1: ", "unknown directive");
    rejects("type T 2 0:a\nobj a T\n---\nobj b T\n", "t.scn:4: ", "belongs before '---'");
    rejects("type T 2 0:a\nobj a T\n---\n---\n", "t.scn:4: ", "once");
    rejects("type T 2 0:a\nobj a T\n---\nwait pink a\n", "t.scn:4: ", "unknown condition");
    rejects("type T 2 0:a\nobj a T\n---\na.a = zz\n", "t.scn:4: ", "'zz'");
    rejects("type T 2 0:a\nobj a T\nframe f\nlocal l a\n---\nmain.l->0 = nil\n",
            "t.scn:6: ", "no type names");
    rejects("type T 2 0:a\ntype U 2 0 1:a\nobj a T\nframe f\nlocal l a\n---\nmain.l->a = nil\n",
            "t.scn:7: ", "must mean one slot");
    rejects("type T 2 0:a\nobj a T\n---\nmain.x = nil\n", "t.scn:4: ", "no local 'x'");
    rejects("type T 2 0:a\nobj a T\n---\na.a = new b\n", "t.scn:4: ", "new NAME TYPE");
    char err[256];
    ml_scn_t *s;
    cr_assert_eq(ml_scn_read("/nonexistent/x.scn", &s, err, sizeof err), -1);
    cr_assert(strstr(err, "/nonexistent/x.scn: ") == err, "'%s'", err);
}

Test(scenario, writer_round_trips_heap_and_script, .timeout = 5)
{
    char text[2048];
    snprintf(text, sizeof text,
             "%s---\nwait grey b\nmain.tmp = new n Node\nmain.tmp->left = g\nx.right = b\n", GRAPH);
    ml_scn_t *s = must_parse(text);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    cr_assert_eq(ml_scn_write(s, f), 0);
    fclose(f);
    ml_scn_t *b = must_parse(out);
    cr_assert(b->nobjs == s->nobjs && b->nedges == s->nedges && b->nops == s->nops &&
              b->nstacks == s->nstacks);
    cr_assert_str_eq(b->types[0].slot_names[0], "left");
    cr_assert_str_eq(b->about, s->about);
    char x[128], y[128];
    for (size_t i = 0; i < s->nops; i++)
        cr_assert_str_eq(ml_scn_op_text(b, &b->ops[i], y, sizeof y),
                         ml_scn_op_text(s, &s->ops[i], x, sizeof x));
    free(out);
    ml_scn_free(b);
    ml_scn_free(s);
}

Test(scenario, oracle_finds_reachable_objects_and_their_paths, .timeout = 5)
{
    ml_scn_t *s = must_parse(GRAPH);
    size_t n = 0;
    bool *r = ml_scn_reachable(s, &n);
    cr_assert(r && n == 4, "a b c f are reachable, x is not (found %zu)", n);
    cr_assert(r[0] && r[1] && r[2] && !r[3] && r[4]);
    free(r);
    char buf[256];
    cr_assert_str_eq(ml_scn_why_reachable(s, 2, buf, sizeof buf), "global g → a → … → c");
    cr_assert_str_eq(ml_scn_why_reachable(s, 4, buf, sizeof buf),
                     "local tmp of frame main (stack main) → f");
    cr_assert_str_eq(ml_scn_why_reachable(s, 3, buf, sizeof buf), "unreachable");
    ml_scn_free(s);
}

Test(scenario, builder_keeps_names_both_ways, .timeout = 10)
{
    char text[2048];
    snprintf(text, sizeof text, "%s---\nworker.w = new n Node\n", GRAPH);
    ml_scn_t *s = must_parse(text);
    char err[256], buf[128];
    ml_scn_heap_t *sh = ml_scn_build(s, NULL, 0, err, sizeof err);
    cr_assert(sh, "%s", err);
    for (uint32_t i = 0; i < 5; i++)
        cr_assert(ml_scn_alive(sh, i) && ml_scn_index_of(sh, sh->objs[i]) == i,
                  "object %u not mapped", i);
    cr_assert(!ml_scn_alive(sh, 5) && ml_scn_object(sh, 5) == NULL, "n is not born yet");
    cr_assert_eq(((void **)sh->objs[2])[1], sh->objs[0], "c.right = a");
    cr_assert_eq(ml_gc_global_get(sh->heap, sh->globals[0]), sh->objs[0]);
    cr_assert_eq(ml_gc_frame_get(sh->frames[0], 0), sh->objs[4]);
    cr_assert_str_eq(ml_scn_obj_label(sh, 1, buf, sizeof buf), "b (Node, obj#2)");
    void *n = ml_gc_alloc(sh->heap, ml_scn_type_for(sh, 5));
    ml_scn_bind(sh, 5, n);
    cr_assert(ml_scn_alive(sh, 5) && ml_scn_index_of(sh, n) == 5, "a bound object is found");
    ml_dot_names_t names = ml_scn_dot_names(sh);
    cr_assert_str_eq(names.object(names.arg, sh->objs[0], buf, sizeof buf), "a");
    cr_assert_str_eq(names.slot(names.arg, sh->objs[0], 1, buf, sizeof buf), "right");
    cr_assert_str_eq(names.local(names.arg, sh->frames[1], 0, buf, sizeof buf), "w");
    cr_assert_str_eq(ml_scn_describe(sh, NULL, buf, sizeof buf), "nil");
    ml_scn_heap_free(sh);
    // With a type per object, the core's own words name the objects.
    sh = ml_scn_build(s, NULL, ML_SCN_TYPE_PER_OBJECT, err, sizeof err);
    cr_assert(sh, "%s", err);
    cr_assert_str_eq(ml_gc_describe(sh->heap, sh->objs[1], buf, sizeof buf), "obj#2 (b)");
    ml_scn_heap_free(sh);
    ml_scn_free(s);
}

static void list_two(const void *m, void (*fn)(void *obj, void *arg), void *arg)
{
    void *const *o = m;
    fn(o[0], arg);
    fn(o[1], arg);
    fn(o[0], arg); // twice
    fn(NULL, arg); // not an object
}

Test(greyset, snapshot_counts_what_a_worklist_must_not_hold, .timeout = 10)
{
    ml_scn_t *s = must_parse(GRAPH);
    char err[256];
    ml_scn_heap_t *sh = ml_scn_build(s, NULL, 0, err, sizeof err);
    cr_assert(sh, "%s", err);
    ml_gc_heap_t *h = sh->heap;
    cr_assert(ml_gc_try_mark(h, sh->objs[0]), "marking a");
    cr_assert(ml_gc_try_mark(h, sh->objs[2]), "marking c");
    void *work[2] = { sh->objs[0], sh->objs[1] }; // b is unmarked
    ml_greyset_t g;
    ml_greyset_begin(&g, h);
    list_two(work, ml_greyset_entry, &g);
    cr_assert_eq(ml_greyset_end(&g), 0);
    cr_assert(g.entries == 4 && g.duplicates == 1 && g.not_objects == 1 && g.unmarked == 1,
              "entries %zu duplicates %zu not_objects %zu unmarked %zu", g.entries, g.duplicates,
              g.not_objects, g.unmarked);
    cr_assert_eq(ml_greyset_count(&g), 2);
    cr_assert_eq(ml_color_of(h, &g, sh->objs[0]), ML_GREY);
    cr_assert_eq(ml_color_of(h, &g, sh->objs[2]), ML_BLACK);
    cr_assert_eq(ml_color_of(h, &g, sh->objs[3]), ML_WHITE);
    ml_color_counts_t c = ml_count_colors(h, &g);
    cr_assert(c.grey == 1 && c.black == 1 && c.white == 3, "white %zu grey %zu black %zu", c.white,
              c.grey, c.black);
    cr_assert_str_eq(ml_color_names[ML_GREY], "grey");
    ml_greyset_free(&g);
    cr_assert_eq(ml_greyset_count(&g), 0);
    ml_scn_heap_free(sh);
    ml_scn_free(s);
}
