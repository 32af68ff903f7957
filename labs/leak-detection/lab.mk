# lab.mk — the leak-detection lab: a leak checker for any dynamically linked
# program (lib/libleak.so, preloaded), agreeing with valgrind's memcheck.
#
# The student file leaks.c is built twice: into the program, suite and bench
# like every lab's (the reports and detectors run there), and position-
# independent into $(B)/lib/libleak.so with the tracker's support code (the
# interposed allocation calls, the roots, the report file). The library is
# never built with sanitizers: a tracker preloaded into uninstrumented
# programs cannot carry ASan's runtime (ASan must come first in the process).
# The program and the suite find it next to themselves, in ../lib/.
leak-detection_ORDER   := 8
leak-detection_STUDENT := leaks.c
leak-detection_SUPPORT := support/ownmem.c support/report.c support/symbolize.c support/spawn.c
leak-detection_LDLIBS  := $(PKG_JANSSON) -ldw -lelf
leak-detection_BENCH   := 1
leak-detection_CHECKS  := leak-detection-corpus-check
leak-detection_TEST_BUILDS = $(LEAK_CORPUS_LSAN)

LEAK_DIR    := labs/leak-detection
LEAK_LIB    := $(B)/lib/libleak.so
LEAK_PIC_B  := $(B)/obj/leak-detection/pic
# The library's own code is the same in every build (no impl, no sanitizer):
# compiled once, like the lab objects of the Makefile's LAB_RULES.
LEAK_PIC_LAB := build/labs/obj/leak-detection/pic
LEAK_LIB_SUPPORT := ownmem preload sites roots dump
LEAK_PIC_CFLAGS := $(CSTD) -O2 -g $(WARN) -fPIC -fno-omit-frame-pointer -D_GNU_SOURCE -I$(LEAK_DIR)

$(LEAK_PIC_B)/leaks.o: $(call impl_src,leak-detection)/leaks.c $(LEAK_DIR)/leaks.h
	@mkdir -p $(@D)
	$(CC) $(LEAK_PIC_CFLAGS) -c $< -o $@

$(LEAK_PIC_LAB)/%.o: $(LEAK_DIR)/support/%.c $(LEAK_DIR)/leaks.h $(LEAK_DIR)/support/preload.h
	@mkdir -p $(@D)
	$(CC) $(LEAK_PIC_CFLAGS) -Werror -c $< -o $@

$(LEAK_LIB): $(LEAK_PIC_B)/leaks.o $(LEAK_LIB_SUPPORT:%=$(LEAK_PIC_LAB)/%.o)
	@mkdir -p $(@D)
	$(CC) -shared -o $@ $^ $(PKG_JANSSON) -ldl -lpthread

# The corpus: small C programs with known leaks, -O0 -g, in build/labs/leak-corpus/
# (one copy for every impl: they do not depend on the student's code), and
# the same built with LeakSanitizer in build/labs/leak-corpus/lsan/.
LEAK_CORPUS_B    := build/labs/leak-corpus
LEAK_CORPUS_SRCS := $(wildcard $(LEAK_DIR)/data/*.c)
LEAK_CORPUS      := $(LEAK_CORPUS_SRCS:$(LEAK_DIR)/data/%.c=$(LEAK_CORPUS_B)/%)
LEAK_CORPUS_LSAN := $(LEAK_CORPUS_SRCS:$(LEAK_DIR)/data/%.c=$(LEAK_CORPUS_B)/lsan/%)

$(LEAK_CORPUS_B)/%: $(LEAK_DIR)/data/%.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O0 -g -Wall -o $@ $< -lpthread

$(LEAK_CORPUS_B)/lsan/%: $(LEAK_DIR)/data/%.c
	@mkdir -p $(@D)
	@$(CC) -std=gnu11 -O0 -g -fsanitize=leak -o $@ $< -lpthread 2>/dev/null || \
	    echo "leak-detection: no -fsanitize=leak here (liblsan): $* left out of the LSan table"

# The suite forces lk_mem_alloc to refuse (harness/suites/leak-detection/
# bookkeeping.c): every call of the student's code to it goes through the
# suite's __wrap_lk_mem_alloc. It checks the comparators given to qsort
# (harness/suites/leak-detection/reports.c): every qsort call goes through
# the suite's __wrap_qsort.
leak-detection_SUITE_LDFLAGS := -Wl,--wrap=lk_mem_alloc -Wl,--wrap=qsort

# The program, the suite and the bench need the library and the corpus.
$(B)/bin/leak-detection $(B)/suites/leak-detection $(B)/bench/leak-detection: $(LEAK_LIB) $(LEAK_CORPUS)

# `make leak-detection-corpus-check` (run by `make test-lab-leak-detection`):
# valgrind's LEAK SUMMARY of every corpus program equals its committed
# data/NAME.expected, the reference tracker prints the same four kinds, and
# LeakSanitizer's verdicts are tabled beside valgrind's
# (support/corpus-check.sh). `make leak-detection-expectations` rewrites
# the expectations from valgrind.
LEAK_REF := build/solution/bin/leak-detection
.PHONY: leak-detection-corpus-check leak-detection-expectations
leak-detection-corpus-check:
	@echo "== leak-detection: the corpus against valgrind (expectations, reference, LeakSanitizer)"
	@$(MAKE) --no-print-directory $(LEAK_REF) $(LEAK_CORPUS_LSAN) IMPL=solution SUBMISSION= SAN= \
	    >/dev/null
	@$(LEAK_DIR)/support/corpus-check.sh check $(LEAK_CORPUS_B) $(LEAK_REF) \
	    build/solution/data/leak-detection/corpus

leak-detection-expectations:
	@$(MAKE) --no-print-directory $(LEAK_REF) IMPL=solution SUBMISSION= SAN= >/dev/null
	@$(LEAK_DIR)/support/corpus-check.sh update $(LEAK_CORPUS_B)


# The bench's workload (harness/bench/leak-replay.c): the allocator lab's
# traces replayed through malloc; plain, and built for LeakSanitizer.
$(B)/bench/leak-replay: harness/bench/leak-replay.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g -fno-omit-frame-pointer -Wall -o $@ $<

$(B)/bench/leak-replay-lsan: harness/bench/leak-replay.c
	@mkdir -p $(@D)
	@$(CC) -std=gnu11 -O2 -g -fno-omit-frame-pointer -fsanitize=leak -Wall -o $@ $< 2>/dev/null || \
	    echo "leak-detection: no -fsanitize=leak here (liblsan): the bench skips LeakSanitizer"

$(B)/bench/leak-detection: $(B)/bench/leak-replay $(B)/bench/leak-replay-lsan

# The fuzz target: the readers of the report file and of saved profiles.
leak-detection_FUZZ := leak-detection
FUZZ_SRCS_leak-detection  := tests/fuzz/fuzz_leak_detection.c $(LEAK_DIR)/support/report.c \
                             $(LEAK_DIR)/support/symbolize.c $(LEAK_DIR)/support/ownmem.c \
                             solutions/leak-detection/leaks.c
FUZZ_INC_leak-detection   := -I$(LEAK_DIR)
FUZZ_SEEDS_leak-detection := tests/fuzz/corpus/leak-detection
FUZZ_SECS_leak-detection   = $(FUZZ_SECONDS)
FUZZ_WHAT_leak-detection  := the leak-detection lab's report and profile readers
FUZZ_LIBS_leak-detection  := $(PKG_JANSSON) -ldw -lelf
# Its other sources include the lab's headers too (fuzz.mk builds them without -I).
build/fuzz/loop/$(LEAK_DIR)/%.o build/fuzz/libfuzzer/$(LEAK_DIR)/%.o: FUZZ_CFLAGS += -I$(LEAK_DIR)
build/fuzz/loop/solutions/leak-detection/%.o build/fuzz/libfuzzer/solutions/leak-detection/%.o: \
    FUZZ_CFLAGS += -I$(LEAK_DIR)
