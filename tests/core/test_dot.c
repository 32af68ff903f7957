// test_dot.c — unit tests of heap pictures (common/src/dot.c, steppage.c):
// the DOT text has the objects with their colors, the roots, labelled edges
// and the highlight; `dot -Tsvg` renders it (Graphviz is a dependency); a
// missing Graphviz or a broken graph gives a clear error; index.html embeds
// the steps with captions, buttons and arrow keys and no external assets.
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memlab/dot.h"
#include "memlab/steppage.h"
#include "memlab/gcheap.h"

static const ml_type_t NODE = ML_TYPE("Node", 32, 0x3);

typedef struct {
    ml_gc_heap_t *h;
    void *a, *b, *c, *w;
} pic_t;

// global g -> a; a.slot1 -> b; frame main slot 0 -> c; w white garbage.
// a black, b grey, c and w white.
static pic_t make_pic(void)
{
    ml_gc_config_t cfg = ml_gc_default_config();
    cfg.gc_percent = -1;
    cfg.arena_bytes = (size_t)16 << 20;
    pic_t p = { .h = ml_gc_new(&cfg) };
    cr_assert_not_null(p.h);
    int g = ml_gc_global_add(p.h, "g");
    ml_gc_frame_t *f = ml_gc_push_frame(p.h, "main", 2);
    p.a = ml_gc_alloc(p.h, &NODE);
    ml_gc_write_global(p.h, g, p.a);
    p.b = ml_gc_alloc(p.h, &NODE);
    ml_gc_write(p.h, p.a, 1, p.b);
    p.c = ml_gc_alloc(p.h, &NODE);
    ml_gc_frame_set(f, 0, p.c);
    p.w = ml_gc_alloc(p.h, &NODE);
    ml_gc_set_mark(p.h, p.a);
    ml_gc_set_mark(p.h, p.b);
    return p;
}

static bool grey_b(ml_gc_heap_t *h, const void *obj, void *arg)
{
    (void)h;
    return obj == arg;
}

static char *dot_text(pic_t *p, const ml_dot_opts_t *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    cr_assert_eq(ml_dot_fprint(p->h, out, o), 0);
    fclose(out);
    return buf;
}

static char *tmpdir(void)
{
    char tmpl[] = "/tmp/memlab-dot-XXXXXX";
    char *d = mkdtemp(tmpl);
    cr_assert_not_null(d, "mkdtemp failed");
    return strdup(d);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}
static void rmtree(const char *dir)
{
    cr_assert_eq(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0, "cannot remove %s", dir);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

Test(dot, graph_has_colored_objects_roots_labelled_edges_and_highlight, .timeout = 5)
{
    pic_t p = make_pic();
    ml_dot_opts_t o = {
        .title = "step \"3\"", .highlight = p.a, .is_grey = grey_b, .grey_arg = p.b
    };
    char *t = dot_text(&p, &o);
    unsigned a = ml_gc_object_id(p.h, p.a), b = ml_gc_object_id(p.h, p.b),
             c = ml_gc_object_id(p.h, p.c), w = ml_gc_object_id(p.h, p.w);
    char want[128];
    cr_assert(strncmp(t, "digraph heap {", 14) == 0, "%s", t);
    snprintf(
        want, sizeof want,
        "o%u [label=\"obj#%u\\nNode\", fillcolor=black, fontcolor=white, color=red, penwidth=3", a,
        a);
    cr_assert(strstr(t, want), "black highlighted a missing (%s):\n%s", want, t);
    snprintf(want, sizeof want, "o%u [label=\"obj#%u\\nNode\", fillcolor=\"#b3b3b3\"", b, b);
    cr_assert(strstr(t, want), "grey b missing:\n%s", t);
    snprintf(want, sizeof want, "o%u [label=\"obj#%u\\nNode\", fillcolor=white", c, c);
    cr_assert(strstr(t, want), "white c missing:\n%s", t);
    snprintf(want, sizeof want, "o%u [label=\"obj#%u\\nNode\", fillcolor=white", w, w);
    cr_assert(strstr(t, want), "white w missing:\n%s", t);
    snprintf(want, sizeof want, "o%u -> o%u [label=\"1\"];", a, b);
    cr_assert(strstr(t, want), "edge a -slot 1-> b missing:\n%s", t);
    cr_assert(strstr(t, "g0 [shape=box") && strstr(t, "label=\"global g\""),
              "global root missing:\n%s", t);
    snprintf(want, sizeof want, "g0 -> o%u;", a);
    cr_assert(strstr(t, want), "global edge missing:\n%s", t);
    cr_assert(strstr(t, "s0_0 [shape=record"), "frame record missing:\n%s", t);
    snprintf(want, sizeof want, "s0_0:p0 -> o%u;", c);
    cr_assert(strstr(t, want), "frame slot edge missing:\n%s", t);
    cr_assert(strstr(t, "label=\"step \\\"3\\\"\""), "title not escaped:\n%s", t);
    free(t);
    ml_gc_destroy(p.h);
}

Test(dot, pointers_to_freed_memory_are_drawn_as_freed_nodes, .timeout = 5)
{
    pic_t p = make_pic();
    ml_gc_free(p.h, p.b); // a.slot1 now dangles
    char *t = dot_text(&p, NULL);
    cr_assert(strstr(t, "label=\"freed\\n"), "no freed node:\n%s", t);
    char want[64];
    snprintf(want, sizeof want, "o%u -> x0 [label=\"1\"]", ml_gc_object_id(p.h, p.a));
    cr_assert(strstr(t, want), "dangling edge missing:\n%s", t);
    free(t);
    ml_gc_destroy(p.h);
}

Test(dot, write_and_render_produce_an_svg, .timeout = 20)
{
    pic_t p = make_pic();
    char *d = tmpdir();
    char dotp[256], svgp[256], err[512] = "";
    snprintf(dotp, sizeof dotp, "%s/heap.dot", d);
    snprintf(svgp, sizeof svgp, "%s/heap.svg", d);
    cr_assert_eq(ml_dot_write(p.h, dotp, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_eq(ml_dot_render_svg(dotp, svgp, err, sizeof err), 0, "%s", err);
    char *svg = slurp(svgp);
    cr_assert(strstr(svg, "<svg"), "not an SVG");
    char want[32];
    snprintf(want, sizeof want, "obj#%u", ml_gc_object_id(p.h, p.a));
    cr_assert(strstr(svg, want), "the SVG does not show %s", want);
    free(svg);
    rmtree(d);
    free(d);
    ml_gc_destroy(p.h);
}

Test(dot, render_reports_broken_graphs_and_missing_graphviz, .timeout = 20)
{
    char *d = tmpdir();
    char dotp[256], svgp[256], err[512] = "";
    snprintf(dotp, sizeof dotp, "%s/bad.dot", d);
    snprintf(svgp, sizeof svgp, "%s/bad.svg", d);
    FILE *f = fopen(dotp, "w");
    fputs("digraph { a -> ; }\n", f);
    fclose(f);
    cr_assert_eq(ml_dot_render_svg(dotp, svgp, err, sizeof err), -1,
                 "a syntax error was not reported");
    cr_assert(strstr(err, "dot failed"), "%s", err);
    cr_assert_eq(access(svgp, F_OK), -1, "no SVG may be left behind on failure");
    setenv("PATH", "/nonexistent", 1);
    cr_assert_eq(ml_dot_render_svg(dotp, svgp, err, sizeof err), -1);
    cr_assert(strstr(err, "graphviz"), "the message should name graphviz: %s", err);
    rmtree(d);
    free(d);
}

Test(dot, steps_are_written_into_a_self_contained_page, .timeout = 30)
{
    pic_t p = make_pic();
    char *d = tmpdir();
    char dir[256], err[512] = "";
    snprintf(dir, sizeof dir, "%s/frames", d);
    ml_steps_t seq;
    cr_assert_eq(ml_steps_init(&seq, dir, err, sizeof err), 0, "%s", err);
    ml_dot_opts_t o = { .is_grey = grey_b, .grey_arg = p.b };
    cr_assert_eq(ml_steps_add(&seq, p.h, &o, err, sizeof err, "step %d: roots <shaded>", 1), 0,
                 "%s", err);
    ml_gc_set_mark(p.h, p.c);
    o.highlight = p.c;
    cr_assert_eq(ml_steps_add(&seq, p.h, &o, err, sizeof err, "step %d: scan & blacken", 2), 0,
                 "%s", err);
    cr_assert_eq(ml_steps_finish(&seq, "Marking demo", "the <scanned> object", err, sizeof err), 0,
                 "%s", err);
    ml_steps_fini(&seq);
    char path[300];
    snprintf(path, sizeof path, "%s/step-002.svg", dir);
    cr_assert_eq(access(path, F_OK), 0, "step-002.svg missing");
    snprintf(path, sizeof path, "%s/index.html", dir);
    char *html = slurp(path);
    cr_assert(strstr(html, "<title>Marking demo</title>"), "title missing");
    cr_assert(strstr(html, "id=\"step-1\"") && strstr(html, "id=\"step-2\""), "steps missing");
    cr_assert(!strstr(html, "id=\"step-3\""), "a third step appeared");
    cr_assert(strstr(html, "data-caption=\"step 1: roots &lt;shaded&gt;\""),
              "caption not escaped:\n%.2000s", html);
    cr_assert(strstr(html, "step 2: scan &amp; blacken"), "second caption missing");
    size_t svgs = 0;
    for (const char *q = html; (q = strstr(q, "<svg")); q++)
        svgs++;
    cr_assert_eq(svgs, 2, "both SVGs are embedded, found %zu", svgs);
    cr_assert(strstr(html, "ArrowLeft") && strstr(html, "ArrowRight"), "arrow keys not handled");
    cr_assert(strstr(html, "id=\"prev\"") && strstr(html, "id=\"next\""), "buttons missing");
    cr_assert(strstr(html, "id=\"legend\"") && strstr(html, "grey: marked"),
              "the legend is missing");
    cr_assert(strstr(html, "red outline: the &lt;scanned&gt; object"),
              "the highlight's legend entry is missing or not escaped");
    cr_assert(!strstr(html, "src=\"http") && !strstr(html, "href=\"http") && !strstr(html, "<link"),
              "the page must not load external assets");
    free(html);
    rmtree(d);
    free(d);
    ml_gc_destroy(p.h);
}

Test(dot, page_reports_a_missing_step, .timeout = 5)
{
    char *d = tmpdir();
    char err[512] = "";
    ml_step_t fr = { .svg = "nope.svg", .caption = "x" };
    cr_assert_eq(ml_steps_write_page(d, "t", NULL, &fr, 1, err, sizeof err), -1);
    cr_assert(strstr(err, "nope.svg"), "%s", err);
    char path[300];
    snprintf(path, sizeof path, "%s/index.html", d);
    cr_assert_eq(access(path, F_OK), -1, "no index.html may be left behind on failure");
    rmtree(d);
    free(d);
}
