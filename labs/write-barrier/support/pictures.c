// pictures.c — step pictures of the write-barrier program (pictures.h).
//
// Each step is the core's DOT drawing of the heap (memlab/dot.h) with the
// marker's worklist as the grey set, captioned with the step: the pointer
// copy the mutator made and what kind of write it was, or the marker's
// progress. The object that `none` loses is outlined in red in every step,
// so one can follow it into the black part of the heap and, after the
// sweep, see the pointer to freed memory that is left.
#include "support/pictures.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/dot.h"
#include "memlab/steppage.h"

struct wb_pictures {
    bool draw, print_steps, failed, started;
    ml_steps_t seq;
    int64_t center;
    uint32_t target;
    char index[4096];
    char error[512];
};

wb_pictures_t *wb_pictures_new(const char *dir, int64_t center, uint32_t target, bool print_steps,
                               char *err, size_t errlen)
{
    wb_pictures_t *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->print_steps = print_steps;
    p->center = center;
    p->target = target;
    if (dir) {
        if (ml_steps_init(&p->seq, dir, err, errlen)) {
            free(p);
            return NULL;
        }
        p->draw = true;
        snprintf(p->index, sizeof p->index, "%s/index.html", dir);
    }
    return p;
}

void wb_pictures_free(wb_pictures_t *p)
{
    if (!p)
        return;
    if (p->draw)
        ml_steps_fini(&p->seq);
    free(p);
}

bool wb_pictures_print_steps(const wb_pictures_t *p)
{
    return p->print_steps;
}
size_t wb_pictures_count(const wb_pictures_t *p)
{
    return p->draw ? p->seq.n : 0;
}
const char *wb_pictures_index(const wb_pictures_t *p)
{
    return p->index;
}

static bool in_window(const wb_pictures_t *p, const wb_step_info_t *si)
{
    if (si->who == 'B' || si->who == 'S')
        return true;
    int64_t s = (int64_t)si->step;
    if (p->center < 0)
        return s < WB_PICTURES_BEFORE + WB_PICTURES_AFTER;
    return s >= p->center - WB_PICTURES_BEFORE && s <= p->center + WB_PICTURES_AFTER;
}

static void *find_id(ml_gc_heap_t *h, uint32_t id)
{
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *obj; id && (obj = ml_gc_iter_next(&it));)
        if (ml_gc_object_id(h, obj) == id)
            return obj;
    return NULL;
}

void wb_pictures_observe(wb_pictures_t *p, wb_run_t *r, const wb_step_info_t *si)
{
    if (!p->draw || p->failed || !in_window(p, si))
        return;
    wb_world_t *w = wb_run_world(r);
    wb_marker_t *m = wb_run_marker(r);
    ml_gc_heap_t *h = w->heap;
    if (ml_gc_num_objects(h) > WB_PICTURES_MAX_OBJECTS) {
        snprintf(p->error, sizeof p->error, "the heap has %zu objects; step pages draw at most %d",
                 ml_gc_num_objects(h), WB_PICTURES_MAX_OBJECTS);
        p->failed = true;
        return;
    }
    char cap[600], t[200], e[240], title[128];
    switch (si->who) {
    case 'B': {
        char pol[160];
        snprintf(cap, sizeof cap, "mark begin, the world stopped (%s)",
                 wb_policy_describe(wb_marker_policy(m), pol, sizeof pol));
        break;
    }
    case 'M':
        snprintf(cap, sizeof cap, "step %" PRIu64 " mutator: %s — %s%s", si->step,
                 wb_op_text(w, si->op, t, sizeof t),
                 si->eff ? wb_effect_text(w, si->eff, e, sizeof e) : "",
                 si->hidden_now ? ". Now an object is hidden from the marker." : "");
        break;
    case 'C':
        snprintf(cap, sizeof cap, "step %" PRIu64 " marking: grey objects %zu, root jobs left %zu",
                 si->step, wb_marker_grey_count(m), wb_marker_roots_pending(m));
        break;
    default:
        snprintf(cap, sizeof cap,
                 "after mark termination and the sweep: %zu object%s left, white again for the "
                 "next cycle (a red node is a pointer to freed memory)",
                 ml_gc_num_objects(h), ml_gc_num_objects(h) == 1 ? "" : "s");
        break;
    }
    wb_view_t *v = si->who == 'S' ? NULL : wb_view_take(m, false);
    snprintf(title, sizeof title, "barrier %s", wb_kind_names[wb_marker_kind(m)]);
    ml_dot_names_t names = ml_scn_dot_names(w->built);
    ml_dot_opts_t o = {
        .title = title,
        .highlight = find_id(h, p->target),
        .is_grey = v ? wb_view_grey_fn : NULL,
        .grey_arg = v,
        .names = &names,
    };
    if (ml_steps_add(&p->seq, h, &o, p->error, sizeof p->error, "%s", cap))
        p->failed = true;
    wb_view_free(v);
}

int wb_pictures_finish(wb_pictures_t *p, const char *barrier, char *err, size_t errlen)
{
    if (!p->draw)
        return 0;
    if (p->failed) {
        snprintf(err, errlen, "%s", p->error);
        return -1;
    }
    char title[128];
    snprintf(title, sizeof title, "write barrier: %s", barrier);
    const char *highlight = p->target ? "the object that barrier none loses" : NULL;
    return ml_steps_finish(&p->seq, title, highlight, err, errlen);
}
