// report.c — what the layout program prints: the process map with the example
// objects placed in it, the objects with the kind the student's classifier
// gives and the kind they are, the size numbers and the malloc experiment;
// as text for people and as JSON for programs (the comparison of two runs,
// the grader).
#include "support/program.h"

#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

// layout_system_aslr — the kernel's address randomization setting.
int layout_system_aslr(void)
{
    FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "r");
    int v = -1;
    if (f != NULL) {
        if (fscanf(f, "%d", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

// layout_exe_is_pie — ET_DYN in the ELF header: the program can be loaded
// anywhere, so ASLR moves it too.
bool layout_exe_is_pie(const char *path)
{
    Elf64_Ehdr eh;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool pie = read(fd, &eh, sizeof eh) == (ssize_t)sizeof eh &&
               memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_type == ET_DYN;
    close(fd);
    return pie;
}

// layout_human_size — bytes in the largest binary unit that keeps it ≥ 1.
const char *layout_human_size(uint64_t bytes, char *buf, size_t len)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double v = (double)bytes;
    int u = 0;
    while (v >= 1024 && u < 6) {
        v /= 1024;
        u++;
    }
    if (u == 0 || v >= 100 || v == (double)(uint64_t)v)
        snprintf(buf, len, "%.0f %s", v, units[u]);
    else
        snprintf(buf, len, "%.1f %s", v, units[u]);
    return buf;
}

// aslr_words — randomize_va_space in words.
static const char *aslr_words(int aslr)
{
    switch (aslr) {
    case 0: return "off";
    case 1: return "on, heap not randomized";
    case 2: return "on, everything randomized";
    default: return "unknown";
    }
}

// print_objects_in — the objects whose address lies in [lo, hi).
static void print_objects_in(FILE *out, const layout_run_t *run, uintptr_t lo, uintptr_t hi)
{
    for (size_t i = 0; i < run->nobjects; i++) {
        const layout_specimen_t *o = &run->objects[i];
        if (o->addr < lo || o->addr >= hi)
            continue;
        layout_kind_t k = layout_classify(&run->map, &run->facts, o->addr);
        fprintf(out, "      ^ %016" PRIxPTR "  %-13s %s -> %s", o->addr, o->id, o->what,
                layout_kind_name(k));
        if (k != o->expected)
            fprintf(out, " (expected %s)", layout_kind_name(o->expected));
        fputc('\n', out);
    }
}

// layout_report_text — see program.h.
void layout_report_text(FILE *out, const layout_run_t *run)
{
    char buf[32];
    fprintf(out, "memlab layout: the address space of process %d\n", (int)getpid());
    fprintf(out, "  program %s (%s)\n", run->facts.exe_path,
            run->pie ? "position-independent: ASLR moves it"
                     : "not PIE: loaded at a fixed address");
    fprintf(out, "  address randomization: %d (%s)%s\n\n", run->aslr, aslr_words(run->aslr),
            run->no_randomize ? ", disabled for this process (ADDR_NO_RANDOMIZE)" : "");
    if (!run->map_ok)
        fprintf(out, "  (no map: %s)\n\n", run->map_err);
    fprintf(out, "  %-16s %-16s perms %9s  %-12s  %s\n", "start", "end", "size", "kind", "path");
    uintptr_t prev_end = 0;
    for (size_t i = 0; i < run->map.n; i++) {
        const layout_region_t *r = &run->map.regions[i];
        if (r->start > prev_end)
            print_objects_in(out, run, prev_end, r->start); // unmapped objects
        layout_kind_t k = layout_classify(&run->map, &run->facts, r->start);
        fprintf(out, "  %016" PRIxPTR " %016" PRIxPTR " %s %9s  %-12s  %s%s\n", r->start, r->end,
                r->perms, layout_human_size(r->end - r->start, buf, sizeof buf),
                layout_kind_name(k), r->path, r->deleted ? " (deleted)" : "");
        print_objects_in(out, run, r->start, r->end);
        prev_end = r->end;
    }
    if (run->map.n == 0)
        print_objects_in(out, run, 0, UINTPTR_MAX);

    fprintf(out, "\nExample objects: the kind your layout_classify gives, and the kind they are\n");
    fprintf(out, "  %-13s %-18s %-13s %-13s\n", "object", "address", "yours", "expected");
    int wrong = 0;
    for (size_t i = 0; i < run->nobjects; i++) {
        const layout_specimen_t *o = &run->objects[i];
        layout_kind_t k = layout_classify(&run->map, &run->facts, o->addr);
        wrong += k != o->expected;
        fprintf(out, "  %-13s 0x%016" PRIxPTR " %-13s %-13s %s\n", o->id, o->addr,
                layout_kind_name(k), layout_kind_name(o->expected),
                k == o->expected ? "ok" : "WRONG");
    }
    fprintf(out, "  %d of %zu classified as expected\n", (int)run->nobjects - wrong, run->nobjects);

    fprintf(out, "\nsize (Berkeley format, in bytes), from the program's own ELF file:\n");
    if (run->size_ok) {
        uint64_t dec = run->size.text + run->size.data + run->size.bss;
        fprintf(out, "  %10s %10s %10s %10s %8s filename\n", "text", "data", "bss", "dec", "hex");
        fprintf(out, "  %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %8" PRIx64 " %s\n",
                run->size.text, run->size.data, run->size.bss, dec, dec, run->facts.exe_path);
        fprintf(out, "  (compare: size %s)\n", run->facts.exe_path);
    } else {
        fprintf(out, "  layout_elf_size failed: %s\n", run->size_err);
    }

    if (run->threshold_run) {
        fprintf(out,
                "\nmalloc's switch from brk to mmap, with M_MMAP_THRESHOLD pinned to %zu bytes:\n",
                run->pin);
        if (run->threshold > 0)
            fprintf(out, "  malloc(%ld) is the smallest request served by mmap\n", run->threshold);
        if (run->threshold > 0 && (size_t)run->threshold > run->pin)
            fprintf(out,
                    "  (above the pin: requests that fit in memory malloc already has, such as\n"
                    "  the free top of the brk heap, never reach the mmap decision; the handout,\n"
                    "  task 6, says why a small pin shows this)\n");
        else if (run->threshold == 0)
            fprintf(out, "  every request probed came from the brk heap\n");
        else
            fprintf(out,
                    "  the experiment could not run (layout_find_mmap_threshold returned -1)\n");
    }
}

// json_addr — an address as a "0x..." JSON string (JSON numbers cannot hold
// every 64-bit address exactly).
static json_t *json_addr(uintptr_t a)
{
    char buf[24];
    snprintf(buf, sizeof buf, "0x%" PRIxPTR, a);
    return json_string(buf);
}

// facts_json — the linker symbols and the threads.
static json_t *facts_json(const layout_facts_t *f)
{
    json_t *threads = json_array();
    for (size_t i = 0; i < f->nthreads; i++) {
        const layout_thread_t *t = &f->threads[i];
        json_array_append_new(threads,
                              json_pack("{s:i, s:b, s:o, s:o, s:o, s:o}", "tid", (int)t->tid,
                                        "main", t->is_main, "stack_lo", json_addr(t->stack_lo),
                                        "stack_hi", json_addr(t->stack_hi), "tls_lo",
                                        json_addr(t->tls_lo), "tls_hi", json_addr(t->tls_hi)));
    }
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "exe", f->exe_path, "executable_start",
                     json_addr(f->executable_start), "etext", json_addr(f->etext), "edata",
                     json_addr(f->edata), "bss_start", json_addr(f->bss_start), "end",
                     json_addr(f->end), "threads", threads);
}

// layout_report_json — see program.h.
json_t *layout_report_json(const layout_run_t *run)
{
    json_t *regions = json_array();
    for (size_t i = 0; i < run->map.n; i++) {
        const layout_region_t *r = &run->map.regions[i];
        char dev[32];
        snprintf(dev, sizeof dev, "%02x:%02x", r->dev_major, r->dev_minor);
        layout_kind_t k = layout_classify(&run->map, &run->facts, r->start);
        json_array_append_new(regions,
                              json_pack("{s:o, s:o, s:s, s:I, s:s, s:I, s:s, s:b, s:s}", "start",
                                        json_addr(r->start), "end", json_addr(r->end), "perms",
                                        r->perms, "offset", (json_int_t)r->offset, "dev", dev,
                                        "inode", (json_int_t)r->inode, "path", r->path, "deleted",
                                        r->deleted, "kind", layout_kind_name(k)));
    }
    json_t *objects = json_array();
    for (size_t i = 0; i < run->nobjects; i++) {
        const layout_specimen_t *o = &run->objects[i];
        layout_kind_t k = layout_classify(&run->map, &run->facts, o->addr);
        json_array_append_new(objects,
                              json_pack("{s:s, s:s, s:o, s:s, s:s}", "id", o->id, "what", o->what,
                                        "addr", json_addr(o->addr), "kind", layout_kind_name(k),
                                        "expected", layout_kind_name(o->expected)));
    }
    json_t *root = json_pack("{s:i, s:i, s:b, s:b, s:o, s:o, s:o}", "pid", (int)getpid(), "aslr",
                             run->aslr, "no_randomize", run->no_randomize, "pie", run->pie, "facts",
                             facts_json(&run->facts), "regions", regions, "objects", objects);
    json_object_set_new(root, "map_error", run->map_ok ? json_null() : json_string(run->map_err));
    json_object_set_new(
        root, "size",
        run->size_ok ? json_pack("{s:I, s:I, s:I}", "text", (json_int_t)run->size.text, "data",
                                 (json_int_t)run->size.data, "bss", (json_int_t)run->size.bss)
                     : json_null());
    json_object_set_new(root, "mmap_threshold",
                        run->threshold_run ? json_pack("{s:I, s:I}", "pin", (json_int_t)run->pin,
                                                       "found", (json_int_t)run->threshold)
                                           : json_null());
    return root;
}
