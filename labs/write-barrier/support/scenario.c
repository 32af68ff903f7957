// scenario.c — loading a write-barrier scenario (scenario.h): the core
// parses the text (memlab/scenario.h), the world builds the heap
// (world.h), and each operation of the script becomes a wb_op_t.
//
// The translation is where names become positions: a local of the scenario
// (an index into its locals) becomes (stack, frame from the bottom, slot); a
// global becomes the heap's global index; objects keep their scenario index,
// which is also the world's. Nothing here can fail but memory: every name
// was checked by the parser.
#include "support/scenario.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

// local_loc — scenario local `l` as a place of the world (kind LOCAL).
static wb_loc_t local_loc(const wb_world_t *w, uint32_t l)
{
    const ml_scn_t *s = w->scn;
    uint32_t f = ml_scn_frame_of_local(s, l), st = s->frames[f].stack, depth = 0;
    for (uint32_t k = 0; k < f; k++)
        depth += s->frames[k].stack == st;
    return (wb_loc_t){ .kind = WB_LOC_LOCAL,
                       .obj = -1,
                       .stack = st,
                       .frame = depth,
                       .index = l - s->frames[f].first_local };
}

// place — the world's place for scenario place `p`.
static wb_loc_t place(const wb_world_t *w, const ml_scn_place_t *p)
{
    wb_loc_t l = { .kind = WB_LOC_NIL, .obj = -1 };
    switch (p->kind) {
    case ML_SCN_VAL_NIL: break;
    case ML_SCN_LOCAL: l = local_loc(w, p->local); break;
    case ML_SCN_FIELD:
        if (p->obj != ML_SCN_NIL) {
            l = (wb_loc_t){ .kind = WB_LOC_FIELD, .obj = (int32_t)p->obj, .index = p->slot };
        } else {
            wb_loc_t base = local_loc(w, p->local);
            l = (wb_loc_t){ .kind = WB_LOC_FIELD,
                            .obj = -1,
                            .stack = base.stack,
                            .frame = base.frame,
                            .base = base.index,
                            .index = p->slot };
        }
        break;
    case ML_SCN_GLOBAL:
        l = (wb_loc_t){ .kind = WB_LOC_GLOBAL,
                        .obj = -1,
                        .index = (uint32_t)w->built->globals[p->global] };
        break;
    case ML_SCN_OBJ: l = (wb_loc_t){ .kind = WB_LOC_OBJ, .obj = (int32_t)p->obj }; break;
    case ML_SCN_NEW:
        l = (wb_loc_t){ .kind = WB_LOC_NEW,
                        .obj = (int32_t)p->obj,
                        .type = w->scn->objs[p->obj].type };
        break;
    }
    return l;
}

// translate — scenario operation `so` as the world's operation.
static wb_op_t translate(const wb_world_t *w, const ml_scn_op_t *so)
{
    wb_op_t op = { .line = so->line, .arg = so->arg };
    switch (so->kind) {
    case ML_SCN_SET:
        op.kind = WB_OP_SET;
        op.dst = place(w, &so->dst);
        op.src = place(w, &so->src);
        break;
    case ML_SCN_SWITCH: op.kind = WB_OP_SWITCH; break;
    case ML_SCN_WAIT:
        op.kind = WB_OP_WAIT;
        op.wait = so->wait == ML_SCN_WAIT_BLACK  ? WB_WAIT_BLACK
                  : so->wait == ML_SCN_WAIT_GREY ? WB_WAIT_GREY
                                                 : WB_WAIT_SCANNED;
        break;
    }
    return op;
}

// load — build parsed scenario `scn` (taken over). 0, or -1 with err set.
static int load(ml_scn_t *scn, const char *src, wb_scenario_t **out, char *err, size_t errlen)
{
    if (!scn->has_script) {
        snprintf(err, errlen,
                 "%s: no '---' line: nothing happens during the cycle (the script follows '---')",
                 src);
        ml_scn_free(scn);
        return -1;
    }
    wb_scenario_t *s = calloc(1, sizeof *s);
    if (!s) {
        ml_scn_free(scn);
        snprintf(err, errlen, "%s: out of memory", src);
        return -1;
    }
    if (!(s->world = wb_world_new(scn, NULL, ML_SCN_TYPE_PER_OBJECT, err, errlen))) {
        free(s);
        return -1;
    }
    s->name = scn->name;
    s->about = scn->about ? scn->about : "";
    s->ops = calloc(scn->nops ? scn->nops : 1, sizeof *s->ops);
    if (!s->ops) {
        wb_scenario_free(s);
        snprintf(err, errlen, "%s: out of memory", src);
        return -1;
    }
    for (size_t i = 0; i < scn->nops; i++)
        s->ops[i] = translate(s->world, &scn->ops[i]);
    s->nops = scn->nops;
    *out = s;
    return 0;
}

int wb_scenario_parse(FILE *in, const char *src, wb_scenario_t **out, char *err, size_t errlen)
{
    ml_scn_t *scn;
    *out = NULL;
    if (ml_scn_parse(in, src, &scn, err, errlen))
        return -1;
    return load(scn, src, out, err, errlen);
}

int wb_scenario_read(const char *path, wb_scenario_t **out, char *err, size_t errlen)
{
    ml_scn_t *scn;
    *out = NULL;
    if (ml_scn_read(path, &scn, err, errlen))
        return -1;
    return load(scn, path, out, err, errlen);
}

int wb_scenario_builtin(const char *name, wb_scenario_t **out, char *err, size_t errlen)
{
    char path[4096];
    *out = NULL;
    if (!wb_scenario_path(name, path, sizeof path)) {
        snprintf(err, errlen, "no built-in scenario '%s' (--list shows them)", name);
        return -1;
    }
    return wb_scenario_read(path, out, err, errlen);
}

void wb_scenario_free(wb_scenario_t *s)
{
    if (!s)
        return;
    wb_world_free(s->world);
    free(s->ops);
    free(s);
}
