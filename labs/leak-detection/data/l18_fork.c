// l18_fork.c — fork: the child leaks its own block and exits; the parent
// waits for it and leaks a different one. Each process gets its own report
// (this corpus entry's expectation is the parent's).
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    void *before = malloc(10);  // live in both processes after fork
    pid_t pid = fork();
    if (pid == 0) {
        void *child_lost = malloc(1000);
        (void)child_lost;
        exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    void *parent_lost = malloc(30);
    parent_lost = NULL;
    before = NULL;
    return parent_lost != NULL || before != NULL;
}
