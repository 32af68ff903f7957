# lab.mk — the pacer lab: GOGC, the heap goal, the trigger, the soft memory
# limit and the GC CPU limiter (Go's mgcpacer.go, mgclimit.go), on a
# simulated runtime over the core's GC heap. The student writes pacer.c;
# the simulation, the workloads and the trace reader are support code.
pacer_ORDER   := 9
pacer_STUDENT := pacer.c
pacer_SUPPORT := support/sim.c support/workloads.c support/run.c support/gctrace.c support/size.c
pacer_LDLIBS  := $(PKG_JANSSON)
pacer_BENCH   := 1

# `make pacer-go-check` (run by `make test-lab-pacer`): the reference pacer
# beside the real Go runtime on the workloads that fit the model (target:
# cycles within 20 %, peak heap within 15 % of Go's, Go's median of 5 runs).
# The comparison must run and its traces must parse; a figure off target is
# reported, not failed: Go's side is a measurement whose marking speed, and
# so its peak heap, moves with the machine's load (the bench holds the
# targets). Skips with a message where Go is not installed.
pacer_CHECKS := pacer-go-check

.PHONY: pacer-go-check
pacer-go-check:
	@echo "== pacer: the reference pacer beside Go's runtime (GODEBUG=gctrace=1)"
	@mkdir -p build/test/pacer-go
	@$(MAKE) --no-print-directory build/solution/bench/pacer IMPL=solution SUBMISSION= SAN= \
	    >build/test/pacer-go/build.log 2>&1 || \
	    { cat build/test/pacer-go/build.log; echo "FAILED: building the pacer bench"; exit 1; }
	@build/solution/bench/pacer --check --go-runs 5 --out build/test/pacer-go | sed 's/^/   /'; \
	    rc=$${PIPESTATUS[0]}; \
	    if [ $$rc -eq 3 ]; then echo "   (off target on this run: a measurement, see make bench LAB=pacer)"; \
	    elif [ $$rc -ne 0 ]; then echo "FAILED: the comparison with Go's runtime did not run"; exit 1; fi


# The fuzz target: the gctrace reader (support/gctrace.c), which reads Go's
# own output in the bench and in `pacer --gctrace`.
pacer_FUZZ := pacer
FUZZ_SRCS_pacer  := tests/fuzz/fuzz_pacer.c labs/pacer/support/gctrace.c
FUZZ_INC_pacer   := -Ilabs/pacer
FUZZ_SEEDS_pacer := tests/fuzz/corpus/pacer
FUZZ_SECS_pacer   = $(FUZZ_SECONDS)
FUZZ_WHAT_pacer  := the pacer lab's gctrace reader
# The reader includes the lab's headers as "support/..." and "pacer.h".
build/fuzz/loop/labs/pacer/support/gctrace.o build/fuzz/libfuzzer/labs/pacer/support/gctrace.o: \
    FUZZ_CFLAGS += -Ilabs/pacer
