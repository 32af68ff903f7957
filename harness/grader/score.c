// score.c — turns what is known about each test into its outcome, its points
// and one line a student understands.
//
//   outcome  Criterion's XML status when the report is well formed, else the
//            runner's record, else "did not run"; a crash or timeout in the
//            record wins over a plain FAILED.
//   points   pass/fail: all or nothing. scored: points × the fraction of the
//            one ml_award line of that test, only if the test passed; zero or
//            several award lines score 0 with a message saying so.
//   reason   an assertion's message; or the way the test ended, explained:
//            the signal (with a NULL pointer, stack overflow or failed
//            allocation behind it when the notes tell), the exit(0) that cut
//            the body short, the timeout, the output or memory limit.
//   replay   for a visible test that lost points: one command that
//            reproduces it, the suite's ml_replay (the lab's program with
//            the failing case) or else the suite binary with a filter.
//   output   the reason, the replay command, all failed assertions, awards,
//            notes and an excerpt of the test's log — at most GR_OUTPUT_CAP
//            bytes in all.
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "grader.h"
#include "memlab/grade.h"

#define REASON_CAP 2000 // bytes of the one-line reason; the details hold the rest

// "64 GiB", "8 MiB", "512 bytes".
static char *human_bytes(double b)
{
    static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    int u = 0;
    while (b >= 1024 && u < 6) {
        b /= 1024;
        u++;
    }
    if (u == 0 && b == 1)
        return gr_strdup("1 byte");
    return gr_printf(b == floor(b) ? "%.0f %s" : "%.1f %s", b, units[u]);
}

// The first line of `messages` without its "file:line: " prefix; *where
// gets the prefix without ": " (or NULL when there is none).
static char *first_message(const char *messages, char **where)
{
    const char *end = strchr(messages, '\n');
    size_t len = end ? (size_t)(end - messages) : strlen(messages);
    const char *p = messages;
    for (const char *c = messages; c + 1 < messages + len; c++) {
        if (*c == ':' && c[1] >= '0' && c[1] <= '9') {
            const char *d = c + 1;
            while (d < messages + len && *d >= '0' && *d <= '9')
                d++;
            if (d + 1 < messages + len && d[0] == ':' && d[1] == ' ') {
                p = d + 2;
                if (where != NULL)
                    *where = gr_strndup(messages, (size_t)(d - messages));
                break;
            }
        }
    }
    return gr_strndup(p, len - (size_t)(p - messages));
}

// The first line of `log` containing `needle`, trimmed, or NULL.
static char *line_with(const char *log, const char *needle)
{
    const char *hit = log ? strstr(log, needle) : NULL;
    if (hit == NULL)
        return NULL;
    const char *start = hit;
    while (start > log && start[-1] != '\n')
        start--;
    const char *end = strchr(hit, '\n');
    size_t len = end ? (size_t)(end - start) : strlen(start);
    while (len > 0 && (*start == '=' || *start == ' ' || (*start >= '0' && *start <= '9'))) {
        start++; // ASan prefixes "==1234==ERROR: ..."
        len--;
    }
    return gr_strndup(start, len > 300 ? 300 : len);
}

// Why a sanitizer build stopped, from its report in the log, or NULL.
static char *sanitizer_reason(const char *log, const gr_score_ctx_t *ctx)
{
    if (log == NULL)
        return NULL;
    if (strstr(log, "allocation-size-too-big"))
        return gr_printf("exceeded the memory limit of %u MiB: one allocation asked for more "
                         "(AddressSanitizer stopped it)",
                         ctx->asan_alloc_mb);
    if (strstr(log, "hard rss limit exhausted") || strstr(log, "rss-limit-exceeded") ||
        strstr(log, "out of memory: allocator is trying"))
        return gr_printf("exceeded the memory limit of %u MiB under AddressSanitizer (its "
                         "limit for the whole suite)",
                         ctx->asan_rss_mb);
    char *line = line_with(log, "ERROR: AddressSanitizer");
    if (line != NULL) {
        char *r = gr_printf("AddressSanitizer found a memory error: %s", line);
        free(line);
        return r;
    }
    line = line_with(log, "runtime error:");
    if (line != NULL) {
        char *r = gr_printf("undefined behaviour: %s", line);
        free(line);
        return r;
    }
    return NULL;
}

// How a test killed by signal `sig` ended, in words.
static char *crash_reason(const gr_test_t *t, const gr_notes_t *notes, size_t output_limit)
{
    char *mem =
        t->mem_mb == GR_MEM_UNLIMITED ? gr_strdup("no limit of") : gr_printf("%u MiB", t->mem_mb);
    char *oom = notes->oom_bytes ? human_bytes((double)notes->oom_bytes) : NULL;
    char *what;
    switch (t->signal) {
    case SIGSEGV:
        what = notes->fault_kind == 'n'
                   ? gr_strdup("segmentation fault: your code used a NULL pointer")
               : notes->fault_kind == 's' ? gr_strdup("stack overflow (runaway recursion?)")
               : notes->fault_addr
                   ? gr_printf("segmentation fault: invalid memory access at %s", notes->fault_addr)
                   : gr_strdup("segmentation fault (invalid memory access)");
        break;
    case SIGBUS: what = gr_strdup("bus error (a misaligned or unmapped memory access)"); break;
    case SIGABRT: what = gr_strdup("aborted: abort() was called, or an assert() failed"); break;
    case SIGFPE: what = gr_strdup("arithmetic error (division by zero?)"); break;
    case SIGILL:
        what = gr_strdup("illegal instruction (__builtin_trap() or undefined behaviour)");
        break;
    case SIGXFSZ: {
        char *lim = human_bytes((double)output_limit);
        what = gr_printf("printed more than %s of output (the limit), so it was stopped", lim);
        free(lim);
        break;
    }
    case SIGXCPU:
        what = gr_printf("used more than %g s of CPU time (the limit), so it was stopped "
                         "(an endless loop?)",
                         t->cpu_s);
        break;
    case SIGKILL:
        what = gr_printf("was killed (SIGKILL): past its CPU-time limit of %g s, or the "
                         "machine ran out of memory",
                         t->cpu_s);
        break;
    case SIGALRM:
        what = gr_strdup("did not finish within 60 s, the limit for a test without a timeout "
                         "(an endless loop?)");
        break;
    case SIGSYS: what = gr_strdup("made a system call that tests may not make"); break;
    case 0: what = gr_strdup("crashed"); break;
    default: what = gr_printf("crashed (%s)", gr_signal_name(t->signal)); break;
    }
    char *r;
    if (oom != NULL)
        r = gr_printf("exceeded the memory limit of %s: an allocation of %s failed, then the "
                      "test died (%s)",
                      mem, oom, what);
    else if (t->signal == SIGSEGV || t->signal == SIGBUS || t->signal == SIGABRT ||
             t->signal == SIGFPE || t->signal == SIGILL || t->signal == 0)
        r = gr_printf("crashed: %s", what);
    else
        r = gr_strdup(what);
    free(what);
    free(mem);
    free(oom);
    return r;
}

// The outcome of `t` from the report and the runner's record.
static gr_outcome_t outcome_of(const gr_test_t *t)
{
    if (t->disabled)
        return GR_NOT_RUN; // Criterion lists it as skipped
    gr_outcome_t o = t->in_xml       ? (gr_outcome_t)t->xml_status
                     : t->in_records ? (t->rec_status == 0 ? GR_PASSED : GR_FAILED)
                                     : GR_NOT_RUN;
    if (t->in_records && t->rec_timed_out)
        o = GR_TIMED_OUT;
    else if (t->in_records && t->rec_crashed)
        o = GR_CRASHED;
    return o;
}

// The reason line of a test that did not pass.
static char *failure_reason(const gr_test_t *t, const gr_notes_t *notes, const char *log,
                            const gr_score_ctx_t *ctx)
{
    switch (t->outcome) {
    case GR_TIMED_OUT:
        return gr_printf("did not finish within %g s (an endless loop?)", t->timeout);
    case GR_CRASHED: return crash_reason(t, notes, ctx->output_limit);
    case GR_NOT_RUN:
        if (t->disabled)
            return gr_strdup("not run: the test is disabled in the suite");
        if (t->skipped)
            return gr_strdup("not run: the test runner skipped it (its --filter did not "
                             "select it)");
        if (ctx->watchdog)
            return gr_printf("not finished when the suite reached its time limit (%g s for "
                             "all its tests), so the test runner was stopped",
                             ctx->watchdog_s);
        return gr_printf("no result: %s before this test finished",
                         ctx->runner_problem ? ctx->runner_problem : "the test runner stopped");
    default: break;
    }
    if (t->messages != NULL && *t->messages != '\0')
        return first_message(t->messages, NULL);
    if (t->exit_code == ML_EXIT_NO_SANDBOX)
        return gr_printf("not run: the test sandbox could not be set up (%s)",
                         notes->sandbox ? notes->sandbox : "see the output");
    char *san = ctx->asan || t->exit_code != 0 ? sanitizer_reason(log, ctx) : NULL;
    if (san != NULL)
        return san;
    if (t->in_records && t->exit_code != 0)
        return gr_printf("the test stopped before its end: exit status %d (did your code call "
                         "exit(%d)?)",
                         t->exit_code, t->exit_code);
    return gr_strdup("the test stopped before its end (did your code call exit()?)");
}

// Points and reason of a test that passed.
static void score_passed(gr_test_t *t, const gr_score_ctx_t *ctx, gr_buf_t *details)
{
    if (!t->scored) {
        t->score = t->points;
        t->reason = gr_strdup("passed");
        return;
    }
    char *id = gr_printf("%s/%s", t->suite, t->name);
    size_t n = 0;
    gr_award_t *a = gr_awards_of(ctx->awards_path, id, &n);
    free(id);
    if (n == 1) {
        t->awarded = true;
        t->score = t->points * a[0].fraction;
        t->reason = gr_printf("scored %.0f%%: %s", 100 * a[0].fraction, a[0].text);
    } else if (n == 0) {
        t->reason = gr_strdup("the test did not report a score (ml_award was not called), so "
                              "it earns nothing");
    } else {
        t->reason = gr_printf("the test reported a score %zu times (ml_award must be called "
                              "exactly once), so it earns nothing",
                              n);
        gr_buf_add(details, "Scores reported:\n");
        for (size_t i = 0; i < n; i++)
            gr_buf_printf(details, "  %.0f%%: %s\n", 100 * a[i].fraction, a[i].text);
    }
    gr_awards_free(a, n);
}

// Makes `s` one line of at most `max` bytes (cut on a UTF-8 boundary, with
// the cut marked).
static void one_line(char *s, size_t max)
{
    for (char *p = s; *p != '\0'; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    if (strlen(s) <= max)
        return;
    size_t n = max - 4;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    memcpy(s + n, " ...", 5);
}

// Appends `s` to the output buffer if it fits under the cap (else a cut part).
static void add_capped(gr_buf_t *b, const char *s, size_t cap)
{
    size_t n = strlen(s);
    if (b->len + n <= cap) {
        gr_buf_add(b, s);
        return;
    }
    size_t room = cap > b->len + 64 ? cap - b->len - 64 : 0;
    while (room > 0 && ((unsigned char)s[room] & 0xc0) == 0x80)
        room--; // do not split a UTF-8 sequence
    gr_buf_addn(b, s, room);
    if (b->len + 40 <= cap)
        gr_buf_add(b, "\n[... cut: the report's limit ...]\n");
}

// Characters a replay command may hold outside single quotes.
static const char replay_plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789 _-./:=,+@%";

char *gr_replay_command(const char *raw, const char *build, const char **why)
{
    // The program is one of the build's own (test code could write this
    // file too: it must not name any other program a reader would run).
    const char *prog = strncmp(raw, "{build}/bin/", 12) == 0      ? raw + 12
                       : strncmp(raw, "{build}/suites/", 15) == 0 ? raw + 15
                                                                  : NULL;
    size_t plen = prog ? strspn(prog, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "0123456789_-.")
                       : 0;
    if (prog == NULL || plen == 0 || prog[0] == '.' || (prog[plen] != '\0' && prog[plen] != ' ')) {
        *why = "it does not start with {build}/bin/PROGRAM or {build}/suites/LAB";
        return NULL;
    }
    bool quoted = false, ok = true;
    for (const char *p = raw + 7; ok && *p != '\0'; p++) {
        if (*p == '\'')
            quoted = !quoted;
        else if (*p == '\n' || *p == '\t' || (!quoted && strchr(replay_plain, *p) == NULL))
            ok = false;
    }
    if (!ok || quoted) {
        *why = quoted ? "a single quote is not closed"
                      : "it holds a character that is not allowed outside single quotes";
        return NULL;
    }
    char *b = gr_shell_quote(build);
    char *cmd = gr_printf("%s%s", b, raw + 7);
    free(b);
    return cmd;
}

// The command that reproduces test `t`: its suite's ml_replay command, or
// the suite binary with a filter selecting `t` alone.
static char *replay_of(const gr_test_t *t, const gr_score_ctx_t *ctx)
{
    char *raw = gr_replay_load(t->replay_path);
    if (raw != NULL) {
        const char *why = NULL;
        char *cmd = gr_replay_command(raw, ctx->build, &why);
        if (cmd == NULL)
            fprintf(stderr, "grader: suite error: %s/%s: ml_replay(\"%.200s\") ignored: %s\n",
                    t->suite, t->name, raw, why);
        free(raw);
        if (cmd != NULL)
            return cmd;
    }
    char *id = gr_printf("%s/%s", t->suite, t->name);
    char *q = gr_shell_quote(id);
    // Always quoted: a glob character in a name must not reach the shell.
    char *cmd = q[0] == '\'' ? gr_printf("%s --filter %s --verbose", ctx->suite_cmd, q)
                             : gr_printf("%s --filter '%s' --verbose", ctx->suite_cmd, q);
    free(id);
    free(q);
    return cmd;
}

// Evaluates one test.
static void score_test(gr_test_t *t, const gr_score_ctx_t *ctx)
{
    gr_notes_t notes;
    gr_notes_load(t->notes_path, &notes);
    size_t log_size = 0;
    char *log = t->log_path ? gr_log_excerpt(t->log_path, GR_LOG_CAP, &log_size) : NULL;
    gr_buf_t details = { 0 };
    t->score = 0;
    if (t->untagged) {
        t->outcome = GR_PROBLEM;
        t->reason = gr_strdup("suite error: this test is declared with Test(), not ML_TEST, so "
                              "it has no points");
    } else {
        t->outcome = outcome_of(t);
        if (t->outcome == GR_PASSED)
            score_passed(t, ctx, &details);
        else
            t->reason = failure_reason(t, &notes, log, ctx);
    }
    one_line(t->reason, REASON_CAP);
    if (log_size >= ctx->output_limit && t->signal != SIGXFSZ) {
        char *lim = human_bytes((double)ctx->output_limit);
        char *r = gr_printf("%s; it printed more than %s of output (the limit)", t->reason, lim);
        free(lim);
        free(t->reason);
        t->reason = r;
    }
    if (!t->hidden && !t->lab_level && !t->disabled && ctx->suite_cmd != NULL && !gr_test_passed(t))
        t->replay = replay_of(t, ctx);
    if (notes.notes != NULL)
        t->notes = gr_strdup(notes.notes);
    gr_buf_t out = { 0 };
    gr_buf_printf(&out, "%s\n", t->reason);
    if (t->replay != NULL)
        gr_buf_printf(&out, "To reproduce it: %s\n", t->replay);
    if (t->messages != NULL && strchr(t->messages, '\n') != NULL)
        gr_buf_printf(&details, "Failed assertions:\n%s\n", t->messages);
    else if (t->messages != NULL && t->outcome != GR_PASSED) {
        char *where = NULL;
        free(first_message(t->messages, &where));
        if (where != NULL)
            gr_buf_printf(&details, "(checked at %s)\n", where);
        free(where);
    }
    if (notes.notes != NULL)
        gr_buf_printf(&details, "Notes:\n%s\n", notes.notes);
    if (notes.sandbox != NULL)
        gr_buf_printf(&details, "Warning: this test ran without its full sandbox: %s\n",
                      notes.sandbox);
    if (details.len > 0)
        add_capped(&out, details.s, GR_OUTPUT_CAP / 8);
    if (log != NULL && *log != '\0') {
        char *size = human_bytes((double)log_size);
        gr_buf_printf(&out, "Output of the test (%s):\n", size);
        free(size);
        add_capped(&out, log, GR_OUTPUT_CAP - 1);
        if (out.s[out.len - 1] != '\n')
            add_capped(&out, "\n", GR_OUTPUT_CAP);
    }
    t->output = gr_buf_take(&out);
    free(gr_buf_take(&details));
    free(log);
    gr_notes_free(&notes);
}

void gr_score_tests(gr_lab_t *lab, size_t from, const gr_score_ctx_t *ctx)
{
    for (size_t i = from; i < lab->ntests; i++)
        score_test(&lab->tests[i], ctx);
}

void gr_lab_total(gr_lab_t *lab)
{
    lab->score = lab->max = 0;
    for (size_t i = 0; i < lab->ntests; i++) {
        lab->score += lab->tests[i].score;
        lab->max += lab->tests[i].points;
    }
}

char *gr_lab_note(const gr_lab_t *lab, bool visible_only)
{
    gr_buf_t b = { 0 };
    size_t crashed = 0, timed_out = 0;
    gr_buf_add(&b, "");
    for (size_t i = 0; i < lab->ntests; i++) {
        const gr_test_t *t = &lab->tests[i];
        const char *what = NULL;
        if (visible_only && t->hidden)
            continue;
        if (t->outcome == GR_PROBLEM && strcmp(t->name, "compiles") == 0)
            what = t->reason && strstr(t->reason, "did not compile")       ? "did not compile"
                   : t->reason && strstr(t->reason, " in this submission") ? t->reason
                                                                           : "not built";
        else if (t->outcome == GR_PROBLEM && strcmp(t->name, GR_HIDDEN_UNBUILT) == 0)
            what = "the hidden tests did not build";
        else if (t->outcome == GR_PROBLEM)
            what = "the suite crashed";
        crashed += t->outcome == GR_CRASHED;
        timed_out += t->outcome == GR_TIMED_OUT;
        if (what)
            gr_buf_printf(&b, "%s%s", b.len ? "; " : "", what);
    }
    if (crashed)
        gr_buf_printf(&b, "%s%zu test%s crashed", b.len ? "; " : "", crashed,
                      crashed == 1 ? "" : "s");
    if (timed_out)
        gr_buf_printf(&b, "%s%zu test%s timed out", b.len ? "; " : "", timed_out,
                      timed_out == 1 ? "" : "s");
    return gr_buf_take(&b);
}

bool gr_test_passed(const gr_test_t *t)
{
    return t->outcome == GR_PASSED && t->score >= t->points - 1e-9;
}

char *gr_points(double p)
{
    char *s = gr_printf("%.2f", p);
    char *dot = strchr(s, '.');
    if (dot != NULL) {
        char *end = s + strlen(s) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(s, "-0") == 0)
        strcpy(s, "0");
    return s;
}

char *gr_test_label(const gr_test_t *t)
{
    if (t->title != NULL && t->name != NULL && strcmp(t->title, t->name) != 0)
        return gr_strdup(t->title);
    if (t->lab_level)
        return gr_strdup(t->name);
    return gr_printf("%s/%s", t->suite, t->name);
}
