// lost_points.c — which tests took points from one graded submission?
// tests/lab_class.sh runs it on the results.json of each mutant it grades.
//
//   lost_points RESULTS.json [SUITE/TEST ...]
//
// Reads the grader's results.json (harness/grader/out_json.c: each entry of
// "tests" carries its extra_data "suite" and "test", its "score" and
// "max_score") and prints, one per line:
//
//   score S MAX              the submission's score and the maximum of what ran
//   lost SUITE/TEST S MAX    each test that scored below its maximum
//   missing SUITE/TEST       each SUITE/TEST named on the command line that
//                            the results do not hold (no such test ran)
//
// A test of the whole lab ("lab/compiles" when the file did not build, a
// suite that crashed) is listed like any other. Exit 0 when the file was
// read, 1 when it is not a grader's results.json, 2 bad usage.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

// "SUITE/TEST" of one entry of "tests", or NULL when it names neither.
static char *test_name(json_t *t)
{
    json_t *extra = json_object_get(t, "extra_data");
    const char *suite = json_string_value(json_object_get(extra, "suite"));
    const char *test = json_string_value(json_object_get(extra, "test"));
    if (suite == NULL || test == NULL)
        return NULL;
    size_t n = strlen(suite) + strlen(test) + 2;
    char *name = malloc(n);
    if (name == NULL) {
        fputs("lost_points: out of memory\n", stderr);
        exit(1);
    }
    snprintf(name, n, "%s/%s", suite, test);
    return name;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs("usage: lost_points RESULTS.json [SUITE/TEST ...]\n", argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    json_error_t err;
    json_t *root = json_load_file(argv[1], 0, &err);
    if (root == NULL) {
        fprintf(stderr, "%s:%d: not valid JSON: %s\n", argv[1], err.line, err.text);
        return 1;
    }
    json_t *score = json_object_get(root, "score"), *tests = json_object_get(root, "tests");
    if (!json_is_number(score) || !json_is_array(tests)) {
        fprintf(stderr, "%s: no numeric score or no tests array\n", argv[1]);
        json_decref(root);
        return 1;
    }
    bool *seen = calloc((size_t)argc, sizeof *seen);
    double max = 0;
    size_t n = json_array_size(tests);
    for (size_t i = 0; i < n; i++)
        max += json_number_value(json_object_get(json_array_get(tests, i), "max_score"));
    printf("score %g %g\n", json_number_value(score), max);
    for (size_t i = 0; i < n; i++) {
        json_t *t = json_array_get(tests, i);
        double s = json_number_value(json_object_get(t, "score"));
        double m = json_number_value(json_object_get(t, "max_score"));
        char *name = test_name(t);
        if (name == NULL)
            continue;
        for (int a = 2; a < argc; a++)
            seen[a] |= strcmp(argv[a], name) == 0;
        if (s < m - 1e-9)
            printf("lost %s %g %g\n", name, s, m);
        free(name);
    }
    for (int a = 2; a < argc; a++)
        if (!seen[a])
            printf("missing %s\n", argv[a]);
    free(seen);
    json_decref(root);
    return 0;
}
