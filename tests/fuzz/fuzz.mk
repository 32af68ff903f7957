# fuzz.mk — `make test-fuzz`: fuzz the trace parser (included by tests/tests.mk).
#
#   test-fuzz       runs tests/fuzz/fuzz_trace.c for FUZZ_SECONDS (default 20)
#                   on the seed corpus tests/core/data/traces, with
#                   AddressSanitizer and UBSan. With libFuzzer (clang and
#                   libclang-rt-*-dev installed) it is coverage-guided;
#                   without, a seeded mutation loop (FUZZ_SEED) runs instead.
#                   A broken invariant or memory error fails the target;
#                   libFuzzer leaves the input that failed in build/fuzz/.
#
# Nothing is read from or written to the source tree: the growing corpus
# lives in build/fuzz/corpus.

FUZZ_B        := build/fuzz
FUZZ_SECONDS  ?= 20
FUZZ_SEED     ?= 1
FUZZ_CC       ?= clang
FUZZ_SEEDS    := tests/core/data/traces
FUZZ_SRCS     := tests/fuzz/fuzz_trace.c common/src/trace.c common/src/trace_write.c \
                 common/src/rng.c common/src/clock.c
FUZZ_FLAGS    := $(CSTD) -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Icommon/include \
                 -fno-omit-frame-pointer -fno-sanitize-recover=all

# Built with libFuzzer's own main().
$(FUZZ_B)/fuzz_trace: $(FUZZ_SRCS) common/include/memlab/trace.h common/src/trace_impl.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $(FUZZ_SRCS) -lm

# Built with the seeded mutation loop in fuzz_trace.c's main().
$(FUZZ_B)/fuzz_trace_loop: $(FUZZ_SRCS) common/include/memlab/trace.h common/src/trace_impl.h
	@mkdir -p $(@D)
	$(CC) $(FUZZ_FLAGS) -DML_FUZZ_STANDALONE -fsanitize=address,undefined -o $@ $(FUZZ_SRCS) -lm

# Whether libFuzzer links here, decided when the target runs (not on every
# make invocation).
define fuzz_have_libfuzzer
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
    | $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1
endef

.PHONY: test-fuzz
test-fuzz:
	@if $(fuzz_have_libfuzzer); then \
	    $(MAKE) --no-print-directory $(FUZZ_B)/fuzz_trace && \
	    mkdir -p $(FUZZ_B)/corpus && \
	    echo "== fuzzing the trace parser with libFuzzer for $(FUZZ_SECONDS) s" && \
	    ASAN_OPTIONS=detect_leaks=1 $(FUZZ_B)/fuzz_trace -max_total_time=$(FUZZ_SECONDS) \
	        -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
	        -dict=tests/fuzz/trace.dict -artifact_prefix=$(FUZZ_B)/ \
	        $(FUZZ_B)/corpus $(FUZZ_SEEDS) 2>$(FUZZ_B)/fuzz.log; \
	    rc=$$?; grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|Done)' $(FUZZ_B)/fuzz.log; \
	    if [ $$rc -ne 0 ]; then tail -n 60 $(FUZZ_B)/fuzz.log; \
	        echo "test-fuzz: failure; full log in $(FUZZ_B)/fuzz.log"; exit 1; fi; \
	else \
	    echo "test-fuzz: libFuzzer not available ($(FUZZ_CC) -fsanitize=fuzzer failed);" \
	         "running the seeded mutation loop instead"; \
	    $(MAKE) --no-print-directory $(FUZZ_B)/fuzz_trace_loop && \
	    ASAN_OPTIONS=detect_leaks=1 $(FUZZ_B)/fuzz_trace_loop --seed $(FUZZ_SEED) \
	        --seconds $(FUZZ_SECONDS) $(FUZZ_SEEDS); \
	fi
