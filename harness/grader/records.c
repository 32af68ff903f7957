// records.c — reads the files the suite library writes during a run (formats
// in harness/suitelib/): the runner's record of each finished test
// (runner.tsv: status, crash, timeout, exit code, signal, failed assertions),
// the awards of scored tests, each test's notes (ml_note lines, failed
// allocations, the address of a fault, sandbox problems) and its replay
// command (ml_replay).
//
// Every record is one line written with one write(2); a line cut short (a
// process killed mid-write cannot cut one, but a full disk can) is skipped.
#include <stdlib.h>
#include <string.h>

#include "grader.h"
#include "memlab/grow.h"

#define RECORDS_CAP (32u << 20) // bytes of runner.tsv read
#define AWARDS_CAP (4u << 20)
#define NOTES_CAP (1u << 20)

// Calls `line_fn` on every complete line of the file (up to cap bytes).
// Returns the number of lines, or -1 when the file cannot be read.
static int each_line(const char *path, size_t cap, void (*line_fn)(char *line, void *ctx),
                     void *ctx)
{
    size_t size = 0;
    char *text = gr_read_file(path, cap, &size);
    if (text == NULL)
        return -1;
    int n = 0;
    char *p = text;
    for (char *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
        *nl = '\0';
        line_fn(p, ctx);
        n++;
    }
    free(text);
    return n;
}

// ---- runner.tsv -------------------------------------------------------------------

typedef struct {
    gr_lab_t *lab;
    size_t from;
    int records;
    gr_test_t *current; // the test whose assertion lines come next
} records_ctx_t;

static void record_line(char *line, void *vctx)
{
    records_ctx_t *ctx = vctx;
    char *f[10];
    int n = gr_tsv_split(line, f, 10);
    if (n < 3)
        return;
    gr_test_t *t = gr_find_test(ctx->lab, ctx->from, f[1], f[2]);
    if (t == NULL)
        return;
    if (strcmp(f[0], "T") == 0 && n == 9) {
        // A test recorded twice (a crash hook, then another) keeps its
        // first record's messages; any crash or timeout sticks.
        ctx->current = t->in_records ? NULL : t;
        if (!t->in_records)
            ctx->records++;
        t->in_records = true;
        t->rec_status = atoi(f[3]);
        t->rec_crashed |= atoi(f[4]);
        t->rec_timed_out |= atoi(f[5]);
        t->exit_code = atoi(f[6]);
        if (atoi(f[7]) != 0)
            t->signal = atoi(f[7]);
        t->elapsed = strtod(f[8], NULL);
    } else if (strcmp(f[0], "A") == 0 && n == 5 && t == ctx->current) {
        gr_buf_t b = { 0 };
        if (t->messages != NULL) {
            gr_buf_add(&b, t->messages);
            gr_buf_add(&b, "\n");
            free(t->messages);
        }
        char *msg = gr_clean_text(f[4], strlen(f[4]));
        gr_buf_printf(&b, "%s: %s", f[3], msg);
        free(msg);
        t->messages = gr_buf_take(&b);
    }
}

int gr_records_load(const char *path, gr_lab_t *lab, size_t from)
{
    records_ctx_t ctx = { lab, from, 0, NULL };
    if (each_line(path, RECORDS_CAP, record_line, &ctx) < 0)
        return -1;
    return ctx.records;
}

// ---- awards -------------------------------------------------------------------------

typedef struct {
    const char *id;
    gr_award_t *awards;
    size_t n, cap;
} awards_ctx_t;

static void award_line(char *line, void *vctx)
{
    awards_ctx_t *ctx = vctx;
    char *f[4];
    if (gr_tsv_split(line, f, 4) != 3 || strcmp(f[0], ctx->id) != 0)
        return;
    if (!ML_GROW_ARRAY(ctx->awards, ctx->cap, ctx->n + 1, 8))
        gr_out_of_memory();
    double fraction = strtod(f[1], NULL);
    if (!(fraction >= 0))
        fraction = 0;
    ctx->awards[ctx->n].fraction = fraction > 1 ? 1 : fraction;
    ctx->awards[ctx->n].text = gr_clean_text(f[2], strlen(f[2]));
    ctx->n++;
}

gr_award_t *gr_awards_of(const char *path, const char *id, size_t *n)
{
    awards_ctx_t ctx = { id, NULL, 0, 0 };
    each_line(path, AWARDS_CAP, award_line, &ctx);
    *n = ctx.n;
    return ctx.awards;
}

void gr_awards_free(gr_award_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(a[i].text);
    free(a);
}

// ---- notes ----------------------------------------------------------------------------

static void note_line(char *line, void *vctx)
{
    gr_notes_t *notes = vctx;
    char *f[5];
    int n = gr_tsv_split(line, f, 5);
    if (strcmp(f[0], "note") == 0 && n == 2) {
        gr_buf_t b = { 0 };
        if (notes->notes != NULL) {
            gr_buf_add(&b, notes->notes);
            gr_buf_add(&b, "\n");
            free(notes->notes);
        }
        char *text = gr_clean_text(f[1], strlen(f[1]));
        gr_buf_add(&b, text);
        free(text);
        notes->notes = gr_buf_take(&b);
    } else if (strcmp(f[0], "oom") == 0 && n == 2 && notes->oom_bytes == 0) {
        notes->oom_bytes = strtoull(f[1], NULL, 10);
    } else if (strcmp(f[0], "fault") == 0 && n == 4 && notes->fault_kind == 0) {
        notes->fault_kind = strcmp(f[3], "null") == 0    ? 'n'
                            : strcmp(f[3], "stack") == 0 ? 's'
                                                         : 'o';
        notes->fault_addr = gr_clean_text(f[2], strlen(f[2]));
    } else if (strcmp(f[0], "sandbox") == 0 && n == 2 && notes->sandbox == NULL) {
        notes->sandbox = gr_clean_text(f[1], strlen(f[1]));
    }
}

void gr_notes_load(const char *path, gr_notes_t *notes)
{
    memset(notes, 0, sizeof *notes);
    each_line(path, NOTES_CAP, note_line, notes);
}

void gr_notes_free(gr_notes_t *notes)
{
    free(notes->notes);
    free(notes->fault_addr);
    free(notes->sandbox);
    memset(notes, 0, sizeof *notes);
}

// ---- replay ---------------------------------------------------------------------------

static void replay_line(char *line, void *vctx)
{
    char **cmd = vctx;
    char *f[3];
    if (gr_tsv_split(line, f, 3) != 2 || strcmp(f[0], "replay") != 0)
        return;
    free(*cmd);
    *cmd = gr_clean_text(f[1], strlen(f[1]));
}

char *gr_replay_load(const char *path)
{
    char *cmd = NULL;
    if (path != NULL)
        each_line(path, NOTES_CAP, replay_line, &cmd);
    if (cmd != NULL && *cmd == '\0') {
        free(cmd);
        cmd = NULL;
    }
    return cmd;
}
