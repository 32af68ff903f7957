// fixture_ctor.c — a suite whose linked-in code misbehaves in a constructor,
// before main() and so before any sandbox of the suite library: what a
// hostile student file can do. Built once per behaviour (-DCTOR_<KIND>) as
// build/test/jail/suites/ctor-<kind>; `make test-jail` grades them and checks
// that the grader's jail (harness/grader/jail.c) kept every attempt from
// mattering. Each attempt that succeeds prints a marker the check looks for;
// none writes anything it could not undo: opening for writing is proof enough.
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "memlab/grade.h"

#define FORKS 1500                    // past the jail's task limit, still bounded outside it
#define TOUCH_LIMIT ((size_t)4 << 30) // bounded too (the machine has far more)

__attribute__((constructor)) static void misbehave(void)
{
#if defined(CTOR_WRITES_REPO)
    int fd = open("README.md", O_WRONLY | O_APPEND); // the repository's own file
    if (fd >= 0) {
        printf("JAIL-BROKEN: README.md is writable\n");
        close(fd);
    }
    fd = open("memlab-jail-probe", O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd >= 0) {
        printf("JAIL-BROKEN: created memlab-jail-probe in the repository\n");
        close(fd);
    }
#elif defined(CTOR_WRITES_OTHER_BUILD)
    int fd = open("build/test/jail-other/memlab-jail-probe", O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd >= 0) {
        printf("JAIL-BROKEN: wrote into another build\n");
        close(fd);
    }
    if (access("build/test/jail-other/results.json", R_OK) == 0)
        printf("JAIL-BROKEN: another build's results are readable\n");
#elif defined(CTOR_WRITES_TMP)
    int fd = open("/tmp/memlab-jail-probe", O_WRONLY | O_CREAT, 0644);
    if (fd >= 0)
        close(fd); // allowed: a private /tmp; the check looks at the real one
#elif defined(CTOR_READS_SOLUTIONS)
    if (access("solutions/alignment/structlayout.c", R_OK) == 0 ||
        access("solutions/allocator/mm.c", R_OK) == 0)
        printf("JAIL-BROKEN: solutions/ is readable\n");
#elif defined(CTOR_NETWORK)
    struct ifaddrs *ifs = NULL;
    if (getifaddrs(&ifs) == 0) {
        for (struct ifaddrs *i = ifs; i; i = i->ifa_next)
            if ((i->ifa_flags & IFF_UP) && !(i->ifa_flags & IFF_LOOPBACK))
                printf("JAIL-BROKEN: network interface %s is up\n", i->ifa_name);
        freeifaddrs(ifs);
    }
#elif defined(CTOR_FORKS)
    int forked = 0;
    for (; forked < FORKS; forked++) {
        pid_t pid = fork();
        if (pid == 0) {
            sleep(600); // outlives the grading run unless something ends it
            _exit(0);
        }
        if (pid < 0)
            break;
    }
    if (forked == FORKS) // the check fails on it where the grader bounds tasks
        printf("FORKED-ALL: %d processes\n", forked);
#elif defined(CTOR_ALLOCATES)
    for (size_t total = 0; total < TOUCH_LIMIT; total += 64u << 20) {
        char *p = mmap(NULL, 64u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            abort(); // what a runaway allocation ends in: the suite never starts
        memset(p, 1, 64u << 20);
    }
    printf("JAIL-BROKEN: touched 4 GiB before main\n");
#else
#error "build with -DCTOR_<KIND>"
#endif
    fflush(stdout);
}

ML_TEST(ctor, runs, 1, 10)
{
    cr_assert(1);
}
