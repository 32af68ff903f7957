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


# `make pools-tsan-check`: the reference under ThreadSanitizer. The program
# (with the reference pools.c and the core compiled with -fsanitize=thread)
# runs its threaded workloads — two threads in get/put races on one bpool and
# one spool (churn, some objects held so that the shared lists and stealing
# are used), producer/consumer through both — and any report fails the check.
POOLS_TSAN := $(TOOL_B)/pools-tsan
POOLS_TSAN_SRCS := labs/pools/main.c labs/pools/support/runtime.c labs/pools/support/workloads.c \
                   solutions/pools/pools.c $(CORE_SRCS)

$(POOLS_TSAN): $(POOLS_TSAN_SRCS) labs/pools/pools.h labs/pools/support/runtime.h \
               labs/pools/support/workloads.h
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -g -fsanitize=thread $(WARN) -Werror $(INCLUDES) -D_GNU_SOURCE -Ilabs/pools \
	    -o $@ $(POOLS_TSAN_SRCS) $(PKG_JANSSON) -lm -lpthread

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
