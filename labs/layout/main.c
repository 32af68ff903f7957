// main.c — the layout lab's program, build/<impl>/bin/layout: shows where this
// very process keeps its bytes, using the student's functions (layout.c) for
// every answer: the map (layout_read_maps), the kind of each region and of
// one example object of each kind (layout_classify), the program's size
// (layout_elf_size) and malloc's mmap threshold (layout_find_mmap_threshold).
// It also compares two runs (ASLR), draws the address space, records the map
// for later, and classifies addresses in a recorded maps file.
#include "support/program.h"
#include "memlab/outfile.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <unistd.h>

#define DEFAULT_PIN ((size_t)128 << 10) // glibc's default M_MMAP_THRESHOLD
#define PROBE_HI ((size_t)32 << 20)     // glibc's largest dynamic threshold

static const char usage_text[] =
    "usage: layout [options]\n"
    "       layout --maps FILE [--facts FILE] [--json] [ADDR...]\n"
    "       layout --maps FILE [--facts FILE] --expect FILE [--json]\n"
    "\n"
    "Show where this process keeps its bytes: its memory map (/proc/self/maps)\n"
    "with one example object of each kind placed in it (a function, a string\n"
    "literal, globals, locals, malloc'd blocks, a thread's stack, thread-local\n"
    "variables, a library, the vdso), the program's text/data/bss sizes, and the\n"
    "request size at which malloc switches from the brk heap to mmap. Every\n"
    "answer comes from your code in layout.c.\n"
    "\n"
    "options:\n"
    "  --json            print everything as one JSON object\n"
    "  --compare         run the program twice and show what ASLR moved\n"
    "  --no-aslr         with --compare: run both with randomization disabled\n"
    "                    (personality ADDR_NO_RANDOMIZE, like `setarch -R`)\n"
    "  --dot FILE        draw the address space as a Graphviz DOT file\n"
    "  --svg FILE        draw it as SVG (runs Graphviz's dot)\n"
    "  --record PREFIX   save PREFIX.maps, PREFIX.facts and PREFIX.expect (the\n"
    "                    objects and their kinds) to study or test later\n"
    "  --pin BYTES       the M_MMAP_THRESHOLD to pin for the malloc experiment\n"
    "                    (default 131072)\n"
    "  --no-threshold    skip the malloc experiment\n"
    "  --maps FILE       read a recorded maps file instead of this process's and\n"
    "                    classify each region and each ADDR (hexadecimal) given\n"
    "  --facts FILE      with --maps: the program facts recorded with it\n"
    "  --expect FILE     with --maps: check your classification against FILE, one\n"
    "                    line per address: ADDR KIND [OBJECT] ('#' starts a\n"
    "                    comment; see labs/layout/data/*.expect); prints every\n"
    "                    address with the expected kind and yours\n"
    "  -h, --help        this text\n"
    "\n"
    "exit status: 0 success (with --expect: the comparison was made, whatever it\n"
    "found), 1 bad input (unreadable or malformed file, a run that failed), 2 bad\n"
    "usage.\n";

typedef struct options {
    bool json, compare, no_aslr, no_threshold;
    const char *dot, *svg, *record, *maps, *facts, *expect;
    size_t pin;
} options_t;

// usage_error — the message and a pointer to --help on stderr; returns 2.
static int usage_error(const char *prog, const char *msg)
{
    fprintf(stderr, "%s: %s\n%s: try --help\n", prog, msg, prog);
    return 2;
}

// record — PREFIX.maps (the kernel's text, verbatim), PREFIX.facts and
// PREFIX.expect ("ADDR KIND ID" per object). Returns 0 or 1.
static int record(const char *prog, const char *prefix, const char *maps_text, size_t maps_len,
                  const layout_run_t *run)
{
    char path[4096];
    char *facts = NULL, *expect = NULL;
    size_t flen = 0, elen = 0;
    FILE *ff = open_memstream(&facts, &flen), *fe = open_memstream(&expect, &elen);
    if (ff == NULL || fe == NULL) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 1;
    }
    layout_facts_write(&run->facts, ff);
    fprintf(fe, "# address kind object: what each example object is\n");
    for (size_t i = 0; i < run->nobjects; i++)
        fprintf(fe, "0x%" PRIxPTR " %s %s\n", run->objects[i].addr,
                layout_kind_name(run->objects[i].expected), run->objects[i].id);
    fclose(ff);
    fclose(fe);
    const char *ext[3] = { "maps", "facts", "expect" };
    const char *text[3] = { maps_text, facts, expect };
    size_t len[3] = { maps_len, flen, elen };
    int rc = 0;
    for (int i = 0; i < 3 && rc == 0; i++) {
        snprintf(path, sizeof path, "%s.%s", prefix, ext[i]);
        // Through a temporary file renamed into place: never half a file.
        ml_outfile_t out;
        FILE *f = ml_outfile_open(&out, path);
        if (f)
            fwrite(text[i], 1, len[i], f); // a failed write makes the commit fail
        if (!f || ml_outfile_commit(&out) != 0) {
            ml_outfile_fail(&out, prog);
            rc = 1;
        } else {
            fprintf(stderr, "%s: wrote %s\n", prog, path);
        }
    }
    free(facts);
    free(expect);
    return rc;
}

// read_self_maps — /proc/self/maps into memory (the file must be read in one
// go, since it changes while the process allocates).
static char *read_self_maps(size_t *len)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char *text = NULL;
    size_t n = 0;
    FILE *m = f != NULL ? open_memstream(&text, &n) : NULL;
    if (m == NULL) {
        if (f != NULL)
            fclose(f);
        return NULL;
    }
    char buf[8192];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, got, m);
    fclose(f);
    fclose(m);
    *len = n;
    return text;
}

// live — look at this process. Returns the exit status.
static int live(const char *prog, const options_t *o)
{
    volatile int local = 0; // the example object on the main stack
    layout_run_t run;
    memset(&run, 0, sizeof run);
    layout_map_init(&run.map);
    layout_facts_init(&run.facts);
    run.aslr = layout_system_aslr();
    run.no_randomize = (personality(0xffffffff) & ADDR_NO_RANDOMIZE) != 0;
    run.pie = layout_exe_is_pie("/proc/self/exe");
    layout_specimens_t *spec = layout_specimens_start(&run.facts, (void *)&local);
    if (spec == NULL) {
        fprintf(stderr, "%s: cannot create the example objects (out of memory or threads)\n", prog);
        return 1;
    }
    run.objects = layout_specimens_list(spec, &run.nobjects);

    size_t maps_len = 0;
    char *maps_text = read_self_maps(&maps_len);
    FILE *mf = maps_text != NULL ? fmemopen(maps_text, maps_len ? maps_len : 1, "r") : NULL;
    if (mf == NULL) {
        snprintf(run.map_err, sizeof run.map_err, "/proc/self/maps: cannot read it");
    } else {
        run.map_ok =
            layout_read_maps(mf, "/proc/self/maps", &run.map, run.map_err, sizeof run.map_err) == 0;
        fclose(mf);
    }
    if (!run.map_ok && !o->json)
        fprintf(stderr, "%s: layout_read_maps failed: %s\n", prog, run.map_err);
    run.size_ok =
        layout_elf_size("/proc/self/exe", &run.size, run.size_err, sizeof run.size_err) == 0;

    int rc = 0;
    char err[512];
    if (o->record != NULL)
        rc |= record(prog, o->record, maps_text, maps_len, &run);
    if (o->dot != NULL && layout_write_picture(o->dot, false, &run, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", prog, err);
        rc = 1;
    }
    if (o->svg != NULL && layout_write_picture(o->svg, true, &run, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", prog, err);
        rc = 1;
    }
    // The experiment comes last: pinning the threshold changes malloc for
    // the rest of the process.
    if (!o->no_threshold) {
        run.threshold_run = true;
        run.pin = o->pin;
        run.threshold = layout_find_mmap_threshold(o->pin, 1, PROBE_HI, &run.facts);
    }
    if (o->json) {
        json_t *doc = layout_report_json(&run);
        json_dumpf(doc, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(doc);
    } else if (o->dot == NULL && o->svg == NULL && o->record == NULL) {
        layout_report_text(stdout, &run);
    }
    layout_specimens_stop(spec);
    layout_map_free(&run.map);
    free(maps_text);
    return rc;
}

// offline — classify the regions of a recorded maps file and the addresses
// given. Returns the exit status.
static int offline(const char *prog, const options_t *o, int naddr, char **addrs)
{
    layout_run_t run;
    memset(&run, 0, sizeof run);
    layout_map_init(&run.map);
    run.aslr = -1;
    char err[512];
    if (o->facts != NULL) {
        FILE *f = fopen(o->facts, "r");
        if (f == NULL) {
            fprintf(stderr, "%s: %s: %s\n", prog, o->facts, strerror(errno));
            return 1;
        }
        int bad = layout_facts_read(f, o->facts, &run.facts, err, sizeof err);
        fclose(f);
        if (bad) {
            fprintf(stderr, "%s: %s\n", prog, err);
            return 1;
        }
    }
    layout_expect_t expect = { 0 };
    if (o->expect != NULL) {
        FILE *f = fopen(o->expect, "r");
        if (f == NULL) {
            fprintf(stderr, "%s: %s: %s\n", prog, o->expect, strerror(errno));
            return 1;
        }
        int bad = layout_expect_read(f, o->expect, &expect, err, sizeof err);
        fclose(f);
        if (bad) {
            fprintf(stderr, "%s: %s\n", prog, err);
            return 1;
        }
    }
    uintptr_t *addr = calloc((size_t)naddr + 1, sizeof *addr);
    for (int i = 0; i < naddr; i++) {
        char *end;
        errno = 0;
        addr[i] = (uintptr_t)strtoull(addrs[i], &end, 16);
        if (end == addrs[i] || *end != '\0' || errno != 0) {
            fprintf(stderr, "%s: '%s' is not a hexadecimal address\n%s: try --help\n", prog,
                    addrs[i], prog);
            free(addr);
            layout_expect_free(&expect);
            return 2;
        }
    }
    FILE *f = fopen(o->maps, "r");
    if (f == NULL) {
        fprintf(stderr, "%s: %s: %s\n", prog, o->maps, strerror(errno));
        free(addr);
        layout_expect_free(&expect);
        return 1;
    }
    int bad = layout_read_maps(f, o->maps, &run.map, err, sizeof err);
    fclose(f);
    if (!bad && run.map.n == 0) {
        snprintf(err, sizeof err,
                 "%s:1: no regions (a maps file has one line per mapping, "
                 "as in /proc/PID/maps)",
                 o->maps);
        layout_map_free(&run.map);
        bad = 1;
    }
    if (bad) {
        fprintf(stderr, "%s: %s\n", prog, err);
        free(addr);
        layout_expect_free(&expect);
        return 1;
    }
    if (o->expect != NULL && !o->json) {
        layout_expect_check(stdout, o->expect, &expect, &run.map, &run.facts);
    } else if (o->json) {
        json_t *doc = layout_report_json(&run), *cls = json_array();
        for (int i = 0; i < naddr; i++) {
            char hex[24];
            snprintf(hex, sizeof hex, "0x%" PRIxPTR, addr[i]);
            json_array_append_new(
                cls, json_pack("{s:s, s:s}", "addr", hex, "kind",
                               layout_kind_name(layout_classify(&run.map, &run.facts, addr[i]))));
        }
        json_object_set_new(doc, "classified", cls);
        if (o->expect != NULL)
            json_object_set_new(doc, "expected", layout_expect_json(&expect, &run.map, &run.facts));
        json_object_del(doc, "pid");
        json_dumpf(doc, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(doc);
    } else if (naddr > 0) {
        for (int i = 0; i < naddr; i++)
            printf("0x%016" PRIxPTR " %s\n", addr[i],
                   layout_kind_name(layout_classify(&run.map, &run.facts, addr[i])));
    } else {
        char sz[32];
        for (size_t i = 0; i < run.map.n; i++) {
            const layout_region_t *r = &run.map.regions[i];
            printf("%016" PRIxPTR "-%016" PRIxPTR " %s %9s  %-12s %s%s\n", r->start, r->end,
                   r->perms, layout_human_size(r->end - r->start, sz, sizeof sz),
                   layout_kind_name(layout_classify(&run.map, &run.facts, r->start)), r->path,
                   r->deleted ? " (deleted)" : "");
        }
    }
    free(addr);
    layout_expect_free(&expect);
    layout_map_free(&run.map);
    return 0;
}

// main — parse the options, then look at this process (the default),
// compare two runs (--compare) or classify a recorded map (--maps).
int main(int argc, char **argv)
{
    const char *prog = "layout";
    enum {
        OPT_DOT = 256,
        OPT_SVG,
        OPT_RECORD,
        OPT_PIN,
        OPT_MAPS,
        OPT_FACTS,
        OPT_EXPECT,
        OPT_NOASLR,
        OPT_NOTHRESH,
        OPT_COMPARE,
        OPT_JSON
    };
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { "json", no_argument, NULL, OPT_JSON },
        { "compare", no_argument, NULL, OPT_COMPARE },
        { "no-aslr", no_argument, NULL, OPT_NOASLR },
        { "dot", required_argument, NULL, OPT_DOT },
        { "svg", required_argument, NULL, OPT_SVG },
        { "record", required_argument, NULL, OPT_RECORD },
        { "pin", required_argument, NULL, OPT_PIN },
        { "no-threshold", no_argument, NULL, OPT_NOTHRESH },
        { "maps", required_argument, NULL, OPT_MAPS },
        { "facts", required_argument, NULL, OPT_FACTS },
        { "expect", required_argument, NULL, OPT_EXPECT },
        { NULL, 0, NULL, 0 },
    };
    options_t o = { .pin = DEFAULT_PIN };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(usage_text, stdout); return 0;
        case OPT_JSON: o.json = true; break;
        case OPT_COMPARE: o.compare = true; break;
        case OPT_NOASLR: o.no_aslr = true; break;
        case OPT_NOTHRESH: o.no_threshold = true; break;
        case OPT_DOT: o.dot = optarg; break;
        case OPT_SVG: o.svg = optarg; break;
        case OPT_RECORD: o.record = optarg; break;
        case OPT_MAPS: o.maps = optarg; break;
        case OPT_FACTS: o.facts = optarg; break;
        case OPT_EXPECT: o.expect = optarg; break;
        case OPT_PIN: {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 0);
            if (end == optarg || *end != '\0' || errno != 0 || v == 0 || v > PROBE_HI)
                return usage_error(prog, "--pin takes a byte count from 1 to 33554432");
            o.pin = (size_t)v;
            break;
        }
        default: {
            char msg[128];
            snprintf(msg, sizeof msg, "unknown or incomplete option '%s'", argv[optind - 1]);
            return usage_error(prog, msg);
        }
        }
    }
    if (o.no_aslr && !o.compare)
        return usage_error(prog, "--no-aslr only goes with --compare");
    if (o.facts != NULL && o.maps == NULL)
        return usage_error(prog, "--facts only goes with --maps");
    if (o.expect != NULL && o.maps == NULL)
        return usage_error(prog, "--expect only goes with --maps");
    if (o.expect != NULL && optind < argc)
        return usage_error(prog,
                           "--expect takes its addresses from the file, not the command line");
    if (o.maps != NULL) {
        if (o.compare || o.dot || o.svg || o.record)
            return usage_error(
                prog, "--maps cannot be combined with --compare, --dot, --svg or --record");
        return offline(prog, &o, argc - optind, argv + optind);
    }
    if (optind < argc)
        return usage_error(prog, "addresses are only classified with --maps FILE");
    if (o.compare) {
        if (o.dot || o.svg || o.record)
            return usage_error(prog, "--compare cannot be combined with --dot, --svg or --record");
        return layout_compare(stdout, o.json, o.no_aslr, argv[0]);
    }
    return live(prog, &o);
}
