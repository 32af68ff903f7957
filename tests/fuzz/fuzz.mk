# fuzz.mk — `make test-fuzz`: fuzz every parser of the project (included by
# tests/tests.mk).
#
#   test-fuzz       runs each target of FUZZ_TARGETS, one after the other,
#                   with AddressSanitizer and UBSan: the core's own
#                     trace          the .rep trace parser (common/src/trace.c)
#                     mutate         the mutation generator's C tokenizer
#                                    (harness/mutation/, make test-mutation)
#                   and every target a lab declares in its lab.mk
#                   (<lab>_FUZZ, with the FUZZ_*_<target> variables below),
#                   e.g. the alignment lab's struct-declaration parser, and
#                   the core's scenario parser (common/src/scenario_parse.c,
#                   the GC labs' input),
#                   each for FUZZ_SECONDS (default 10; the trace parser twice
#                   as long, FUZZ_TRACE_SECONDS), on its seed corpus: the
#                   lab's example files and tests/fuzz/corpus/<target>/
#                   (regression inputs included). With libFuzzer (clang and
#                   libclang-rt-*-dev installed) it is coverage-guided;
#                   without, or with FUZZ_CC=false, the seeded mutation loop
#                   of fuzz_loop.c (FUZZ_SEED) runs instead. A broken
#                   invariant or memory error fails the target and leaves the
#                   input that failed in build/fuzz/<target>-crash-* (libFuzzer
#                   also its log in build/fuzz/<target>.log). Keep a fixed one
#                   in tests/fuzz/corpus/<target>/: every run replays it.
#
# Nothing is written to the source tree: the corpora libFuzzer grows live in
# build/fuzz/corpus/<target>. Each binary links its target, the parser's lab
# sources and an archive of the core built the same way, so the linker takes
# only the core files the parser needs.

FUZZ_B             := build/fuzz
FUZZ_SECONDS       ?= 10
FUZZ_TRACE_SECONDS ?= $(shell expr 2 \* $(FUZZ_SECONDS) 2>/dev/null || echo $(FUZZ_SECONDS))
FUZZ_SEED          ?= 1
FUZZ_CC            ?= clang
FUZZ_TARGETS       ?= trace scenario mutate $(foreach l,$(LABS),$($(l)_FUZZ))
# Each target once, in the order given (a name listed twice is one target).
fuzz_uniq = $(if $(1),$(firstword $(1)) $(call fuzz_uniq,$(filter-out $(firstword $(1)),$(1))))
FUZZ_TARGETS_UNIQ = $(strip $(call fuzz_uniq,$(FUZZ_TARGETS)))

# Per target T: FUZZ_SRCS_T its sources (the target file
# tests/fuzz/fuzz_<t>.c first, then the parser's), FUZZ_INC_T -I for its
# lab's headers, FUZZ_SEEDS_T seed directories, FUZZ_SECS_T seconds and
# FUZZ_WHAT_T what it fuzzes, optionally FUZZ_LIBS_T libraries its parser
# needs; its dictionary is tests/fuzz/T.dict. A lab's targets are set in its
# lab.mk; the core's are here.
FUZZ_SRCS_trace          := tests/fuzz/fuzz_trace.c
FUZZ_INC_trace           :=
FUZZ_SEEDS_trace         := tests/core/data/traces tests/fuzz/corpus/trace
FUZZ_SECS_trace           = $(FUZZ_TRACE_SECONDS)
FUZZ_WHAT_trace          := the trace parser

FUZZ_SRCS_scenario       := tests/fuzz/fuzz_scenario.c
FUZZ_INC_scenario        :=
FUZZ_SEEDS_scenario      := labs/tri-color/data labs/write-barrier/data tests/fuzz/corpus/scenario
FUZZ_SECS_scenario        = $(FUZZ_SECONDS)
FUZZ_WHAT_scenario       := the scenario parser (both GC labs' input)

FUZZ_SRCS_mutate         := tests/fuzz/fuzz_mutate.c harness/mutation/lex.c harness/mutation/ops.c
FUZZ_INC_mutate          := -Iharness/mutation
FUZZ_SEEDS_mutate        := tests/mutation tests/fuzz/corpus/mutate
FUZZ_SECS_mutate          = $(FUZZ_SECONDS)
FUZZ_WHAT_mutate         := the mutation generator's tokenizer and operators

# The two builds: libFuzzer's (clang, coverage) and the mutation loop's ($(CC)).
FUZZ_LF       := $(FUZZ_B)/libfuzzer
FUZZ_LOOP     := $(FUZZ_B)/loop
FUZZ_CFLAGS   := $(CSTD) -O1 -g -Wall -Wextra -D_GNU_SOURCE -Icommon/include -Itests/fuzz \
                 -fno-omit-frame-pointer -fno-sanitize-recover=all -MMD -MP
FUZZ_LF_SAN   := -fsanitize=fuzzer-no-link,address,undefined
FUZZ_LOOP_SAN := -fsanitize=address,undefined
FUZZ_COMMON   := tests/fuzz/fuzz_util.c
FUZZ_CORE_SRCS := $(wildcard common/src/*.c)

# Objects: the fuzz code itself is held to -Werror; the parsers and the core
# are held to it by their own builds (another compiler may warn differently).
$(FUZZ_LF)/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror $(FUZZ_LF_SAN) $(FUZZ_OBJ_INC) -c -o $@ $<
$(FUZZ_LF)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_LF_SAN) -c -o $@ $<
$(FUZZ_LOOP)/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) -Werror $(FUZZ_LOOP_SAN) $(FUZZ_OBJ_INC) -c -o $@ $<
$(FUZZ_LOOP)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) $(FUZZ_LOOP_SAN) -c -o $@ $<

# The core as an archive, one per build.
$(FUZZ_LF)/libcore.a: $(patsubst %.c,$(FUZZ_LF)/%.o,$(FUZZ_CORE_SRCS))
	@rm -f $@
	ar rcs $@ $^
$(FUZZ_LOOP)/libcore.a: $(patsubst %.c,$(FUZZ_LOOP)/%.o,$(FUZZ_CORE_SRCS))
	@rm -f $@
	ar rcs $@ $^

# fuzz_rules — the binaries of target $(1) and the phony targets that run
# them: fuzz-run-libfuzzer-$(1), fuzz-run-loop-$(1).
define fuzz_rules
$(FUZZ_LF)/$(patsubst %.c,%.o,$(firstword $(FUZZ_SRCS_$(1)))) \
$(FUZZ_LOOP)/$(patsubst %.c,%.o,$(firstword $(FUZZ_SRCS_$(1)))): FUZZ_OBJ_INC := $(FUZZ_INC_$(1))

$(FUZZ_LF)/fuzz_$(1): $(patsubst %.c,$(FUZZ_LF)/%.o,$(FUZZ_SRCS_$(1)) $(FUZZ_COMMON)) $(FUZZ_LF)/libcore.a
	$$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $$@ $$^ $(FUZZ_LIBS_$(1)) -lm -lpthread

$(FUZZ_LOOP)/fuzz_$(1): $(patsubst %.c,$(FUZZ_LOOP)/%.o,$(FUZZ_SRCS_$(1)) $(FUZZ_COMMON) \
                        tests/fuzz/fuzz_loop.c) $(FUZZ_LOOP)/libcore.a
	$$(CC) -fsanitize=address,undefined -o $$@ $$^ $(FUZZ_LIBS_$(1)) -lm -lpthread

.PHONY: fuzz-run-libfuzzer-$(1) fuzz-run-loop-$(1)
fuzz-run-libfuzzer-$(1): $(FUZZ_LF)/fuzz_$(1)
	@mkdir -p $(FUZZ_B)/corpus/$(1)
	@echo "== fuzzing $(FUZZ_WHAT_$(1)) with libFuzzer for $$(FUZZ_SECS_$(1)) s"
	@ASAN_OPTIONS=detect_leaks=1 $(FUZZ_LF)/fuzz_$(1) -max_total_time=$$(FUZZ_SECS_$(1)) \
	    -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
	    -dict=tests/fuzz/$(1).dict -artifact_prefix=$(FUZZ_B)/$(1)- \
	    $(FUZZ_B)/corpus/$(1) $(wildcard $(FUZZ_SEEDS_$(1))) 2>$(FUZZ_B)/$(1).log; \
	rc=$$$$?; grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|Done)' \
	    $(FUZZ_B)/$(1).log | sed 's/^/  /'; \
	if [ $$$$rc -ne 0 ]; then tail -n 60 $(FUZZ_B)/$(1).log; \
	    echo "test-fuzz: $(1): failure; full log in $(FUZZ_B)/$(1).log"; exit 1; fi

fuzz-run-loop-$(1): $(FUZZ_LOOP)/fuzz_$(1)
	@echo "== fuzzing $(FUZZ_WHAT_$(1)) with the mutation loop for $$(FUZZ_SECS_$(1)) s"
	@ASAN_OPTIONS=detect_leaks=1 $(FUZZ_LOOP)/fuzz_$(1) --seed $$(FUZZ_SEED) \
	    --seconds $$(FUZZ_SECS_$(1)) --dict tests/fuzz/$(1).dict \
	    --artifact $(FUZZ_B)/$(1)-crash-loop $(wildcard $(FUZZ_SEEDS_$(1))) \
	    || { echo "test-fuzz: $(1): failure (replay: $(FUZZ_LOOP)/fuzz_$(1) --seed $$(FUZZ_SEED)" \
	              "--seconds $$(FUZZ_SECS_$(1)) --dict tests/fuzz/$(1).dict $(wildcard $(FUZZ_SEEDS_$(1))))"; \
	         exit 1; }
endef
$(foreach t,$(FUZZ_TARGETS_UNIQ),$(eval $(call fuzz_rules,$(t))))

# Whether libFuzzer links here, decided when the target runs (not on every
# make invocation).
define fuzz_have_libfuzzer
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
    | $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1
endef

# The targets run one at a time (-j1: each has the machine to itself, and the
# times add up as announced), all of them even when one fails (-k).
.PHONY: test-fuzz
test-fuzz:
	@if $(fuzz_have_libfuzzer); then mode=libfuzzer; else \
	    echo "test-fuzz: libFuzzer not available ($(FUZZ_CC) -fsanitize=fuzzer failed);" \
	         "running the seeded mutation loop instead"; mode=loop; fi; \
	$(MAKE) --no-print-directory -j1 -k $(foreach t,$(FUZZ_TARGETS_UNIQ),fuzz-run-$$mode-$(t))
