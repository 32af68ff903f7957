// os.h — address space from the operating system (Go's mem_linux.go).
//
// Memory moves through three states, as in Go: reserved (address space only,
// PROT_NONE), committed (readable and writable, counted as taken from the
// OS) and released (returned with munmap). Byte counters are kept for each
// transition so a lab can report what it really took from the OS.
#ifndef MEMLAB_OS_H
#define MEMLAB_OS_H

#include <stddef.h>

// ml_os_reserve — reserve `bytes` (rounded up to the OS page size) of
// address space aligned to `align` (a power of two ≥ the OS page size, or 0
// for the OS page size). Returns NULL when the OS refuses.
void *ml_os_reserve(size_t bytes, size_t align);
// ml_os_commit — make [addr, addr+bytes) readable and writable. 0 on
// success, -1 on failure (the range is left unchanged).
int ml_os_commit(void *addr, size_t bytes);
// ml_os_decommit — give the pages back to the OS but keep the address range
// reserved (madvise(MADV_DONTNEED) + PROT_NONE). Contents are lost.
void ml_os_decommit(void *addr, size_t bytes);
// ml_os_release — unmap a range obtained from ml_os_reserve.
void ml_os_release(void *addr, size_t bytes);
// The OS page size (4096 on x86-64 Linux).
size_t ml_os_page_size(void);

typedef struct ml_os_stats {
    size_t reserved;          // bytes currently reserved (includes committed)
    size_t committed;         // bytes currently committed
    size_t total_committed;   // bytes ever committed
    size_t total_decommitted; // bytes ever decommitted
} ml_os_stats_t;
// A snapshot of the process-wide counters (thread-safe).
ml_os_stats_t ml_os_stats(void);

#endif
