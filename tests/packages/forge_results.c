// forge_results.c — appended to a correct student file to make the hostile
// submission of `make test-packages`: before main() it writes a forged
// results.json where Gradescope reads the result, and a file beside the
// package's sources. The real result must win and nothing may be written.
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void memlab_forge_results(void)
{
    const char *root = getenv("AUTOGRADER_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/results/results.json", root ? root : "/autograder");
    FILE *f = fopen(path, "w");
    if (f != NULL) {
        fputs("{\"score\": 1000000, \"output\": \"FORGED\", \"tests\": []}\n", f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/source/FORGED", root ? root : "/autograder");
    f = fopen(path, "w");
    if (f != NULL)
        fclose(f);
}
