// sched.c — deterministic interleaving of mutator and collector steps (see
// sched.h): a schedule string first, then a seeded coin, every step recorded
// so the run replays exactly.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/sched.h"
#include "memlab/grow.h"

#define SCHED_MAX_EXPANDED ((size_t)1 << 24) // a schedule longer than this is a typo

void ml_sched_init(ml_sched_t *s, uint64_t seed, double p_mutator)
{
    memset(s, 0, sizeof *s);
    s->seed = seed;
    s->p_mutator = p_mutator < 0 ? 0 : p_mutator > 1 ? 1 : p_mutator;
    ml_rng_seed(&s->rng, seed);
}

void ml_sched_fini(ml_sched_t *s)
{
    free(s->script);
    free(s->trace);
    s->script = s->trace = NULL;
    s->script_len = s->script_pos = s->trace_len = s->trace_cap = 0;
}

int ml_sched_set_schedule(ml_sched_t *s, const char *schedule, char *err, size_t errlen)
{
    // First pass: validate and size; second pass: expand.
    size_t total = 0;
    bool loops = false;
    for (int pass = 0; pass < 2; pass++) {
        char *out = NULL;
        if (pass == 1) {
            out = malloc(total + 1);
            if (!out) {
                if (err)
                    snprintf(err, errlen, "schedule: out of memory");
                return -1;
            }
        }
        size_t n = 0;
        for (size_t i = 0; schedule[i];) {
            char c = schedule[i];
            if (c == ' ' || c == '\t' || c == '\n') {
                i++;
                continue;
            }
            if (c == '*') {
                size_t j = i + 1;
                while (schedule[j] == ' ' || schedule[j] == '\t' || schedule[j] == '\n')
                    j++;
                if (schedule[j] != '\0' || n == 0) {
                    if (err)
                        snprintf(err, errlen,
                                 "schedule: position %zu: '*' must end a non-empty schedule",
                                 i + 1);
                    free(out);
                    return -1;
                }
                loops = true;
                break;
            }
            char u = (char)toupper((unsigned char)c);
            if (u != 'M' && u != 'C') {
                if (err)
                    snprintf(err, errlen, "schedule: position %zu: '%c' is not M, C, a count or *",
                             i + 1, c);
                free(out);
                return -1;
            }
            i++;
            size_t count = 1;
            if (isdigit((unsigned char)schedule[i])) {
                size_t start = i;
                count = 0;
                while (isdigit((unsigned char)schedule[i])) {
                    count = count * 10 + (size_t)(schedule[i] - '0');
                    if (count > SCHED_MAX_EXPANDED)
                        break;
                    i++;
                }
                if (count == 0 || count > SCHED_MAX_EXPANDED) {
                    if (err)
                        snprintf(err, errlen, "schedule: position %zu: repeat count must be 1..%zu",
                                 start + 1, SCHED_MAX_EXPANDED);
                    free(out);
                    return -1;
                }
            }
            if (n + count > SCHED_MAX_EXPANDED) {
                if (err)
                    snprintf(err, errlen, "schedule: longer than %zu steps", SCHED_MAX_EXPANDED);
                free(out);
                return -1;
            }
            if (out)
                memset(out + n, u, count);
            n += count;
        }
        if (pass == 0) {
            total = n;
        } else {
            out[n] = '\0';
            free(s->script);
            s->script = out;
            s->script_len = n;
            s->script_pos = 0;
            s->script_loops = loops && n > 0;
        }
    }
    return 0;
}

char ml_sched_next(ml_sched_t *s)
{
    if (s->script && s->script_pos < s->script_len) {
        char c = s->script[s->script_pos++];
        if (s->script_loops && s->script_pos == s->script_len)
            s->script_pos = 0;
        return c;
    }
    return ml_rng_double(&s->rng) < s->p_mutator ? 'M' : 'C';
}

int ml_sched_record(ml_sched_t *s, char c)
{
    if (!ML_GROW_ARRAY(s->trace, s->trace_cap, s->trace_len + 2, 256))
        return -1; // c and '\0'
    s->trace[s->trace_len++] = c;
    s->trace[s->trace_len] = '\0';
    s->step++;
    return 0;
}

uint64_t ml_sched_run(ml_sched_t *s, ml_sched_step_fn mutator, ml_sched_step_fn collector,
                      void *arg, uint64_t max_steps)
{
    bool m_live = mutator != NULL, c_live = collector != NULL;
    uint64_t ran = 0;
    while ((m_live || c_live) && (max_steps == 0 || ran < max_steps)) {
        char c = ml_sched_next(s);
        if (c == 'M' && !m_live)
            c = 'C';
        if (c == 'C' && !c_live)
            c = 'M';
        uint64_t step = s->step;
        if (ml_sched_record(s, c) != 0)
            break;
        if (c == 'M')
            m_live = mutator(arg, step);
        else
            c_live = collector(arg, step);
        ran++;
    }
    return ran;
}

uint64_t ml_sched_step(const ml_sched_t *s)
{
    return s->step;
}
const char *ml_sched_trace(const ml_sched_t *s)
{
    return s->trace ? s->trace : "";
}

const char *ml_sched_trace_compact(const ml_sched_t *s, char *buf, size_t len)
{
    size_t at = 0;
    if (len)
        buf[0] = '\0';
    for (size_t i = 0; i < s->trace_len && at < len;) {
        size_t j = i;
        while (j < s->trace_len && s->trace[j] == s->trace[i])
            j++;
        if (j - i == 1)
            at += (size_t)snprintf(buf + at, len - at, "%c", s->trace[i]);
        else
            at += (size_t)snprintf(buf + at, len - at, "%c%zu", s->trace[i], j - i);
        i = j;
    }
    return buf;
}

// ---- named adversarial schedules ----------------------------------------------

static const struct {
    const char *name, *schedule;
} named[] = {
    { "alternate", "MC*" },         // one mutator step, one marking step
    { "mutator-first", "M*" },      // the mutator runs to its end, then marking
    { "collector-first", "C*" },    // marking runs to its end, then the mutator
    { "mutator-burst", "CM16*" },   // many writes between two marking steps
    { "collector-burst", "C16M*" }, // marking races ahead of single writes
    { "late-start", "M8C*" },       // eight mutator steps to each marking step
};

const char *ml_sched_named(const char *name)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcmp(named[i].name, name) == 0)
            return named[i].schedule;
    return NULL;
}

const char *const *ml_sched_names(void)
{
    static const char *names[sizeof named / sizeof named[0] + 1];
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        names[i] = named[i].name;
    return names;
}
