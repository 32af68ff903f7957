// steppage.c — step pages: a run of heap pictures as one HTML page you step
// through (memlab/steppage.h): index.html with every step's SVG embedded
// (Prev/Next buttons, arrow keys, a caption, "k / n" and a legend of the
// colours), and a recorder that writes, renders and pages the steps of a run.
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memlab/steppage.h"
#include "memlab/outfile.h"

#include "dot_colors.h"

#define FAIL(...)                               \
    do {                                        \
        if (err)                                \
            snprintf(err, errlen, __VA_ARGS__); \
        goto fail;                              \
    } while (0)

static void put_html(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

// The whole of file `path` (NUL-terminated, malloc'd), or NULL.
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    if (buf)
        buf[n] = '\0';
    if (ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static const char *page_head =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
static const char *page_style =
    "</title>\n<style>\n"
    "body { font-family: Helvetica, Arial, sans-serif; margin: 1.5em; background: #fafafa; }\n"
    "h1 { font-size: 1.3em; margin: 0 0 0.5em 0; }\n"
    "#bar { display: flex; gap: 0.8em; align-items: center; margin-bottom: 0.6em; }\n"
    "button { font-size: 1em; padding: 0.25em 0.9em; }\n"
    "#caption { font-family: monospace; font-size: 1em; margin: 0.4em 0 0.8em 0; white-space: pre-wrap; }\n"
    ".step { display: none; background: white; border: 1px solid #ccc; padding: 0.5em; overflow: auto; }\n"
    ".step.shown { display: block; }\n"
    ".step svg { max-width: 100%; height: auto; }\n"
    "#legend { display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; font-size: 0.85em; color: #333; margin-bottom: 0.4em; }\n"
    ".key { display: inline-block; width: 1.6em; height: 0.9em; border: 1px solid black; "
    "border-radius: 0.45em; vertical-align: middle; margin-right: 0.35em; }\n"
    "</style>\n</head>\n<body>\n<h1>";
static const char *page_script =
    "<script>\n"
    "(function () {\n"
    "  var steps = document.querySelectorAll('.step');\n"
    "  var cur = 0;\n"
    "  function show(k) {\n"
    "    if (steps.length === 0) return;\n"
    "    cur = Math.max(0, Math.min(steps.length - 1, k));\n"
    "    for (var i = 0; i < steps.length; i++) steps[i].className = i === cur ? 'step shown' : 'step';\n"
    "    document.getElementById('caption').textContent = steps[cur].getAttribute('data-caption');\n"
    "    document.getElementById('counter').textContent = (cur + 1) + ' / ' + steps.length;\n"
    "  }\n"
    "  document.getElementById('prev').onclick = function () { show(cur - 1); };\n"
    "  document.getElementById('next').onclick = function () { show(cur + 1); };\n"
    "  document.addEventListener('keydown', function (e) {\n"
    "    if (e.altKey || e.ctrlKey || e.metaKey) return;\n"
    "    if (e.key === 'ArrowLeft') show(cur - 1);\n"
    "    else if (e.key === 'ArrowRight') show(cur + 1);\n"
    "    else if (e.key === 'Home') show(0);\n"
    "    else if (e.key === 'End') show(steps.length - 1);\n"
    "  });\n"
    "  show(0);\n"
    "})();\n"
    "</script>\n</body>\n</html>\n";

// The legend: the fills and shapes ml_dot_fprint draws with (dot.c), so a
// reader can tell the three colors apart without the handout. `highlight`
// says what the red outline means; NULL leaves that entry out.
static void put_legend(FILE *out, const char *highlight)
{
    static const struct {
        const char *style, *text;
    } keys[] = {
        { "background: " ML_DOT_WHITE, "white: not marked (yet)" },
        { "background: " ML_DOT_GREY, "grey: marked, pointers not scanned yet" },
        { "background: " ML_DOT_BLACK, "black: marked and scanned" },
        { "background: " ML_DOT_GLOBAL "; border-radius: 0.2em", "global root" },
        { "background: " ML_DOT_FRAME "; border-radius: 0", "stack frame, not scanned yet" },
        { "background: " ML_DOT_FRAME_DONE "; border-radius: 0", "stack frame, scanned" },
        { "background: " ML_DOT_FREED "; border-color: red; border-radius: 0",
          "pointer to freed memory" },
    };
    fputs("<div id=\"legend\">", out);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        fprintf(out, "<span><span class=\"key\" style=\"%s\"></span>%s</span>", keys[i].style,
                keys[i].text);
    if (highlight) {
        fputs("<span><span class=\"key\" style=\"border: 3px solid red\"></span>red outline: ",
              out);
        put_html(out, highlight);
        fputs("</span>", out);
    }
    fputs("</div>\n", out);
}

int ml_steps_write_page(const char *dir, const char *title, const char *highlight,
                        const ml_step_t *steps, size_t n, char *err, size_t errlen)
{
    char *svgpath = NULL, *svg = NULL;
    ml_outfile_t page;
    FILE *out = ml_outfile_open_in(&page, dir, "index.html");
    if (!out)
        FAIL("%s: %s", page.path, strerror(errno));
    fputs(page_head, out);
    put_html(out, title ? title : "heap, step by step");
    fputs(page_style, out);
    put_html(out, title ? title : "heap, step by step");
    fputs("</h1>\n<div id=\"bar\"><button id=\"prev\">&#8592; Prev</button>"
          "<button id=\"next\">Next &#8594;</button><span id=\"counter\"></span>"
          "<span style=\"color:#777\">(arrow keys step)</span></div>\n",
          out);
    put_legend(out, highlight);
    fputs("<div id=\"caption\"></div>\n", out);
    for (size_t i = 0; i < n; i++) {
        size_t sl = strlen(dir) + strlen(steps[i].svg) + 2;
        svgpath = malloc(sl);
        if (!svgpath)
            FAIL("%s: out of memory", dir);
        snprintf(svgpath, sl, "%s/%s", dir, steps[i].svg);
        svg = slurp(svgpath);
        if (!svg)
            FAIL("%s: %s", svgpath, strerror(errno ? errno : EIO));
        const char *start = strstr(svg, "<svg");
        if (!start)
            FAIL("%s: not an SVG file (no <svg> element)", svgpath);
        fprintf(out, "<div class=\"step\" id=\"step-%zu\" data-caption=\"", i + 1);
        put_html(out, steps[i].caption ? steps[i].caption : "");
        fputs("\">\n", out);
        fputs(start, out);
        fputs("\n</div>\n", out);
        free(svg);
        free(svgpath);
        svg = svgpath = NULL;
    }
    if (n == 0)
        fputs("<p>No steps were recorded.</p>\n", out);
    fputs(page_script, out);
    if (ml_outfile_commit(&page) != 0)
        FAIL("%s: %s", page.path, strerror(errno));
    return 0;
fail:
    ml_outfile_abort(&page);
    free(svg);
    free(svgpath);
    return -1;
}

// ---- the recorder ----------------------------------------------------------

int ml_steps_init(ml_steps_t *s, const char *dir, char *err, size_t errlen)
{
    memset(s, 0, sizeof s[0]);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        if (err)
            snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    s->dir = strdup(dir);
    if (!s->dir) {
        if (err)
            snprintf(err, errlen, "%s: out of memory", dir);
        return -1;
    }
    return 0;
}

int ml_steps_add(ml_steps_t *s, ml_gc_heap_t *h, const ml_dot_opts_t *o, char *err, size_t errlen,
                 const char *caption_fmt, ...)
{
    char *dotp = NULL, *svgp = NULL, *name = NULL, *caption = NULL;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 32;
        ml_step_t *f = realloc(s->steps, nc * sizeof *f);
        if (!f)
            FAIL("%s: out of memory", s->dir);
        s->steps = f;
        s->cap = nc;
    }
    size_t len = strlen(s->dir) + 32;
    dotp = malloc(len);
    svgp = malloc(len);
    name = malloc(32);
    if (!dotp || !svgp || !name)
        FAIL("%s: out of memory", s->dir);
    snprintf(name, 32, "step-%03zu.svg", s->n + 1);
    snprintf(dotp, len, "%s/step-%03zu.dot", s->dir, s->n + 1);
    snprintf(svgp, len, "%s/%s", s->dir, name);
    va_list ap;
    va_start(ap, caption_fmt);
    int cl = vasprintf(&caption, caption_fmt, ap);
    va_end(ap);
    if (cl < 0) {
        caption = NULL;
        FAIL("%s: out of memory", s->dir);
    }
    if (ml_dot_write(h, dotp, o, err, errlen) != 0)
        goto fail;
    if (ml_dot_render_svg(dotp, svgp, err, errlen) != 0)
        goto fail;
    s->steps[s->n++] = (ml_step_t){ .svg = name, .caption = caption };
    free(dotp);
    free(svgp);
    return 0;
fail:
    free(dotp);
    free(svgp);
    free(name);
    free(caption);
    return -1;
}

int ml_steps_finish(ml_steps_t *s, const char *title, const char *highlight, char *err,
                    size_t errlen)
{
    return ml_steps_write_page(s->dir, title, highlight, s->steps, s->n, err, errlen);
}

void ml_steps_fini(ml_steps_t *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free((char *)s->steps[i].svg);
        free((char *)s->steps[i].caption);
    }
    free(s->steps);
    free(s->dir);
    memset(s, 0, sizeof s[0]);
}
