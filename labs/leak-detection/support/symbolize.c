// symbolize.c — names return addresses from a traced process after it has
// exited, with elfutils' libdwfl: each loaded object is reported at its load
// bias, then an address becomes its function and, where the object has
// debug information, its source file and line.
#include <elfutils/libdwfl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
};

static char *text_of(Dwfl *dwfl, unsigned long pc)
{
    char *out = NULL;
    // A return address points after the call; pc - 1 is inside it.
    Dwarf_Addr a = pc - 1;
    Dwfl_Module *mod = dwfl ? dwfl_addrmodule(dwfl, a) : NULL;
    if (!mod) {
        if (asprintf(&out, "0x%lx", pc) < 0)
            out = NULL;
        return out;
    }
    const char *fn = dwfl_module_addrname(mod, a);
    const char *mname = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    const char *base = mname ? strrchr(mname, '/') : NULL;
    base = base ? base + 1 : mname ? mname : "?";
    Dwfl_Line *line = dwfl_module_getsrc(mod, a);
    int lineno = 0;
    const char *file = line ? dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL) : NULL;
    if (file) {
        const char *fb = strrchr(file, '/');
        if (asprintf(&out, "%s %s:%d", fn ? fn : "??", fb ? fb + 1 : file, lineno) < 0)
            out = NULL;
    } else {
        if (asprintf(&out, "%s (%s)", fn ? fn : "??", base) < 0)
            out = NULL;
    }
    return out;
}

void lk_symbolize(json_t *mods, const unsigned long *pcs, size_t n, char **texts)
{
    Dwfl *dwfl = dwfl_begin(&callbacks);
    if (dwfl) {
        dwfl_report_begin(dwfl);
        size_t i;
        json_t *m;
        json_array_foreach(mods, i, m)
        {
            const char *path = json_string_value(json_object_get(m, "path"));
            json_int_t bias = json_integer_value(json_object_get(m, "bias"));
            if (path && path[0] == '/')
                dwfl_report_elf(dwfl, path, path, -1, (GElf_Addr)bias, false);
        }
        dwfl_report_end(dwfl, NULL, NULL);
    }
    for (size_t i = 0; i < n; i++)
        texts[i] = text_of(dwfl, pcs[i]);
    if (dwfl)
        dwfl_end(dwfl);
}
