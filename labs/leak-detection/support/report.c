// report.c — reading the tracker's report file and writing the reports:
// valgrind's LEAK SUMMARY, LeakSanitizer-style records grouped by site (the
// student's lk_summarize and lk_group), and the in-use profile by site.
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static void set_err(char *err, size_t cap, const char *path, const char *what)
{
    snprintf(err, cap, "%s:1: %s", path, what);
}

static int report_from_json(json_t *j, const char *path, lk_report_t *r, bool symbolize, char *err,
                            size_t errcap);

int lk_report_load(const char *path, lk_report_t *r, bool symbolize, char *err, size_t errcap)
{
    memset(r, 0, sizeof *r);
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j) {
        snprintf(err, errcap, "%s:%d: %s", path, je.line > 0 ? je.line : 1, je.text);
        return -1;
    }
    return report_from_json(j, path, r, symbolize, err, errcap);
}

int lk_report_parse(const char *text, size_t len, const char *name, lk_report_t *r, bool symbolize,
                    char *err, size_t errcap)
{
    memset(r, 0, sizeof *r);
    json_error_t je;
    json_t *j = json_loadb(text, len, 0, &je);
    if (!j) {
        snprintf(err, errcap, "%s:%d: %s", name, je.line > 0 ? je.line : 1, je.text);
        return -1;
    }
    return report_from_json(j, name, r, symbolize, err, errcap);
}

// Fills *r from a parsed report; consumes j.
static int report_from_json(json_t *j, const char *path, lk_report_t *r, bool symbolize, char *err,
                            size_t errcap)
{
    json_t *blocks = json_object_get(j, "blocks"), *sites = json_object_get(j, "sites");
    json_t *samples = json_object_get(j, "samples"), *mods = json_object_get(j, "modules");
    if (!json_is_array(blocks) || !json_is_array(sites) || !json_is_array(samples) ||
        !json_is_array(mods)) {
        set_err(err, errcap, path, "not a tracker report (blocks, sites, samples, modules)");
        json_decref(j);
        return -1;
    }
    r->pid = (long)json_integer_value(json_object_get(j, "pid"));
    r->program = strdup(json_string_value(json_object_get(j, "program")) ?: "?");
    r->end = strdup(json_string_value(json_object_get(j, "end")) ?: "?");
    r->signal = (int)json_integer_value(json_object_get(j, "signal"));
    json_t *c = json_object_get(j, "counters");
    r->allocs = (size_t)json_integer_value(json_object_get(c, "allocs"));
    r->frees = (size_t)json_integer_value(json_object_get(c, "frees"));
    r->bytes_allocated = (size_t)json_integer_value(json_object_get(c, "bytes_allocated"));
    r->nblocks = json_array_size(blocks);
    r->blocks = calloc(r->nblocks + 1, sizeof *r->blocks);
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b)
    {
        r->blocks[i] = (lk_block_t){ (uintptr_t)json_integer_value(json_array_get(b, 0)),
                                     (size_t)json_integer_value(json_array_get(b, 1)),
                                     (uint32_t)json_integer_value(json_array_get(b, 2)),
                                     (uint8_t)json_integer_value(json_array_get(b, 3)) };
        if (r->blocks[i].kind >= LK_NKINDS)
            r->blocks[i].kind = LK_DEFINITE;
    }
    // Sites: every frame of every site symbolized in one libdw session.
    r->nsites = json_array_size(sites);
    r->sites = calloc(r->nsites + 1, sizeof *r->sites);
    size_t npcs = 0;
    json_t *s;
    json_array_foreach(sites, i, s) npcs += json_array_size(s);
    unsigned long *pcs = calloc(npcs + 1, sizeof *pcs);
    char **texts = calloc(npcs + 1, sizeof *texts);
    size_t k = 0;
    json_array_foreach(sites, i, s)
    {
        size_t f;
        json_t *pc;
        json_array_foreach(s, f, pc) pcs[k++] = (unsigned long)json_integer_value(pc);
    }
    if (symbolize)
        lk_symbolize(mods, pcs, npcs, texts);
    else
        for (size_t i = 0; i < npcs; i++)
            if (asprintf(&texts[i], "0x%lx", pcs[i]) < 0)
                texts[i] = NULL;
    k = 0;
    r->sites[0].key = strdup("(unknown site)");
    json_array_foreach(sites, i, s)
    {
        lk_site_info_t *si = &r->sites[i + 1];
        si->depth = (int)json_array_size(s);
        si->frames = calloc((size_t)si->depth + 1, sizeof *si->frames);
        size_t len = 1;
        for (int f = 0; f < si->depth; f++, k++) {
            si->frames[f] = (lk_frame_t){ pcs[k], texts[k] ? texts[k] : strdup("?") };
            len += strlen(si->frames[f].text) + 3;
        }
        si->key = calloc(len, 1);
        for (int f = 0; f < si->depth; f++) {
            if (f)
                strcat(si->key, " < ");
            strcat(si->key, si->frames[f].text);
        }
        if (si->depth == 0) {
            free(si->key);
            si->key = strdup("(no frames)");
        }
    }
    free(pcs);
    free(texts);
    r->nsamples = json_array_size(samples);
    r->sample_ms = calloc(r->nsamples + 1, sizeof *r->sample_ms);
    r->sample_live = calloc(r->nsamples + 1, sizeof *r->sample_live);
    json_array_foreach(samples, i, s)
    {
        r->sample_ms[i] = json_number_value(json_array_get(s, 0));
        r->sample_live[i] = (size_t)json_integer_value(json_array_get(s, 1));
    }
    json_t *roots = json_object_get(j, "roots");
    r->nroots = json_array_size(roots);
    json_array_foreach(roots, i, s) r->own_roots += json_is_true(json_object_get(s, "own"));
    json_decref(j);
    return 0;
}

void lk_report_free(lk_report_t *r)
{
    for (size_t i = 0; r->sites && i <= r->nsites; i++) {
        for (int f = 0; f < r->sites[i].depth; f++)
            free(r->sites[i].frames[f].text);
        free(r->sites[i].frames);
        free(r->sites[i].key);
    }
    free(r->sites);
    free(r->blocks);
    free(r->sample_ms);
    free(r->sample_live);
    free(r->program);
    free(r->end);
    memset(r, 0, sizeof *r);
}

// "1,600" into buf.
static const char *commas(char *buf, size_t cap, size_t v)
{
    char raw[32];
    int n = snprintf(raw, sizeof raw, "%zu", v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    buf[o] = 0;
    return buf;
}

const char *lk_fmt_count(char *buf, size_t cap, lk_count_t c)
{
    char b1[32], b2[32];
    snprintf(buf, cap, "%s bytes in %s blocks", commas(b1, sizeof b1, c.bytes),
             commas(b2, sizeof b2, c.blocks));
    return buf;
}

void lk_print_summary(FILE *f, const char *prefix, const lk_count_t sum[LK_NKINDS])
{
    size_t live = 0;
    for (int k = 0; k < LK_NKINDS; k++)
        live += sum[k].blocks;
    if (live == 0) {
        fprintf(f, "%sAll heap blocks were freed -- no leaks are possible\n", prefix);
        return;
    }
    char b[96];
    lk_count_t none = { 0, 0 };
    fprintf(f, "%sLEAK SUMMARY:\n", prefix);
    fprintf(f, "%s   definitely lost: %s\n", prefix, lk_fmt_count(b, sizeof b, sum[LK_DEFINITE]));
    fprintf(f, "%s   indirectly lost: %s\n", prefix, lk_fmt_count(b, sizeof b, sum[LK_INDIRECT]));
    fprintf(f, "%s     possibly lost: %s\n", prefix, lk_fmt_count(b, sizeof b, sum[LK_POSSIBLE]));
    fprintf(f, "%s   still reachable: %s\n", prefix, lk_fmt_count(b, sizeof b, sum[LK_REACHABLE]));
    fprintf(f, "%s        suppressed: %s\n", prefix, lk_fmt_count(b, sizeof b, none));
}

static const char *record_title[LK_NKINDS] = {
    [LK_DEFINITE] = "Direct leak",
    [LK_INDIRECT] = "Indirect leak",
    [LK_POSSIBLE] = "Possible leak",
    [LK_REACHABLE] = "Still reachable",
};

void lk_print_records(FILE *f, const lk_report_t *r, bool reachable)
{
    size_t n = lk_group(r->blocks, r->nblocks, NULL, 0);
    lk_record_t *rec = calloc(n + 1, sizeof *rec);
    n = lk_group(r->blocks, r->nblocks, rec, n);
    size_t leaked = 0, leaked_blocks = 0;
    for (size_t i = 0; i < n; i++) {
        if (rec[i].kind >= LK_NKINDS || (rec[i].kind == LK_REACHABLE && !reachable))
            continue;
        if (rec[i].kind == LK_DEFINITE || rec[i].kind == LK_INDIRECT)
            leaked += rec[i].bytes, leaked_blocks += rec[i].blocks;
        fprintf(f, "%s of %zu byte(s) in %zu object(s) allocated from:\n",
                record_title[rec[i].kind], rec[i].bytes, rec[i].blocks);
        const lk_site_info_t *s = rec[i].site <= r->nsites ? &r->sites[rec[i].site] : &r->sites[0];
        if (s->depth == 0)
            fprintf(f, "    #0 (no frames: %s)\n", s->key);
        for (int k = 0; k < s->depth; k++)
            fprintf(f, "    #%d 0x%lx in %s\n", k, s->frames[k].pc, s->frames[k].text);
        fprintf(f, "\n");
    }
    if (leaked)
        fprintf(f, "SUMMARY: leak-detection: %zu byte(s) leaked in %zu allocation(s).\n", leaked,
                leaked_blocks);
    free(rec);
}

static int by_bytes(const void *x, const void *y)
{
    const lk_prof_t *a = x, *b = y;
    if (a->bytes != b->bytes)
        return a->bytes > b->bytes ? -1 : 1;
    return strcmp(a->key, b->key);
}

size_t lk_profile(const lk_report_t *r, lk_prof_t **out)
{
    lk_prof_t *p = calloc(r->nsites + 1, sizeof *p);
    for (size_t i = 0; i <= r->nsites; i++)
        p[i].key = r->sites[i].key;
    for (size_t i = 0; i < r->nblocks; i++) {
        uint32_t s = r->blocks[i].site <= r->nsites ? r->blocks[i].site : 0;
        p[s].bytes += (long long)r->blocks[i].size;
        p[s].objects++;
    }
    size_t n = 0;
    for (size_t i = 0; i <= r->nsites; i++)
        if (p[i].objects)
            p[n++] = p[i];
    qsort(p, n, sizeof *p, by_bytes);
    *out = p;
    return n;
}

// ---- saved profiles (--save-profile, --diff) -----------------------------------------

static long profile_from_json(json_t *j, const char *name, lk_prof_t **out, json_t **keep,
                              char *err, size_t errcap)
{
    json_t *a = json_object_get(j, "profile");
    if (!json_is_array(a)) {
        snprintf(err, errcap, "%s:1: not a saved profile (no \"profile\" array)", name);
        json_decref(j);
        return -1;
    }
    lk_prof_t *p = calloc(json_array_size(a) + 1, sizeof *p);
    size_t i;
    json_t *e;
    json_array_foreach(a, i, e)
    {
        const char *k = json_string_value(json_object_get(e, "site"));
        json_t *b = json_object_get(e, "bytes"), *o = json_object_get(e, "objects");
        if (!k || !json_is_integer(b) || !json_is_integer(o)) {
            snprintf(err, errcap, "%s:1: profile entry %zu needs a site, bytes and objects", name,
                     i);
            free(p);
            json_decref(j);
            return -1;
        }
        p[i] = (lk_prof_t){ k, json_integer_value(b), json_integer_value(o) };
    }
    *out = p;
    *keep = j;
    return (long)json_array_size(a);
}

long lk_profile_parse(const char *text, size_t len, const char *name, lk_prof_t **out,
                      json_t **keep, char *err, size_t errcap)
{
    json_error_t je;
    json_t *j = json_loadb(text, len, 0, &je);
    if (!j) {
        snprintf(err, errcap, "%s:%d: %s", name, je.line > 0 ? je.line : 1, je.text);
        return -1;
    }
    return profile_from_json(j, name, out, keep, err, errcap);
}

long lk_profile_load(const char *path, lk_prof_t **out, json_t **keep, char *err, size_t errcap)
{
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j) {
        snprintf(err, errcap, "%s:%d: %s", path, je.line > 0 ? je.line : 1, je.text);
        return -1;
    }
    return profile_from_json(j, path, out, keep, err, errcap);
}
