// size.c — the layout suite's tests of layout_elf_size: text, data and bss
// as binutils' `size` counts them, on this program and on loaded libraries,
// and the refusal of files that are not 64-bit ELF.
#include <elf.h>
#include <errno.h>
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

// size_wrong — whether the student's numbers for `path` (described as
// `what`) differ from binutils', or the call left a file open or a heap
// block allocated; `why` says how. With `stale_errno` the call starts with
// errno EINTR, as an interrupted call earlier in a program leaves it: errno
// means something only after a call that failed. *out starts with numbers
// no file gives, so a call that succeeds without writing it is caught even
// where `size` says 0 0 0.
static bool size_wrong(const char *path, const char *what, bool stale_errno, char *why, size_t len)
{
    const layout_size_t unset = { 11, 22, 33 };
    layout_size_t want = binutils_size(path), got = unset;
    char err[512] = "";
    int fds = suite_open_fds();
    long blocks = ml_heap_blocks();
    if (stale_errno)
        errno = EINTR;
    int rc = layout_elf_size(path, &got, err, sizeof err);
    long kept = ml_heap_blocks() - blocks;
    int left = suite_open_fds() - fds;
    if (rc != 0)
        snprintf(why, len, "layout_elf_size(\"%s\") (%s) failed: %s", path, what, err);
    else if (got.text == unset.text && got.data == unset.data && got.bss == unset.bss)
        snprintf(why, len,
                 "layout_elf_size(\"%s\") (%s) returned 0 but did not write *out: it still "
                 "holds the caller's %" PRIu64 " %" PRIu64 " %" PRIu64 "; `size` says text %" PRIu64
                 ", data %" PRIu64 ", bss %" PRIu64,
                 path, what, unset.text, unset.data, unset.bss, want.text, want.data, want.bss);
    else if (got.text != want.text || got.data != want.data || got.bss != want.bss)
        snprintf(why, len,
                 "for %s (%s) you count text %" PRIu64 ", data %" PRIu64 ", bss %" PRIu64
                 "; `size` says text %" PRIu64 ", data %" PRIu64 ", bss %" PRIu64,
                 path, what, got.text, got.data, got.bss, want.text, want.data, want.bss);
    else if (left != 0)
        snprintf(why, len,
                 "layout_elf_size(\"%s\") (%s) returned the right numbers but left %d more "
                 "file descriptor(s) open than before the call (the handout, task 5: close "
                 "every file you open)",
                 path, what, left);
    else if (kept > 0)
        snprintf(why, len,
                 "layout_elf_size(\"%s\") (%s) returned the right numbers but left %ld more "
                 "heap block(s) allocated than before the call (the handout, task 5: free "
                 "what you allocate)",
                 path, what, kept);
    else
        return false;
    return true;
}

// check_size — size_wrong, failing the test.
static void check_size(const char *path, const char *what, bool stale_errno)
{
    char why[1400];
    cr_assert(!size_wrong(path, what, stale_errno, why, sizeof why), "%s", why);
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
    check_size(exe, "the suite's own binary", false);
    check_size(exe, "the suite's own binary, called with errno left EINTR by an earlier call",
               true);
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
        check_size(q.path, "a loaded library", false);
        checked++;
    }
    cr_assert(checked >= 2, "suite error: the C library and the dynamic linker were not found");
}

// write_file — `n` bytes into a new file `path`; fails the test if it cannot.
static void write_file(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "w");
    cr_assert(f != NULL && fwrite(bytes, 1, n, f) == n && fclose(f) == 0, "cannot write %s", path);
}

// Two valid files `size` reads that the suite binary is not: the same image
// without a section header table, and with the section count moved into
// section 0, as files with 0xff00 sections or more must store it (elf(5)).
// counts_in_section_0 — rewrite the ELF image whose header is `eh` as a
// linker does when the section count or the string table's index overflow
// the header: e_shnum 0 and e_shstrndx SHN_XINDEX, the real values in
// section 0's sh_size and sh_link. Returns section 0 as written.
static Elf64_Shdr counts_in_section_0(void *file, const Elf64_Ehdr *eh)
{
    unsigned char *image = file;
    Elf64_Ehdr ext = *eh;
    ext.e_shnum = 0;
    ext.e_shstrndx = SHN_XINDEX;
    memcpy(image, &ext, sizeof ext);
    Elf64_Shdr first;
    memcpy(&first, image + eh->e_shoff, sizeof first);
    first.sh_size = eh->e_shnum;
    first.sh_link = eh->e_shstrndx;
    memcpy(image + eh->e_shoff, &first, sizeof first);
    return first;
}

void suite_size_matches_binutils_on_unusual_headers(void)
{
    char exe[4096];
    self_path(exe, sizeof exe);
    size_t len = 0;
    unsigned char *image = (unsigned char *)suite_slurp(exe, &len);
    cr_assert(image != NULL && len > sizeof(Elf64_Ehdr), "cannot read %s", exe);
    Elf64_Ehdr eh;
    memcpy(&eh, image, sizeof eh);
    cr_assert(eh.e_shoff != 0 && eh.e_shnum > 0 && eh.e_shstrndx < eh.e_shnum &&
                  eh.e_shoff + (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) <= len,
              "suite error: %s has no usable section header table", exe);
    char dir[] = "/tmp/memlab-size-XXXXXX";
    cr_assert(mkdtemp(dir) != NULL, "cannot create a temporary directory");
    char paths[2][4200];
    snprintf(paths[0], sizeof paths[0], "%s/no-sections", dir);
    snprintf(paths[1], sizeof paths[1], "%s/count-in-section-0", dir);
    static const char *const what[2] = {
        "no section header table: e_shoff, e_shnum and e_shstrndx are 0",
        "e_shnum is 0 and the section count is in the sh_size of section 0",
    };
    Elf64_Ehdr none = eh;
    none.e_shoff = 0;
    none.e_shnum = 0;
    none.e_shstrndx = SHN_UNDEF;
    memcpy(image, &none, sizeof none);
    write_file(paths[0], image, len);
    counts_in_section_0(image, &eh);
    write_file(paths[1], image, len);
    free(image);
    char why[2][1400];
    bool wrong[2];
    for (int i = 0; i < 2; i++)
        wrong[i] = size_wrong(paths[i], what[i], false, why[i], sizeof why[i]);
    unlink(paths[0]);
    unlink(paths[1]);
    rmdir(dir);
    cr_assert(!wrong[0] && !wrong[1], "%s%s%s", wrong[0] ? why[0] : "",
              wrong[0] && wrong[1] ? "; " : "", wrong[1] ? why[1] : "");
}

void suite_size_rejects_files_that_are_not_64_bit_elf(void)
{
    char exe[4096];
    self_path(exe, sizeof exe);
    layout_size_t sz = { 1, 2, 3 };
    char err[512] = "";
    cr_assert(layout_elf_size(exe, &sz, err, sizeof err) == 0,
              "layout_elf_size failed on this very program: %s", err);
    // Eight bad files: text, an ELF header cut from its section headers, this
    // program marked 32-bit, marked big-endian, with section headers of a
    // size that is not sizeof(Elf64_Shdr) (`size` refuses it), and with its
    // magic number changed; with the section count moved into section 0 (as
    // in size/matches_binutils_on_unusual_headers) and the file cut in the
    // middle of section 0, and with section 0 claiming 2^58 sections (a
    // table of 2^64 bytes: the product wraps to 0 in 64 bits); and a path
    // that does not exist. Each call starts with errno EINTR, and each
    // refusal must say why, starting with the path.
    enum { NBAD = 9 };
    char dir[] = "/tmp/memlab-size-XXXXXX";
    cr_assert(mkdtemp(dir) != NULL, "cannot create a temporary directory");
    char paths[NBAD][4200];
    snprintf(paths[0], sizeof paths[0], "%s/notes.txt", dir);
    snprintf(paths[1], sizeof paths[1], "%s/cut.elf", dir);
    snprintf(paths[2], sizeof paths[2], "%s/elf32", dir);
    snprintf(paths[3], sizeof paths[3], "%s/big-endian", dir);
    snprintf(paths[4], sizeof paths[4], "%s/shentsize-40", dir);
    snprintf(paths[5], sizeof paths[5], "%s/missing", dir);
    snprintf(paths[6], sizeof paths[6], "%s/bad-magic", dir);
    snprintf(paths[7], sizeof paths[7], "%s/count-cut", dir);
    snprintf(paths[8], sizeof paths[8], "%s/count-2-to-the-58", dir);
    size_t len = 0;
    char *image = suite_slurp(exe, &len);
    cr_assert(image != NULL && len > 4096);
    static const char *const what[NBAD] = {
        "a text file",
        "an ELF header whose section headers were cut off",
        "this program with EI_CLASS set to ELFCLASS32",
        "this program with EI_DATA set to ELFDATA2MSB (big-endian)",
        "this program with e_shentsize 40 (a 32-bit section header's size)",
        "a file that does not exist",
        "this program with its magic number changed to \"\\x7fELV\"",
        "this program with e_shnum 0 (the count in section 0), cut in the middle of section 0",
        "this program with e_shnum 0 and section 0's sh_size 2^58 (more sections than the file "
        "holds)",
    };
    write_file(paths[0], "just some text, not a program\n", 30);
    write_file(paths[1], image, 64);
    Elf64_Ehdr eh;
    memcpy(&eh, image, sizeof eh);
    image[EI_CLASS] = ELFCLASS32;
    write_file(paths[2], image, len);
    image[EI_CLASS] = ELFCLASS64;
    image[EI_DATA] = ELFDATA2MSB;
    write_file(paths[3], image, len);
    image[EI_DATA] = ELFDATA2LSB;
    Elf64_Ehdr good = eh;
    eh.e_shentsize = 40;
    memcpy(image, &eh, sizeof eh);
    write_file(paths[4], image, len);
    memcpy(image, &good, sizeof good);
    image[EI_MAG3] = 'V';
    write_file(paths[6], image, len);
    image[EI_MAG3] = ELFMAG3;
    cr_assert(good.e_shoff != 0 && good.e_shoff + sizeof(Elf64_Shdr) <= len,
              "suite error: %s has no section 0", exe);
    Elf64_Shdr first = counts_in_section_0(image, &good);
    write_file(paths[7], image, good.e_shoff + sizeof first / 2);
    first.sh_size = (uint64_t)1 << 58;
    memcpy(image + good.e_shoff, &first, sizeof first);
    write_file(paths[8], image, len);
    free(image);
    char all[4000] = "";
    size_t used = 0, wrong = 0;
    for (int i = 0; i < NBAD; i++) {
        layout_size_t keep = { 11, 22, 33 };
        err[0] = '\0';
        int fds = suite_open_fds();
        long blocks = ml_heap_blocks();
        // errno left EINTR by an earlier interrupted call: a read that
        // reaches the end of a short file returns 0 and leaves it so.
        errno = EINTR;
        int rc = layout_elf_size(paths[i], &keep, err, sizeof err);
        long kept = ml_heap_blocks() - blocks;
        int left = suite_open_fds() - fds;
        unlink(paths[i]);
        char why[700];
        if (rc != -1)
            snprintf(why, sizeof why, "returned %d, should be -1", rc);
        else if (keep.text != 11 || keep.data != 22 || keep.bss != 33)
            snprintf(why, sizeof why, "changed *out although it failed");
        else if (err[0] == '\0')
            snprintf(why, sizeof why,
                     "refused it without saying why: err is empty, it should say \"%s: what is "
                     "wrong\" (layout.h)",
                     paths[i]);
        else if (strncmp(err, paths[i], strlen(paths[i])) != 0)
            snprintf(why, sizeof why, "the error should start with the path '%s', it was '%.300s'",
                     paths[i], err);
        else if (left != 0)
            snprintf(why, sizeof why,
                     "refused it, but left %d more file descriptor(s) open than before the call",
                     left);
        else if (kept > 0)
            snprintf(why, sizeof why,
                     "refused it, but left %ld more heap block(s) allocated than before the call",
                     kept);
        else
            continue;
        wrong++;
        if (used < sizeof all)
            used += (size_t)snprintf(all + used, sizeof all - used, "\n  %s: %s", what[i], why);
    }
    rmdir(dir);
    cr_assert(wrong == 0, "layout_elf_size got %zu of %d files it must refuse wrong:%s", wrong,
              NBAD, all);
}
