// scenarios.c — the built-in adversarial scenarios (format: scenario.h).
//
// Each one is a way to lose a reachable object when marking runs beside a
// mutator without the right barrier. Every scenario loses an object under
// `--barrier none`; a correct Dijkstra, Yuasa and hybrid barrier (with the
// right policy) lose none. Each also keeps a chain of "busy" objects on a
// last global, so marking is still running when the script acts.
//
// How the marker orders its work matters for the `wait` lines: root jobs
// (each global in order, then each unscanned stack) alternate with draining
// the LIFO worklist one object at a time (marker.c).
#include <stdio.h>
#include <string.h>

#include "scenario.h"

#define BUSY "object B1 B2 B3 B4 B5 B6\nB1.a = B2\nB2.a = B3\nB3.a = B4\nB4.a = B5\nB5.a = B6\n" \
             "global busy = B1\n"

static const struct builtin {
    const char *name, *text;
} builtins[] = {
    {"classic",
     "scenario classic\n"
     "about A black object takes the only pointer to a white object while the grey path to it is cut.\n"
     "object X P W\n"
     "global gx = X\n"
     "global gp = P\n"
     BUSY
     "stack main l0\n"
     "P.a = W\n"
     "---\n"
     "wait black X\n"
     "wait grey P\n"
     "main.l0 = P.a      # load W: a stack write, no barrier\n"
     "X.a = main.l0      # black X now points to white W\n"
     "P.a = nil          # the grey path to W is cut\n"
     "main.l0 = nil      # and the stack lets go: only black X holds W\n"},
    {"stack-slot",
     "scenario stack-slot\n"
     "about The only pointer to a white object moves into a stack that was already scanned, and the heap path is cut.\n"
     "object P Q W\n"
     "global gp = P\n"
     BUSY
     "stack main l0\n"
     "P.a = Q\n"
     "Q.a = W\n"
     "---\n"
     "wait scanned main\n"
     "wait grey Q\n"
     "main.l0 = Q.a      # a black stack takes W: no barrier on stack writes\n"
     "Q.a = nil          # cut the heap path: only the scanned stack holds W\n"},
    {"deep-hidden",
     "scenario deep-hidden\n"
     "about Like stack-slot, but the hidden object heads a chain of three white objects.\n"
     "object P Q W W2 W3\n"
     "global gp = P\n"
     BUSY
     "stack main l0\n"
     "P.a = Q\n"
     "Q.a = W\n"
     "W.a = W2\n"
     "W2.b = W3\n"
     "---\n"
     "wait scanned main\n"
     "wait grey Q\n"
     "main.l0 = Q.a\n"
     "Q.a = nil          # W, W2 and W3 are now reachable only from a scanned stack\n"},
    {"grey-stack-store",
     "scenario grey-stack-store\n"
     "about A goroutine whose stack is not scanned yet stores its only pointer to an object into a black object, then drops it.\n"
     "object X W\n"
     "global gx = X\n"
     BUSY
     "stack main l0\n"
     "main.l0 = W        # before the cycle: only the stack holds W\n"
     "---\n"
     "wait black X\n"
     "X.a = main.l0      # the stack is still grey: the new pointer must be shaded\n"
     "main.l0 = nil      # when the stack is scanned, W is no longer on it\n"},
    {"other-goroutine",
     "scenario other-goroutine\n"
     "about Two goroutines: main is scanned, g2 is not; g2 moves its only pointer into a black object.\n"
     "object X W\n"
     "global gx = X\n"
     BUSY
     "stack main l0\n"
     "stack g2 l0\n"
     "g2.l0 = W\n"
     "---\n"
     "wait black X\n"
     "wait scanned main\n"
     "X.a = g2.l0        # runs on g2, whose stack is grey (main's is black)\n"
     "g2.l0 = nil\n"},
    {"global-store",
     "scenario global-store\n"
     "about The only pointer to a white object moves into a global that was already scanned, and the heap path is cut.\n"
     "object P Q W\n"
     "global gx\n"
     "global gp = P\n"
     BUSY
     "stack main l0\n"
     "P.a = Q\n"
     "Q.a = W\n"
     "---\n"
     "wait scanned main\n"
     "wait grey Q\n"
     "main.l0 = Q.a\n"
     "gx = main.l0       # a store into a global: Go runs the barrier for it\n"
     "Q.a = nil\n"
     "main.l0 = nil      # only the (scanned) global holds W\n"},
    {"global-delete",
     "scenario global-delete\n"
     "about The only pointer to an object is deleted from a global not scanned yet, after a black object took it.\n"
     "object X W\n"
     "global gx = X\n"
     "global gw = W\n"
     BUSY
     "stack main l0\n"
     "---\n"
     "wait black X\n"
     "main.l0 = gw\n"
     "gw = nil           # deletes W from a global the marker has not scanned yet\n"
     "X.a = main.l0\n"
     "main.l0 = nil      # only black X holds W\n"},
    {"grey-stack-to-global",
     "scenario grey-stack-to-global\n"
     "about A goroutine whose stack is not scanned yet stores its only pointer to an object into a scanned global.\n"
     "object W D E\n"
     "global gx\n"
     "global gd = D\n"
     BUSY
     "stack main l0\n"
     "main.l0 = W\n"
     "D.a = E\n"
     "---\n"
     "wait grey D        # gx has been scanned (it was nil); main has not\n"
     "gx = main.l0\n"
     "main.l0 = nil      # only the scanned global holds W\n"},
    {"alloc-store",
     "scenario alloc-store\n"
     "about An object allocated during marking is stored by a scanned goroutine into a black object.\n"
     "object X\n"
     "global gx = X\n"
     BUSY
     "stack main l0\n"
     "---\n"
     "wait black X\n"
     "wait scanned main\n"
     "main.l0 = new N    # allocated while marking runs: its color is the policy's\n"
     "X.a = main.l0\n"
     "main.l0 = nil      # only black X holds N\n"},
    {"alloc-stack-only",
     "scenario alloc-stack-only\n"
     "about An object allocated during marking is held only by a stack that was already scanned.\n"
     "object X\n"
     "global gx = X\n"
     BUSY
     "stack main l0\n"
     "---\n"
     "wait scanned main\n"
     "main.l0 = new N    # only the scanned stack holds N\n"},
};

#define NBUILTIN (sizeof builtins / sizeof builtins[0])

const char *const wb_scenario_names[NBUILTIN + 1] = {
    "classic", "stack-slot", "deep-hidden", "grey-stack-store", "other-goroutine", "global-store",
    "global-delete", "grey-stack-to-global", "alloc-store", "alloc-stack-only", NULL,
};

const char *wb_scenario_text(const char *name)
{
    for (size_t i = 0; i < NBUILTIN; i++)
        if (!strcmp(builtins[i].name, name))
            return builtins[i].text;
    return NULL;
}

const char *wb_scenario_about(const char *name)
{
    const char *t = wb_scenario_text(name), *a = t ? strstr(t, "\nabout ") : NULL;
    static char buf[256];
    if (!a)
        return "";
    a += 7;
    size_t n = strcspn(a, "\n");
    snprintf(buf, sizeof buf, "%.*s", (int)n, a);
    return buf;
}

wb_scenario_t *wb_scenario_builtin(const char *name, char *why, size_t whylen)
{
    const char *text = wb_scenario_text(name);
    if (!text) {
        snprintf(why, whylen, "no built-in scenario '%s' (--list shows them)", name);
        return NULL;
    }
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    if (!f) {
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    wb_scenario_t *s = wb_scenario_parse(f, name, why, whylen);
    fclose(f);
    return s;
}
