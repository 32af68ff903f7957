// fuzz_cdecl.c — fuzz target for the alignment lab's struct-declaration
// parser (labs/alignment/support/cdecl/, API in cdecl.h).
//
// Each input is parsed twice from a buffer of exactly its size: strictly and
// with CDECL_KEEP_GOING. Beyond "never crashes" (AddressSanitizer and UBSan
// watch every access), it checks:
//   - a rejection says "fuzz:LINE: text" with LINE a line of the input (or
//     the one after its last newline, where the parser meets the end), and a
//     shorter buffer gets a terminated prefix of the same message;
//   - a parsed file keeps the promises of cdecl.h, checked independently:
//     every listed aggregate is a complete struct or union, listed once,
//     after every listed aggregate it holds by value, found by cdecl_find
//     under its name; its members are complete where used by value, have
//     distinct names (through anonymous members too), a power-of-two
//     _Alignas of at most CDECL_MAX_ALIGNAS, and a flexible array member
//     only last in a struct with another member before it. The x86-64
//     System V size and alignment of every type reachable by value, computed
//     here, stay below 2^48, within the parser's size bound (bound_), and
//     agree with cdecl_basic_size (the parser's own sizeof for basic types,
//     pointers and arrays of them); the node count (nodes_) is exact and
//     below CDECL_MAX_NODES;
//   - each member's normalized declaration (`decl`, which reports and the
//     suggested member order print) is C that means the same: pasted into
//     an aggregate of its own after the input, it parses back to the same
//     layout and the same text;
//   - the two modes agree: a header parsed strictly parses the same with
//     CDECL_KEEP_GOING and no notes; one rejected strictly either fails
//     with CDECL_KEEP_GOING too, with "fuzz:LINE: text" (lexical errors,
//     unbalanced brackets in what it skips), or is kept going with a first
//     note that is the strict error; every note is "fuzz:LINE: ... skipped)".
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/cdecl/cdecl.h"
#include "support/cdecl/cdecl_int.h"
#include "fuzz.h"

const char ml_fuzz_name[] = "fuzz_cdecl";
const char ml_fuzz_accepted_what[] = "headers parsed strictly";
unsigned long long ml_fuzz_accepted;

static void check(bool ok, const char *what)
{
    ml_fuzz_check(ok, what);
}

// The last line a message may name: one past the last newline.
static unsigned long max_line;

// ---- a pointer -> value map, reset for each parse ----------------------------

typedef struct slot {
    const void *key;
    size_t val;
} slot_t;
typedef struct ptrmap {
    slot_t *v;
    size_t cap, n;
} ptrmap_t;

static size_t hash_ptr(const void *p, size_t cap)
{
    return (size_t)(((uintptr_t)p >> 4) * 0x9e3779b97f4a7c15ull) & (cap - 1);
}

// map_get — the value stored under key, or SIZE_MAX.
static size_t map_get(const ptrmap_t *m, const void *key)
{
    if (!m->cap)
        return SIZE_MAX;
    for (size_t i = hash_ptr(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->v[i].key == key)
            return m->v[i].val;
        if (!m->v[i].key)
            return SIZE_MAX;
    }
}

// map_put — store val under key (new or not).
static void map_put(ptrmap_t *m, const void *key, size_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        ptrmap_t g = { calloc(m->cap ? m->cap * 2 : 256, sizeof(slot_t)), m->cap ? m->cap * 2 : 256,
                       0 };
        check(g.v != NULL, "out of memory in the checker");
        for (size_t i = 0; i < m->cap; i++)
            if (m->v[i].key)
                map_put(&g, m->v[i].key, m->v[i].val);
        free(m->v);
        *m = g;
    }
    size_t i = hash_ptr(key, m->cap);
    while (m->v[i].key && m->v[i].key != key)
        i = (i + 1) & (m->cap - 1);
    m->n += !m->v[i].key;
    m->v[i] = (slot_t){ key, val };
}

static void map_free(ptrmap_t *m)
{
    free(m->v);
    *m = (ptrmap_t){ 0 };
}

// ---- the layout, computed independently of the parser ------------------------------

typedef struct lay {
    uint64_t size, align, nodes;
} lay_t;

static ptrmap_t memo; // type -> index into lays
static lay_t *lays;
static size_t nlays, caplays;

static bool pow2(uint64_t x)
{
    return x && !(x & (x - 1));
}

static uint64_t round_up(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

static lay_t layout(const cdecl_type_t *t);

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

// collect_names — the member names reachable from t directly (through
// anonymous members too), appended to (*names)[0..*n).
static void collect_names(const cdecl_type_t *t, const char ***names, size_t *n, size_t *cap)
{
    for (size_t i = 0; i < t->nmembers; i++) {
        const cdecl_member_t *m = &t->members[i];
        if (!m->name) {
            collect_names(m->type, names, n, cap);
            continue;
        }
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            *names = realloc(*names, *cap * sizeof(**names));
            check(*names != NULL, "out of memory in the checker");
        }
        (*names)[(*n)++] = m->name;
    }
}

// check_member — what cdecl.h promises of one member of aggregate t.
static void check_member(const cdecl_type_t *t, size_t i)
{
    const cdecl_member_t *m = &t->members[i];
    check(m->type != NULL && m->decl != NULL && m->type_name != NULL,
          "member without type or text");
    check(m->line >= 1 && (unsigned long)m->line <= max_line, "member on a line not in the input");
    check(m->alignas == 0 || (pow2(m->alignas) && m->alignas <= CDECL_MAX_ALIGNAS),
          "_Alignas not a power of two up to the maximum");
    if (m->name)
        check(strstr(m->decl, m->name) != NULL, "member declaration does not contain its name");
    else
        check((m->type->kind == CDECL_STRUCT || m->type->kind == CDECL_UNION) && !m->type->tag,
              "unnamed member that is not an anonymous struct or union");
    bool flexible = m->type->kind == CDECL_ARRAY && m->type->count == 0;
    if (flexible)
        check(t->kind == CDECL_STRUCT && i == t->nmembers - 1 && t->nmembers >= 2,
              "flexible array member not last in a struct with another member");
}

// aggregate_layout — size, alignment and nodes of struct or union t, laid
// out here (x86-64 System V), checking its members on the way.
static lay_t aggregate_layout(const cdecl_type_t *t)
{
    check(t->complete && t->state_ == 0, "incomplete struct or union used by value");
    check(t->name != NULL && t->line >= 1 && (unsigned long)t->line <= max_line,
          "struct or union without a name or a line in the input");
    check(t->nmembers >= 1 && t->members != NULL, "struct or union without members");
    uint64_t off = 0, max_size = 0, align = 1, nodes = 1;
    bool flexible = false;
    for (size_t i = 0; i < t->nmembers; i++) {
        const cdecl_member_t *m = &t->members[i];
        check_member(t, i);
        lay_t e;
        flexible = m->type->kind == CDECL_ARRAY && m->type->count == 0;
        if (flexible) {
            e = layout(m->type->elem);
            check(m->type->nodes_ == e.nodes + 1, "flexible array node count wrong");
            e.size = 0;
            e.nodes++;
        } else {
            e = layout(m->type);
        }
        uint64_t a = m->alignas > e.align ? m->alignas : e.align;
        off = round_up(off, a) + e.size;
        max_size = e.size > max_size ? e.size : max_size;
        align = a > align ? a : align;
        nodes += e.nodes;
    }
    check(flexible == t->has_flexible, "has_flexible does not match the last member");
    const char **names = NULL;
    size_t n = 0, cap = 0;
    collect_names(t, &names, &n, &cap);
    if (n > 1)
        qsort(names, n, sizeof(*names), by_string);
    for (size_t i = 1; i < n; i++)
        check(strcmp(names[i - 1], names[i]) != 0, "duplicate member name accepted");
    free(names);
    uint64_t size = round_up(t->kind == CDECL_STRUCT ? off : max_size, align);
    return (lay_t){ size, align, nodes };
}

// basic — whether t is a basic type, a pointer, or an array of those
// (what cdecl_basic_size measures).
static bool basic(const cdecl_type_t *t)
{
    while (t->kind == CDECL_ARRAY)
        t = t->elem;
    return t->kind == CDECL_SCALAR || t->kind == CDECL_POINTER;
}

// check_lay — the layout r computed here of t against the parser's
// numbers: the size bound, the node count, cdecl_basic_size.
static void check_lay(const cdecl_type_t *t, lay_t r)
{
    check(r.size < CDECL_MAX_BYTES, "type of 2^48 bytes or more");
    check(pow2(r.align) && r.align <= CDECL_MAX_ALIGNAS && r.size % r.align == 0,
          "alignment not a power of two up to the maximum dividing the size");
    check(r.size <= t->bound_, "size above the parser's bound");
    check(r.nodes == t->nodes_ && r.nodes < CDECL_MAX_NODES, "node count wrong or too large");
    if (basic(t))
        check(cdecl_basic_size(t, false) == r.size && cdecl_basic_size(t, true) == r.align,
              "cdecl_basic_size disagrees with the ABI");
    else
        check(cdecl_basic_size(t, false) == 0, "cdecl_basic_size measures a struct");
}

// whole — the layout of a listed aggregate: as layout(), but one ending in
// a flexible array member (never used by value) is allowed.
static lay_t whole(const cdecl_type_t *t)
{
    if (!t->has_flexible)
        return layout(t);
    lay_t r = aggregate_layout(t);
    check_lay(t, r);
    return r;
}

// layout — size, alignment and node count of a type used by value, checked
// against the parser's bound_, nodes_ and cdecl_basic_size.
static lay_t layout(const cdecl_type_t *t)
{
    static const unsigned char sizes[CDECL_NSCALARS] = {
        [CDECL_BOOL] = 1,  [CDECL_CHAR] = 1,   [CDECL_SCHAR] = 1,    [CDECL_UCHAR] = 1,
        [CDECL_SHORT] = 2, [CDECL_USHORT] = 2, [CDECL_INT] = 4,      [CDECL_UINT] = 4,
        [CDECL_LONG] = 8,  [CDECL_ULONG] = 8,  [CDECL_LLONG] = 8,    [CDECL_ULLONG] = 8,
        [CDECL_FLOAT] = 4, [CDECL_DOUBLE] = 8, [CDECL_LDOUBLE] = 16,
    };
    check(t != NULL && t->name != NULL, "missing type or type name");
    size_t k = map_get(&memo, t);
    if (k != SIZE_MAX)
        return lays[k];
    lay_t r;
    switch (t->kind) {
    case CDECL_SCALAR:
        check((unsigned)t->scalar < CDECL_NSCALARS, "unknown scalar");
        r = (lay_t){ sizes[t->scalar], sizes[t->scalar], 1 };
        break;
    case CDECL_POINTER:
        check(t->elem != NULL && t->elem->kind <= CDECL_VOID, "pointer to nothing");
        r = (lay_t){ 8, 8, 1 };
        break;
    case CDECL_ARRAY: {
        check(t->count > 0, "array of unknown size used by value");
        check(t->elem != NULL, "array of nothing");
        lay_t e = layout(t->elem);
        check(e.size <= CDECL_MAX_BYTES / t->count, "array larger than 2^48 bytes");
        r = (lay_t){ e.size * t->count, e.align, e.nodes + 1 };
        break;
    }
    case CDECL_STRUCT:
    case CDECL_UNION:
        check(!t->has_flexible, "struct with a flexible array member used by value");
        r = aggregate_layout(t);
        break;
    default:
        check(false, "void, a function or an unknown kind used by value");
        return (lay_t){ 0, 1, 0 };
    }
    check_lay(t, r);
    if (nlays == caplays) {
        caplays = caplays ? caplays * 2 : 256;
        lays = realloc(lays, caplays * sizeof(*lays));
        check(lays != NULL, "out of memory in the checker");
    }
    lays[nlays] = r;
    map_put(&memo, t, nlays++);
    return r;
}

// ---- a parsed file ---------------------------------------------------------------

static ptrmap_t listed; // aggregate -> its index in f->aggregates

// check_inner_first — every listed aggregate t holds by value (through
// arrays and unlisted aggregates defined in place) is listed before `index`.
static void check_inner_first(const cdecl_type_t *t, size_t index)
{
    for (size_t i = 0; i < t->nmembers; i++) {
        const cdecl_type_t *m = t->members[i].type;
        while (m->kind == CDECL_ARRAY)
            m = m->elem;
        if (m->kind != CDECL_STRUCT && m->kind != CDECL_UNION)
            continue;
        size_t k = map_get(&listed, m);
        if (k == SIZE_MAX)
            check_inner_first(m, index);
        else
            check(k < index, "an aggregate is listed before one it contains");
    }
}

// check_file — the promises of cdecl.h about a parsed file. Fills sizes[i]
// (if not NULL) with the layout of aggregate i.
static void check_file(const cdecl_file_t *f, lay_t *sizes)
{
    check(f->path != NULL && strcmp(f->path, "fuzz") == 0, "path not kept");
    check(f->naggregates == 0 || f->aggregates != NULL, "aggregates missing");
    for (size_t i = 0; i < f->naggregates; i++) {
        const cdecl_type_t *t = f->aggregates[i];
        check(t != NULL && (t->kind == CDECL_STRUCT || t->kind == CDECL_UNION),
              "a listed aggregate is not a struct or union");
        check(map_get(&listed, t) == SIZE_MAX, "an aggregate is listed twice");
        map_put(&listed, t, i);
        check(strstr(t->name, "{...}") == NULL, "an anonymous aggregate is listed");
        if (t->tag) {
            char want[512];
            snprintf(want, sizeof want, "%s %s", t->kind == CDECL_STRUCT ? "struct" : "union",
                     t->tag);
            check(strcmp(t->name, want) == 0, "a tagged aggregate is not named 'struct TAG'");
            check(cdecl_find(f, want) == t, "cdecl_find misses an aggregate by its tag");
        } else {
            check(cdecl_find(f, t->name) != NULL, "cdecl_find misses an aggregate by its name");
        }
    }
    for (size_t i = 0; i < f->naggregates; i++) {
        const cdecl_type_t *t = f->aggregates[i];
        check_inner_first(t, i);
        lay_t r = whole(t);
        if (sizes)
            sizes[i] = r;
    }
    check(cdecl_find(f, NULL) == NULL && cdecl_find(NULL, "x") == NULL, "cdecl_find of NULL");
}

// check_error — the message of a rejected input, and its truncation.
static void check_error(const uint8_t *data, size_t size, const char *err)
{
    unsigned long line = ml_fuzz_error_line(err, "fuzz");
    check(line >= 1 && line <= max_line, "error names a line not in the input");
    char small[17];
    size_t n = 1 + size % 16;
    memset(small, 'X', sizeof small);
    cdecl_file_t *f = cdecl_parse("fuzz", (const char *)data, size, 0, small, n);
    check(f == NULL, "the same input was accepted the second time");
    ml_fuzz_check_truncation(err, small, n);
}

static void reset_maps(void)
{
    map_free(&memo);
    map_free(&listed);
    nlays = 0;
}

// check_decls — each member's normalized declaration (`decl`) is C that
// means the same: the declarations of every listed aggregate, pasted into
// an aggregate of their own after the input, parse to the same layout.
// Aggregates with a member defined in place ("struct {...}") are left out,
// and so are copies the input hides (an open `#if 0` swallows them) or
// packs (an open `#pragma pack`).
static void check_decls(const uint8_t *data, size_t size, const cdecl_file_t *f, const lay_t *sizes)
{
    char *text = NULL, tag[64];
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    check(out != NULL, "open_memstream failed");
    fwrite(data, 1, size, out);
    fputs("\n;\n", out); // ends a trailing declaration the parser skipped
    bool *pasted = calloc(f->naggregates + 1, sizeof(*pasted));
    check(pasted != NULL, "out of memory in the checker");
    for (size_t i = 0; i < f->naggregates; i++) {
        const cdecl_type_t *t = f->aggregates[i];
        snprintf(tag, sizeof tag, "fuzz__decl__%zu", i);
        bool ok = cdecl_find(f, tag) == NULL;
        for (size_t k = 0; ok && k < t->nmembers; k++)
            ok = strstr(t->members[k].decl, "{...}") == NULL;
        if (!ok)
            continue;
        pasted[i] = true;
        fprintf(out, "%s %s {\n", t->kind == CDECL_STRUCT ? "struct" : "union", tag);
        for (size_t k = 0; k < t->nmembers; k++)
            fprintf(out, "    %s;\n", t->members[k].decl);
        fputs("};\n", out);
    }
    check(fclose(out) == 0, "open_memstream failed");
    char err[512];
    cdecl_file_t *h = cdecl_parse("fuzz", text, len, 0, err, sizeof err);
    if (!h && !strstr(err, "#pragma pack")) {
        fprintf(stderr, "fuzz_cdecl: the input with its members' declarations pasted after it:\n");
        fwrite(text, 1, len, stderr);
        fprintf(stderr, "\nis rejected: %s\n", err);
        check(false, "a member's normalized declaration does not parse back");
    }
    unsigned long saved = max_line;
    max_line = ml_fuzz_lines((const uint8_t *)text, len) + 1;
    for (size_t i = 0; h && i < f->naggregates; i++) {
        snprintf(tag, sizeof tag, "fuzz__decl__%zu", i);
        const cdecl_type_t *t = f->aggregates[i], *c = pasted[i] ? cdecl_find(h, tag) : NULL;
        if (!c)
            continue;
        lay_t r = whole(c);
        bool same =
            c->nmembers == t->nmembers && r.size == sizes[i].size && r.align == sizes[i].align;
        for (size_t k = 0; same && k < t->nmembers; k++) {
            const cdecl_member_t *a = &t->members[k], *b = &c->members[k];
            same = strcmp(a->name, b->name) == 0 && a->alignas == b->alignas &&
                   strcmp(a->decl, b->decl) == 0 && strcmp(a->type_name, b->type_name) == 0;
        }
        if (!same)
            fprintf(stderr, "fuzz_cdecl: %s and its members' declarations pasted as %s differ\n",
                    t->name, tag);
        check(same, "a member's normalized declaration means another type");
    }
    max_line = saved;
    reset_maps();
    cdecl_free(h);
    free(pasted);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    max_line = ml_fuzz_lines(data, size) + 1;
    char err[512], kerr[512];
    memset(err, 'X', sizeof err);
    memset(kerr, 'X', sizeof kerr);
    cdecl_file_t *f = cdecl_parse("fuzz", (const char *)data, size, 0, err, sizeof err);
    cdecl_file_t *g =
        cdecl_parse("fuzz", (const char *)data, size, CDECL_KEEP_GOING, kerr, sizeof kerr);
    lay_t *sizes = NULL;
    if (f) {
        sizes = calloc(f->naggregates + 1, sizeof(*sizes));
        check(sizes != NULL, "out of memory in the checker");
        check_file(f, sizes);
        check_decls(data, size, f, sizes);
        ml_fuzz_accepted++;
        check(g != NULL && g->nnotes == 0, "KEEP_GOING fails or notes what parses strictly");
        check(g->naggregates == f->naggregates && g->skipped == f->skipped,
              "KEEP_GOING parses differently");
    } else {
        check(memchr(err, '\0', sizeof err) != NULL, "error not terminated");
        check_error(data, size, err);
        if (!g) { // a lexical error, or unbalanced brackets where it skips
            unsigned long line = ml_fuzz_error_line(kerr, "fuzz");
            check(line >= 1 && line <= max_line,
                  "KEEP_GOING's error names a line not in the input");
        }
    }
    if (g) {
        check_file(g, NULL);
        for (size_t i = 0; f && i < g->naggregates; i++) {
            lay_t r = whole(g->aggregates[i]);
            check(strcmp(g->aggregates[i]->name, f->aggregates[i]->name) == 0 &&
                      r.size == sizes[i].size && r.align == sizes[i].align,
                  "KEEP_GOING lays an aggregate out differently");
        }
        reset_maps();
        check(g->nnotes == 0 || g->notes != NULL, "notes missing");
        for (size_t i = 0; i < g->nnotes; i++) {
            unsigned long line = ml_fuzz_error_line(g->notes[i], "fuzz");
            size_t n = strlen(g->notes[i]);
            check(line >= 1 && line <= max_line && n > 8 &&
                      strcmp(g->notes[i] + n - 8, "skipped)") == 0,
                  "a note is not 'fuzz:LINE: ... skipped)'");
        }
        if (!f) {
            // The strict error, without the hint only the strict mode adds.
            static const char hint[] = " (declared in an included header? try --cpp)";
            size_t n = strlen(err), h = sizeof hint - 1;
            if (n > h && strcmp(err + n - h, hint) == 0)
                n -= h;
            check(g->nnotes >= 1 && strncmp(g->notes[0], err, n) == 0,
                  "KEEP_GOING's first note is not the strict error");
        }
    }
    free(sizes);
    cdecl_free(f);
    cdecl_free(g);
    return 0;
}
