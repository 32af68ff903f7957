// draw.c — the layout program's picture of the address space, as Graphviz.
//
// One column, high addresses on top as in every textbook figure: a row per
// run of adjacent regions of the same kind and file, its height growing with
// the log of its size (4 KiB is a thin row, a 16 TiB sanitizer shadow a tall
// one), thin grey rows for the unmapped gaps between them. The example
// objects stand to the right, each with an arrow to the row it lives in and
// the kind the student's classifier gave it. `dot -Tsvg` turns it into SVG.
#include "support/program.h"
#include "memlab/dot.h"
#include "memlab/outfile.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// The end of the lower half of x86-64's 48-bit address space: user space.
#define CANONICAL_END ((uintptr_t)1 << 47)

// A color per kind, light enough for black text.
static const char *kind_color(layout_kind_t k)
{
    static const char *const colors[LAYOUT_NKINDS] = {
        [LAYOUT_UNKNOWN] = "#ffffff", [LAYOUT_UNMAPPED] = "#f4f4f4",
        [LAYOUT_TEXT] = "#9ecae1",    [LAYOUT_RODATA] = "#c6dbef",
        [LAYOUT_DATA] = "#fdae6b",    [LAYOUT_BSS] = "#fdd0a2",
        [LAYOUT_HEAP] = "#a1d99b",    [LAYOUT_MMAP] = "#c7e9c0",
        [LAYOUT_STACK] = "#fc9272",   [LAYOUT_THREAD_STACK] = "#fcbba1",
        [LAYOUT_TLS] = "#dadaeb",     [LAYOUT_LIBRARY] = "#bcbddc",
        [LAYOUT_VDSO] = "#d9d9d9",    [LAYOUT_FILE] = "#e7cb94",
        [LAYOUT_OTHER] = "#ffffff",
    };
    return (unsigned)k < LAYOUT_NKINDS ? colors[k] : "#ffffff";
}

// put_html — `s` escaped for a Graphviz HTML label.
static void put_html(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

// A row of the column: regions [first, last] of the map, or a gap (n == 0).
typedef struct row {
    uintptr_t start, end;
    size_t first, n;
    layout_kind_t kind;
} row_t;

// build_rows — the gaps and the runs of alike regions, low addresses first;
// the region where the bss begins is cut in two at __bss_start, so data and
// bss get rows of their own. Returns the number of rows written to rows (at
// most 2 * map->n + 2).
static size_t build_rows(const layout_run_t *run, row_t *rows)
{
    const layout_map_t *m = &run->map;
    size_t nrows = 0;
    uintptr_t prev = 0;
    for (size_t i = 0; i < m->n; i++) {
        const layout_region_t *r = &m->regions[i];
        layout_kind_t k = layout_classify(m, &run->facts, r->start);
        if (r->start > prev)
            rows[nrows++] = (row_t){ prev, r->start, 0, 0, LAYOUT_UNMAPPED };
        else if (nrows > 0 && rows[nrows - 1].n > 0 && rows[nrows - 1].kind == k &&
                 strcmp(m->regions[rows[nrows - 1].first].path, r->path) == 0) {
            rows[nrows - 1].end = r->end; // extend the run
            rows[nrows - 1].n++;
            prev = r->end;
            continue;
        }
        rows[nrows++] = (row_t){ r->start, r->end, i, 1, k };
        prev = r->end;
        uintptr_t bss = run->facts.bss_start;
        layout_kind_t kb =
            bss > r->start && bss < r->end ? layout_classify(m, &run->facts, bss) : k;
        if (kb != k) {
            rows[nrows - 1].end = bss;
            rows[nrows++] = (row_t){ bss, r->end, i, 1, kb };
        }
    }
    return nrows;
}

// row_height — points: a 4 KiB region is 16, each doubling adds 3.
static int row_height(const row_t *r)
{
    if (r->n == 0)
        return 14;
    double pages = (double)(r->end - r->start) / 4096.0;
    return 16 + (int)(3.0 * log2(pages < 1 ? 1 : pages));
}

// base_name — the last component of a path (the path itself if it has none).
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

// layout_draw_dot — see program.h.
int layout_draw_dot(FILE *out, const layout_run_t *run)
{
    row_t *rows = malloc((2 * run->map.n + 2) * sizeof *rows);
    if (rows == NULL)
        return -1;
    size_t nrows = build_rows(run, rows);
    char sz[32];

    fprintf(out, "// The address space of one run of the layout program (memlab).\n");
    fprintf(out, "digraph address_space {\n");
    fprintf(out,
            "  graph [rankdir=LR, fontname=\"sans\", fontsize=14, labelloc=t, nodesep=0.12,"
            " ranksep=1.2, label=\"Address space of process %d: high addresses on top;"
            " row height grows with log2(size); ASLR %d%s\"];\n",
            (int)getpid(), run->aslr, run->pie ? ", PIE" : "");
    fprintf(out, "  node [fontname=\"sans\", fontsize=10];\n  edge [color=\"#555555\"];\n");
    fprintf(out, "  space [shape=plaintext, label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\""
                 " CELLSPACING=\"0\" CELLPADDING=\"3\">\n");
    for (size_t j = nrows; j-- > 0;) {
        const row_t *r = &rows[j];
        fprintf(
            out,
            "    <TR><TD PORT=\"r%zu\" WIDTH=\"330\" HEIGHT=\"%d\" BGCOLOR=\"%s\" ALIGN=\"LEFT\""
            " BALIGN=\"LEFT\">",
            j, row_height(r), kind_color(r->kind));
        layout_human_size(r->end - r->start, sz, sizeof sz);
        if (r->n == 0) {
            fprintf(out, "<FONT COLOR=\"#888888\" POINT-SIZE=\"8\">unmapped, %s%s</FONT>", sz,
                    r->start < CANONICAL_END && r->end > CANONICAL_END
                        ? " (the non-canonical hole and the kernel's half)"
                        : "");
        } else {
            const layout_region_t *first = &run->map.regions[r->first];
            fprintf(out, "<B>%s</B>  %s", layout_kind_name(r->kind), sz);
            if (r->n > 1)
                fprintf(out, " in %zu regions", r->n);
            else
                fprintf(out, "  %s", first->perms);
            if (first->path[0] != '\0') {
                fputs("  ", out);
                put_html(out, base_name(first->path));
            }
            fprintf(out, "<BR/><FONT POINT-SIZE=\"8\">%" PRIxPTR " - %" PRIxPTR "</FONT>", r->start,
                    r->end);
        }
        fprintf(out, "</TD></TR>\n");
    }
    if (nrows == 0)
        fprintf(out, "    <TR><TD>(no regions: layout_read_maps failed)</TD></TR>\n");
    fprintf(out, "  </TABLE>>];\n");

    for (size_t i = 0; i < run->nobjects; i++) {
        const layout_specimen_t *o = &run->objects[i];
        layout_kind_t k = layout_classify(&run->map, &run->facts, o->addr);
        fprintf(
            out,
            "  o%zu [shape=box, style=\"rounded,filled\", fillcolor=\"%s\", label=\"%s\\n0x%" PRIxPTR
            "\\n%s\"];\n",
            i, kind_color(k), o->id, o->addr, layout_kind_name(k));
        size_t j = nrows;
        for (size_t t = 0; t < nrows; t++)
            if (o->addr >= rows[t].start && o->addr < rows[t].end)
                j = t;
        if (j < nrows)
            fprintf(out, "  space:r%zu:e -> o%zu:w [dir=back];\n", j, i);
    }
    fprintf(out, "}\n");
    free(rows);
    return ferror(out) ? -1 : 0;
}

// layout_write_picture — the DOT text into a temporary file beside `path`
// (ml_outfile); for SVG, ml_dot_render_svg renders it into `path` (through
// its own temporary), and the DOT one is dropped. Only a complete result is
// renamed into place.
int layout_write_picture(const char *path, bool svg, const layout_run_t *run, char *err,
                         size_t errlen)
{
    ml_outfile_t dot;
    FILE *f = ml_outfile_open(&dot, path);
    if (f == NULL) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (layout_draw_dot(f, run) != 0 || fflush(f) != 0) {
        snprintf(err, errlen, "%s: write error", path);
        ml_outfile_abort(&dot);
        return -1;
    }
    int rc = -1;
    if (!svg) {
        if (ml_outfile_commit(&dot) == 0)
            rc = 0;
        else
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
    } else {
        rc = ml_dot_render_svg(dot.tmp, path, err, errlen);
    }
    ml_outfile_abort(&dot); // the DOT scratch file, unless committed above
    return rc;
}
