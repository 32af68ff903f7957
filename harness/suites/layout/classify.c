// classify.c — the layout suite's tests of layout_classify: objects this
// process creates and therefore knows (probes over the kernel's map, see
// probe.c), a made-up process (what this one cannot show), then the recorded
// processes of labs/layout/data.
#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

#include "memlab/grade.h"
#include "layout_suite.h"

// ---- this process ----------------------------------------------------------------------

extern char __executable_start[], etext[], edata[], __bss_start[], end[];

int suite_global = 7;                        // .data
static long suite_static_data[2] = { 1, 2 }; // .data
int suite_zero_global;                       // .bss
static char suite_big_bss[256 << 10];        // .bss, past the file's last page
static const int suite_const_table[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }; // .rodata

__attribute__((noinline)) static int suite_function(int x)
{
    return x * 7 + suite_const_table[x & 7];
}

// region_perm — whether the oracle's region of addr has `letter` at
// perms[index]; region_named — whether that region's path is `name`.
static bool region_perm(const layout_map_t *m, uintptr_t addr, int index, char letter)
{
    const layout_region_t *r = suite_oracle_region(m, addr);
    return r != NULL && r->perms[index] == letter;
}

static bool region_named(const layout_map_t *m, uintptr_t addr, const char *name)
{
    const layout_region_t *r = suite_oracle_region(m, addr);
    return r != NULL && strcmp(r->path, name) == 0;
}

void suite_classify_text(void)
{
    world_t *w = suite_world_new();
    volatile int keep = suite_function(3);
    (void)keep;
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "a function of the program", (const void *)suite_function, LAYOUT_TEXT,
                    "code of the program: an executable mapping of its file");
    suite_add_probe(&ps, "your own layout_classify", (const void *)layout_classify, LAYOUT_TEXT,
                    "code of the program");
    suite_add_probe(&ps, "the last byte before etext", (const void *)((uintptr_t)etext - 1),
                    LAYOUT_TEXT, "code ends at etext");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_world_free(w);
}

void suite_classify_rodata(void)
{
    world_t *w = suite_world_new();
    const char *volatile literal = "a string literal lives in read-only data";
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "a string literal", literal, LAYOUT_RODATA,
                    "read-only, not executable, in the program");
    suite_add_probe(&ps, "a const global array", suite_const_table, LAYOUT_RODATA,
                    "read-only, not executable, in the program");
    if (!region_perm(&w->map, (uintptr_t)__executable_start, 2, 'x'))
        suite_add_probe(&ps, "the ELF header at __executable_start", __executable_start,
                        LAYOUT_RODATA, "the program's first, read-only mapping");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_world_free(w);
}

void suite_classify_data(void)
{
    world_t *w = suite_world_new();
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "a global initialized to 7", &suite_global, LAYOUT_DATA,
                    "writable, in the program, below __bss_start");
    suite_add_probe(&ps, "a static array initialized to {1, 2}", &suite_static_data[1], LAYOUT_DATA,
                    "writable, in the program, below __bss_start");
    if (region_perm(&w->map, (uintptr_t)edata - 1, 1, 'w'))
        suite_add_probe(&ps, "the last byte before edata", (const void *)((uintptr_t)edata - 1),
                        LAYOUT_DATA, "initialized data ends at edata");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_world_free(w);
}

void suite_classify_bss(void)
{
    world_t *w = suite_world_new();
    static int zero_static_local;
    suite_big_bss[sizeof suite_big_bss - 1] = 1;
    zero_static_local = suite_zero_global;
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "a global left zero", &suite_zero_global, LAYOUT_BSS,
                    "[__bss_start, end) is bss");
    suite_add_probe(&ps, "a static local left zero", &zero_static_local, LAYOUT_BSS,
                    "[__bss_start, end) is bss");
    suite_add_probe(&ps, "__bss_start itself", __bss_start, LAYOUT_BSS,
                    "[__bss_start, end) is bss");
    suite_add_probe(&ps, "the last byte before end", (const void *)((uintptr_t)end - 1), LAYOUT_BSS,
                    "[__bss_start, end) is bss");
    const layout_region_t *tail =
        suite_oracle_region(&w->map, (uintptr_t)&suite_big_bss[sizeof suite_big_bss - 1]);
    cr_assert(tail != NULL && tail->path[0] == '\0',
              "suite error: expected the end of a 256 KiB bss array in an anonymous mapping");
    suite_add_probe(&ps, "the end of a 256 KiB zero array (in an anonymous mapping)",
                    &suite_big_bss[sizeof suite_big_bss - 1], LAYOUT_BSS,
                    "[__bss_start, end) is bss, whatever mapping holds it");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_world_free(w);
}

void suite_classify_heap(void)
{
    world_t *w = suite_world_new();
    char *brk_mem = sbrk(8192);
    cr_assert(brk_mem != (void *)-1, "sbrk failed");
    brk_mem[0] = brk_mem[8191] = 1;
    char *small = malloc(48);
    cr_assert(small != NULL);
    suite_world_snapshot(w);
    cr_assert(region_named(&w->map, (uintptr_t)brk_mem, "[heap]"),
              "suite error: memory from sbrk is not in the kernel's [heap]");
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "memory from sbrk(8192)", brk_mem, LAYOUT_HEAP,
                    "the kernel's [heap] region");
    suite_add_probe(&ps, "the last byte from sbrk(8192)", brk_mem + 8191, LAYOUT_HEAP,
                    "the kernel's [heap] region");
    if (region_named(&w->map, (uintptr_t)small, "[heap]"))
        suite_add_probe(&ps, "malloc(48)", small, LAYOUT_HEAP, "the kernel's [heap] region");
    else
        ml_note("malloc(48) is not in the brk heap here (a sanitizer's malloc?)");
    suite_check_probes(&w->map, &w->facts, &ps);
    free(small);
    suite_world_free(w);
}

void suite_classify_anonymous_mmap(void)
{
    world_t *w = suite_world_new();
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *anon = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *none =
        mmap(NULL, 16 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    char *big = malloc((size_t)8 << 20);
    cr_assert(anon != MAP_FAILED && none != MAP_FAILED && big != NULL, "mmap or malloc failed");
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "an anonymous mmap", anon, LAYOUT_MMAP, "a mapping without a path");
    suite_add_probe(&ps, "its last byte", anon + 3 * page - 1, LAYOUT_MMAP,
                    "a mapping without a path");
    suite_add_probe(&ps, "a PROT_NONE reservation", none + 5 * page, LAYOUT_MMAP,
                    "a mapping without a path, even without permissions");
    const layout_region_t *r = suite_oracle_region(&w->map, (uintptr_t)big);
    if (r != NULL && r->path[0] == '\0')
        suite_add_probe(&ps, "malloc(8 MiB)", big, LAYOUT_MMAP,
                        "malloc serves it with mmap: no path");
    suite_check_probes(&w->map, &w->facts, &ps);
    free(big);
    munmap(anon, 3 * page);
    munmap(none, 16 * page);
    suite_world_free(w);
}

// deep — a local variable 200 frames down (the stack grows to hold them).
__attribute__((noinline)) static uintptr_t deep(int depth)
{
    volatile char pad[1024];
    pad[0] = (char)depth;
    if (depth == 0)
        return (uintptr_t)&pad[0];
    uintptr_t r = deep(depth - 1);
    return r + (pad[0] & 0);
}

void suite_classify_main_stack(void)
{
    world_t *w = suite_world_new();
    volatile int local = 1;
    uintptr_t low = deep(200);
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    if (region_named(&w->map, (uintptr_t)&local, "[stack]"))
        suite_add_probe(&ps, "a local variable", (const void *)&local, LAYOUT_STACK,
                        "the kernel's [stack]");
    suite_add_probe(&ps, "the current frame", __builtin_frame_address(0), LAYOUT_STACK,
                    "the kernel's [stack]");
    if (region_named(&w->map, low, "[stack]"))
        suite_add_probe(&ps, "a local 200 frames down", (const void *)low, LAYOUT_STACK,
                        "the kernel's [stack]");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_world_free(w);
}

void suite_classify_thread_stack(void)
{
    world_t *w = suite_world_new();
    helper_t h;
    suite_helper_start(&h, &w->facts);
    suite_world_snapshot(w);
    const layout_thread_t *t = &w->facts.threads[h.index];
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "a local variable of another thread", (const void *)h.local,
                    LAYOUT_THREAD_STACK, "inside the thread's stack range from the facts");
    suite_add_probe(&ps, "the lowest byte of that thread's stack", (const void *)t->stack_lo,
                    LAYOUT_THREAD_STACK, "inside the thread's stack range from the facts");
    suite_add_probe(&ps, "the middle of that thread's stack",
                    (const void *)(t->stack_lo + (t->stack_hi - t->stack_lo) / 2),
                    LAYOUT_THREAD_STACK, "inside the thread's stack range from the facts");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_helper_stop(&h);
    suite_world_free(w);
}

void suite_classify_thread_local_storage(void)
{
    world_t *w = suite_world_new();
    helper_t h;
    suite_helper_start(&h, &w->facts);
    suite_tls_zero = 3;
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "main's copy of a __thread int", &suite_tls, LAYOUT_TLS,
                    "inside main's TLS block from the facts");
    suite_add_probe(&ps, "main's copy of a zero __thread long", &suite_tls_zero, LAYOUT_TLS,
                    "inside main's TLS block from the facts");
    suite_add_probe(
        &ps, "the other thread's copy of the __thread int", (const void *)h.tls, LAYOUT_TLS,
        "inside that thread's TLS block, which lies inside its stack range: test TLS first");
    suite_add_probe(&ps, "the other thread's copy of the zero __thread long",
                    (const void *)h.tls_zero, LAYOUT_TLS,
                    "inside that thread's TLS block, inside its stack range");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_helper_stop(&h);
    suite_world_free(w);
}

// In a module of the dynamic linker's list other than the program?
struct lib_query {
    uintptr_t addr;
    bool found;
};

// lib_has — dl_iterate_phdr callback: whether a named module's loaded bytes hold q->addr.
static int lib_has(struct dl_phdr_info *info, size_t size, void *arg)
{
    struct lib_query *q = arg;
    (void)size;
    if (info->dlpi_name == NULL || info->dlpi_name[0] == '\0')
        return 0; // the program itself (and the vdso has a name: linux-vdso.so.1)
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (ph->p_type == PT_LOAD && q->addr >= lo && q->addr < lo + ph->p_filesz)
            q->found = true;
    }
    return q->found;
}

// in_library — whether addr is in a library the dynamic linker loaded.
static bool in_library(uintptr_t addr)
{
    struct lib_query q = { addr, false };
    dl_iterate_phdr(lib_has, &q);
    return q.found;
}

void suite_classify_shared_library(void)
{
    world_t *w = suite_world_new();
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    const void *code = dlsym(RTLD_DEFAULT, "getpid");
    const void *text = gnu_get_libc_version();
    const void *data = stdout;
    if (code != NULL && in_library((uintptr_t)code))
        suite_add_probe(&ps, "the C library's getpid", code, LAYOUT_LIBRARY,
                        "a mapping of a file that also has code, not the program");
    if (in_library((uintptr_t)text))
        suite_add_probe(&ps, "a string in the C library", text, LAYOUT_LIBRARY,
                        "a mapping of a file that also has code, not the program");
    if (in_library((uintptr_t)data))
        suite_add_probe(&ps, "the FILE stdout points to", data, LAYOUT_LIBRARY,
                        "a writable mapping of a library's file");
    cr_assert(ps.n >= 2, "suite error: the dynamic linker does not list libc");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_world_free(w);
}

void suite_classify_vdso_and_vvar(void)
{
    world_t *w = suite_world_new();
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    unsigned long vdso = getauxval(AT_SYSINFO_EHDR);
    if (vdso != 0)
        suite_add_probe(&ps, "the vdso (AT_SYSINFO_EHDR)", (const void *)vdso, LAYOUT_VDSO,
                        "the kernel's [vdso]");
    for (size_t i = 0; i < w->map.n; i++) {
        const layout_region_t *r = &w->map.regions[i];
        if (strncmp(r->path, "[vvar", 5) == 0)
            suite_add_probe(&ps,
                            r->path[5] == ']' ? "the vvar page" : "a vvar page with a newer name",
                            (const void *)r->start, LAYOUT_VDSO, "the kernel's [vvar...] pages");
        if (strcmp(r->path, "[vsyscall]") == 0)
            suite_add_probe(&ps, "the vsyscall page", (const void *)r->start, LAYOUT_VDSO,
                            "the kernel's [vsyscall]");
    }
    cr_assert(ps.n >= 1, "suite error: no vdso in this process");
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_world_free(w);
}

void suite_classify_mapped_files(void)
{
    world_t *w = suite_world_new();
    char path[] = "/tmp/memlab-layout-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0, "cannot create a temporary file");
    static const char block[8192] = { 'x' };
    cr_assert(write(fd, block, sizeof block) == (ssize_t)sizeof block, "cannot write %s", path);
    void *file = mmap(NULL, sizeof block, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    int mfd = memfd_create("grade me", MFD_CLOEXEC);
    cr_assert(mfd >= 0 && ftruncate(mfd, 4096) == 0, "memfd_create failed");
    void *memfd = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
    close(mfd);
    cr_assert(file != MAP_FAILED && memfd != MAP_FAILED, "mmap of a file failed");
    suite_world_snapshot(w);
    unlink(path);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "a mapped data file", (const char *)file + 100, LAYOUT_FILE,
                    "a file without an executable mapping");
    suite_add_probe(&ps, "a mapped memfd ('/memfd:grade me (deleted)')", memfd, LAYOUT_FILE,
                    "a file without an executable mapping");
    suite_check_probes(&w->map, &w->facts, &ps);
    munmap(file, sizeof block);
    munmap(memfd, 4096);
    suite_world_free(w);
}

void suite_classify_unmapped(void)
{
    world_t *w = suite_world_new();
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *gone = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(gone != MAP_FAILED);
    munmap(gone, page);
    suite_world_snapshot(w);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "NULL", NULL, LAYOUT_UNMAPPED, "no region contains it");
    suite_add_probe(&ps, "address 0xfff", (const void *)0xfff, LAYOUT_UNMAPPED,
                    "no region contains it");
    if (suite_oracle_region(&w->map, (uintptr_t)gone) == NULL)
        suite_add_probe(&ps, "a page just unmapped", gone, LAYOUT_UNMAPPED,
                        "no region contains it");
    suite_add_probe(&ps, "the first non-canonical address", (const void *)((uintptr_t)1 << 47),
                    LAYOUT_UNMAPPED, "no region contains it");
    // The first gap after the heap or after the program.
    for (size_t i = 0; i + 1 < w->map.n; i++)
        if (w->map.regions[i].end < w->map.regions[i + 1].start &&
            w->map.regions[i].end > (uintptr_t)end) {
            suite_add_probe(&ps, "the first byte after a region",
                            (const void *)w->map.regions[i].end, LAYOUT_UNMAPPED,
                            "regions end before their end address");
            break;
        }
    suite_check_probes(&w->map, &w->facts, &ps);
    suite_world_free(w);
}

// ---- a made-up process --------------------------------------------------------------
// What this process cannot show: its own file mapped a second time, outside
// [__executable_start, end); files whose names differ from the program's by
// a trailing space, a suffix, a missing letter; a program whose path is
// unknown; a map whose spare slot past n holds a stale region; a library
// whose code is the map's first region; facts whose entries past nthreads
// hold stale ranges.

static const char made_up_maps[] =
    "555555554000-555555555000 r--p 00000000 fe:01 4242 /opt/app/server\n"
    "555555555000-555555556000 r-xp 00001000 fe:01 4242 /opt/app/server\n"
    "555555556000-555555557000 r--p 00002000 fe:01 4242 /opt/app/server\n"
    "555555557000-555555559000 rw-p 00003000 fe:01 4242 /opt/app/server\n"
    "555555559000-55555557a000 rw-p 00000000 00:00 0 [heap]\n"
    "7ffff7a00000-7ffff7a02000 r--p 00000000 fe:01 4242 /opt/app/server\n"
    "7ffff7a10000-7ffff7a11000 r--p 00000000 fe:01 4243 /opt/app/server \n"
    "7ffff7a20000-7ffff7a21000 r-xp 00000000 fe:01 4244 /opt/app/server.so\n"
    "7ffff7a30000-7ffff7a31000 r--p 00000000 fe:01 4245 /opt/app/serve\n"
    "7ffff7a40000-7ffff7a80000 rw-p 00000000 00:00 0\n"
    "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 [stack]\n";

// A made-up process whose lowest mapping is a library's code (the program
// mapped high, as when it is started through the dynamic linker): the scan
// for an executable mapping covers regions[0..n), the first one too.
static const char low_library_maps[] =
    "00010000-00011000 r-xp 00000000 fe:01 5000 /opt/lib/liblow.so\n"
    "00011000-00012000 rw-p 00001000 fe:01 5000 /opt/lib/liblow.so\n"
    "555555554000-555555555000 r--p 00000000 fe:01 4242 /opt/app/server\n"
    "555555555000-555555556000 r-xp 00001000 fe:01 4242 /opt/app/server\n"
    "7ffff7a30000-7ffff7a31000 r--p 00000000 fe:01 4245 /opt/app/notes.db\n"
    "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 [stack]\n";

// made_up_facts — the facts of the made-up process: its linker symbols, the
// path `exe` (followed by `stale` past its NUL) and the main thread, whose
// TLS block lies in the anonymous mapping. With `stale_threads`, every entry
// past nthreads holds ranges that cover the whole address space.
static layout_facts_t *made_up_facts(const char *exe, const char *stale, bool stale_threads)
{
    layout_facts_t *f = calloc(1, sizeof *f);
    cr_assert(f != NULL, "the suite ran out of memory");
    f->executable_start = 0x555555554000;
    f->etext = 0x555555555f00;
    f->edata = 0x555555557800;
    f->bss_start = 0x555555557800;
    f->end = 0x555555558800;
    size_t n = strlen(exe);
    memcpy(f->exe_path, exe, n);
    memcpy(f->exe_path + n + 1, stale, strlen(stale));
    for (size_t i = 0; stale_threads && i < LAYOUT_MAX_THREADS; i++)
        f->threads[i] =
            (layout_thread_t){ (pid_t)(4000 + i), false, 0, UINTPTR_MAX, 0, UINTPTR_MAX };
    f->nthreads = 1;
    f->threads[0] = (layout_thread_t){ 4000, true, 0, 0, 0x7ffff7a7f000, 0x7ffff7a7f100 };
    return f;
}

void suite_classify_the_program_s_own_file(void)
{
    layout_map_t m;
    suite_oracle_parse(made_up_maps, &m);
    // The array's first spare slot (regions[n], within cap) holds a stale
    // executable mapping of /opt/app/serve: a map is regions[0..n) only.
    layout_region_t *stale = calloc(1, sizeof *stale);
    cr_assert(stale != NULL &&
                  suite_oracle_parse_line("7ffff7a50000-7ffff7a51000 r-xp 00000000 "
                                          "fe:01 4245 /opt/app/serve",
                                          stale) == 0 &&
                  layout_map_append(&m, stale) == 0 && m.n < m.cap,
              "suite error: cannot add the stale slot");
    m.n--;
    free(stale);
    layout_facts_t *f = made_up_facts("/opt/app/server", "", false);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "a made-up program's ELF header", (const void *)0x555555554000,
                    LAYOUT_RODATA, "the program, not executable, not writable");
    suite_add_probe(&ps, "its code", (const void *)0x555555555010, LAYOUT_TEXT,
                    "the program, executable");
    suite_add_probe(&ps, "its own file mapped a second time, far from __executable_start",
                    (const void *)0x7ffff7a01010, LAYOUT_RODATA,
                    "a mapping of the program's own file (path equal to exe_path) belongs to "
                    "the program wherever it lies");
    suite_add_probe(&ps, "a file named like the program plus a trailing space",
                    (const void *)0x7ffff7a10010, LAYOUT_FILE,
                    "another file: paths are compared byte for byte, and it has no "
                    "executable mapping");
    suite_add_probe(&ps, "a library whose path starts with the program's",
                    (const void *)0x7ffff7a20010, LAYOUT_LIBRARY,
                    "another file, with an executable mapping");
    suite_add_probe(&ps, "a file whose path is the program's without its last letter",
                    (const void *)0x7ffff7a30010, LAYOUT_FILE,
                    "another file, without an executable mapping among the map's n regions");
    suite_check_probes(&m, f, &ps);
    // The same process when its path is unknown: exe_path is "" (with stale
    // bytes after the NUL). Anonymous mappings have the path "" too.
    free(f);
    f = made_up_facts("", "/opt/app/server", false);
    ps.n = 0;
    suite_add_probe(&ps, "anonymous memory of a program whose exe_path is \"\"",
                    (const void *)0x7ffff7a40010, LAYOUT_MMAP,
                    "an unknown path (\"\") names no file: only [__executable_start, end) is "
                    "the program");
    suite_add_probe(&ps, "the code of a program whose exe_path is \"\"",
                    (const void *)0x555555555010, LAYOUT_TEXT,
                    "in [__executable_start, end), executable");
    suite_check_probes(&m, f, &ps);
    free(f);
    layout_map_free(&m);
    // A library whose only executable mapping is the map's first region.
    suite_oracle_parse(low_library_maps, &m);
    f = made_up_facts("/opt/app/server", "", false);
    ps.n = 0;
    suite_add_probe(&ps, "the data of a library whose code is the map's first region",
                    (const void *)0x11010, LAYOUT_LIBRARY,
                    "a file with an executable mapping among regions[0..n), the first one "
                    "included");
    suite_add_probe(&ps, "a data file of that process", (const void *)0x7ffff7a30010, LAYOUT_FILE,
                    "a file without an executable mapping");
    suite_check_probes(&m, f, &ps);
    free(f);
    layout_map_free(&m);
}

void suite_classify_only_the_threads_the_facts_count(void)
{
    layout_map_t m;
    suite_oracle_parse(made_up_maps, &m);
    layout_facts_t *f = made_up_facts("/opt/app/server", "", true);
    probes_t ps = { .n = 0 };
    suite_add_probe(&ps, "the main thread's TLS block", (const void *)0x7ffff7a7f010, LAYOUT_TLS,
                    "inside threads[0]'s TLS block");
    suite_add_probe(&ps, "anonymous memory below that TLS block", (const void *)0x7ffff7a40010,
                    LAYOUT_MMAP,
                    "no path, and in no TLS block or stack range of threads[0..nthreads): "
                    "the entries past nthreads are stale, whatever they hold");
    suite_add_probe(&ps, "the brk heap", (const void *)0x555555560000, LAYOUT_HEAP,
                    "the kernel's [heap] region");
    suite_add_probe(&ps, "the main stack", (const void *)0x7ffffffde100, LAYOUT_STACK,
                    "the kernel's [stack] region");
    suite_add_probe(&ps, "the program's bss", (const void *)0x555555558000, LAYOUT_BSS,
                    "[__bss_start, end) is bss");
    suite_check_probes(&m, f, &ps);
    free(f);
    layout_map_free(&m);
}

// ---- recorded processes --------------------------------------------------------------

// check_recorded — classify every address of NAME.expect over NAME.maps
// (read by the oracle) with NAME.facts; counts the right answers.
static void check_recorded(const char *dir, const char *name, int *right, int *total)
{
    char path[4400], err[512];
    snprintf(path, sizeof path, "%s/%s.maps", dir, name);
    char *text = suite_slurp(path, NULL);
    cr_assert(text != NULL, "cannot read %s", path);
    layout_map_t m;
    suite_oracle_parse(text, &m);
    free(text);
    layout_facts_t *f = malloc(sizeof *f);
    cr_assert(f != NULL);
    snprintf(path, sizeof path, "%s/%s.facts", dir, name);
    FILE *in = fopen(path, "r");
    cr_assert(in != NULL && layout_facts_read(in, path, f, err, sizeof err) == 0,
              "suite error: %s: %s", path, err);
    fclose(in);
    snprintf(path, sizeof path, "%s/%s.expect", dir, name);
    in = fopen(path, "r");
    cr_assert(in != NULL, "cannot read %s", path);
    char line[512], kind[64], id[256];
    unsigned long long addr;
    int wrong = 0;
    while (fgets(line, sizeof line, in) != NULL) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        cr_assert(sscanf(line, "%llx %63s %255s", &addr, kind, id) == 3,
                  "suite error: %s: bad line '%s'", path, line);
        layout_kind_t want = layout_kind_from_name(kind);
        layout_kind_t got = layout_classify(&m, f, (uintptr_t)addr);
        (*total)++;
        if (got == want) {
            (*right)++;
        } else if (wrong++ < 6) {
            const layout_region_t *r = suite_oracle_region(&m, (uintptr_t)addr);
            ml_note("%s: %s at %#llx (region %s '%s'): layout_classify said %s, it is %s", name, id,
                    addr, r ? r->perms : "none", r ? r->path : "", layout_kind_name(got),
                    layout_kind_name(want));
        }
    }
    fclose(in);
    free(f);
    layout_map_free(&m);
}

void suite_classify_recorded_processes(void)
{
    static const char *const names[] = { "debian12-pie", "debian12-asan", "odd-lines",
                                         "old-kernel" };
    char dir[4096];
    suite_data_dir(dir, sizeof dir);
    int right = 0, total = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        check_recorded(dir, names[i], &right, &total);
    cr_assert(total > 0);
    ml_award((double)right / total, "%d of %d addresses in 4 recorded processes classified right",
             right, total);
}
