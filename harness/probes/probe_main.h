// probe_main.h — the command line every race probe shares
// (harness/probes/<lab>_race.c): `--scenario NAME` runs one scenario, no
// option runs them all in the probe's order, `--help` says so.
//
// A probe is one program built per submission with -fsanitize=thread; its
// scenarios are its own, but how they are chosen, named and reported is
// the same for every lab, so the graded tests (memlab/tsan_probe.h) and
// tests/cli/cases.txt can treat them alike. Included by one source file
// per probe (a static function: each probe links only its own copy).
//
// Exit status: 0 when every chosen scenario ran (ThreadSanitizer's own
// exitcode after a report), the first non-zero status of a scenario, or 2
// on bad usage.
#ifndef MEMLAB_PROBE_MAIN_H
#define MEMLAB_PROBE_MAIN_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *prog;              // the program's name, e.g. "pools-race"
    const char *about;             // what it runs, for --help (lines end in \n)
    const char *failure;           // what exit status 1 means
    size_t n;                      // scenarios 0..n-1 run in this order
    const char *(*name)(size_t i); // scenario i's name
    int (*run)(size_t i);          // runs scenario i: 0, or the status to exit with
} probe_t;

static void probe_usage(const probe_t *p, FILE *f)
{
    fprintf(f, "usage: %s [--scenario NAME]\n%s\n  -s, --scenario NAME  only this one of", p->prog,
            p->about);
    for (size_t i = 0; i < p->n; i++)
        fprintf(f, "%s%s%s", i ? "," : "", i % 4 ? " " : "\n                         ", p->name(i));
    fprintf(f,
            "\n                       (default: all, in this order)\n"
            "  -h, --help           this help\n\n"
            "Exit status: 0 ran (TSAN_OPTIONS' exitcode after a report),\n"
            "1 %s, 2 bad usage.\n",
            p->failure);
}

// probe_main — parses argv and runs the chosen scenarios; returns the exit status.
static int probe_main(const probe_t *p, int argc, char **argv)
{
    static const struct option opts[] = { { "scenario", required_argument, NULL, 's' },
                                          { "help", no_argument, NULL, 'h' },
                                          { NULL, 0, NULL, 0 } };
    const char *only = NULL;
    for (int c; (c = getopt_long(argc, argv, "s:h", opts, NULL)) != -1;) {
        switch (c) {
        case 's': only = optarg; break;
        case 'h': probe_usage(p, stdout); return 0;
        default: probe_usage(p, stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: unexpected argument '%s'\n", p->prog, argv[optind]);
        probe_usage(p, stderr);
        return 2;
    }
    bool found = false;
    for (size_t i = 0; i < p->n; i++) {
        if (only && strcmp(only, p->name(i)))
            continue;
        found = true;
        int rc = p->run(i);
        if (rc)
            return rc;
    }
    if (!found) {
        fprintf(stderr, "%s: no scenario '%s'; --help lists them\n", p->prog, only);
        return 2;
    }
    return 0;
}

#endif
