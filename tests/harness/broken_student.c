// broken_student.c — a student file that does not compile, for the grader's
// robustness fixture: `make test-harness` compiles it the way the Makefile
// compiles a lab's student file, keeps the compiler's messages in
// logs/broken.compile.log and builds no suite, and the grader must report the
// pseudo-lab `broken` as "did not compile" with those messages.
#include <stddef.h>

size_t broken_size(const char *s)
{
    size_t n = 0
    while (s[n] != '\0')  // the missing ';' above is the point of this file
        n++;
    return n;
}
