// fuzz_util.c — checks every fuzz target shares (fuzz.h): aborting on a
// broken property, line arithmetic on the input, and the form of a parser's
// "file:line: what is wrong" message, and the checks of a line-by-line
// parser's rejection.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void ml_fuzz_check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "%s: invariant broken: %s\n", ml_fuzz_name, what);
        abort();
    }
}

unsigned long ml_fuzz_lines(const uint8_t *data, size_t size)
{
    unsigned long n = 0;
    for (size_t i = 0; i < size; i++)
        n += data[i] == '\n';
    return n + (size > 0 && data[size - 1] != '\n');
}

size_t ml_fuzz_line_end(const uint8_t *data, size_t size, unsigned long line)
{
    size_t i = 0;
    for (unsigned long k = 0; k < line && i < size; k++) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        i = nl ? (size_t)(nl - data) + 1 : size;
    }
    return i;
}

unsigned long ml_fuzz_error_line(const char *err, const char *name)
{
    size_t n = strlen(name);
    ml_fuzz_check(strncmp(err, name, n) == 0 && err[n] == ':',
                  "error message does not start with 'name:'");
    const char *p = err + n + 1;
    ml_fuzz_check(*p >= '0' && *p <= '9', "error message has no line number");
    unsigned long line = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        ml_fuzz_check(line < 100000000, "error message has an absurd line number");
        line = line * 10 + (unsigned long)(*p - '0');
    }
    ml_fuzz_check(p[0] == ':' && p[1] == ' ' && p[2] != '\0',
                  "error message is not 'name:line: text'");
    return line;
}

void ml_fuzz_check_truncation(const char *err, const char *err_small, size_t small)
{
    ml_fuzz_check(memchr(err_small, '\0', small) != NULL, "truncated error is not terminated");
    size_t want = strlen(err) < small - 1 ? strlen(err) : small - 1;
    ml_fuzz_check(strlen(err_small) == want && strncmp(err_small, err, want) == 0,
                  "truncated error is not a prefix of the full one");
    ml_fuzz_check(err_small[small] == 'X', "error written past the buffer");
}

// The input as a stream. Even the empty input is read from memory: on some
// machines /dev/null is an ordinary file that other processes write into.
FILE *ml_fuzz_open(const uint8_t *data, size_t size)
{
    static uint8_t nothing[1];
    FILE *f = fmemopen(size ? (void *)data : nothing, size, "r");
    ml_fuzz_check(f != NULL, "cannot open the input");
    return f;
}

void ml_fuzz_check_line_error(const uint8_t *data, size_t size, const char *err,
                              ml_fuzz_rejects_fn rejects)
{
    unsigned long lines = ml_fuzz_lines(data, size);
    unsigned long line = ml_fuzz_error_line(err, "fuzz");
    ml_fuzz_check(line >= 1 && line <= (lines ? lines : 1), "error names a line not in the input");
    char again[512];
    memset(again, 'X', sizeof again);
    ml_fuzz_check(rejects(data, ml_fuzz_line_end(data, size, line), again, sizeof again) &&
                      strcmp(again, err) == 0,
                  "the input cut after the line of the error is not rejected the same way");
    char small[17];
    size_t n = 1 + size % 16;
    memset(small, 'X', sizeof small);
    ml_fuzz_check(rejects(data, size, small, n), "the same input was accepted the second time");
    ml_fuzz_check_truncation(err, small, n);
}
