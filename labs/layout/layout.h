// layout.h — the layout lab: where a running process keeps its bytes.
//
// A process's address space is a list of regions the kernel publishes in
// /proc/self/maps. This lab reads that list, decides which kind of memory an
// address is (code, globals, heap, stacks, thread-local storage, libraries,
// ...), measures the program's text/data/bss as binutils' `size` does, and
// finds by experiment where glibc malloc switches from the brk heap to mmap.
// Go's runtime makes the same decisions in runtime/mem_linux.go (asking the
// OS for memory), runtime/malloc.go (mallocinit: arena hints and the heap's
// place in the address space) and runtime/stack.go (goroutine stacks that
// live in the heap, not in the thread's stack).
//
// The data, one line each:
//   layout_region_t  one line of /proc/self/maps, parsed
//   layout_map_t     every region of a process, sorted by address
//   layout_facts_t   what the program knows about itself that the maps do not
//                    say: the linker's symbols, its own path, the stacks and
//                    TLS blocks of the threads it started
//   layout_kind_t    the answer of layout_classify()
//
// Who writes what:
//   layout.c (the student file)  layout_parse_line, layout_read_maps,
//       layout_find_region, layout_classify, layout_elf_size,
//       layout_find_mmap_threshold
//   support/facts.c,     everything else declared here
//   support/regions.c
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

// The longest path a region can carry (Linux's PATH_MAX plus the kernel's
// " (deleted)" suffix and escapes), including the terminating NUL.
#define LAYOUT_PATH_MAX 4200
// How many threads a layout_facts_t can describe.
#define LAYOUT_MAX_THREADS 32

// ---- kinds of memory ---------------------------------------------------------

typedef enum layout_kind {
    LAYOUT_UNKNOWN = 0,     // not decided (what an unfinished classifier says)
    LAYOUT_UNMAPPED,        // no region contains the address
    LAYOUT_TEXT,            // the program's machine code
    LAYOUT_RODATA,          // the program's read-only data (literals, consts, headers)
    LAYOUT_DATA,            // the program's initialized writable globals
    LAYOUT_BSS,             // the program's zero-initialized globals
    LAYOUT_HEAP,            // the brk heap: the kernel's [heap] region
    LAYOUT_MMAP,            // anonymous memory from mmap
    LAYOUT_STACK,           // the main thread's stack: the kernel's [stack]
    LAYOUT_THREAD_STACK,    // the stack of another thread
    LAYOUT_TLS,             // a thread's static thread-local storage block
    LAYOUT_LIBRARY,         // a shared library's file mapping
    LAYOUT_VDSO,            // the kernel's own pages: vdso, vvar, vsyscall
    LAYOUT_FILE,            // another mapped file (data file, memfd, locale archive)
    LAYOUT_OTHER,           // a special region this lab does not know
    LAYOUT_NKINDS
} layout_kind_t;

// layout_kind_name — "text", "rodata", ..., "unknown" for a value out of
// range. The names are the ones the handout, the program and the grader use.
const char *layout_kind_name(layout_kind_t k);
// layout_kind_from_name — the kind with that name, or LAYOUT_UNKNOWN.
layout_kind_t layout_kind_from_name(const char *name);

// ---- regions -----------------------------------------------------------------

// One line of /proc/<pid>/maps:
//   start-end perms offset major:minor inode [path]
//   55d0c1a02000-55d0c1a05000 r-xp 00002000 fe:00 247134   /usr/bin/cat
typedef struct layout_region {
    uintptr_t start, end;        // [start, end); start < end
    char perms[5];               // the four permission letters, e.g. "r-xp"
    uint64_t offset;             // file offset of `start` (0 for anonymous memory)
    unsigned dev_major, dev_minor; // device of the file (0:0 for anonymous memory)
    uint64_t inode;              // inode of the file (0 for anonymous memory)
    bool deleted;                // the kernel marked the path " (deleted)"
    char path[LAYOUT_PATH_MAX];  // "" when absent; without the " (deleted)" suffix
} layout_region_t;

// Every region of one process, sorted by start, never overlapping:
// regions[0..n) are the regions; the spare slots up to cap mean nothing.
typedef struct layout_map {
    layout_region_t *regions;
    size_t n, cap;
} layout_map_t;

// layout_map_init — an empty map (no allocation).
void layout_map_init(layout_map_t *m);
// layout_map_append — copy `r` to the end of the map, growing it as needed.
// Returns 0, or -1 when memory runs out (the map is unchanged). Does not
// check the order: that is layout_read_maps's job.
int layout_map_append(layout_map_t *m, const layout_region_t *r);
// layout_map_free — release the regions; the map is empty afterwards.
void layout_map_free(layout_map_t *m);

// ---- what the program knows about itself ----------------------------------------

// One thread of the process, as the thread itself recorded it.
typedef struct layout_thread {
    pid_t tid;                   // kernel thread id
    bool is_main;                // the process's first thread
    uintptr_t stack_lo, stack_hi;// [lo, hi): the stack pthread_getattr_np reports;
                                 // empty (0, 0) for the main thread, whose
                                 // stack is the kernel's [stack] region
    uintptr_t tls_lo, tls_hi;    // [lo, hi): the thread's static TLS blocks
                                 // (every module's PT_TLS copy for this thread)
} layout_thread_t;

// What a program knows about its own layout that /proc/self/maps does not say.
typedef struct layout_facts {
    // The linker's symbols (see the handout): [executable_start, end) is the
    // program's image; etext ends the code, edata ends the initialized data,
    // [bss_start, end) is the bss.
    uintptr_t executable_start, etext, edata, bss_start, end;
    char exe_path[LAYOUT_PATH_MAX]; // the program's file, as maps prints it
                                    // ("" when unknown), without " (deleted)"
    size_t nthreads;                // threads[0..nthreads) are the recorded
    layout_thread_t threads[LAYOUT_MAX_THREADS]; // threads; the rest mean nothing
} layout_facts_t;

// layout_facts_init — the facts of the running program: the linker symbols,
// its path (readlink /proc/self/exe) and the calling thread (recorded as the
// main thread when it is one). Never fails: an unknown path is left "".
void layout_facts_init(layout_facts_t *f);
// layout_facts_add_thread — record the calling thread's stack
// (pthread_getattr_np) and TLS blocks (dl_iterate_phdr) in `f`. Safe to call
// from several threads at once. Returns the thread's index, or -1 when `f`
// is full or the stack cannot be found (`f` unchanged).
int layout_facts_add_thread(layout_facts_t *f);
// layout_facts_write — the facts as text (the format of data/*.facts).
// Returns 0, or -1 on an output error.
int layout_facts_write(const layout_facts_t *f, FILE *out);
// layout_facts_read — parse a facts file. Returns 0, or -1 with
// "name:line: what is wrong" in err (errlen bytes); `f` is then undefined.
int layout_facts_read(FILE *in, const char *name, layout_facts_t *f,
                      char *err, size_t errlen);

// ---- the student's functions (layout.c) ------------------------------------------

// layout_parse_line — parse one line of a maps file into `out`. The line may
// end in '\n', or in "\r\n" as a file saved with CRLF line ends has it: a
// CR just before the newline, or at the very end, belongs to the line end,
// not to the path. The permissions are four characters, each the one its
// place allows: r or -, w or -, x or -, then p or s (a letter in another's
// place, "w--p", is not a maps line). The path is everything after the
// inode and the spaces that follow it, so it may contain spaces; a trailing
// " (deleted)" is removed and sets `deleted`. Anonymous regions have an
// empty path. A field that does not fit is not cut or wrapped: an inode
// above UINT64_MAX, or a path of LAYOUT_PATH_MAX bytes or more
// (LAYOUT_PATH_MAX - 1 is the longest that fits with its NUL), makes the
// line one this lab cannot hold. Returns 0, or -1 when the line is not a
// maps line or cannot be held (`out` is then undefined).
int layout_parse_line(const char *line, layout_region_t *out);

// layout_read_maps — read every line of `f` (a maps file; `name` is used in
// messages) into `map`, which must be empty. Lines of any length are
// accepted. Returns 0; or -1 with "name:line: what is wrong" in err (errlen
// bytes; one line: a bad line quoted in it without its newline) for a
// malformed line, a region that does not come after the previous one, or a
// read error (reported at the line that could not be read: the number of
// lines read + 1), and then `map` is left empty. Frees everything it
// allocates, whatever it returns (the map's regions are the caller's, freed
// with layout_map_free).
int layout_read_maps(FILE *f, const char *name, layout_map_t *map,
                     char *err, size_t errlen);

// layout_find_region — the region containing `addr`, or NULL. O(log n).
const layout_region_t *layout_find_region(const layout_map_t *map, uintptr_t addr);

// layout_classify — the kind of memory `addr` lies in, decided from the
// regions and the facts by the rules of the handout (§ "How each kind is
// decided"). Never LAYOUT_UNKNOWN once implemented.
layout_kind_t layout_classify(const layout_map_t *map, const layout_facts_t *facts,
                              uintptr_t addr);

// What binutils' `size` prints for a file in its default (Berkeley) format.
typedef struct layout_size {
    uint64_t text, data, bss;
} layout_size_t;

// layout_elf_size — text, data and bss of the 64-bit ELF file at `path`,
// counted from its section headers exactly as `size` counts them (no section
// header table: zeros; e_shnum 0: the count is section 0's sh_size). Returns
// 0 with the three numbers in *out; or -1 with "path: what is wrong" in err
// (every refusal says why) for a file that cannot be read, is not a 64-bit
// ELF file (the magic number "\x7fELF" included), has section headers that
// are not sizeof(Elf64_Shdr) bytes each, or is truncated: the file ends
// before the section header table does, whatever count the header or
// section 0 claims, or before section 0 when the count is there (`out` is
// then unchanged). Closes every file it opens and frees everything it
// allocates, whatever it returns. Section 0 is reserved by ELF (type
// SHT_NULL, no flags; at most it holds the counts that overflow the
// header): what a file that gives it flags gets is not specified.
int layout_elf_size(const char *path, layout_size_t *out, char *err, size_t errlen);

// layout_find_mmap_threshold — pin glibc's M_MMAP_THRESHOLD to `pin` bytes
// with mallopt, then find by experiment the smallest request size in
// [lo, hi] that malloc serves from an anonymous mmap rather than from the
// brk heap, judging each probe by classifying its address. Returns that
// size; 0 when every size in [lo, hi] comes from the brk heap; -1 when the
// experiment cannot run (mallopt refuses, e.g. under a sanitizer's malloc;
// `pin` is above INT32_MAX, more than mallopt's int can carry; the maps
// cannot be read; or malloc returns NULL for a probe). Frees
// everything it allocates and closes every file it opens. The pinned
// threshold stays in force afterwards.
long layout_find_mmap_threshold(size_t pin, size_t lo, size_t hi,
                                const layout_facts_t *facts);

#endif
