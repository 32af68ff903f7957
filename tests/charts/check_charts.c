// check_charts.c — `make test-charts`: every chart scripts/plots.sh drew is
// one a student can read. For each DATA/<lab>/<chart>.csv that has a
// plots/<lab>-<chart>.gp, the chart CHARTS/<lab>-<chart>.svg must exist, and
// in it (parsed with libxml2; gnuplot writes each piece of text as a <g
// transform="translate(x,y) [rotate(a)]" text-anchor=...><text> element):
//
//   title     a centred, unrotated text in the top tenth of the canvas;
//   x label   the first `set xlabel "..."` of the chart script, drawn;
//   y label   a text rotated by 90 or 270 degrees that names a unit (a
//             parenthesised part, "%", or a unit word such as ns, MiB,
//             objects);
//   footnote  "<host> · N cores · <arch> · YYYY-MM-DD" in the bottom tenth;
//   peers     each peer the chart script declares on a header line
//             `# peers: NAME, NAME` is either in the data (the CSV's text,
//             any case) and drawn (a text below the chart's title), or
//             named in a
//             `# left out: NAME: REASON` line of the CSV, and then that line
//             is drawn under the chart. Every `# left out:` line is drawn.
//
//   check_charts --plots DIR --data DIR --charts DIR
//
// Prints one line per fault ("CHART.svg: what is missing") and exits 1 when
// there is any, 0 when every chart passes (with a count), 2 on bad usage.
#include <ctype.h>
#include <dirent.h>
#include <getopt.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct text {
    char *s;        // the text, tspans joined
    double x, y;    // its anchor point
    double rot;     // rotation in degrees (0 when none)
    char anchor[8]; // "start", "middle" or "end"
} text_t;

typedef struct svg {
    text_t *t;
    size_t n, cap;
    double w, h;
} svg_t;

static int faults;

static void fault(const char *chart, const char *fmt, const char *arg)
{
    printf("%s.svg: ", chart);
    printf(fmt, arg);
    printf("\n");
    faults++;
}

// read_all — the whole file, NUL-terminated, or NULL.
static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (size_t r; buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
        n += r;
        if (n + 1 == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            } else
                buf = b;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

// collect — every <text> under node, with its enclosing <g>'s placement.
static void collect(xmlNode *node, svg_t *svg)
{
    for (xmlNode *c = node; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "text") == 0 && c->parent &&
            c->parent->type == XML_ELEMENT_NODE) {
            xmlChar *tr = xmlGetProp(c->parent, (const xmlChar *)"transform");
            xmlChar *an = xmlGetProp(c->parent, (const xmlChar *)"text-anchor");
            xmlChar *s = xmlNodeGetContent(c);
            if (svg->n == svg->cap) {
                svg->cap = svg->cap ? 2 * svg->cap : 64;
                svg->t = realloc(svg->t, svg->cap * sizeof *svg->t);
                if (!svg->t)
                    abort();
            }
            text_t *t = &svg->t[svg->n++];
            memset(t, 0, sizeof *t);
            t->s = strdup(s ? (const char *)s : "");
            if (tr) {
                sscanf((const char *)tr, "translate(%lf,%lf)", &t->x, &t->y);
                const char *r = strstr((const char *)tr, "rotate(");
                if (r)
                    t->rot = atof(r + 7);
            }
            snprintf(t->anchor, sizeof t->anchor, "%s", an ? (const char *)an : "start");
            xmlFree(tr);
            xmlFree(an);
            xmlFree(s);
        }
        collect(c->children, svg);
    }
}

// norm — s without backslashes and spaces, lower case, cut at enhanced-text
// markup (^ _ { } @ ~ %, which gnuplot renders differently), at most max.
static void norm(const char *s, char *out, size_t max)
{
    size_t k = 0;
    for (; *s && k + 1 < max; s++) {
        if (strchr("^_{}@~%", *s))
            break;
        if (*s == '\\' || isspace((unsigned char)*s))
            continue;
        out[k++] = (char)tolower((unsigned char)*s);
    }
    out[k] = '\0';
}

// has_text — whether some text (normalised) contains needle (normalised).
static bool has_text(const svg_t *svg, const char *needle, double ymin)
{
    char n[128], h[2048];
    norm(needle, n, sizeof n);
    if (!n[0])
        return true;
    for (size_t i = 0; i < svg->n; i++) {
        norm(svg->t[i].s, h, sizeof h);
        if (svg->t[i].y >= ymin && strstr(h, n))
            return true;
    }
    return false;
}

// names_unit — a y label's text names a unit.
static bool names_unit(const char *s)
{
    static const char *const words[] = { "ns",     "ms",    "s",     "mib",  "kib",     "mb",
                                         "bytes",  "%",     "×",     "x",    "objects", "students",
                                         "cycles", "count", "slots", "units" };
    if (strchr(s, '(') && strchr(s, ')'))
        return true;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *w = strtok(buf, " ,;:/()"); w; w = strtok(NULL, " ,;:/()")) {
        for (char *p = w; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (strcmp(w, words[k]) == 0)
                return true;
    }
    return false;
}

// gp_string — the first double-quoted string after `set KEY "` in the
// chart script (into out), or false.
static bool gp_string(const char *gp, const char *key, char *out, size_t len)
{
    char pat[64];
    snprintf(pat, sizeof pat, "set %s \"", key);
    const char *p = strstr(gp, pat);
    if (!p)
        return false;
    p += strlen(pat);
    size_t k = 0;
    for (; *p && *p != '"' && k + 1 < len; p++)
        out[k++] = *p;
    out[k] = '\0';
    return true;
}

static bool footnote_like(const char *s)
{
    const char *c = strstr(s, " cores · ");
    if (!c)
        c = strstr(s, " core · ");
    if (!c)
        return false;
    const char *d = strrchr(s, ' ');
    return d && strlen(d + 1) == 10 && isdigit((unsigned char)d[1]) && d[5] == '-' && d[8] == '-';
}

static void check_chart(const char *chart, const char *gp_path, const char *csv_path,
                        const char *svg_path)
{
    char *gp = read_all(gp_path), *csv = read_all(csv_path);
    xmlDoc *doc = xmlReadFile(svg_path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
    if (!doc) {
        fault(chart, "not drawn, or not an SVG (%s)", svg_path);
        free(gp);
        free(csv);
        return;
    }
    svg_t svg = { 0 };
    xmlNode *root = xmlDocGetRootElement(doc);
    // The canvas: viewBox="0 0 W H" (gnuplot's dynamic SVG), else height.
    xmlChar *vb = xmlGetProp(root, (const xmlChar *)"viewBox");
    xmlChar *h = xmlGetProp(root, (const xmlChar *)"height");
    double x0, y0;
    if (!vb || sscanf((const char *)vb, "%lf %lf %lf %lf", &x0, &y0, &svg.w, &svg.h) != 4)
        svg.h = h ? atof((const char *)h) : 0;
    xmlFree(vb);
    xmlFree(h);
    collect(root, &svg);
    if (svg.h <= 0)
        fault(chart, "%s", "no size on the <svg> element (viewBox or height)");

    bool title = false, ylabel = false, ylabel_unit = false, foot = false;
    for (size_t i = 0; i < svg.n; i++) {
        const text_t *t = &svg.t[i];
        if (t->rot == 0 && strcmp(t->anchor, "middle") == 0 && t->y < 0.1 * svg.h &&
            strlen(t->s) >= 12)
            title = true;
        if ((t->rot == 270 || t->rot == 90 || t->rot == -90) && strlen(t->s) >= 2) {
            ylabel = true;
            ylabel_unit |= names_unit(t->s);
        }
        if (t->y > 0.9 * svg.h && footnote_like(t->s))
            foot = true;
    }
    if (!title)
        fault(chart, "%s", "no title at the top (set title)");
    if (!ylabel)
        fault(chart, "%s", "no y-axis label (set ylabel)");
    else if (!ylabel_unit)
        fault(chart, "%s", "the y-axis label names no unit (e.g. \"(ns)\", \"%%\", \"MiB\")");
    if (!foot)
        fault(chart, "%s", "no footnote with the machine and the date (plots/common.gp)");
    char want[512];
    if (!gp || !gp_string(gp, "xlabel", want, sizeof want))
        fault(chart, "%s", "its chart script sets no x-axis label (set xlabel)");
    else if (!has_text(&svg, want, 0))
        fault(chart, "the x-axis label \"%s\" is not drawn", want);

    // Every `# left out:` line of the CSV is drawn; every declared peer is
    // in the data and the chart, or left out.
    char left[4096] = "";
    for (const char *p = csv ? csv : ""; (p = strstr(p, "# left out: ")) != NULL;) {
        p += strlen("# left out: ");
        size_t n = strcspn(p, "\r\n");
        char line[600];
        snprintf(line, sizeof line, "left out: %.*s", (int)(n < 580 ? n : 580), p);
        if (!has_text(&svg, line, 0))
            fault(chart, "\"%s\" (in its CSV) is not drawn under the chart", line);
        size_t used = strlen(left);
        snprintf(left + used, sizeof left - used, "%.*s\n", (int)(n < 580 ? n : 580), p);
        p += n;
    }
    const char *decl = gp ? strstr(gp, "# peers:") : NULL;
    if (decl) {
        char peers[512];
        size_t n = strcspn(decl + 8, "\n");
        snprintf(peers, sizeof peers, "%.*s", (int)(n < 500 ? n : 500), decl + 8);
        for (char *save, *name = strtok_r(peers, ",", &save); name;
             name = strtok_r(NULL, ",", &save)) {
            while (*name == ' ')
                name++;
            for (char *e = name + strlen(name); e > name && e[-1] == ' ';)
                *--e = '\0';
            if (!*name)
                continue;
            // left out? a line of `left` starting with "NAME:"
            bool out = false;
            for (const char *l = left; *l; l = strchr(l, '\n') + 1)
                if (strncmp(l, name, strlen(name)) == 0 && l[strlen(name)] == ':')
                    out = true;
            if (out)
                continue;
            // in the data (outside the comment lines) and drawn below the title
            const char *body = csv ? csv : "";
            while (*body == '#')
                body += strcspn(body, "\n") + (body[strcspn(body, "\n")] != '\0');
            bool in_data = strcasestr(body, name) != NULL;
            if (!in_data || !has_text(&svg, name, 0.07 * svg.h))
                fault(chart,
                      "peer %s is neither in the chart nor named in a \"# left out: PEER: "
                      "REASON\" line of its CSV",
                      name);
        }
    }
    for (size_t i = 0; i < svg.n; i++)
        free(svg.t[i].s);
    free(svg.t);
    xmlFreeDoc(doc);
    free(gp);
    free(csv);
}

int main(int argc, char **argv)
{
    const char *plots = NULL, *data = NULL, *charts = NULL;
    static const struct option longopts[] = {
        { "plots", required_argument, NULL, 'p' },
        { "data", required_argument, NULL, 'd' },
        { "charts", required_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    for (int c; (c = getopt_long(argc, argv, "p:d:c:h", longopts, NULL)) != -1;) {
        switch (c) {
        case 'p': plots = optarg; break;
        case 'd': data = optarg; break;
        case 'c': charts = optarg; break;
        case 'h':
            printf("usage: check_charts --plots DIR --data DIR --charts DIR\n"
                   "Checks each chart drawn from DATA/<lab>/<chart>.csv by PLOTS/<lab>-<chart>.gp\n"
                   "(CHARTS/<lab>-<chart>.svg): title, axis labels, footnote, peers.\n");
            return 0;
        default: fprintf(stderr, "check_charts: try --help\n"); return 2;
        }
    }
    if (!plots || !data || !charts || optind < argc) {
        fprintf(stderr, "usage: check_charts --plots DIR --data DIR --charts DIR\n");
        return 2;
    }
    LIBXML_TEST_VERSION
    DIR *d = opendir(data);
    if (!d) {
        fprintf(stderr, "check_charts: cannot open %s\n", data);
        return 2;
    }
    int checked = 0;
    for (struct dirent *lab; (lab = readdir(d)) != NULL;) {
        if (lab->d_name[0] == '.')
            continue;
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", data, lab->d_name);
        DIR *ld = opendir(dir);
        if (!ld)
            continue;
        for (struct dirent *e; (e = readdir(ld)) != NULL;) {
            size_t len = strlen(e->d_name);
            if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0)
                continue;
            char chart[600], gp[4800], csv[4800], svg[4800];
            snprintf(chart, sizeof chart, "%s-%.*s", lab->d_name, (int)(len - 4), e->d_name);
            snprintf(gp, sizeof gp, "%s/%s.gp", plots, chart);
            snprintf(csv, sizeof csv, "%s/%s", dir, e->d_name);
            snprintf(svg, sizeof svg, "%s/%s.svg", charts, chart);
            struct stat st;
            if (stat(gp, &st) != 0)
                continue; // data no chart draws
            check_chart(chart, gp, csv, svg);
            checked++;
        }
        closedir(ld);
    }
    closedir(d);
    xmlCleanupParser();
    if (faults) {
        printf("check_charts: %d fault(s) in %d chart(s)\n", faults, checked);
        return 1;
    }
    printf("check_charts: %d chart(s): title, axis labels with units, footnote, every peer "
           "drawn or named as left out\n",
           checked);
    return 0;
}
