# lab.mk — the allocator lab (included by the top-level Makefile).
#
# Student file: mm.c (a Go-style allocator). Support code (support/) shared
# by the driver (main.c), the grading suite and the benchmarks: the trace
# checker, the timing loop, the comparator allocators and the trace set.
allocator_ORDER   := 4
allocator_STUDENT := mm.c
allocator_SUPPORT := $(addprefix support/,blocks.c checker.c replay.c allocators.c traceset.c)
allocator_LDLIBS  := $(PKG_JANSSON) -ldl
allocator_BENCH   := 1
allocator_CHECKS  := allocator-null-ops-check allocator-traces-check
allocator_TEST_BUILDS = $(ALLOCATOR_GEN)
# The suite counts and can refuse the memory the student's code takes from
# the OS and the C library, and sees memcpy calls whose ranges overlap
# (harness/suites/allocator/wrap.c).
allocator_SUITE_LDFLAGS := $(foreach f,mmap munmap malloc calloc realloc memcpy,-Wl,--wrap=$(f))

# The trace generator: `make allocator-traces` rewrites the lab's traces in
# labs/allocator/data/traces from scripts/gentraces.c (seeded, so the
# files come out identical); `make allocator-traces-check` regenerates them
# into a scratch directory and fails if they differ from the committed ones.
ALLOCATOR_GEN := $(TOOL_B)/allocator-gentraces

$(ALLOCATOR_GEN): scripts/gentraces.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $< $(CORE_LIB) -lm

.PHONY: allocator-traces allocator-traces-check
allocator-traces: $(ALLOCATOR_GEN)
	$(ALLOCATOR_GEN) labs/allocator/data/traces

allocator-traces-check: $(ALLOCATOR_GEN)
	@rm -rf $(TOOL_B)/allocator-traces && mkdir -p $(TOOL_B)/allocator-traces
	@$(ALLOCATOR_GEN) $(TOOL_B)/allocator-traces >/dev/null
	@diff -r labs/allocator/data/traces $(TOOL_B)/allocator-traces >/dev/null || \
	    { echo "labs/allocator/data/traces differ from what gentraces.c generates" \
	           "(make allocator-traces rewrites them)"; exit 1; }
	@echo "allocator traces: identical to the generator's output"

# `make allocator-null-ops-check`: the driver, over the reference solution,
# runs labs/allocator/data/null-ops.rep cleanly (checked and timed passes).
# The trace has the forms CMU's trace sets use on NULL pointers (`f -1` is
# free(NULL), an `r` of a block that is not live is realloc(NULL, n)), CRLF
# line endings and the 2016 header layout.
.PHONY: allocator-null-ops-check
allocator-null-ops-check:
	@echo "== allocator: the driver runs a trace with free(NULL) and realloc(NULL, n)"
	@mkdir -p $(TOOL_B)
	@$(MAKE) --no-print-directory build/solution/bin/allocator IMPL=solution SUBMISSION= SAN= \
	    >/dev/null
	@build/solution/bin/allocator -r 1 -f labs/allocator/data/null-ops.rep \
	    >$(TOOL_B)/allocator-null-ops.log 2>&1 && \
	    grep -q '^1 of 1 traces correct' $(TOOL_B)/allocator-null-ops.log || \
	    { cat $(TOOL_B)/allocator-null-ops.log; \
	      echo "FAILED: build/solution/bin/allocator -f labs/allocator/data/null-ops.rep"; exit 1; }
	@sed -n 2p $(TOOL_B)/allocator-null-ops.log | sed 's/^/   /'

# The hand-over path under ThreadSanitizer, for grading: $(B)/tsan/allocator-race
# (harness/probes/allocator_race.c) over this build's mm.c compiled with
# -fsanitize=thread and the core's ThreadSanitizer build ($(CORE_TSAN_LIB),
# the Makefile), linked with -Wl,--wrap=malloc,--wrap=free so that a
# scenario can refuse the C library's malloc to one thread, or pause a
# thread in its free(). The graded test
# mcache/central_lists_without_races runs it from the suite
# (memlab/tsan_probe.h finds it next to it, in ../tsan/) and fails on any
# report.
ALLOCATOR_RACE       := $(B)/tsan/allocator-race
ALLOCATOR_TSAN_FLAGS := $(TSAN_CFLAGS) -Ilabs/allocator

build/labs/obj/allocator/tsan/allocator_race.o: harness/probes/allocator_race.c harness/probes/probe_main.h
	@mkdir -p $(@D)
	$(CC) $(ALLOCATOR_TSAN_FLAGS) -Werror -c $< -o $@

$(B)/obj/allocator/tsan/mm.o: $(call impl_src,allocator)/mm.c
	@mkdir -p $(@D)
	$(CC) $(ALLOCATOR_TSAN_FLAGS) -c $< -o $@

$(ALLOCATOR_RACE): build/labs/obj/allocator/tsan/allocator_race.o $(B)/obj/allocator/tsan/mm.o \
                   $(CORE_TSAN_LIB)
	@mkdir -p $(@D)
	$(CC) -fsanitize=thread -Wl,--wrap=malloc,--wrap=free -o $@ $^ -lm -lpthread

$(B)/suites/allocator: $(ALLOCATOR_RACE)
