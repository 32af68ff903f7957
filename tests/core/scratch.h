// scratch.h — private scratch directories for the core tests that write
// files (the trace writer, output files): made fresh under /tmp, listed to
// see leftover temporaries, removed afterwards.
#ifndef MEMLAB_TEST_SCRATCH_H
#define MEMLAB_TEST_SCRATCH_H

// scratch_dir — a new, empty directory /tmp/memlab-test-XXXXXX; its path is
// in a static buffer (one scratch directory per test). Fails the test when
// it cannot be made.
char *scratch_dir(void);

// scratch_entries — how many names `dir` holds, hidden ones included (. and
// .. not). Fails the test when `dir` cannot be read.
int scratch_entries(const char *dir);

// scratch_remove — remove `dir`, the plain files in it and its empty
// subdirectories. Ignores errors (a test's failure is already reported).
void scratch_remove(const char *dir);

#endif
