// layout.c — YOUR FILE for the layout lab: where a running process keeps its
// bytes. Read labs/layout/README.md first; it explains every rule used here.
//
// You write six functions, in the order of the handout's tasks:
//   1. layout_parse_line         one line of /proc/self/maps -> a region
//   2. layout_read_maps          a whole maps file -> a sorted list of regions
//   3. layout_find_region        which region holds an address
//   4. layout_classify           which KIND of memory an address is in
//   5. layout_elf_size           text/data/bss as binutils' `size` counts them
//   6. layout_find_mmap_threshold  where glibc malloc switches from brk to mmap
// The handout's task 7 (watching ASLR with --compare) needs no code here.
// Each body below returns a safe default so that the program and the grader
// run from the start; replace it with the real thing.
//
// In Go: the runtime asks the kernel for memory with mmap (runtime/mem_linux.go)
// and never uses brk; it keeps its own heap arenas and goroutine stacks there
// (runtime/malloc.go, runtime/stack.go). This lab looks at the C process that
// Go's runtime replaces: the brk heap, thread stacks and the linker's sections.
//
// Build and run:  make layout && build/student/bin/layout
// Grade:          make grade LAB=layout
#include "layout.h"

#include <elf.h>      // Elf64_Ehdr, Elf64_Shdr, SHF_*, SHT_* for layout_elf_size
#include <malloc.h>   // mallopt, M_MMAP_THRESHOLD, malloc_trim
#include <stdlib.h>
#include <string.h>

// ---- task 1 ----------------------------------------------------------------------
// layout_parse_line — parse one maps line:
//
//   55d0c1a02000-55d0c1a05000 r-xp 00002000 fe:00 247134      /usr/bin/cat
//   start        end          perms offset dev   inode        path
//
// Contract:
//   - start, end and offset are hexadecimal; dev is MAJOR:MINOR in hexadecimal;
//     inode is decimal; perms is exactly four characters ([r-][w-][x-][ps]).
//   - start < end, or the line is malformed.
//   - the path is the rest of the line after the inode and the spaces that
//     follow it: it may contain spaces, may be empty (anonymous memory), may
//     be a name in brackets you have never heard of ([vvar_vclock]).
//   - a path ending in " (deleted)" is stored without that suffix and sets
//     out->deleted.
//   - the line may or may not end in '\n'.
//   - a field too big to hold is refused, not wrapped or cut: an inode above
//     UINT64_MAX, a path of LAYOUT_PATH_MAX bytes or more.
// Returns 0, or -1 for anything that is not a maps line.
int layout_parse_line(const char *line, layout_region_t *out)
{
    (void)line;
    (void)out;
    return -1;   // TODO
}

// ---- task 2 ----------------------------------------------------------------------
// layout_read_maps — every line of `f` into `map` (empty on entry), using
// layout_parse_line and layout_map_append (see layout.h).
// Contract:
//   - lines of any length (paths can be 4096 bytes long);
//   - each region must start at or after the end of the previous one;
//   - a read error (ferror(f) after the last line) is a failure too,
//     reported at the line that could not be read (LINE = lines read + 1);
//   - on failure: -1, err holds "NAME:LINE: what is wrong" (snprintf into
//     err, at most errlen bytes; one line, so a bad line quoted in it goes
//     without its newline) and `map` is left empty (layout_map_free).
// Returns 0 on success.
int layout_read_maps(FILE *f, const char *name, layout_map_t *map,
                     char *err, size_t errlen)
{
    (void)f;
    (void)map;
    snprintf(err, errlen, "%s: layout_read_maps is not written yet", name);
    return -1;   // TODO
}

// ---- task 3 ----------------------------------------------------------------------
// layout_find_region — the region with start <= addr < end, or NULL.
// The regions are sorted and disjoint: do better than a linear scan.
const layout_region_t *layout_find_region(const layout_map_t *map, uintptr_t addr)
{
    (void)map;
    (void)addr;
    return NULL;   // TODO
}

// ---- task 4 ----------------------------------------------------------------------
// layout_classify — the kind of memory at `addr` (layout.h lists the kinds).
// Decide it from the regions AND the facts, by the rules in the handout's
// section "How each kind is decided". Think about which kinds live INSIDE
// others: the order in which you test the rules is most of the answer.
// Never return LAYOUT_UNKNOWN.
layout_kind_t layout_classify(const layout_map_t *map, const layout_facts_t *facts,
                              uintptr_t addr)
{
    (void)map;
    (void)facts;
    (void)addr;
    return LAYOUT_UNKNOWN;   // TODO
}

// ---- task 5 ----------------------------------------------------------------------
// layout_elf_size — the three numbers `size FILE` prints (Berkeley format),
// computed from the 64-bit ELF file's section header table: read the ELF
// header (Elf64_Ehdr), find the section headers (e_shoff, e_shnum), and add
// each section's sh_size to text, data or bss by its flags and type, the way
// GNU size does (the handout tells you where to look that up).
// Contract: -1 with "PATH: what is wrong" in err (every refusal says why)
// for a file that cannot be opened, is not ELF (no "\x7fELF" magic), is not
// 64-bit little-endian, has an e_shentsize other than sizeof(Elf64_Shdr),
// or is truncated (the table, whatever count the header claims, or section
// 0 that holds the count, does not fit in the file); `out` is then
// unchanged. 0 with the numbers in *out otherwise. No section header table
// (e_shoff 0): three zeros. e_shnum 0 with a table: the count is in section
// 0's sh_size. Never read past the end of the file; close the file on every
// path out.
int layout_elf_size(const char *path, layout_size_t *out, char *err, size_t errlen)
{
    (void)out;
    snprintf(err, errlen, "%s: layout_elf_size is not written yet", path);
    return -1;   // TODO
}

// ---- task 6 ----------------------------------------------------------------------
// layout_find_mmap_threshold — pin M_MMAP_THRESHOLD to `pin` with mallopt,
// then find the smallest request size in [lo, hi] that malloc serves with
// mmap, by allocating and classifying the address you get back.
// Contract:
//   - returns that size; 0 if every size in [lo, hi] comes from the brk heap;
//     -1 if mallopt refuses (it returns 0 then) or /proc/self/maps cannot be
//     read or a probe lands somewhere that is neither heap nor mmap (or
//     malloc returns NULL for it);
//   - frees everything it allocates and closes every file it opens;
//   - must be exact (to the byte) and quick: a few dozen probes, not a million.
// Read the handout's hints about malloc's free memory before you trust a probe.
long layout_find_mmap_threshold(size_t pin, size_t lo, size_t hi,
                                const layout_facts_t *facts)
{
    (void)pin;
    (void)lo;
    (void)hi;
    (void)facts;
    return -1;   // TODO
}
