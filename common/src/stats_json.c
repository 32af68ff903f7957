// stats_json.c — runtime.MemStats as one JSON object (the names Go's
// runtime/mstats.go gives the fields, then PauseNs: the recent pauses,
// oldest first), written with jansson. Its own file so that a program
// linking the core pulls in jansson only if it prints MemStats as JSON.
#include <jansson.h>

#include "memlab/stats.h"
#include "stats_fields.h"

// ml_memstats_print_json — see stats.h. -1 on out of memory or a write error.
int ml_memstats_print_json(FILE *out, const ml_memstats_t *m)
{
    json_t *o = json_object(), *pauses = json_array();
    if (!o || !pauses) {
        json_decref(o);
        json_decref(pauses);
        return -1;
    }
    int bad = 0;
#define KV(name, field) bad |= json_object_set_new(o, name, json_integer((json_int_t)m->field));
    MEMSTATS_FIELDS(KV)
#undef KV
    uint32_t n = m->num_gc < ML_PAUSE_RING ? m->num_gc : ML_PAUSE_RING;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t cycle = m->num_gc - n + k; // oldest first
        bad |= json_array_append_new(pauses,
                                     json_integer((json_int_t)m->pause_ns[cycle % ML_PAUSE_RING]));
    }
    bad |= json_object_set_new(o, "PauseNs", pauses);
    if (!bad)
        bad = json_dumpf(o, out, JSON_PRESERVE_ORDER);
    json_decref(o);
    if (bad)
        return -1;
    fputc('\n', out);
    return ferror(out) ? -1 : 0;
}
