// l21_exec.c — fork and exec: a child replaces itself with /bin/true (the
// tracker, like valgrind without --trace-children, reports only the parent);
// the parent leaks 21 bytes and exits with status 3, which must be kept.
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    char *lost = malloc(21);
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/true", "true", (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    lost = NULL;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 && lost == NULL ? 3 : 1;
}
