// perms_any_letter_anywhere.c — mutant of the layout lab's student file:
// the parser checks that each of the four permission characters is one of
// "rwxps-", but not that it is the one its place allows (r or - first, then
// w or -, x or -, p or s), so "w--p", "r-sp" and "rwx-" are taken for
// permissions.
// Caught by: maps/rejects_lines_that_are_not_maps_lines (a letter in another
// letter's place).
// Killed by: maps/rejects_lines_that_are_not_maps_lines
#include "layout.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char deleted_suffix[] = " (deleted)";

// ---- reading the maps -------------------------------------------------------------

// hex_field — parse a hexadecimal number of 1..16 digits at *p that must be
// followed by `stop`; advances *p past `stop`. Returns whether it was well formed.
static bool hex_field(const char **p, char stop, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;
    int digits = 0;
    for (;; s++, digits++) {
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (*s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else
            break;
        if (digits == 16)
            return false;
        v = v << 4 | (uint64_t)d;
    }
    if (digits == 0 || *s != stop)
        return false;
    *out = v;
    *p = s + 1;
    return true;
}

// layout_parse_line — the fields in order, each checked; the path is the rest.
int layout_parse_line(const char *line, layout_region_t *out)
{
    const char *p = line;
    uint64_t start, end, offset, major, minor;
    if (!hex_field(&p, '-', &start) || !hex_field(&p, ' ', &end))
        return -1;
    if (start >= end)
        return -1;
    for (int i = 0; i < 4; i++) {
        if (p[i] == '\0' || strchr("rwxps-", p[i]) == NULL)
            return -1;
        out->perms[i] = p[i];
    }
    out->perms[4] = '\0';
    if (p[4] != ' ')
        return -1;
    p += 5;
    if (!hex_field(&p, ' ', &offset) || !hex_field(&p, ':', &major) || !hex_field(&p, ' ', &minor))
        return -1;
    if (major > 0xfff || minor > 0xfffff)   // Linux's 12-bit major, 20-bit minor
        return -1;
    if (*p < '0' || *p > '9')
        return -1;
    uint64_t inode = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        uint64_t d = (uint64_t)(*p - '0');
        if (inode > (UINT64_MAX - d) / 10)
            return -1;
        inode = inode * 10 + d;
    }
    if (*p != ' ' && *p != '\n' && *p != '\0')
        return -1;
    while (*p == ' ')
        p++;
    // The path: everything up to the end of the line, spaces included.
    size_t n = strcspn(p, "\n");
    if (n > 0 && p[n - 1] == '\r')
        n--;
    if (n >= sizeof out->path)
        return -1;
    memcpy(out->path, p, n);
    out->path[n] = '\0';
    size_t k = sizeof deleted_suffix - 1;
    out->deleted = n > k && strcmp(out->path + n - k, deleted_suffix) == 0;
    if (out->deleted)
        out->path[n - k] = '\0';
    out->start = (uintptr_t)start;
    out->end = (uintptr_t)end;
    out->offset = offset;
    out->dev_major = (unsigned)major;
    out->dev_minor = (unsigned)minor;
    out->inode = inode;
    return 0;
}

// layout_read_maps — one region per line, in increasing address order.
int layout_read_maps(FILE *f, const char *name, layout_map_t *map,
                     char *err, size_t errlen)
{
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    layout_region_t *r = malloc(sizeof *r);
    if (r == NULL) {
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;   // no memory for one region: the file was not read
    }
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        if (layout_parse_line(line, r) != 0) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(err, errlen, "%s:%u: not a maps line: '%.80s'", name, lineno, line);
            goto fail;
        }
        if (map->n > 0 && r->start < map->regions[map->n - 1].end) {
            snprintf(err, errlen, "%s:%u: region at %#lx starts before the previous one ends",
                     name, lineno, (unsigned long)r->start);
            goto fail;
        }
        if (layout_map_append(map, r) != 0) {
            snprintf(err, errlen, "%s:%u: out of memory", name, lineno);
            goto fail;
        }
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s:%u: read error: %s", name, lineno + 1, strerror(errno));
        goto fail;
    }
    free(line);
    free(r);
    return 0;
fail:
    free(line);
    free(r);
    layout_map_free(map);
    return -1;
}

// layout_find_region — binary search for the last region starting at or
// below addr, then check that it reaches addr.
const layout_region_t *layout_find_region(const layout_map_t *map, uintptr_t addr)
{
    size_t lo = 0, hi = map->n;   // invariant: regions[< lo].start <= addr < regions[>= hi].start
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->regions[mid].start <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const layout_region_t *r = &map->regions[lo - 1];
    return addr < r->end ? r : NULL;
}

// ---- classification -----------------------------------------------------------------

static bool in_range(uintptr_t a, uintptr_t lo, uintptr_t hi)
{
    return a >= lo && a < hi;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

// pseudo_kind — the kind of a region the kernel names in brackets.
static layout_kind_t pseudo_kind(const char *name)
{
    if (strcmp(name, "[heap]") == 0)
        return LAYOUT_HEAP;
    if (strcmp(name, "[stack]") == 0)
        return LAYOUT_STACK;
    if (starts_with(name, "[stack:"))       // Linux < 4.5 labelled thread stacks
        return LAYOUT_THREAD_STACK;
    if (strcmp(name, "[vdso]") == 0 || strcmp(name, "[vsyscall]") == 0 ||
        starts_with(name, "[vvar"))         // [vvar], and [vvar_vclock] since 6.13
        return LAYOUT_VDSO;
    if (starts_with(name, "[anon:") || starts_with(name, "[anon_shmem:"))
        return LAYOUT_MMAP;                 // anonymous memory named with prctl
    return LAYOUT_OTHER;
}

// has_code — whether some region maps file `path` executable: the mark of a
// loaded program or library, which a data file never has.
static bool has_code(const layout_map_t *map, const char *path)
{
    for (size_t i = 0; i < map->n; i++)
        if (map->regions[i].perms[2] == 'x' && strcmp(map->regions[i].path, path) == 0)
            return true;
    return false;
}

// layout_classify — the rules of the file comment, in order.
layout_kind_t layout_classify(const layout_map_t *map, const layout_facts_t *facts,
                              uintptr_t addr)
{
    const layout_region_t *r = layout_find_region(map, addr);
    if (r == NULL)
        return LAYOUT_UNMAPPED;
    for (size_t i = 0; i < facts->nthreads; i++)
        if (in_range(addr, facts->threads[i].tls_lo, facts->threads[i].tls_hi))
            return LAYOUT_TLS;
    for (size_t i = 0; i < facts->nthreads; i++)
        if (in_range(addr, facts->threads[i].stack_lo, facts->threads[i].stack_hi))
            return LAYOUT_THREAD_STACK;
    if (in_range(addr, facts->bss_start, facts->end))
        return LAYOUT_BSS;
    bool own_file = facts->exe_path[0] != '\0' && strcmp(r->path, facts->exe_path) == 0;
    if (own_file || in_range(addr, facts->executable_start, facts->end)) {
        if (r->perms[2] == 'x')
            return LAYOUT_TEXT;
        if (r->perms[1] == 'w')
            return LAYOUT_DATA;
        return LAYOUT_RODATA;
    }
    if (r->path[0] == '[')
        return pseudo_kind(r->path);
    if (r->path[0] == '\0')
        return LAYOUT_MMAP;
    return has_code(map, r->path) ? LAYOUT_LIBRARY : LAYOUT_FILE;
}

// ---- size ---------------------------------------------------------------------------

// read_at — exactly n bytes at offset off; returns whether it read them.
static bool read_at(int fd, void *buf, size_t n, uint64_t off)
{
    size_t done = 0;
    while (done < n) {
        ssize_t got = pread(fd, (char *)buf + done, n - done, (off_t)(off + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        done += (size_t)got;
    }
    return true;
}

// layout_elf_size — GNU size's Berkeley rule, section by section: of the
// sections that occupy memory (SHF_ALLOC), code or read-only ones are text,
// writable ones with contents are data, writable ones without (NOBITS) bss.
int layout_elf_size(const char *path, layout_size_t *out, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    Elf64_Shdr *sh = NULL;
    struct stat st;
    Elf64_Ehdr eh;
    if (fstat(fd, &st) != 0 || !read_at(fd, &eh, sizeof eh, 0)) {
        snprintf(err, errlen, "%s: too short for an ELF header", path);
        goto fail;
    }
    if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
        snprintf(err, errlen, "%s: not an ELF file", path);
        goto fail;
    }
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB) {
        snprintf(err, errlen, "%s: not a little-endian 64-bit ELF file", path);
        goto fail;
    }
    uint64_t shnum = eh.e_shnum, fsize = (uint64_t)st.st_size;
    if (eh.e_shoff == 0) {
        *out = (layout_size_t){0, 0, 0};   // no section headers: `size` prints zeros
        close(fd);
        return 0;
    }
    if (eh.e_shentsize != sizeof(Elf64_Shdr)) {
        snprintf(err, errlen, "%s: section header size %u, expected %zu", path,
                 eh.e_shentsize, sizeof(Elf64_Shdr));
        goto fail;
    }
    if (shnum == 0) {   // more than 0xff00 sections: the count is in section 0
        Elf64_Shdr first;
        if (!read_at(fd, &first, sizeof first, eh.e_shoff)) {
            snprintf(err, errlen, "%s: truncated section header table", path);
            goto fail;
        }
        shnum = first.sh_size;
    }
    if (eh.e_shoff > fsize || shnum > (fsize - eh.e_shoff) / sizeof(Elf64_Shdr)) {
        snprintf(err, errlen, "%s: truncated section header table", path);
        goto fail;
    }
    sh = malloc(shnum * sizeof *sh + 1);
    if (sh == NULL || !read_at(fd, sh, shnum * sizeof *sh, eh.e_shoff)) {
        snprintf(err, errlen, "%s: cannot read the section header table", path);
        goto fail;
    }
    layout_size_t sz = {0, 0, 0};
    for (uint64_t i = 0; i < shnum; i++) {
        if (!(sh[i].sh_flags & SHF_ALLOC))
            continue;
        if ((sh[i].sh_flags & SHF_EXECINSTR) || !(sh[i].sh_flags & SHF_WRITE))
            sz.text += sh[i].sh_size;
        else if (sh[i].sh_type != SHT_NOBITS)
            sz.data += sh[i].sh_size;
        else
            sz.bss += sh[i].sh_size;
    }
    *out = sz;
    free(sh);
    close(fd);
    return 0;
fail:
    free(sh);
    close(fd);
    return -1;
}

// ---- the mmap threshold ----------------------------------------------------------------

// probe — where malloc puts a request of `size` bytes: LAYOUT_HEAP,
// LAYOUT_MMAP, another kind, or LAYOUT_UNKNOWN when the maps cannot be read.
// Leaves malloc as it found it: the block is freed and the top of the brk
// heap trimmed, so the next probe does not find this one's memory free.
static layout_kind_t probe(size_t size, const layout_facts_t *facts)
{
    void *p = malloc(size);
    if (p == NULL)
        return LAYOUT_UNKNOWN;
    layout_kind_t k = LAYOUT_UNKNOWN;
    layout_map_t map;
    layout_map_init(&map);
    FILE *f = fopen("/proc/self/maps", "r");
    if (f != NULL) {
        char err[256];
        if (layout_read_maps(f, "/proc/self/maps", &map, err, sizeof err) == 0)
            k = layout_classify(&map, facts, (uintptr_t)p);
        fclose(f);
    }
    layout_map_free(&map);
    free(p);
    malloc_trim(0);
    return k;
}

// layout_find_mmap_threshold — binary search over the request size: below
// the answer malloc uses the brk heap, from the answer on it uses mmap.
long layout_find_mmap_threshold(size_t pin, size_t lo, size_t hi,
                                const layout_facts_t *facts)
{
    if (pin > (size_t)INT32_MAX || mallopt(M_MMAP_THRESHOLD, (int)pin) != 1)
        return -1;
    if (lo == 0)
        lo = 1;
    if (lo > hi)
        return 0;
    layout_kind_t k = probe(hi, facts);
    if (k == LAYOUT_HEAP)
        return 0;
    if (k != LAYOUT_MMAP)
        return -1;
    // Invariant: malloc(hi) is mmapped; every size below lo comes from brk.
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        k = probe(mid, facts);
        if (k == LAYOUT_MMAP)
            hi = mid;
        else if (k == LAYOUT_HEAP)
            lo = mid + 1;
        else
            return -1;
    }
    return (long)lo;
}
