// expect.c — support for the layout lab: expect files, the answers a person
// (or `layout --record`) wrote down for a recorded maps file, and the
// comparison of layout_classify with them (`layout --maps F --expect E`).
//
// The format, one address per line (labs/layout/data/*.expect are examples):
//
//   # text after '#' is a comment; blank lines are ignored
//   ADDR KIND [OBJECT]
//   0x401000 text first-code
//   7f3a18600640 tls
//
//   ADDR    hexadecimal, with or without 0x, at most 16 digits
//   KIND    a kind's name as layout_kind_name spells it: unmapped, text,
//           rodata, data, bss, heap, mmap, stack, thread-stack, tls, library,
//           vdso, file, other ("unknown" is not an answer)
//   OBJECT  optional: one word of printable ASCII naming the address (at
//           most 63 bytes)
//
// Fields are separated by spaces or tabs. Anything else is an error
// "FILE:LINE: what is wrong", and the file is rejected as a whole.
#include "support/program.h"
#include "memlab/grow.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

// parse_addr — a hexadecimal address of 1..16 digits, "0x" allowed.
static int parse_addr(const char *s, uintptr_t *out)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    uint64_t v = 0;
    int digits = 0;
    for (; *s != '\0'; s++, digits++) {
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (*s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else
            return -1;
        if (digits == 16)
            return -1;
        v = v << 4 | (uint64_t)d;
    }
    if (digits == 0)
        return -1;
    *out = (uintptr_t)v;
    return 0;
}

// parse_line — one non-comment line (already cut at '#' and '\n') into `e`.
// Returns 0, 1 for a blank line, or -1 with the reason in why.
static int parse_line(char *line, layout_expect_entry_t *e, char *why, size_t len)
{
    const char *sep = " \t\r";
    char *save = NULL;
    char *addr = strtok_r(line, sep, &save);
    if (addr == NULL)
        return 1;
    char *kind = strtok_r(NULL, sep, &save);
    char *object = kind ? strtok_r(NULL, sep, &save) : NULL;
    char *extra = object ? strtok_r(NULL, sep, &save) : NULL;
    if (parse_addr(addr, &e->addr) != 0) {
        snprintf(why, len, "'%.40s' is not a hexadecimal address (at most 16 digits)", addr);
        return -1;
    }
    if (kind == NULL) {
        snprintf(why, len, "the address %.40s has no kind after it (ADDR KIND [OBJECT])", addr);
        return -1;
    }
    e->kind = layout_kind_from_name(kind);
    if (e->kind == LAYOUT_UNKNOWN) {
        snprintf(why, len,
                 "'%.40s' is not a kind (unmapped, text, rodata, data, bss, heap, mmap, stack, "
                 "thread-stack, tls, library, vdso, file, other)",
                 kind);
        return -1;
    }
    if (extra != NULL) {
        snprintf(why, len, "'%.40s' after the object name: one line is ADDR KIND [OBJECT]", extra);
        return -1;
    }
    if (object != NULL && strlen(object) >= sizeof e->object) {
        snprintf(why, len, "the object name is longer than %zu bytes", sizeof e->object - 1);
        return -1;
    }
    for (const char *c = object; c != NULL && *c != '\0'; c++)
        if (*c < '!' || *c > '~') {
            snprintf(why, len, "the object name has a byte 0x%02x: use printable ASCII",
                     (unsigned char)*c);
            return -1;
        }
    snprintf(e->object, sizeof e->object, "%s", object ? object : "");
    return 0;
}

int layout_expect_read(FILE *in, const char *name, layout_expect_t *x, char *err, size_t errlen)
{
    memset(x, 0, sizeof *x);
    char *line = NULL, why[256];
    size_t cap = 0;
    ssize_t got;
    unsigned lineno = 0;
    while ((got = getline(&line, &cap, in)) >= 0) {
        lineno++;
        if (strlen(line) != (size_t)got) {
            snprintf(err, errlen, "%s:%u: a NUL byte in the line (an expect file is text)", name,
                     lineno);
            goto fail;
        }
        line[strcspn(line, "#\n")] = '\0';
        layout_expect_entry_t e = { .line = lineno };
        int rc = parse_line(line, &e, why, sizeof why);
        if (rc < 0) {
            snprintf(err, errlen, "%s:%u: %s", name, lineno, why);
            goto fail;
        }
        if (rc > 0)
            continue;
        if (!ML_GROW_ARRAY(x->entries, x->cap, x->n + 1, 32)) {
            snprintf(err, errlen, "%s:%u: out of memory", name, lineno);
            goto fail;
        }
        x->entries[x->n++] = e;
    }
    if (ferror(in)) {
        snprintf(err, errlen, "%s:%u: cannot read the file", name, lineno + 1);
        goto fail;
    }
    if (x->n == 0) {
        snprintf(err, errlen, "%s:%u: no addresses (one line is ADDR KIND [OBJECT])", name,
                 lineno ? lineno : 1);
        goto fail;
    }
    free(line);
    return 0;
fail:
    free(line);
    layout_expect_free(x);
    return -1;
}

void layout_expect_free(layout_expect_t *x)
{
    free(x->entries);
    memset(x, 0, sizeof *x);
}

size_t layout_expect_check(FILE *out, const char *name, const layout_expect_t *x,
                           const layout_map_t *map, const layout_facts_t *facts)
{
    size_t wrong = 0;
    fprintf(out, "%-8s %-18s  %-12s  %-12s  %s\n", "line", "address", "expected", "yours",
            "object");
    for (size_t i = 0; i < x->n; i++) {
        const layout_expect_entry_t *e = &x->entries[i];
        layout_kind_t got = layout_classify(map, facts, e->addr);
        bool ok = got == e->kind;
        wrong += !ok;
        fprintf(out, "%-8u 0x%016" PRIxPTR "  %-12s  %-12s  %-20s %s\n", e->line, e->addr,
                layout_kind_name(e->kind), layout_kind_name(got), e->object[0] ? e->object : "-",
                ok ? "ok" : "DIFFERS");
    }
    fprintf(out, "%zu of %zu address%s in %s classified as expected", x->n - wrong, x->n,
            x->n == 1 ? "" : "es", name);
    if (wrong)
        fprintf(out, "; %zu differ%s", wrong, wrong == 1 ? "s" : "");
    fprintf(out, "\n");
    return wrong;
}

json_t *layout_expect_json(const layout_expect_t *x, const layout_map_t *map,
                           const layout_facts_t *facts)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < x->n; i++) {
        const layout_expect_entry_t *e = &x->entries[i];
        char hex[24];
        snprintf(hex, sizeof hex, "0x%" PRIxPTR, e->addr);
        layout_kind_t got = layout_classify(map, facts, e->addr);
        json_array_append_new(arr, json_pack("{s:i, s:s, s:s, s:s, s:s, s:b}", "line", (int)e->line,
                                             "addr", hex, "object", e->object, "expected",
                                             layout_kind_name(e->kind), "kind",
                                             layout_kind_name(got), "ok", got == e->kind));
    }
    return arr;
}
