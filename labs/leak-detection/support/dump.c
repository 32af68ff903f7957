// dump.c — the tracker's report file: at the end of a traced process,
// $LEAK_OUT/<pid>.json (written to a temporary name, then renamed, so a
// reader never sees half a report). The program (main.c, report.c) reads it.
//
// The file holds what the tracker knows and nothing derived that the reader
// could not recompute: every live block with its size, site and kind; every
// site's return addresses; the loaded objects and their load biases (to
// symbolize the addresses afterwards, outside the traced process); the
// heap-size samples; valgrind's HEAP SUMMARY counters; how the process ended.
#include <jansson.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "preload.h"

static int on_module(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    json_t *mods = arg;
    char exe[4096];
    const char *path = info->dlpi_name;
    if (!path || !path[0]) {
        ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (k <= 0 || json_array_size(mods) > 0)
            return 0; // the vdso has no name either; only the first is the executable
        exe[k] = 0;
        path = exe;
    }
    json_array_append_new(
        mods, json_pack("{s:s, s:I}", "path", path, "bias", (json_int_t)info->dlpi_addr));
    return 0;
}

void lk_dump_report(const char *end, int sig, const lk_block_t *blocks, size_t n,
                    const lk_region_t *roots, size_t nroots)
{
    const char *dir = lk_out_dir();
    if (!dir[0])
        return;
    json_t *r = json_object();
    char exe[4096];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[k > 0 ? k : 0] = 0;
    lk_counters_t c = lk_counters();
    json_object_set_new(r, "pid", json_integer(getpid()));
    json_object_set_new(r, "ppid", json_integer(getppid()));
    json_object_set_new(r, "program", json_string(exe));
    json_object_set_new(r, "end", json_string(end));
    json_object_set_new(r, "signal", json_integer(sig));
    json_object_set_new(r, "counters",
                        json_pack("{s:I, s:I, s:I}", "allocs", (json_int_t)c.allocs, "frees",
                                  (json_int_t)c.frees, "bytes_allocated",
                                  (json_int_t)c.bytes_allocated));
    json_t *jb = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(jb, json_pack("[I, I, i, i]", (json_int_t)blocks[i].addr,
                                            (json_int_t)blocks[i].size, (int)blocks[i].site,
                                            (int)blocks[i].kind));
    json_object_set_new(r, "blocks", jb);
    size_t ns;
    const lk_site_rec_t *sites = lk_sites(&ns);
    json_t *js = json_array();
    for (size_t i = 1; i <= ns; i++) {
        json_t *pcs = json_array();
        for (int f = 0; f < sites[i].depth; f++)
            json_array_append_new(pcs, json_integer((json_int_t)sites[i].pc[f]));
        json_array_append_new(js, pcs);
    }
    json_object_set_new(r, "sites", js);
    json_t *mods = json_array();
    dl_iterate_phdr(on_module, mods);
    json_object_set_new(r, "modules", mods);
    size_t nsamp;
    const lk_sample_t *samp = lk_samples(&nsamp);
    json_t *jsamp = json_array();
    for (size_t i = 0; i < nsamp; i++)
        json_array_append_new(jsamp, json_pack("[f, I]", samp[i].ms, (json_int_t)samp[i].live));
    json_object_set_new(r, "samples", jsamp);
    json_t *jr = json_array();
    for (size_t i = 0; i < nroots; i++)
        json_array_append_new(jr, json_pack("{s:s, s:I, s:b, s:i}", "name", roots[i].name, "bytes",
                                            (json_int_t)(roots[i].end - roots[i].start), "own",
                                            roots[i].own, "kind", (int)roots[i].kind));
    json_object_set_new(r, "roots", jr);

    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%d.json", dir, (int)getpid());
    snprintf(tmp, sizeof tmp, "%s/.%d.json.tmp", dir, (int)getpid());
    if (json_dump_file(r, tmp, JSON_COMPACT) == 0)
        rename(tmp, path);
    else
        unlink(tmp);
    json_decref(r);
}
