// size.c — the layout suite's tests of layout_elf_size: text, data and bss
// as binutils' `size` counts them, on this program and on loaded libraries,
// and the refusal of files that are not 64-bit ELF.
#include <inttypes.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memlab/grade.h"
#include "layout_suite.h"

// binutils_size — what `size FILE` prints (Berkeley format). Fails the test
// when binutils is missing: memlab requires it (scripts/deps.sh).
static layout_size_t binutils_size(const char *path)
{
    char *out;
    char *argv[] = { "size", "-B", (char *)path, NULL };
    int rc = suite_run_capture(argv, &out);
    cr_assert(rc != -1, "cannot run binutils' size: install binutils (scripts/deps.sh)");
    cr_assert(rc == 0 && out != NULL, "`size %s` failed (exit %d)", path, rc);
    unsigned long long t, d, b;
    const char *second = strchr(out, '\n');
    cr_assert(second != NULL && sscanf(second + 1, "%llu %llu %llu", &t, &d, &b) == 3,
              "cannot read the output of `size %s`: '%s'", path, out);
    free(out);
    return (layout_size_t){ t, d, b };
}

// check_size — the student's numbers for `path` equal binutils'.
static void check_size(const char *path)
{
    layout_size_t want = binutils_size(path), got = { 0, 0, 0 };
    char err[512] = "";
    int rc = layout_elf_size(path, &got, err, sizeof err);
    cr_assert(rc == 0, "layout_elf_size(\"%s\") failed: %s", path, err);
    cr_assert(got.text == want.text && got.data == want.data && got.bss == want.bss,
              "for %s you count text %" PRIu64 ", data %" PRIu64 ", bss %" PRIu64 "; `size` says "
              "text %" PRIu64 ", data %" PRIu64 ", bss %" PRIu64,
              path, got.text, got.data, got.bss, want.text, want.data, want.bss);
}

// self_path — the suite binary's own path.
static void self_path(char *out, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", out, len - 1);
    cr_assert(n > 0, "cannot read /proc/self/exe");
    out[n] = '\0';
}

void suite_size_matches_binutils_on_this_program(void)
{
    char exe[4096];
    self_path(exe, sizeof exe);
    check_size(exe);
}

// A loaded library whose path contains `part`, or "" (dl_iterate_phdr).
struct lib_find {
    const char *part;
    char path[4096];
};

// lib_named — dl_iterate_phdr callback: the first module whose name contains q->part.
static int lib_named(struct dl_phdr_info *info, size_t size, void *arg)
{
    struct lib_find *q = arg;
    (void)size;
    if (info->dlpi_name != NULL && strstr(info->dlpi_name, q->part) != NULL) {
        snprintf(q->path, sizeof q->path, "%s", info->dlpi_name);
        return 1;
    }
    return 0;
}

void suite_size_matches_binutils_on_libraries(void)
{
    static const char *const parts[] = { "libc.so", "ld-linux", "libcriterion" };
    int checked = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        struct lib_find q = { parts[i], "" };
        dl_iterate_phdr(lib_named, &q);
        if (q.path[0] == '\0')
            continue;
        check_size(q.path);
        checked++;
    }
    cr_assert(checked >= 2, "suite error: the C library and the dynamic linker were not found");
}

void suite_size_rejects_files_that_are_not_64_bit_elf(void)
{
    char exe[4096];
    self_path(exe, sizeof exe);
    layout_size_t sz = { 1, 2, 3 };
    char err[512] = "";
    cr_assert(layout_elf_size(exe, &sz, err, sizeof err) == 0,
              "layout_elf_size failed on this very program: %s", err);
    // Three bad files: text, an ELF header cut from its section headers, a
    // 32-bit ELF header; and a path that does not exist.
    char dir[] = "/tmp/memlab-size-XXXXXX";
    cr_assert(mkdtemp(dir) != NULL, "cannot create a temporary directory");
    char paths[4][4200];
    snprintf(paths[0], sizeof paths[0], "%s/notes.txt", dir);
    snprintf(paths[1], sizeof paths[1], "%s/cut.elf", dir);
    snprintf(paths[2], sizeof paths[2], "%s/elf32", dir);
    snprintf(paths[3], sizeof paths[3], "%s/missing", dir);
    size_t len = 0;
    char *image = suite_slurp(exe, &len);
    cr_assert(image != NULL && len > 4096);
    unsigned char elf32[64];
    memcpy(elf32, image, sizeof elf32);
    elf32[4] = 1; // EI_CLASS = ELFCLASS32
    struct {
        const char *path;
        const void *bytes;
        size_t n;
        const char *what;
    } bad[] = {
        { paths[0], "just some text, not a program\n", 30, "a text file" },
        { paths[1], image, 64, "an ELF header whose section headers were cut off" },
        { paths[2], elf32, sizeof elf32, "a 32-bit ELF header" },
    };
    for (size_t i = 0; i < 3; i++) {
        FILE *f = fopen(bad[i].path, "w");
        cr_assert(f != NULL && fwrite(bad[i].bytes, 1, bad[i].n, f) == bad[i].n && fclose(f) == 0);
    }
    free(image);
    const char *what[4] = { bad[0].what, bad[1].what, bad[2].what, "a file that does not exist" };
    char all[3000] = "";
    size_t used = 0, wrong = 0;
    for (int i = 0; i < 4; i++) {
        layout_size_t keep = { 11, 22, 33 };
        err[0] = '\0';
        int rc = layout_elf_size(paths[i], &keep, err, sizeof err);
        unlink(paths[i]);
        char why[700];
        if (rc != -1)
            snprintf(why, sizeof why, "returned %d, should be -1", rc);
        else if (keep.text != 11 || keep.data != 22 || keep.bss != 33)
            snprintf(why, sizeof why, "changed *out although it failed");
        else if (strncmp(err, paths[i], strlen(paths[i])) != 0)
            snprintf(why, sizeof why, "the error should start with the path '%s', it was '%.300s'",
                     paths[i], err);
        else
            continue;
        wrong++;
        if (used < sizeof all)
            used += (size_t)snprintf(all + used, sizeof all - used, "\n  %s: %s", what[i], why);
    }
    rmdir(dir);
    cr_assert(wrong == 0, "layout_elf_size got %zu of 4 files it must refuse wrong:%s", wrong, all);
}
