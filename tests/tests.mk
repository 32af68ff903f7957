# tests.mk — `make test`: memlab's own tests (included by the Makefile).
#
#   test-core       core unit tests (tests/core/*.c, Criterion)
#   test-core-san   the same under AddressSanitizer + UBSan
#   test-fuzz       the input parsers (the core's traces and every lab's
#                   <lab>_FUZZ targets) under a fuzzer (tests/fuzz/fuzz.mk)
#   test-harness    the grader against a fixture suite of hostile tests
#   test-labs       each lab: the solution scores full marks, the starter low
#                   (also under sanitizers), and every mutant loses points
#   test-cli        every program's answer to bad input (tests/cli/cli.mk)
# Each part is a target of its own; `make test` runs them all.

TEST_B := build/test

CORE_TEST_SRCS := $(wildcard tests/core/*.c)

$(TEST_B)/core-tests: $(CORE_TEST_SRCS) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $(CORE_TEST_SRCS) $(CORE_LIB) $(PKG_CRITERION) $(PKG_JANSSON) -lm -lpthread

$(TEST_B)/core-tests-san: $(CORE_TEST_SRCS) build/core-san/libmemlab.a
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(OPT) $(WARN) -Werror -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all $(CPPFLAGS_ALL) -o $@ $(CORE_TEST_SRCS) \
	    build/core-san/libmemlab.a $(PKG_CRITERION) $(PKG_JANSSON) -lm -lpthread

.PHONY: test test-core test-core-san test-fuzz test-harness test-labs test-cli
test: deps-test
	@$(MAKE) --no-print-directory test-core test-core-san test-fuzz test-harness test-labs test-cli
	@echo "memlab: all tests passed."

test-core: $(TEST_B)/core-tests
	@echo "== core unit tests"
	@$(TEST_B)/core-tests --jobs 2 --short-filename

test-core-san: $(TEST_B)/core-tests-san
	@echo "== core unit tests under AddressSanitizer + UBSan"
	@ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 LSAN_OPTIONS=suppressions=tests/lsan.supp \
	    $(TEST_B)/core-tests-san --jobs 2 --short-filename

include $(wildcard tests/harness/harness.mk)
include $(wildcard tests/labs.mk)
include $(wildcard tests/fuzz/fuzz.mk)
include $(wildcard tests/cli/cli.mk)
