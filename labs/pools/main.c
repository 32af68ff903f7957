// main.c — the pools lab's program: runs workloads (object churn,
// request/response buffers, tree building, producer/consumer) through each
// pool of pools.c and through malloc/free, and prints the time per
// operation, the peak memory and the memory still held after the workload
// (support/workloads.h defines each figure). --json for the same as JSON.
//
// Exit status: 0 when every run worked, 1 when a pool failed its work (it
// returned NULL, or the data read back differs from malloc's run), 2 on bad
// usage.
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pools.h"
#include "support/workloads.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: pools [options]\n"
               "Runs workloads through the lab's pools and through malloc/free: time per\n"
               "operation, peak memory, and memory still held after the workload.\n"
               "\n"
               "  -w, --workload LIST  churn,batch,buffers,tree,prodcons or all (default all)\n"
               "  -p, --pool LIST      malloc,fixpool,arena,bufpool,bpool,spool or all\n"
               "                       (default all; pairs that make no sense are skipped)\n"
               "  -n, --ops N          operations per thread (default 200000)\n"
               "  -s, --size N         churn and prodcons object size, 8..65536 (default 64)\n"
               "  -l, --live N         churn, batch: objects held at once; buffers: requests\n"
               "                       in flight (default 1)\n"
               "      --min-size N     buffers: smallest buffer (default 16)\n"
               "      --max-size N     buffers: largest buffer, at most 65536 (default 65536)\n"
               "      --nodes N        tree: nodes per request (default 1000)\n"
               "  -t, --threads N      churn, batch: threads, 1..32 (default 1)\n"
               "      --seed N         random seed (default 1)\n"
               "      --debug          fixpools poison put objects and check them on get\n"
               "      --json           print the results as JSON\n"
               "  -h, --help           this help\n"
               "\n"
               "Time: CPU ns of the measuring thread per operation (prodcons: wall clock).\n"
               "Memory: peak = the most a pool held from its page heap and from the\n"
               "objects its new callback made; held = what it still holds after every\n"
               "object was given back. For malloc, peak is the live bytes requested.\n"
               "The handout is labs/pools/README.md.\n");
}

// parse_size — a number in [lo, hi] for option `opt`; exits 2 otherwise.
static size_t parse_size(const char *opt, const char *s, size_t lo, size_t hi)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi) {
        fprintf(stderr, "pools: %s wants a number from %zu to %zu, not '%s'\n", opt, lo, hi, s);
        exit(2);
    }
    return (size_t)v;
}

// parse_list — the names in a comma-separated LIST (or "all") as a bit set.
static unsigned parse_list(const char *opt, const char *list, int (*parse)(const char *), int n)
{
    if (strcmp(list, "all") == 0)
        return (1u << n) - 1;
    unsigned set = 0;
    char *copy = strdup(list), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int i = parse(tok);
        if (i < 0) {
            fprintf(stderr, "pools: %s: unknown name '%s' (see --help)\n", opt, tok);
            free(copy);
            exit(2);
        }
        set |= 1u << i;
    }
    free(copy);
    if (!set) {
        fprintf(stderr, "pools: %s wants at least one name\n", opt);
        exit(2);
    }
    return set;
}

static const char *bytes(size_t b, char *buf, size_t len)
{
    if (b >= (10u << 20))
        snprintf(buf, len, "%.1f MiB", (double)b / (1 << 20));
    else if (b >= (10u << 10))
        snprintf(buf, len, "%.1f KiB", (double)b / (1 << 10));
    else
        snprintf(buf, len, "%zu B", b);
    return buf;
}

int main(int argc, char **argv)
{
    pw_config_t cfg = pw_default_config();
    unsigned works = (1u << PW_NWORKS) - 1, pools = (1u << PW_NPOOLS) - 1;
    bool json = false;
    enum { O_MIN = 256, O_MAX, O_NODES, O_SEED, O_DEBUG, O_JSON };
    static const struct option longopts[] = {
        { "workload", required_argument, NULL, 'w' },
        { "pool", required_argument, NULL, 'p' },
        { "ops", required_argument, NULL, 'n' },
        { "size", required_argument, NULL, 's' },
        { "live", required_argument, NULL, 'l' },
        { "min-size", required_argument, NULL, O_MIN },
        { "max-size", required_argument, NULL, O_MAX },
        { "nodes", required_argument, NULL, O_NODES },
        { "threads", required_argument, NULL, 't' },
        { "seed", required_argument, NULL, O_SEED },
        { "debug", no_argument, NULL, O_DEBUG },
        { "json", no_argument, NULL, O_JSON },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "w:p:n:s:l:t:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'w': works = parse_list("--workload", optarg, pw_work_parse, PW_NWORKS); break;
        case 'p': pools = parse_list("--pool", optarg, pw_pool_parse, PW_NPOOLS); break;
        case 'n': cfg.ops = parse_size("--ops", optarg, 1, 1u << 30); break;
        case 's': cfg.size = parse_size("--size", optarg, 8, BUFPOOL_MAX); break;
        case 'l': cfg.live = parse_size("--live", optarg, 1, 1u << 16); break;
        case O_MIN: cfg.min_size = parse_size("--min-size", optarg, 8, BUFPOOL_MAX); break;
        case O_MAX: cfg.max_size = parse_size("--max-size", optarg, 8, BUFPOOL_MAX); break;
        case O_NODES: cfg.tree_nodes = parse_size("--nodes", optarg, 1, 1u << 20); break;
        case 't': cfg.threads = (int)parse_size("--threads", optarg, 1, 32); break;
        case O_SEED: cfg.seed = parse_size("--seed", optarg, 0, SIZE_MAX); break;
        case O_DEBUG: cfg.debug = true; break;
        case O_JSON: json = true; break;
        case 'h': usage(stdout); return 0;
        default: fprintf(stderr, "pools: see --help\n"); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "pools: unexpected argument '%s' (see --help)\n", argv[optind]);
        return 2;
    }
    if (cfg.min_size > cfg.max_size) {
        fprintf(stderr, "pools: --min-size %zu is larger than --max-size %zu\n", cfg.min_size,
                cfg.max_size);
        return 2;
    }

    json_t *runs = json_array();
    int failures = 0;
    if (!json)
        printf("%-9s %-8s %7s %10s %9s %9s %11s %11s\n", "workload", "pool", "threads", "ops (n)",
               "ns/op", "vs malloc", "peak", "held after");
    for (int w = 0; w < PW_NWORKS; w++) {
        if (!(works >> w & 1))
            continue;
        // malloc runs first: its time is the yardstick, its checksum the truth.
        pw_result_t base;
        bool have_base = pw_run(w, PW_MALLOC, &cfg, &base) == 0;
        for (int p = 0; p < PW_NPOOLS; p++) {
            if (!(pools >> p & 1) || !pw_supported(w, p))
                continue;
            pw_result_t r = base;
            if (p != PW_MALLOC && pw_run(w, p, &cfg, &r) == 0 && have_base &&
                r.checksum != base.checksum) {
                r.ok = false;
                snprintf(r.why, sizeof r.why,
                         "the data read back (checksum %llu) differs from malloc's run (%llu)",
                         (unsigned long long)r.checksum, (unsigned long long)base.checksum);
            }
            int threads = w == PW_CHURN || w == PW_BATCH ? cfg.threads : w == PW_PRODCONS ? 2 : 1;
            double vs = r.ok && have_base && r.ns_per_op > 0 ? base.ns_per_op / r.ns_per_op : 0;
            if (!r.ok) {
                failures++;
                fprintf(stderr, "pools: %s through %s failed: %s\n", pw_work_name(w),
                        pw_pool_name(p), r.why);
            }
            json_array_append_new(
                runs, json_pack("{s:s, s:s, s:i, s:I, s:f, s:f, s:I, s:I, s:b, s:s?}", "workload",
                                pw_work_name(w), "pool", pw_pool_name(p), "threads", threads, "ops",
                                (json_int_t)r.ops, "ns_per_op", r.ns_per_op, "vs_malloc", vs,
                                "peak_bytes", (json_int_t)r.peak, "held_bytes", (json_int_t)r.held,
                                "ok", r.ok, "error", r.ok ? NULL : r.why));
            if (json)
                continue;
            char pb[32], hb[32];
            if (r.ok)
                printf("%-9s %-8s %7d %10zu %9.2f %8.2fx %11s %11s\n", pw_work_name(w),
                       pw_pool_name(p), threads, r.ops, r.ns_per_op, vs,
                       bytes(r.peak, pb, sizeof pb), bytes(r.held, hb, sizeof hb));
            else
                printf("%-9s %-8s %7d  FAILED (see above)\n", pw_work_name(w), pw_pool_name(p),
                       threads);
        }
    }
    if (json) {
        json_t *root =
            json_pack("{s:{s:I, s:I, s:I, s:I, s:I, s:I, s:i, s:I, s:b}, s:o}", "config", "ops",
                      (json_int_t)cfg.ops, "size", (json_int_t)cfg.size, "live",
                      (json_int_t)cfg.live, "min_size", (json_int_t)cfg.min_size, "max_size",
                      (json_int_t)cfg.max_size, "nodes", (json_int_t)cfg.tree_nodes, "threads",
                      cfg.threads, "seed", (json_int_t)cfg.seed, "debug", cfg.debug, "runs", runs);
        json_dumpf(root, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(root);
    } else {
        json_decref(runs);
    }
    return failures ? 1 : 0;
}
