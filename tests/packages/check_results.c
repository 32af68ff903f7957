// check_results.c — is this a results.json Gradescope accepts, with the
// score expected? `make test-packages` runs it on what run_autograder wrote.
//
//   check_results RESULTS.json full|zero|any
//
// Always: valid JSON; a numeric "score"; a "tests" array whose every entry
// has a name, numeric score and max_score and a known visibility; no
// "FORGED" anywhere. `full`: the score equals the sum of max_score and is
// above 0; `zero`: the score is 0. Exit 0 when all hold, 1 otherwise.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: check_results RESULTS.json full|zero|any\n", stderr);
        return 2;
    }
    json_error_t err;
    json_t *root = json_load_file(argv[1], JSON_REJECT_DUPLICATES, &err);
    if (root == NULL) {
        fprintf(stderr, "%s:%d: not valid JSON: %s\n", argv[1], err.line, err.text);
        return 1;
    }
    int bad = 0;
    json_t *score = json_object_get(root, "score"), *tests = json_object_get(root, "tests");
    if (!json_is_number(score) || !json_is_array(tests)) {
        fprintf(stderr, "%s: no numeric score or no tests array\n", argv[1]);
        bad = 1;
    }
    double max = 0;
    size_t i;
    json_t *t;
    json_array_foreach(tests, i, t) {
        const char *vis = json_string_value(json_object_get(t, "visibility"));
        if (!json_is_string(json_object_get(t, "name")) ||
            !json_is_number(json_object_get(t, "score")) ||
            !json_is_number(json_object_get(t, "max_score")) ||
            (vis && strcmp(vis, "visible") && strcmp(vis, "hidden") &&
             strcmp(vis, "after_due_date") && strcmp(vis, "after_published"))) {
            fprintf(stderr, "%s: test %zu is not in Gradescope's format\n", argv[1], i + 1);
            bad = 1;
        }
        max += json_number_value(json_object_get(t, "max_score"));
    }
    char *text = json_dumps(root, 0);
    if (text && strstr(text, "FORGED")) {
        fprintf(stderr, "%s: the forged results were kept\n", argv[1]);
        bad = 1;
    }
    double s = json_number_value(score);
    if (strcmp(argv[2], "full") == 0 && !(max > 0 && s >= max - 1e-9)) {
        fprintf(stderr, "%s: score %g, expected full marks (%g)\n", argv[1], s, max);
        bad = 1;
    }
    if (strcmp(argv[2], "zero") == 0 && s != 0) {
        fprintf(stderr, "%s: score %g, expected 0\n", argv[1], s);
        bad = 1;
    }
    free(text);
    json_decref(root);
    if (!bad)
        printf("   %s: valid, score %g of %g\n", argv[1], s, max);
    return bad;
}
