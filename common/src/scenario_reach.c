// scenario_reach.c — reachability on a scenario's description alone
// (memlab/scenario.h): which objects the roots reach, and by what path.
//
// This is the oracle the GC labs' tests trust: it knows nothing of any heap,
// marker or barrier, only the edges and roots the scenario declares. Both
// searches first put the edges in CSR form (start[o] .. start[o+1] index
// the targets of object o in adj[]), then walk them with an explicit stack
// or queue: no recursion, so a list of a million objects is fine.
#include <stdlib.h>
#include <string.h>

#include "memlab/scenario.h"

// csr — the adjacency of `s` in CSR form: *start (nobjs + 1 entries) and
// *adj. 0, or -1 when memory runs out (nothing to free then).
static int csr(const ml_scn_t *s, size_t **start_out, uint32_t **adj_out)
{
    size_t n = s->nobjs;
    size_t *start = calloc(n + 1, sizeof *start), *fill = calloc(n ? n : 1, sizeof *fill);
    uint32_t *adj = malloc((s->nedges ? s->nedges : 1) * sizeof *adj);
    if (!start || !fill || !adj) {
        free(start), free(fill), free(adj);
        return -1;
    }
    for (size_t e = 0; e < s->nedges; e++)
        if (s->edges[e].to != ML_SCN_NIL)
            start[s->edges[e].from + 1]++;
    for (size_t i = 0; i < n; i++)
        start[i + 1] += start[i];
    for (size_t e = 0; e < s->nedges; e++) {
        const ml_scn_edge_t *ed = &s->edges[e];
        if (ed->to != ML_SCN_NIL)
            adj[start[ed->from] + fill[ed->from]++] = ed->to;
    }
    free(fill);
    *start_out = start, *adj_out = adj;
    return 0;
}

// root_target — the object root r points to: globals first, then locals.
static uint32_t root_target(const ml_scn_t *s, uint32_t r)
{
    return r < s->nglobals ? s->globals[r].target : s->locals[r - s->nglobals].target;
}

bool *ml_scn_reachable(const ml_scn_t *s, size_t *count)
{
    size_t n = s->nobjs, found = 0, *start;
    uint32_t *adj;
    bool *seen = calloc(n ? n : 1, sizeof *seen);
    uint32_t *stack = malloc((n ? n : 1) * sizeof *stack);
    if (!seen || !stack || csr(s, &start, &adj)) {
        free(seen), free(stack);
        return NULL;
    }
    size_t sp = 0;
    for (uint32_t r = 0; r < s->nglobals + s->nlocals; r++) {
        uint32_t t = root_target(s, r);
        if (t != ML_SCN_NIL && !seen[t]) {
            seen[t] = true, found++;
            stack[sp++] = t;
        }
    }
    while (sp > 0) {
        uint32_t o = stack[--sp];
        for (size_t k = start[o]; k < start[o + 1]; k++)
            if (!seen[adj[k]]) {
                seen[adj[k]] = true, found++;
                stack[sp++] = adj[k];
            }
    }
    free(start), free(adj), free(stack);
    if (count)
        *count = found;
    return seen;
}

// root_label — "global NAME" or "local NAME of frame F (stack S)" for root r.
static void root_label(const ml_scn_t *s, uint32_t r, char *buf, size_t len)
{
    char a[32], b[32];
    if (r < s->nglobals) {
        snprintf(buf, len, "global %s", ml_scn_global_name(s, r, a, sizeof a));
        return;
    }
    uint32_t l = r - s->nglobals, f = ml_scn_frame_of_local(s, l);
    snprintf(buf, len, "local %s of frame %s (stack %s)", ml_scn_local_name(s, l, a, sizeof a),
             ml_scn_frame_name(s, f, b, sizeof b), s->stacks[s->frames[f].stack]);
}

const char *ml_scn_why_reachable(const ml_scn_t *s, uint32_t target, char *buf, size_t len)
{
    size_t n = s->nobjs, *start = NULL;
    uint32_t *adj = NULL;
    // Breadth-first from the roots, remembering each object's parent: an
    // object index, or ML_SCN_NIL - 1 - r for root r.
    uint32_t *parent = malloc((n ? n : 1) * sizeof *parent),
             *queue = malloc((n ? n : 1) * sizeof *queue);
    snprintf(buf, len, "unreachable");
    if (!parent || !queue || target >= n || csr(s, &start, &adj))
        goto out;
    memset(parent, 0xff, n * sizeof *parent);
    size_t qh = 0, qt = 0;
    uint32_t nroots = s->nglobals + s->nlocals;
    for (uint32_t r = 0; r < nroots; r++) {
        uint32_t t = root_target(s, r);
        if (t != ML_SCN_NIL && parent[t] == ML_SCN_NIL) {
            parent[t] = ML_SCN_NIL - 1 - r;
            queue[qt++] = t;
        }
    }
    while (qh < qt) {
        uint32_t o = queue[qh++];
        for (size_t k = start[o]; k < start[o + 1]; k++)
            if (parent[adj[k]] == ML_SCN_NIL) {
                parent[adj[k]] = o;
                queue[qt++] = adj[k];
            }
    }
    if (parent[target] == ML_SCN_NIL)
        goto out;
    // Walk back to the object a root points to, counting the hops, then
    // print "root → first → … → target".
    uint32_t o = target;
    size_t hops = 0;
    while (parent[o] < ML_SCN_NIL - nroots) {
        o = parent[o];
        hops++;
    }
    char root[160], nm[32];
    root_label(s, ML_SCN_NIL - 1 - parent[o], root, sizeof root);
    int used = snprintf(buf, len, "%s → %s", root, ml_scn_obj_name(s, o, nm, sizeof nm));
    if (hops > 0 && used > 0 && (size_t)used < len)
        snprintf(buf + used, len - (size_t)used, "%s → %s", hops > 1 ? " → …" : "",
                 ml_scn_obj_name(s, target, nm, sizeof nm));
out:
    free(parent), free(queue), free(start), free(adj);
    return buf;
}
