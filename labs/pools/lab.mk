# lab.mk — the pools lab: a fixed-size pool, an arena, a buffer pool, a
# bounded pool and a sync.Pool analogue over the core's page heap. The
# student writes pools.c; support/runtime.c gives threads their processor
# slots and reports uses after put.
pools_ORDER   := 5
pools_STUDENT := pools.c
pools_SUPPORT := support/runtime.c support/workloads.c
pools_LDLIBS  := $(PKG_JANSSON)
pools_BENCH   := 1
pools_FUZZ    :=

# The grading suite counts the heap blocks (malloc) a pool keeps after its
# destroy (suite_blocks_back, harness/suites/pools/fixture.c, with
# ml_heap_blocks of harness/suitelib/heapcount.c). Its speed test calls the
# C library's malloc and free past the counting wrappers (perf.c), so that
# the peer it measures the pools against costs what it costs elsewhere.
pools_SUITE_LDFLAGS := $(ML_HEAP_COUNT_LDFLAGS)


# `make pools-tsan-check`: the reference under ThreadSanitizer. The program
# (with the reference pools.c and the core compiled with -fsanitize=thread)
# runs its threaded workloads — two threads in get/put races on one bpool and
# one spool (churn, some objects held so that the shared lists and stealing
# are used), producer/consumer through both — and any report fails the check.
POOLS_TSAN := $(TOOL_B)/pools-tsan
# Linked from objects compiled as the grading's race probe compiles its own
# (POOLS_TSAN_FLAGS below), the core from its ThreadSanitizer archive: the
# core is compiled once for both.
POOLS_TSAN_PROG_OBJS := $(addprefix build/labs/obj/pools/tsan/,main.o workloads.o runtime.o \
                          solution-pools.o)

$(POOLS_TSAN): $(POOLS_TSAN_PROG_OBJS) build/core-tsan/libmemlab.a
	@mkdir -p $(@D)
	$(CC) -fsanitize=thread -o $@ $^ $(PKG_JANSSON) -lm -lpthread

build/labs/obj/pools/tsan/main.o: labs/pools/main.c
	@mkdir -p $(@D)
	$(CC) $(POOLS_TSAN_FLAGS) -Werror -c $< -o $@
build/labs/obj/pools/tsan/workloads.o: labs/pools/support/workloads.c
	@mkdir -p $(@D)
	$(CC) $(POOLS_TSAN_FLAGS) -Werror -c $< -o $@
build/labs/obj/pools/tsan/solution-pools.o: solutions/pools/pools.c
	@mkdir -p $(@D)
	$(CC) $(POOLS_TSAN_FLAGS) -Werror -c $< -o $@

.PHONY: pools-tsan-check
pools-tsan-check: $(POOLS_TSAN)
	@echo "== pools: the reference's threaded workloads under ThreadSanitizer"
	@set -e; for args in "-w churn,batch -p bpool,spool -t 2 -l 8 -n 20000" \
	                     "-w prodcons -p bpool,spool -n 20000"; do \
	    TSAN_OPTIONS="halt_on_error=1 exitcode=66" $(POOLS_TSAN) $$args \
	        >$(TOOL_B)/pools-tsan.log 2>&1 || \
	        { cat $(TOOL_B)/pools-tsan.log; echo "FAILED: ThreadSanitizer: $(POOLS_TSAN) $$args"; exit 1; }; \
	    echo "   clean: pools $$args"; done

pools_CHECKS := pools-tsan-check
pools_TEST_BUILDS := $(POOLS_TSAN)

# The spool registry under ThreadSanitizer, for grading: $(B)/tsan/pools-race
# (harness/probes/pools_race.c) over this build's pools.c compiled with
# -fsanitize=thread, the support code compiled so once
# (build/labs/obj/pools/tsan/) and the core's ThreadSanitizer build
# ($(CORE_TSAN_LIB), the Makefile). The scored test
# spool/registry_without_races runs it from the suite (memlab/tsan_probe.h
# finds it next to it, in ../tsan/) and fails on any report.
POOLS_RACE       := $(B)/tsan/pools-race
POOLS_TSAN_FLAGS := $(TSAN_CFLAGS) -Ilabs/pools
POOLS_TSAN_CORE  := $(CORE_TSAN_LIB)
POOLS_TSAN_OBJ   := build/labs/obj/pools/tsan

$(POOLS_TSAN_OBJ)/runtime.o: labs/pools/support/runtime.c
	@mkdir -p $(@D)
	$(CC) $(POOLS_TSAN_FLAGS) -Werror -c $< -o $@

$(POOLS_TSAN_OBJ)/pools_race.o: harness/probes/pools_race.c harness/probes/probe_main.h
	@mkdir -p $(@D)
	$(CC) $(POOLS_TSAN_FLAGS) -Werror -c $< -o $@

$(B)/obj/pools/tsan/pools.o: $(call impl_src,pools)/pools.c
	@mkdir -p $(@D)
	$(CC) $(POOLS_TSAN_FLAGS) -c $< -o $@

$(POOLS_RACE): $(POOLS_TSAN_OBJ)/pools_race.o $(B)/obj/pools/tsan/pools.o $(POOLS_TSAN_OBJ)/runtime.o \
               $(POOLS_TSAN_CORE)
	@mkdir -p $(@D)
	$(CC) -fsanitize=thread -o $@ $^ -lm -lpthread

$(B)/suites/pools: $(POOLS_RACE)
