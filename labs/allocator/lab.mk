# lab.mk — the allocator lab (included by the top-level Makefile).
#
# Student file: mm.c (a Go-style allocator). Support code shared by the
# driver (main.c), the grading suite and the benchmarks: the trace checker,
# the timing loop, the comparator allocators and the trace set.
allocator_STUDENT := mm.c
allocator_SUPPORT := blocks.c checker.c replay.c allocators.c traceset.c
allocator_LDLIBS  := $(PKG_JANSSON) -ldl
allocator_BENCH   := 1

# The trace generator: `make allocator-traces` rewrites the lab's traces in
# labs/allocator/data/traces from labs/allocator/gentraces.c (seeded, so the
# files come out identical); `make allocator-traces-check` regenerates them
# into a scratch directory and fails if they differ from the committed ones.
ALLOCATOR_GEN := $(TOOL_B)/allocator-gentraces

$(ALLOCATOR_GEN): labs/allocator/gentraces.c $(CORE_LIB)
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
