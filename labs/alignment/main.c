// main.c — the alignment lab's program: `alignment FILE.h` prints, for every
// struct and union in a header, where each byte goes (a pahole-style report
// from the student's structlayout.c) and the member order that makes the
// struct smallest. `--json` prints the same numbers for other programs.
//
// The header is read by the provided parser (cdecl.h); `--cpp` runs the C
// preprocessor first, so that real headers with #include and #ifdef work:
//     build/solution/bin/alignment --cpp /usr/include/stdio.h
#include <errno.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <jansson.h>

#include "support/cdecl/cdecl.h"
#include "structlayout.h"

extern char **environ;

static void usage(FILE *out)
{
    fprintf(out, "usage: alignment [options] FILE.h   (FILE \"-\" reads standard input)\n"
                 "\n"
                 "For every struct and union declared in FILE: the offset, size and alignment\n"
                 "of each member, the holes and padding (a pahole-style report), and the member\n"
                 "order that makes the struct smallest, as the x86-64 System V ABI lays it out.\n"
                 "\n"
                 "options:\n"
                 "  -s, --struct NAME   only this struct or union (a tag or a typedef name)\n"
                 "  -j, --json          print JSON instead of reports\n"
                 "  -k, --keep-going    skip declarations outside the supported subset of C\n"
                 "                      (noted on stderr) instead of stopping at the first\n"
                 "      --cpp           run the C preprocessor (cc -E -P) on FILE first, so\n"
                 "                      #include, #define and #ifdef work; implies --keep-going\n"
                 "  -I DIR              with --cpp: also look for #include files in DIR\n"
                 "  -n, --no-order      reports only, without the suggested member order\n"
                 "  -h, --help          this help\n"
                 "\n"
                 "exit status: 0 success, 1 bad input (a declaration outside the subset, an\n"
                 "unreadable file, no such struct), 2 bad usage.\n"
                 "The supported subset of C is described in labs/alignment/README.md.\n");
}

#define MAX_INCLUDES 16

// preprocess — the output of `cc -E -P [-I dir...] path`, as a malloc'd
// buffer with its length in *len; NULL (and a message on stderr) when it
// cannot be had.
static char *preprocess(const char *path, char **includes, int nincludes, size_t *len)
{
    char tmpl[] = "/tmp/memlab-alignment-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        fprintf(stderr, "alignment: cannot create a temporary file: %s\n", strerror(errno));
        return NULL;
    }
    unlink(tmpl);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, STDOUT_FILENO);
    char *argv[8 + 2 * MAX_INCLUDES] = { "cc", "-E", "-P", "-x", "c" };
    int argc = 5;
    for (int i = 0; i < nincludes; i++) {
        argv[argc++] = "-I";
        argv[argc++] = includes[i];
    }
    argv[argc++] = (char *)path;
    argv[argc] = NULL;
    pid_t pid;
    int err = posix_spawnp(&pid, "cc", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    if (err == 0 && waitpid(pid, &status, 0) < 0)
        err = errno;
    if (err || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "alignment: %s: the C preprocessor (cc -E -P) failed%s%s\n", path,
                err ? ": " : "", err ? strerror(err) : "");
        close(fd);
        return NULL;
    }
    off_t size = lseek(fd, 0, SEEK_END);
    char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (!buf || pread(fd, buf, (size_t)size, 0) != size) {
        fprintf(stderr, "alignment: %s: cannot read the preprocessed header\n", path);
        free(buf);
        close(fd);
        return NULL;
    }
    close(fd);
    *len = (size_t)size;
    return buf;
}

// ---- text output -------------------------------------------------------------

// inner_aggregate — the struct or union a member's type is built on (through
// arrays and pointers), or NULL.
static const cdecl_type_t *inner_aggregate(const cdecl_type_t *t)
{
    while (t != NULL && (t->kind == CDECL_ARRAY || t->kind == CDECL_POINTER))
        t = t->elem;
    return t != NULL && (t->kind == CDECL_STRUCT || t->kind == CDECL_UNION) ? t : NULL;
}

// print_decl — member m's declaration as C that compiles: the parser's
// `decl`, where a struct or union defined in place ("struct {...}", the
// parser's short form) is written out with its members, recursively.
static void print_decl(FILE *out, const cdecl_member_t *m)
{
    const char *body = strstr(m->decl, "{...}");
    const cdecl_type_t *in = body != NULL ? inner_aggregate(m->type) : NULL;
    if (in == NULL) {
        fputs(m->decl, out);
        return;
    }
    fprintf(out, "%.*s{ ", (int)(body - m->decl), m->decl);
    for (size_t i = 0; i < in->nmembers; i++) {
        print_decl(out, &in->members[i]);
        fputs("; ", out);
    }
    fprintf(out, "}%s", body + 5);
}

// print_order — the struct with its members in the suggested order, when
// that order is smaller or has fewer pointer bytes, as C that compiles when
// pasted into a header (in place of the original definition): anonymous
// members written out, a typedef'd struct without a tag as a typedef.
static void print_order(const cdecl_type_t *agg)
{
    if (agg->kind != CDECL_STRUCT)
        return;
    size_t *order = malloc(agg->nmembers * sizeof(*order));
    if (!order)
        return;
    sl_stats_t now = sl_stats(agg);
    sl_order_t best = sl_optimal_order(agg, order);
    if (best.size < now.size || best.ptrbytes < now.ptrbytes) {
        printf("/* suggested order: size %zu (now %zu), pointer bytes %zu (now %zu) */\n",
               best.size, now.size, best.ptrbytes, now.ptrbytes);
        bool typedefd = agg->tag == NULL;
        if (typedefd)
            printf("typedef struct {\n");
        else
            printf("struct %s {\n", agg->tag);
        for (size_t k = 0; k < agg->nmembers; k++) {
            putchar('\t');
            if (order[k] < agg->nmembers)
                print_decl(stdout, &agg->members[order[k]]);
            else
                printf("/* sl_optimal_order gave member %zu, out of range */", order[k]);
            printf(";\n");
        }
        if (typedefd)
            printf("} %s;\n", agg->name);
        else
            printf("};\n");
    }
    free(order);
}

// ---- JSON output -------------------------------------------------------------
// Built with jansson and written at once; the keys keep the order below.

// jstr — a JSON string, or null for a NULL `s`. Text that is not UTF-8 (a
// file name can be anything) has its non-ASCII bytes written as '?'.
static json_t *jstr(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    char *ascii = strdup(s);
    if (!ascii)
        return NULL;
    for (char *c = ascii; *c; c++)
        if ((unsigned char)*c >= 0x80)
            *c = '?';
    j = json_string(ascii);
    free(ascii);
    return j;
}

// json_aggregate — one struct or union: its layout, statistics, members and,
// for a struct with `with_order`, the suggested order. Exits on OOM.
static json_t *json_aggregate(const cdecl_type_t *agg, bool with_order)
{
    size_t n = agg->nmembers;
    sl_member_layout_t *m = calloc(n, sizeof(*m));
    size_t *order = calloc(n, sizeof(*order));
    if (!m || !order) {
        fprintf(stderr, "alignment: out of memory\n");
        exit(1);
    }
    sl_size_align_t sa = sl_layout(agg, m);
    sl_stats_t s = sl_stats(agg);
    json_t *members = json_array();
    for (size_t i = 0; i < n; i++) {
        const cdecl_member_t *mb = &agg->members[i];
        json_array_append_new(members,
                              json_pack("{s:o, s:o, s:o, s:I, s:I, s:I}", "name", jstr(mb->name),
                                        "decl", jstr(mb->decl), "type", jstr(mb->type_name),
                                        "offset", (json_int_t)m[i].offset, "size",
                                        (json_int_t)m[i].size, "align", (json_int_t)m[i].align));
    }
    json_t *o =
        json_pack("{s:o, s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "name",
                  jstr(agg->name), "kind", agg->kind == CDECL_UNION ? "union" : "struct", "line",
                  agg->line, "size", (json_int_t)sa.size, "align", (json_int_t)sa.align,
                  "cachelines", (json_int_t)s.cachelines, "sum_members", (json_int_t)s.sum_members,
                  "holes", (json_int_t)s.holes, "sum_holes", (json_int_t)s.sum_holes, "padding",
                  (json_int_t)s.padding, "ptrbytes", (json_int_t)s.ptrbytes, "members", members);
    if (o && with_order && agg->kind == CDECL_STRUCT) {
        sl_order_t best = sl_optimal_order(agg, order);
        json_t *ord = json_array();
        for (size_t k = 0; k < n; k++)
            json_array_append_new(ord, json_integer((json_int_t)order[k]));
        json_object_set_new(o, "optimal",
                            json_pack("{s:I, s:I, s:o}", "size", (json_int_t)best.size, "ptrbytes",
                                      (json_int_t)best.ptrbytes, "order", ord));
    }
    free(m);
    free(order);
    if (!o) {
        fprintf(stderr, "alignment: out of memory\n");
        exit(1);
    }
    return o;
}

// json_file — the whole file (or only the aggregate `only`) on stdout.
static void json_file(const cdecl_file_t *f, const cdecl_type_t *only, bool with_order)
{
    json_t *notes = json_array(), *aggs = json_array();
    for (size_t i = 0; i < f->nnotes; i++)
        json_array_append_new(notes, jstr(f->notes[i]));
    for (size_t i = 0; i < f->naggregates; i++)
        if (!only || f->aggregates[i] == only)
            json_array_append_new(aggs, json_aggregate(f->aggregates[i], with_order));
    json_t *root = json_pack("{s:o, s:I, s:o, s:o}", "file", jstr(f->path), "skipped",
                             (json_int_t)f->skipped, "notes", notes, "aggregates", aggs);
    if (!root || json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
        fprintf(stderr, "alignment: out of memory\n");
        exit(1);
    }
    putchar('\n');
    json_decref(root);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "struct", required_argument, NULL, 's' },
        { "json", no_argument, NULL, 'j' },
        { "keep-going", no_argument, NULL, 'k' },
        { "cpp", no_argument, NULL, 'P' },
        { "no-order", no_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *only_name = NULL;
    char *includes[MAX_INCLUDES];
    int nincludes = 0;
    bool json = false, cpp = false, with_order = true;
    unsigned flags = 0;
    int c;
    while ((c = getopt_long(argc, argv, "s:jknhI:", opts, NULL)) != -1) {
        switch (c) {
        case 's': only_name = optarg; break;
        case 'j': json = true; break;
        case 'k': flags |= CDECL_KEEP_GOING; break;
        case 'P':
            cpp = true;
            flags |= CDECL_KEEP_GOING;
            break;
        case 'n': with_order = false; break;
        case 'I':
            if (nincludes == MAX_INCLUDES) {
                fprintf(stderr, "alignment: at most %d -I options\n", MAX_INCLUDES);
                return 2;
            }
            includes[nincludes++] = optarg;
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (nincludes && !cpp) {
        fprintf(stderr, "alignment: -I needs --cpp\n");
        return 2;
    }
    if (optind != argc - 1) {
        fprintf(stderr, "alignment: expected one header file, got %d\n", argc - optind);
        usage(stderr);
        return 2;
    }
    const char *path = argv[optind];
    char err[600];
    cdecl_file_t *f;
    if (cpp) {
        if (strcmp(path, "-") == 0) {
            fprintf(stderr, "alignment: --cpp needs a file name, not standard input\n");
            return 2;
        }
        size_t len;
        char *text = preprocess(path, includes, nincludes, &len);
        if (!text)
            return 1;
        char *name = malloc(strlen(path) + 32);
        if (!name)
            return 1;
        sprintf(name, "%s (preprocessed)", path);
        f = cdecl_parse(name, text, len, flags, err, sizeof(err));
        free(text);
        free(name);
    } else {
        f = cdecl_parse_file(path, flags, err, sizeof(err));
    }
    if (!f) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    for (size_t i = 0; i < f->nnotes; i++)
        fprintf(stderr, "%s\n", f->notes[i]);
    const cdecl_type_t *only = NULL;
    if (only_name && !(only = cdecl_find(f, only_name))) {
        fprintf(stderr, "alignment: %s: no struct or union called `%s`\n", path, only_name);
        cdecl_free(f);
        return 1;
    }
    if (json) {
        json_file(f, only, with_order);
    } else {
        if (f->naggregates == 0)
            fprintf(stderr, "alignment: %s: no named struct or union\n", path);
        bool first = true;
        for (size_t i = 0; i < f->naggregates; i++) {
            if (only && f->aggregates[i] != only)
                continue;
            if (!first)
                putchar('\n');
            sl_report(stdout, f->aggregates[i]);
            if (with_order)
                print_order(f->aggregates[i]);
            first = false;
        }
    }
    cdecl_free(f);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "alignment: error writing output\n");
        return 1;
    }
    return 0;
}
