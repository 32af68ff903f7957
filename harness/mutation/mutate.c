// mutate.c — the mutation generator: classic mistakes applied one at a time
// to a lab's reference student file(s), to measure how many of them the
// lab's suite catches (`make test-mutation`, tests/mutation.mk).
//
// Steps: every FILE is read and tokenized (lex.c); the operators (ops.c)
// list the mutants of the function bodies, numbered m0001, m0002, ... in
// file and source order (the same files always give the same ids); a
// seeded sample may keep N of them; then one action:
//   --list           one line per mutant: id, operator, file:line, the
//                    line before and after (tab-separated)
//   --apply ID       the mutated file, whole, to stdout (or -o FILE)
//   --out-dir DIR    DIR/<id>/ per mutant, holding every FILE by its
//                    basename (the mutated one and the others unchanged):
//                    one submission per mutant, for `grader class`
//   --report         joins the class grader's CSV with the equivalent
//                    mutants the lab lists and writes the survivors' table
//                    and the lab's line of the summary (report.c)
// A mutant file opens with a one-line comment naming its id, operator, line
// and change, so a survivor can be read on its own.
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "memlab/outfile.h"
#include "memlab/rng.h"
#include "mutate.h"

static void usage(FILE *out)
{
    fputs("usage: mutate [options] FILE...\n"
          "\n"
          "Lists the mutants of C student files (classic mistakes in function bodies,\n"
          "one per mutant) and writes them out. Ids (m0001, ...) follow the files'\n"
          "order and their source order, so the same files give the same ids.\n"
          "\n"
          "Actions (default --list):\n"
          "  --list             one line per mutant: id, operator, file:line, the line\n"
          "                     before and after the change (tab-separated)\n"
          "  --apply ID         the whole mutated file to stdout (or -o FILE)\n"
          "  --out-dir DIR      DIR/<id>/<file> for every mutant: one submission each\n"
          "  --report           the survivors' table of a graded class of mutants\n"
          "                     (needs --gradebook, --lab, --md and --row)\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE  where --apply writes (default stdout)\n"
          "  --sample N         keep N mutants, chosen by --seed (default: all)\n"
          "  --seed S           the sample's seed (default 1)\n"
          "  --only OPS         only these operators (comma-separated; ids do not change)\n"
          "  --gradebook CSV    --report: `grader class` output, one row per mutant id\n"
          "  --lab LAB          --report: the lab's name\n"
          "  --equivalent FILE  --report: the lab's equivalent mutants (EQUIVALENT.md)\n"
          "  --md FILE          --report: the table of survivors to write\n"
          "  --row FILE         --report: the lab's line of the summary table to write\n"
          "  -h, --help         this help\n"
          "\n"
          "Operators:\n",
          out);
    for (int i = 0; mt_operators[i][0]; i++)
        fprintf(out, "  %-13s %s\n", mt_operators[i][0], mt_operators[i][1]);
    fputs("\nExit status: 0 done, 1 bad input (FILE:LINE: what is wrong), 2 bad usage.\n", out);
}

enum {
    OPT_LIST = 256,
    OPT_APPLY,
    OPT_OUT_DIR,
    OPT_REPORT,
    OPT_SAMPLE,
    OPT_SEED,
    OPT_GRADEBOOK,
    OPT_ONLY,
    OPT_LAB,
    OPT_EQUIV,
    OPT_MD,
    OPT_ROW
};

static bool parse_count(const char *s, unsigned long long *v)
{
    char *end;
    errno = 0;
    if (!s[0] || s[0] == '-')
        return false;
    *v = strtoull(s, &end, 10);
    return !*end && errno == 0;
}

// Writes every mutant of `keep` as dir/<id>/<file>. Returns 0 or 1.
static int write_all(const char *dir, const mt_file_t *files, size_t nfiles, const mt_list_t *all,
                     const size_t *keep, size_t nkeep)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "mutate: cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    for (size_t i = 0; i < nkeep; i++) {
        const mt_mutant_t *m = &all->m[keep[i]];
        char sub[ML_OUTFILE_PATH_MAX];
        snprintf(sub, sizeof sub, "%s/%s", dir, m->id);
        if (mkdir(sub, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "mutate: cannot create %s: %s\n", sub, strerror(errno));
            return 1;
        }
        for (size_t fi = 0; fi < nfiles; fi++) {
            ml_outfile_t o;
            FILE *f = ml_outfile_open_in(&o, sub, files[fi].name);
            if (!f)
                return ml_outfile_fail(&o, "mutate") < 0;
            if (mt_render(f, files, fi, m) != 0 || ml_outfile_commit(&o) != 0) {
                ml_outfile_abort(&o);
                fprintf(stderr, "mutate: cannot write %s/%s\n", sub, files[fi].name);
                return 1;
            }
        }
    }
    return 0;
}

// Whether `name` is one of the comma-separated words of `list`.
static bool in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        size_t w = strcspn(p, ",");
        if (w == n && !strncmp(p, name, n))
            return true;
        p += w + (p[w] == ',');
    }
    return false;
}

// Whether every word of the comma-separated `list` names an operator.
static bool known_ops(const char *list)
{
    if (!*list)
        return false;
    for (const char *p = list; *p;) {
        size_t w = strcspn(p, ",");
        bool ok = false;
        for (int i = 0; mt_operators[i][0] && !ok; i++)
            ok = strlen(mt_operators[i][0]) == w && !strncmp(p, mt_operators[i][0], w);
        if (!ok)
            return false;
        p += w + (p[w] == ',');
    }
    return true;
}

static int compare_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "list", no_argument, NULL, OPT_LIST },
        { "apply", required_argument, NULL, OPT_APPLY },
        { "out-dir", required_argument, NULL, OPT_OUT_DIR },
        { "report", no_argument, NULL, OPT_REPORT },
        { "output", required_argument, NULL, 'o' },
        { "sample", required_argument, NULL, OPT_SAMPLE },
        { "seed", required_argument, NULL, OPT_SEED },
        { "gradebook", required_argument, NULL, OPT_GRADEBOOK },
        { "only", required_argument, NULL, OPT_ONLY },
        { "lab", required_argument, NULL, OPT_LAB },
        { "equivalent", required_argument, NULL, OPT_EQUIV },
        { "md", required_argument, NULL, OPT_MD },
        { "row", required_argument, NULL, OPT_ROW },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int action = OPT_LIST, nactions = 0, c;
    const char *apply_id = NULL, *out_dir = NULL, *output = NULL, *only = NULL;
    unsigned long long sample = 0, seed = 1;
    bool sampled = false;
    mt_report_opts_t ro = { 0 };
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_LIST:
        case OPT_REPORT:
            action = c;
            nactions++;
            break;
        case OPT_APPLY:
            action = c;
            nactions++;
            apply_id = optarg;
            break;
        case OPT_OUT_DIR:
            action = c;
            nactions++;
            out_dir = optarg;
            break;
        case 'o': output = optarg; break;
        case OPT_SAMPLE:
            if (!parse_count(optarg, &sample) || sample == 0) {
                fprintf(stderr, "mutate: --sample wants a count above 0, not '%s'\n", optarg);
                return 2;
            }
            sampled = true;
            break;
        case OPT_SEED:
            if (!parse_count(optarg, &seed)) {
                fprintf(stderr, "mutate: --seed wants a number, not '%s'\n", optarg);
                return 2;
            }
            break;
        case OPT_GRADEBOOK: ro.gradebook = optarg; break;
        case OPT_ONLY:
            if (!known_ops(optarg)) {
                fprintf(stderr, "mutate: --only: '%s' names an unknown operator (see --help)\n",
                        optarg);
                return 2;
            }
            only = optarg;
            break;
        case OPT_LAB: ro.lab = optarg; break;
        case OPT_EQUIV: ro.equivalent = optarg; break;
        case OPT_MD: ro.out_md = optarg; break;
        case OPT_ROW: ro.out_row = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (nactions > 1) {
        fputs("mutate: choose one of --list, --apply, --out-dir and --report\n", stderr);
        return 2;
    }
    if (optind == argc) {
        fputs("mutate: name at least one C file (see --help)\n", stderr);
        return 2;
    }
    if (action == OPT_REPORT && (!ro.gradebook || !ro.lab || !ro.out_md || !ro.out_row)) {
        fputs("mutate: --report needs --gradebook, --lab, --md and --row\n", stderr);
        return 2;
    }
    if (output && action != OPT_APPLY) {
        fputs("mutate: -o goes with --apply\n", stderr);
        return 2;
    }

    size_t nfiles = (size_t)(argc - optind);
    mt_file_t *files = calloc(nfiles, sizeof *files);
    mt_list_t all = { 0 };
    int rc = 0;
    for (size_t i = 0; i < nfiles && rc == 0; i++) {
        for (size_t j = 0; j < i; j++)
            if (!strcmp(argv[optind + i], argv[optind + j]) ||
                !strcmp(files[j].name, strrchr(argv[optind + i], '/')
                                           ? strrchr(argv[optind + i], '/') + 1
                                           : argv[optind + i])) {
                fprintf(stderr, "mutate: %s is named twice\n", argv[optind + i]);
                rc = 2;
            }
        if (rc == 0 && (mt_file_load(&files[i], argv[optind + i]) != 0 || mt_lex(&files[i]) != 0 ||
                        mt_generate(files, i, &all) != 0))
            rc = 1;
    }

    // The candidates (--only), then the sample: N of them chosen by a
    // seeded shuffle, in id order.
    size_t *keep = malloc((all.n ? all.n : 1) * sizeof *keep), nkeep = 0;
    for (size_t i = 0; i < all.n; i++)
        if (!only || in_list(only, all.m[i].op))
            keep[nkeep++] = i;
    size_t ncand = nkeep;
    if (rc == 0 && sampled && sample < nkeep) {
        ml_rng_t r;
        ml_rng_seed(&r, seed);
        ml_rng_shuffle(&r, keep, nkeep, sizeof *keep);
        nkeep = (size_t)sample;
        qsort(keep, nkeep, sizeof *keep, compare_size);
    }

    if (rc != 0) {
    } else if (action == OPT_LIST) {
        for (size_t i = 0; i < nkeep; i++) {
            const mt_mutant_t *m = &all.m[keep[i]];
            printf("%s\t%s\t%s:%u\t%s\t%s\n", m->id, m->op, files[m->file].path, m->line, m->before,
                   m->after);
        }
    } else if (action == OPT_APPLY) {
        const mt_mutant_t *m = NULL;
        for (size_t i = 0; i < all.n && !m; i++)
            if (!strcmp(all.m[i].id, apply_id))
                m = &all.m[i];
        if (!m) {
            if (all.n)
                fprintf(stderr, "mutate: no mutant '%s' (the ids run from %s to %s)\n", apply_id,
                        all.m[0].id, all.m[all.n - 1].id);
            else
                fprintf(stderr, "mutate: no mutant '%s' (these files give none)\n", apply_id);
            rc = 1;
        } else if (output) {
            ml_outfile_t o;
            FILE *f = ml_outfile_open(&o, output);
            if (!f)
                rc = ml_outfile_fail(&o, "mutate") < 0;
            else if (mt_render(f, files, m->file, m) != 0 || ml_outfile_commit(&o) != 0) {
                ml_outfile_abort(&o);
                fprintf(stderr, "mutate: cannot write %s\n", output);
                rc = 1;
            }
        } else if (mt_render(stdout, files, m->file, m) != 0)
            rc = 1;
    } else if (action == OPT_OUT_DIR) {
        rc = write_all(out_dir, files, nfiles, &all, keep, nkeep);
    } else {
        ro.generated = all.n;
        ro.candidates = ncand;
        ro.only = only;
        ro.sampled = nkeep;
        ro.seed = seed;
        rc = mt_report(&ro, files, &all, keep, nkeep);
    }

    for (size_t i = 0; i < all.n; i++) {
        free(all.m[i].repl);
        free(all.m[i].before);
        free(all.m[i].after);
    }
    free(all.m);
    free(keep);
    for (size_t i = 0; i < nfiles; i++)
        mt_file_free(&files[i]);
    free(files);
    if (fflush(stdout) != 0 && rc == 0)
        rc = 1;
    return rc;
}
