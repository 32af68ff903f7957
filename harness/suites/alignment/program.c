// program.c — the alignment suite's driver of the compiler: a generated C
// program with one printf per query (sizeof, _Alignof, offsetof), compiled
// with cc, run, and its answers read back.
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/grade.h"
#include "alignment_suite.h"

size_t suite_query(prog_t *p, const char *fmt, ...)
{
    char expr[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expr, sizeof expr, fmt, ap);
    va_end(ap);
    suite_sb_printf(&p->queries, "    printf(\"%%zu\\n\", (size_t)(%s));\n", expr);
    return p->nqueries++;
}

// run — run argv with stdout and stderr sent to files; its exit status, or
// -1 if it could not run or was killed.
static int run(char *const argv[], const char *out, const char *err)
{
    pid_t pid = fork();
    cr_assert(pid >= 0, "internal: fork failed: %s", strerror(errno));
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
            _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// slurp — the whole file at path (malloc'd, NUL-terminated), or NULL if it
// cannot be opened.
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    strbuf_t b = { 0 };
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        suite_sb_printf(&b, "%.*s", (int)n, chunk);
    fclose(f);
    return b.s ? b.s : calloc(1, 1);
}

// suite_prog_compile_and_run — write header + extra + main() to a C file, compile
// it with cc, run it, and read one number per query into p->answers.
void suite_prog_compile_and_run(prog_t *p, const char *header, const char *extra)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(p->dir, sizeof p->dir, "%s/memlab-align-XXXXXX",
             tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    cr_assert(mkdtemp(p->dir) != NULL, "internal: mkdtemp failed: %s", strerror(errno));
    char src[128], exe[128], out[128], err[128];
    snprintf(src, sizeof src, "%s/layout.c", p->dir);
    snprintf(exe, sizeof exe, "%s/layout", p->dir);
    snprintf(out, sizeof out, "%s/out.txt", p->dir);
    snprintf(err, sizeof err, "%s/err.txt", p->dir);
    FILE *f = fopen(src, "w");
    cr_assert(f != NULL, "internal: cannot write %s", src);
    fprintf(f,
            "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
            "#include <stdio.h>\n#include <sys/types.h>\n%s\n%s\nint main(void)\n{\n%s"
            "    return 0;\n}\n",
            header, extra ? extra : "", p->queries.s ? p->queries.s : "");
    fclose(f);
    char *cc[] = { "cc", "-std=gnu11", "-w", "-O0", "-o", exe, src, NULL };
    int rc = run(cc, out, err);
    if (rc != 0) {
        char *msg = slurp(err);
        cr_assert_fail("internal: the generated C file did not compile (exit %d; is cc "
                       "installed?): %.600s",
                       rc, msg ? msg : "");
    }
    char *prog[] = { exe, NULL };
    rc = run(prog, out, err);
    cr_assert(rc == 0, "internal: the generated program failed (exit %d)", rc);
    char *text = slurp(out);
    cr_assert(text != NULL, "internal: no output from the generated program");
    p->answers = calloc(p->nqueries + 1, sizeof(size_t));
    cr_assert(p->answers != NULL, "internal: out of memory");
    const char *s = text;
    for (size_t i = 0; i < p->nqueries; i++) {
        char *end;
        p->answers[i] = strtoull(s, &end, 10);
        cr_assert(end != s, "internal: the generated program printed %zu numbers, not %zu", i,
                  p->nqueries);
        s = end;
    }
    free(text);
    if (getenv("MEMLAB_KEEP_GENERATED")) { // for looking at what was compiled
        ml_note("generated program kept in %s", p->dir);
        return;
    }
    unlink(src);
    unlink(exe);
    unlink(out);
    unlink(err);
    rmdir(p->dir);
}

void suite_prog_free(prog_t *p)
{
    suite_sb_free(&p->queries);
    free(p->answers);
}
