// workloads.c — the pools lab's workloads through each pool and malloc/free
// (see workloads.h).
//
// Each workload is written once per pool as a loop with direct calls (a
// macro expands the loop body for each pool), so an indirect call does not
// blur the difference between a few-instruction pool and malloc. Every run
// gets a fresh page heap; objects that bpool and spool make when they are
// empty come from malloc through a counting source, so their bytes are in
// the memory figures too.
#include "support/workloads.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/clock.h"
#include "pools.h"

#define HEAP_BYTES ((size_t)1 << 30)
#define RING 1024 // prodcons: messages in flight at most
#define NODE 48   // tree: bytes per node

static const char *const pool_names[PW_NPOOLS] = { "malloc",  "fixpool", "arena",
                                                   "bufpool", "bpool",   "spool" };
static const char *const work_names[PW_NWORKS] = { "churn", "batch", "buffers", "tree",
                                                   "prodcons" };

pw_config_t pw_default_config(void)
{
    return (pw_config_t){ .ops = 200000,
                          .size = 64,
                          .live = 1,
                          .min_size = 16,
                          .max_size = 64u << 10,
                          .tree_nodes = 1000,
                          .threads = 1,
                          .seed = 1 };
}

const char *pw_pool_name(pw_pool_t p)
{
    return p < PW_NPOOLS ? pool_names[p] : "?";
}

const char *pw_work_name(pw_work_t w)
{
    return w < PW_NWORKS ? work_names[w] : "?";
}

int pw_pool_parse(const char *name)
{
    for (int i = 0; i < PW_NPOOLS; i++)
        if (strcmp(name, pool_names[i]) == 0)
            return i;
    return -1;
}

int pw_work_parse(const char *name)
{
    for (int i = 0; i < PW_NWORKS; i++)
        if (strcmp(name, work_names[i]) == 0)
            return i;
    return -1;
}

bool pw_supported(pw_work_t w, pw_pool_t p)
{
    switch (w) {
    case PW_CHURN:
    case PW_BATCH: return p != PW_ARENA;
    case PW_BUFFERS: return p == PW_MALLOC || p == PW_BUFPOOL || p == PW_BPOOL || p == PW_SPOOL;
    case PW_TREE: return p == PW_MALLOC || p == PW_ARENA || p == PW_FIXPOOL;
    case PW_PRODCONS: return p == PW_MALLOC || p == PW_BPOOL || p == PW_SPOOL;
    default: return false;
    }
}

// ---- the counting source of bpool's and spool's new objects ----------------

typedef struct source {
    size_t size;
    atomic_size_t bytes, peak;
} source_t;

static void *source_new(void *arg)
{
    source_t *s = arg;
    void *p = malloc(s->size);
    if (!p)
        return NULL;
    size_t now = atomic_fetch_add(&s->bytes, s->size) + s->size;
    size_t peak = atomic_load(&s->peak);
    while (now > peak && !atomic_compare_exchange_weak(&s->peak, &peak, now))
        ;
    return p;
}

static void source_free(void *p, void *arg)
{
    source_t *s = arg;
    atomic_fetch_sub(&s->bytes, s->size);
    free(p);
}

// ---- one run's state ----------------------------------------------------------

typedef struct run {
    const pw_config_t *cfg;
    pw_work_t work;
    pw_pool_t pool;
    ml_pageheap_t *heap;
    source_t src;
    bpool_t bp; // shared by the threads
    spool_t sp;
    fixpool_t fp; // the single-threaded workloads' pools, destroyed
    bufpool_t bf; // after the memory they hold is measured
    arena_t ar;
    bool has_fp, has_bf, has_ar;
    atomic_bool failed;
    char why[160];
    atomic_ullong checksum;
} run_t;

static void fail(run_t *r, const char *fmt, const char *what)
{
    if (!atomic_exchange(&r->failed, true))
        snprintf(r->why, sizeof r->why, fmt, what);
}

static uint64_t next_rand(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

// bp_get / bp_put — a bounded pool in front of the source: get at once or
// make one; put or drop.
static inline void *bp_get(run_t *r)
{
    void *o = bpool_get(&r->bp, 0);
    return o ? o : source_new(&r->src);
}

static inline void bp_put(run_t *r, void *o)
{
    if (!bpool_put(&r->bp, o))
        source_free(o, &r->src);
}

// ---- churn --------------------------------------------------------------------

// CHURN — the loop, with GET() and PUT(o) the pool's calls.
#define CHURN(GET, PUT)                                      \
    do {                                                     \
        for (size_t i = 0; i < live; i++) {                  \
            if (!(slot[i] = GET()))                          \
                goto out_of_objects;                         \
            *(uint64_t *)slot[i] = i;                        \
        }                                                    \
        t0 = ml_thread_cpu_ns();                             \
        for (size_t i = 0; i < ops; i++) {                   \
            size_t k = live == 1 ? 0 : next_rand(&x) % live; \
            sum += *(uint64_t *)slot[k];                     \
            PUT(slot[k]);                                    \
            void *o = GET();                                 \
            if (!o)                                          \
                goto out_of_objects;                         \
            *(uint64_t *)o = i;                              \
            slot[k] = o;                                     \
        }                                                    \
        t1 = ml_thread_cpu_ns();                             \
        for (size_t i = 0; i < live; i++)                    \
            PUT(slot[i]);                                    \
    } while (0)

// BATCH — get `live` objects, write them, give them all back (last first).
#define BATCH(GET, PUT)                                  \
    do {                                                 \
        t0 = ml_thread_cpu_ns();                         \
        for (size_t i = 0; i + live <= ops; i += live) { \
            for (size_t j = 0; j < live; j++) {          \
                if (!(slot[j] = GET()))                  \
                    goto out_of_objects;                 \
                *(uint64_t *)slot[j] = i + j;            \
            }                                            \
            for (size_t j = live; j-- > 0;) {            \
                sum += *(uint64_t *)slot[j];             \
                PUT(slot[j]);                            \
            }                                            \
        }                                                \
        t1 = ml_thread_cpu_ns();                         \
    } while (0)

// LOOP — the workload the run asked for, churn or batch.
#define LOOP(GET, PUT)       \
    do {                     \
        if (batch)           \
            BATCH(GET, PUT); \
        else                 \
            CHURN(GET, PUT); \
    } while (0)

typedef struct thread_arg {
    run_t *r;
    int index;
    uint64_t ns;
    fixpool_t fp; // a thread's own pools (churn), destroyed by the
    bufpool_t bf; // driver after the memory is measured
    bool has_fp, has_bf;
} thread_arg_t;

static void *churn_thread(void *arg)
{
    thread_arg_t *ta = arg;
    run_t *r = ta->r;
    size_t live = r->cfg->live, ops = r->cfg->ops, size = r->cfg->size;
    bool batch = r->work == PW_BATCH;
    void **slot = calloc(live, sizeof *slot);
    uint64_t x = r->cfg->seed * 2654435761u + (uint64_t)ta->index + 1, sum = 0, t0 = 0, t1 = 0;
    fixpool_t *fp = &ta->fp;
    bufpool_t *bf = &ta->bf;
    switch (r->pool) {
    case PW_MALLOC:
#define M_GET() malloc(size)
#define M_PUT(o) free(o)
        LOOP(M_GET, M_PUT);
        break;
    case PW_FIXPOOL:
        if (fixpool_init(fp, r->heap, size, r->cfg->debug) != 0) {
            fail(r, "%s: fixpool_init failed", "churn");
            break;
        }
        ta->has_fp = true;
#define F_GET() fixpool_get(fp)
#define F_PUT(o) fixpool_put(fp, o)
        LOOP(F_GET, F_PUT);
        break;
    case PW_BUFPOOL: bufpool_init(bf, r->heap, 2 * live); ta->has_bf = true;
#define B_GET() bufpool_get(bf, size)
#define B_PUT(o) bufpool_put(bf, o)
        LOOP(B_GET, B_PUT);
        break;
    case PW_BPOOL:
#define Q_GET() bp_get(r)
#define Q_PUT(o) bp_put(r, o)
        LOOP(Q_GET, Q_PUT);
        break;
    case PW_SPOOL:
#define S_GET() spool_get(&r->sp)
#define S_PUT(o) spool_put(&r->sp, o)
        LOOP(S_GET, S_PUT);
        break;
    default: break;
    }
    ta->ns = t1 - t0;
    atomic_fetch_add(&r->checksum, sum);
    free(slot);
    return NULL;
out_of_objects:
    fail(r, "%s: the pool returned NULL on a heap with room", pool_names[r->pool]);
    ta->ns = 0;
    free(slot);
    return NULL;
}

// ---- buffers ------------------------------------------------------------------

// buffer_size — log-uniform in [min, max].
static size_t buffer_size(uint64_t *x, size_t min, size_t max)
{
    int lo = 63 - __builtin_clzll(min), hi = 63 - __builtin_clzll(max);
    int k = lo + (int)(next_rand(x) % (uint64_t)(hi - lo + 1));
    size_t n = ((size_t)1 << k) + next_rand(x) % ((size_t)1 << k);
    return n < min ? min : n > max ? max : n;
}

// load_tail / store_tail — the last 8 bytes of an n-byte buffer (any n ≥ 8,
// so possibly unaligned).
static inline uint64_t load_tail(const void *buf, size_t n)
{
    uint64_t v;
    memcpy(&v, (const char *)buf + n - 8, 8);
    return v;
}

static inline void store_tail(void *buf, size_t n, uint64_t v)
{
    memcpy((char *)buf + n - 8, &v, 8);
}

#define BUFFERS(GET, PUT)                                               \
    do {                                                                \
        t0 = ml_thread_cpu_ns();                                        \
        for (size_t i = 0; i < ops; i++) {                              \
            size_t k = i % live;                                        \
            if (req[k]) {                                               \
                sum += *(uint64_t *)req[k] + load_tail(resp[k], rn[k]); \
                PUT(req[k], qn[k]);                                     \
                PUT(resp[k], rn[k]);                                    \
                inflight -= qn[k] + rn[k];                              \
            }                                                           \
            qn[k] = buffer_size(&x, min, max);                          \
            rn[k] = buffer_size(&x, min, max);                          \
            req[k] = GET(qn[k]);                                        \
            resp[k] = GET(rn[k]);                                       \
            if (!req[k] || !resp[k])                                    \
                goto out_of_buffers;                                    \
            inflight += qn[k] + rn[k];                                  \
            if (inflight > peak)                                        \
                peak = inflight;                                        \
            *(uint64_t *)req[k] = i;                                    \
            store_tail(resp[k], rn[k], i);                              \
        }                                                               \
        t1 = ml_thread_cpu_ns();                                        \
        for (size_t k = 0; k < live; k++)                               \
            if (req[k]) {                                               \
                PUT(req[k], qn[k]);                                     \
                PUT(resp[k], rn[k]);                                    \
            }                                                           \
    } while (0)

static int run_buffers(run_t *r, uint64_t *ns, size_t *malloc_peak)
{
    size_t live = r->cfg->live, ops = r->cfg->ops, min = r->cfg->min_size, max = r->cfg->max_size;
    void **req = calloc(live, sizeof *req), **resp = calloc(live, sizeof *resp);
    size_t *qn = calloc(live, sizeof *qn), *rn = calloc(live, sizeof *rn);
    uint64_t x = r->cfg->seed * 2654435761u + 1, sum = 0, t0 = 0, t1 = 0;
    size_t inflight = 0, peak = 0;
    bufpool_t *bf = &r->bf;
    switch (r->pool) {
    case PW_MALLOC:
#define MB_GET(n) malloc(n)
#define MB_PUT(o, n) free(o)
        BUFFERS(MB_GET, MB_PUT);
        break;
    case PW_BUFPOOL: bufpool_init(bf, r->heap, 2 * live); r->has_bf = true;
#define BB_GET(n) bufpool_get(bf, n)
#define BB_PUT(o, n) bufpool_put(bf, o)
        BUFFERS(BB_GET, BB_PUT);
        break;
    case PW_BPOOL:
#define QB_GET(n) bp_get(r)
#define QB_PUT(o, n) bp_put(r, o)
        BUFFERS(QB_GET, QB_PUT);
        break;
    case PW_SPOOL:
#define SB_GET(n) spool_get(&r->sp)
#define SB_PUT(o, n) spool_put(&r->sp, o)
        BUFFERS(SB_GET, SB_PUT);
        break;
    default: break;
    }
    *ns = t1 - t0;
    *malloc_peak = peak;
    atomic_fetch_add(&r->checksum, sum);
    free(req), free(resp), free(qn), free(rn);
    return 0;
out_of_buffers:
    fail(r, "%s: the pool returned NULL on a heap with room", pool_names[r->pool]);
    free(req), free(resp), free(qn), free(rn);
    return -1;
}

// ---- tree ---------------------------------------------------------------------

// A node: left, right, value, and padding to NODE bytes. Node i's children
// are nodes 2i+1 and 2i+2 (a complete binary tree, built breadth first).
#define TREE(ALLOC, DROP_ALL)                                                  \
    do {                                                                       \
        t0 = ml_thread_cpu_ns();                                               \
        for (size_t q = 0; q < requests; q++) {                                \
            for (size_t i = 0; i < n; i++) {                                   \
                uint64_t *nd = ALLOC();                                        \
                if (!nd)                                                       \
                    goto out_of_nodes;                                         \
                nd[0] = nd[1] = 0;                                             \
                nd[2] = i + q;                                                 \
                nodes[i] = nd;                                                 \
                if (i > 0)                                                     \
                    nodes[(i - 1) / 2][(i - 1) % 2] = (uint64_t)(uintptr_t)nd; \
            }                                                                  \
            size_t top = 0;                                                    \
            stack[top++] = nodes[0];                                           \
            while (top) {                                                      \
                uint64_t *nd = stack[--top];                                   \
                sum += nd[2];                                                  \
                if (nd[0])                                                     \
                    stack[top++] = (uint64_t *)(uintptr_t)nd[0];               \
                if (nd[1])                                                     \
                    stack[top++] = (uint64_t *)(uintptr_t)nd[1];               \
            }                                                                  \
            DROP_ALL();                                                        \
        }                                                                      \
        t1 = ml_thread_cpu_ns();                                               \
    } while (0)

static int run_tree(run_t *r, uint64_t *ns)
{
    size_t n = r->cfg->tree_nodes, requests = (r->cfg->ops + n - 1) / n;
    uint64_t **nodes = calloc(n, sizeof *nodes), **stack = calloc(n + 1, sizeof *stack);
    uint64_t sum = 0, t0 = 0, t1 = 0;
    arena_t *ar = &r->ar;
    fixpool_t *fp = &r->fp;
    switch (r->pool) {
    case PW_MALLOC:
#define MT_ALLOC() malloc(NODE)
#define MT_DROP()                  \
    for (size_t i = 0; i < n; i++) \
    free(nodes[i])
        TREE(MT_ALLOC, MT_DROP);
        break;
    case PW_ARENA: arena_init(ar, r->heap, 0); r->has_ar = true;
#define AT_ALLOC() arena_alloc(ar, NODE, 8)
#define AT_DROP() arena_reset(ar)
        TREE(AT_ALLOC, AT_DROP);
        break;
    case PW_FIXPOOL: fixpool_init(fp, r->heap, NODE, r->cfg->debug); r->has_fp = true;
#define FT_ALLOC() fixpool_get(fp)
#define FT_DROP()                  \
    for (size_t i = 0; i < n; i++) \
    fixpool_put(fp, nodes[i])
        TREE(FT_ALLOC, FT_DROP);
        break;
    default: break;
    }
    *ns = t1 - t0;
    atomic_fetch_add(&r->checksum, sum);
    free(nodes), free(stack);
    return 0;
out_of_nodes:
    fail(r, "%s: the pool returned NULL on a heap with room", pool_names[r->pool]);
    free(nodes), free(stack);
    return -1;
}

// ---- prodcons -----------------------------------------------------------------

typedef struct channel {
    void *slot[RING];
    _Alignas(64) atomic_size_t head; // written by the producer
    _Alignas(64) atomic_size_t tail; // written by the consumer
} channel_t;

typedef struct pc {
    run_t *r;
    channel_t ch;
} pc_t;

static void *producer(void *arg)
{
    pc_t *pc = arg;
    run_t *r = pc->r;
    size_t ops = r->cfg->ops, size = r->cfg->size;
    for (size_t i = 0; i < ops; i++) {
        void *m = r->pool == PW_MALLOC  ? malloc(size)
                  : r->pool == PW_BPOOL ? bp_get(r)
                                        : spool_get(&r->sp);
        if (!m) {
            fail(r, "%s: the pool returned NULL", pool_names[r->pool]);
            m = malloc(size); // keep the consumer fed
        }
        *(uint64_t *)m = i;
        size_t h = atomic_load_explicit(&pc->ch.head, memory_order_relaxed);
        while (h - atomic_load_explicit(&pc->ch.tail, memory_order_acquire) == RING)
            sched_yield();
        pc->ch.slot[h % RING] = m;
        atomic_store_explicit(&pc->ch.head, h + 1, memory_order_release);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    pc_t *pc = arg;
    run_t *r = pc->r;
    uint64_t sum = 0;
    for (size_t i = 0; i < r->cfg->ops; i++) {
        size_t t = atomic_load_explicit(&pc->ch.tail, memory_order_relaxed);
        while (atomic_load_explicit(&pc->ch.head, memory_order_acquire) == t)
            sched_yield();
        void *m = pc->ch.slot[t % RING];
        atomic_store_explicit(&pc->ch.tail, t + 1, memory_order_release);
        sum += *(uint64_t *)m;
        if (r->pool == PW_MALLOC)
            free(m);
        else if (r->pool == PW_BPOOL)
            bp_put(r, m);
        else
            spool_put(&r->sp, m);
    }
    atomic_fetch_add(&r->checksum, sum);
    return NULL;
}

// ---- the driver ---------------------------------------------------------------

int pw_run(pw_work_t w, pw_pool_t p, const pw_config_t *cfg, pw_result_t *res)
{
    memset(res, 0, sizeof *res);
    if (!pw_supported(w, p)) {
        snprintf(res->why, sizeof res->why, "%s does not run through %s", pw_work_name(w),
                 pw_pool_name(p));
        return -1;
    }
    run_t *r = calloc(1, sizeof *r);
    r->cfg = cfg;
    r->work = w;
    r->pool = p;
    r->heap = ml_pageheap_new(HEAP_BYTES);
    r->src.size = w == PW_BUFFERS ? cfg->max_size : cfg->size;
    if (!r->heap) {
        snprintf(res->why, sizeof res->why, "cannot reserve a page heap");
        free(r);
        return -1;
    }
    size_t cap = (cfg->live * 2 + RING) * (size_t)cfg->threads;
    if (p == PW_BPOOL && bpool_init(&r->bp, r->heap, cap) != 0)
        fail(r, "%s: bpool_init failed", "bpool");
    if (p == PW_SPOOL && spool_init(&r->sp, r->heap, source_new, source_free, &r->src) != 0)
        fail(r, "%s: spool_init failed", "spool");
    bool per_thread = w == PW_CHURN || w == PW_BATCH;
    int threads = per_thread ? cfg->threads : w == PW_PRODCONS ? 2 : 1;
    uint64_t ns = 0;
    size_t malloc_peak = 0;
    thread_arg_t *ta = calloc(64, sizeof *ta);
    if (!atomic_load(&r->failed)) {
        if (per_thread) {
            pthread_t t[64];
            for (int i = 0; i < threads; i++) {
                ta[i] = (thread_arg_t){ .r = r, .index = i };
                pthread_create(&t[i], NULL, churn_thread, &ta[i]);
            }
            for (int i = 0; i < threads; i++) {
                pthread_join(t[i], NULL);
                ns = ta[i].ns > ns ? ta[i].ns : ns;
            }
            malloc_peak = cfg->live * cfg->size * (size_t)threads;
        } else if (w == PW_BUFFERS) {
            run_buffers(r, &ns, &malloc_peak);
        } else if (w == PW_TREE) {
            run_tree(r, &ns);
            malloc_peak = cfg->tree_nodes * NODE;
        } else {
            pc_t *pc = calloc(1, sizeof *pc);
            pc->r = r;
            pthread_t pt, ct;
            uint64_t t0 = ml_now_ns();
            pthread_create(&pt, NULL, producer, pc);
            pthread_create(&ct, NULL, consumer, pc);
            pthread_join(pt, NULL);
            pthread_join(ct, NULL);
            ns = ml_now_ns() - t0;
            free(pc);
            malloc_peak = RING * cfg->size;
        }
    }
    size_t ops_per_thread =
        w == PW_TREE    ? (cfg->ops + cfg->tree_nodes - 1) / cfg->tree_nodes * cfg->tree_nodes
        : w == PW_BATCH ? cfg->ops / cfg->live * cfg->live
                        : cfg->ops;
    res->ops = ops_per_thread * (size_t)(per_thread ? threads : 1);
    res->ns_per_op = ops_per_thread ? (double)ns / (double)ops_per_thread : 0;
    res->checksum = atomic_load(&r->checksum);
    ml_pageheap_stats_t st = ml_pageheap_stats(r->heap);
    if (p == PW_MALLOC) {
        res->peak = malloc_peak;
        res->held = 0;
    } else {
        res->peak = st.peak_inuse + atomic_load(&r->src.peak);
        res->held = st.inuse + atomic_load(&r->src.bytes);
    }
    for (int i = 0; i < threads && per_thread; i++) {
        if (ta[i].has_fp)
            fixpool_destroy(&ta[i].fp);
        if (ta[i].has_bf)
            bufpool_destroy(&ta[i].bf);
    }
    free(ta);
    if (r->has_fp)
        fixpool_destroy(&r->fp);
    if (r->has_bf)
        bufpool_destroy(&r->bf);
    if (r->has_ar)
        arena_destroy(&r->ar);
    if (p == PW_BPOOL)
        bpool_destroy(&r->bp, source_free, &r->src);
    if (p == PW_SPOOL)
        spool_destroy(&r->sp);
    res->ok = !atomic_load(&r->failed);
    if (!res->ok)
        snprintf(res->why, sizeof res->why, "%s", r->why);
    ml_pageheap_destroy(r->heap);
    free(r);
    return res->ok ? 0 : -1;
}
