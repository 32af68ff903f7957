// leak-detection.c — the benchmark of the leak-detection lab: what the
// tracker (lib/libleak.so, preloaded, with the student's or the reference's
// leaks.c) costs an allocation-heavy program, against the program alone,
// valgrind's memcheck (--leak-check=full) and LeakSanitizer, same run.
//
// The workload is leak-replay (harness/bench/leak-replay.c): the allocator
// lab's twelve traces (about a million malloc, free and realloc calls)
// replayed through the C library. Each configuration runs `reps` times
// (valgrind at most 3); the figures are medians of the child's CPU time
// (user + system, from wait4: the machine may be shared, and CPU time does
// not count the time spent waiting for a core) and of its wall time, from
// exec to exit — the tracker's classification and report at exit included.
//
//   slowdown.csv   configuration, median CPU s, median wall s, CPU and wall
//                  slowdown against the program alone
//
//   build/<impl>/bench/leak-detection --out DIR [--reps N] [--quick]
// Targets (the handout): the tracker at most 3× the program alone, and at
// least 10× faster than valgrind. Where valgrind or LeakSanitizer is missing
// or fails, its row is left out and named with the reason, on stdout and in
// the CSV's `# left out: NAME: REASON` line (printed under the chart).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "memlab/outfile.h"

#define MAX_ARGS 64

typedef struct config {
    const char *name;
    char *argv[MAX_ARGS];
    bool preload;
    int max_reps;
    double cpu, wall; // medians
    bool ran;
} config_t;

static char here[PATH_MAX], lib[PATH_MAX], scratch[PATH_MAX];

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

// Runs one configuration once; returns 0 with its CPU and wall seconds.
static int run_once(const config_t *c, double *cpu, double *wall)
{
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        if (c->preload) {
            setenv("LD_PRELOAD", lib, 1);
            setenv("LEAK_OUT", scratch, 1);
        }
        execvp(c->argv[0], c->argv);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) != pid)
        return -1;
    *wall = now() - t0;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void clear_scratch(void)
{
    DIR *d = opendir(scratch);
    if (!d)
        return;
    struct dirent *e;
    char p[PATH_MAX + 300];
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", scratch, e->d_name);
            unlink(p);
        }
    closedir(d);
}

static int measure(config_t *c, int reps)
{
    if (c->max_reps && reps > c->max_reps)
        reps = c->max_reps;
    double cpu[32], wall[32];
    for (int r = 0; r < reps; r++) {
        if (run_once(c, &cpu[r], &wall[r]) != 0) {
            fprintf(stderr, "leak-detection bench: %s failed to run\n", c->name);
            return -1;
        }
        clear_scratch();
    }
    qsort(cpu, (size_t)reps, sizeof *cpu, by_value);
    qsort(wall, (size_t)reps, sizeof *wall, by_value);
    c->cpu = cpu[reps / 2];
    c->wall = wall[reps / 2];
    c->ran = true;
    printf("  %-34s CPU %7.3f s   wall %7.3f s   (median of %d)\n", c->name, c->cpu, c->wall, reps);
    fflush(stdout);
    return 0;
}

static bool have(const char *prog)
{
    const char *p = getenv("PATH");
    char buf[PATH_MAX];
    while (p && *p) {
        size_t len = strcspn(p, ":");
        snprintf(buf, sizeof buf, "%.*s/%s", (int)len, p, prog);
        if (access(buf, X_OK) == 0)
            return true;
        p += len + (p[len] == ':');
    }
    return false;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *traces = "labs/allocator/data/traces";
    int reps = 5;
    bool quick = false;
    static const struct option lo[] = {
        { "out", required_argument, NULL, 'o' },    { "reps", required_argument, NULL, 'r' },
        { "traces", required_argument, NULL, 't' }, { "quick", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 }
    };
    int c;
    while ((c = getopt_long(argc, argv, "o:r:t:qh", lo, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'r': reps = atoi(optarg); break;
        case 't': traces = optarg; break;
        case 'q': quick = true; break;
        case 'h':
            printf("usage: leak-detection --out DIR [--reps N] [--traces DIR] [--quick]\n"
                   "The tracker's cost on the allocator lab's traces, against the program alone,\n"
                   "valgrind and LeakSanitizer; writes DIR/slowdown.csv.\n");
            return 0;
        default: return 2;
        }
    }
    if (!out || reps < 1 || reps > 31) {
        fprintf(stderr, "usage: leak-detection --out DIR [--reps 1..31] [--traces DIR]\n");
        return 2;
    }
    if (quick)
        reps = 1;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 1;
    exe[n] = 0;
    snprintf(here, sizeof here, "%s", dirname(exe));
    char libp[PATH_MAX + 32];
    snprintf(libp, sizeof libp, "%s/../lib/libleak.so", here);
    if (!realpath(libp, lib)) {
        fprintf(stderr, "leak-detection bench: no %s\n", libp);
        return 1;
    }
    snprintf(scratch, sizeof scratch, "/tmp/leak-bench.XXXXXX");
    if (!mkdtemp(scratch))
        return 1;

    // The traces, sorted, as the workload's arguments.
    char *files[MAX_ARGS];
    int nf = 0;
    DIR *d = opendir(traces);
    if (!d) {
        fprintf(stderr, "leak-detection bench: %s: %s\n", traces, strerror(errno));
        return 1;
    }
    struct dirent *e;
    while ((e = readdir(d)) && nf < MAX_ARGS - 8)
        if (strstr(e->d_name, ".rep")) {
            char *p = NULL;
            if (asprintf(&p, "%s/%s", traces, e->d_name) < 0)
                return 1;
            files[nf++] = p;
        }
    closedir(d);
    qsort(files, (size_t)nf, sizeof *files, (int (*)(const void *, const void *))strcmp);
    if (quick && nf > 3)
        nf = 3;

    char replay[PATH_MAX + 32], replay_lsan[PATH_MAX + 32];
    snprintf(replay, sizeof replay, "%s/leak-replay", here);
    snprintf(replay_lsan, sizeof replay_lsan, "%s/leak-replay-lsan", here);
    config_t cfg[4] = {
        { .name = "alone" },
        { .name = "under the tracker (libleak.so)", .preload = true },
        { .name = "under valgrind --leak-check=full", .max_reps = 3 },
        { .name = "LeakSanitizer (-fsanitize=leak)" },
    };
    for (int k = 0; k < 4; k++) {
        int a = 0;
        if (k == 2) {
            cfg[k].argv[a++] = "valgrind";
            cfg[k].argv[a++] = "-q";
            cfg[k].argv[a++] = "--leak-check=full";
            cfg[k].argv[a++] = "--show-leak-kinds=all";
        }
        cfg[k].argv[a++] = k == 3 ? replay_lsan : replay;
        for (int i = 0; i < nf; i++)
            cfg[k].argv[a++] = files[i];
        cfg[k].argv[a] = NULL;
    }
    printf("leak-detection bench: %d allocator traces replayed (leak-replay), CPU and wall "
           "medians\n",
           nf);
    // why[k]: why configuration k is left out of the chart ("" when measured).
    char why[4][512] = { "", "", "", "" };
    for (int k = 0; k < 4; k++) {
        if (k == 2 && !have("valgrind"))
            snprintf(why[k], sizeof why[k], "not installed (scripts/deps.sh)");
        else if (k == 3 && access(replay_lsan, X_OK) != 0)
            snprintf(why[k], sizeof why[k], "%.400s was not built (no -fsanitize=leak here)",
                     replay_lsan);
        else if (measure(&cfg[k], reps) != 0) {
            if (k < 2)
                return 1;
            snprintf(why[k], sizeof why[k], "it failed to run (message above)");
        }
        if (why[k][0])
            printf("  left out: %s: %s\n", k == 2 ? "valgrind" : "LeakSanitizer", why[k]);
    }
    rmdir(scratch);

    mkdir(out, 0777);
    ml_outfile_t of;
    FILE *f = ml_outfile_open_in(&of, out, "slowdown.csv");
    if (!f)
        return ml_outfile_fail(&of, "leak-detection bench"), 1;
    // A configuration left out is named, with the reason, at the top (printed
    // under the chart by scripts/plots.sh).
    for (int k = 2; k < 4; k++)
        if (why[k][0])
            fprintf(f, "# left out: %s: %s\n", k == 2 ? "valgrind" : "LeakSanitizer", why[k]);
    fprintf(f, "configuration,CPU (s),wall (s),CPU slowdown (x),wall slowdown (x)\n");
    for (int k = 0; k < 4; k++)
        if (cfg[k].ran)
            fprintf(f, "\"%s\",%.4f,%.4f,%.3f,%.3f\n",
                    k == 0   ? "alone"
                    : k == 1 ? "tracker"
                    : k == 2 ? "valgrind"
                             : "LeakSanitizer",
                    cfg[k].cpu, cfg[k].wall, cfg[k].cpu / cfg[0].cpu, cfg[k].wall / cfg[0].wall);
    if (ml_outfile_commit(&of) != 0)
        return ml_outfile_fail(&of, "leak-detection bench"), 1;
    printf("  tracker: %.2fx the program alone in CPU (%.2fx wall; target <= 3x)\n",
           cfg[1].cpu / cfg[0].cpu, cfg[1].wall / cfg[0].wall);
    if (cfg[2].ran)
        printf("  tracker vs valgrind: %.1fx faster in CPU (%.1fx wall; target >= 10x)\n",
               cfg[2].cpu / cfg[1].cpu, cfg[2].wall / cfg[1].wall);
    if (cfg[3].ran)
        printf("  LeakSanitizer: %.2fx the program alone in CPU (%.2fx wall)\n",
               cfg[3].cpu / cfg[0].cpu, cfg[3].wall / cfg[0].wall);
    printf("  data: %s/slowdown.csv\n", out);
    return 0;
}
