// text.c — text the alignment suite writes and reads: a growing string
// buffer for generated C, and headers parsed with the lab's parser (cdecl.h).
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "alignment_suite.h"
#include "memlab/grow.h"

void suite_sb_printf(strbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    cr_assert(ML_GROW_ARRAY(b->s, b->cap, b->len + (size_t)n + 1, 4096),
              "internal: out of memory in the suite");
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void suite_sb_free(strbuf_t *b)
{
    free(b->s);
    *b = (strbuf_t){ 0 };
}

cdecl_file_t *suite_parse_text(const char *path, const char *text)
{
    char err[600];
    cdecl_file_t *f = cdecl_parse(path, text, strlen(text), 0, err, sizeof err);
    cr_assert(f != NULL, "internal: the suite's own header did not parse: %s", err);
    return f;
}

const cdecl_type_t *suite_find(const cdecl_file_t *f, const char *name)
{
    const cdecl_type_t *t = cdecl_find(f, name);
    cr_assert(t != NULL, "internal: no struct `%s` in the suite's header", name);
    return t;
}
