# tests.mk — `make test`: memlab's own tests (included by the Makefile).
#
#   test-core       core unit tests (tests/core/*.c, Criterion)
#   test-core-san   the same under AddressSanitizer + UBSan
#   test-fuzz       the input parsers (the core's traces and scenarios, and
#                   every lab's <lab>_FUZZ targets) under a fuzzer
#                   (tests/fuzz/fuzz.mk)
#   test-harness    the grader against a fixture suite of hostile tests
#   test-mutate     the mutation generator on a fixture (tests/mutation.mk;
#                   `make test-mutation` itself is not part of `make test`)
#   test-jail       student constructors against the grader's jail (bubblewrap)
#   test-report     report.html loaded in headless Chromium (tests/harness/harness.mk)
#   test-labs       each lab: the solution scores full marks, the starter low
#                   (also under sanitizers), and every mutant loses points
#   test-cli        every program's answer to bad input (tests/cli/cli.mk)
#   test-charts     every chart drawn from fixture data has a title, axis
#                   labels with units, the footnote, and names each peer it
#                   leaves out (tests/charts/charts.mk)
#   format-check    memlab's own C against .clang-format (student files exempt)
#   test-packages   the Gradescope and Autolab packages in a fake /autograder
#   test-dist       the students' copy (make dist-student) holds no solutions
#                   or tests, and `make grade` grades the starter in it
#   test-hidden     an instructor's hidden suite (tests/hidden/, HIDDEN=DIR)
#                   built and graded with a lab: full marks for the reference,
#                   its points taken from a mutant that leaks
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

.PHONY: test test-core test-core-san test-fuzz test-harness test-mutate test-jail test-report test-labs test-cli test-charts test-dist test-hidden test-packages format-check
test: deps-test
	@$(MAKE) --no-print-directory test-prebuild
	@$(MAKE) --no-print-directory test-harness
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-lane-labs test-lane-rest
	@echo "memlab: all tests passed."

# How `make test` spends its time (README: how long it takes). First every
# build the parts share, once, two compilers at a time: the tools (plain and
# sanitized), the mutation generator, each lab's reference program, suite
# and bench (plain and under ASan + UBSan) with the lab objects all builds
# share, what the labs' checks run (<lab>_TEST_BUILDS), the grader's
# fixtures and the core's unit tests (plain and sanitized). Then
# test-harness alone (it holds the grader to time limits that a busy machine
# breaks). Then two lanes side by side, each running its parts one after the
# other (TEST_LANE=1 makes a lane serial), each part's output printed whole
# when it ends (--output-sync=target):
#   labs:  test-lab-<lab>-grade for every lab: the reference plain and
#          under ASan + UBSan, then the starter (the whole suite) and each
#          mutant (the tests its header names) through tests/lab_class.sh
#          (their gradings share build/solution)
#   rest:  everything else, the labs' own checks (<lab>_CHECKS) last; no part
#          of it writes where a lab's grading does.
# The two lanes cost about the same CPU time (README; tests/part-times.sh
# measures each part).
# A failing part stops its lane, its output names what failed, and `make test`
# fails once the other lane has run its remaining parts (a lane is not
# interrupted).
TEST_LANE_LABS := $(foreach l,$(LABS),test-lab-$(l)-grade)
TEST_LANE_REST := format-check test-core test-core-san test-fuzz test-mutate test-jail \
                  test-report $(if $(LABS),test-gradebook) test-cli test-charts test-dist $(if $(filter layout,$(LABS)),test-hidden) \
                  test-packages $(foreach l,$(LABS),$($(l)_CHECKS))
TEST_BENCHES := $(foreach l,$(LABS),$(if $(filter 1,$($(l)_BENCH)),build/solution/bench/$(l)))
TEST_BENCHES_SAN := $(TEST_BENCHES:build/solution/%=build/solution-san/%)
TEST_LAB_BUILDS := $(foreach l,$(LABS),$($(l)_TEST_BUILDS))
ifeq ($(TEST_LANE),1)
.NOTPARALLEL:
endif
.PHONY: test-prebuild test-lane-labs test-lane-rest
test-prebuild:
	@echo "== building the tools and every lab's reference (plain, and with ASan + UBSan)"
	@mkdir -p $(TEST_B)
	@{ $(MAKE) --no-print-directory -j2 tools $(MUTATE) SAN= && \
	   $(MAKE) --no-print-directory -j2 all $(TEST_BENCHES) $(TEST_LAB_BUILDS) harness-fixture \
	       $(TEST_B)/check_fixture $(TEST_B)/core-tests $(TEST_B)/core-tests-san \
	       IMPL=solution SUBMISSION= SAN= && \
	   $(MAKE) --no-print-directory -j2 all $(TEST_BENCHES_SAN) harness-fixture \
	       IMPL=solution SUBMISSION= SAN=address,undefined; } \
	    >$(TEST_B)/prebuild.log 2>&1 || { cat $(TEST_B)/prebuild.log; echo "FAILED: building for the tests"; exit 1; }
# `make test-parts` lists the parts in that order (tests/part-times.sh
# measures each).
.PHONY: test-parts
test-parts:
	@echo test-prebuild test-harness $(TEST_LANE_LABS) $(TEST_LANE_REST)
test-lane-labs:
	@$(if $(TEST_LANE_LABS),$(MAKE) --no-print-directory TEST_LANE=1 $(TEST_LANE_LABS),true)
test-lane-rest:
	@$(MAKE) --no-print-directory TEST_LANE=1 $(TEST_LANE_REST)

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
include $(wildcard tests/charts/charts.mk)
include $(wildcard tests/mutation.mk)
include $(wildcard tests/packages/packages.mk)

# The students' copy, made as an instructor makes it and used as a student
# uses it: nothing of solutions/ or tests/ in it, `make grade` grades the
# starter of one lab there (low, and the grader stays up), and IMPL=solution
# says the reference is not part of the copy.
DIST_LAB ?= $(firstword $(LABS))
test-dist:
	@echo "== the students' copy: no solutions or tests in it, and make grade works there"
	@rm -rf $(TEST_B)/dist
	@scripts/dist-student.sh $(TEST_B)/dist >/dev/null
	@d=$(TEST_B)/dist/memlab-student; \
	    if [ -e $$d/solutions ] || [ -e $$d/tests ] || grep -q 'IMPL=solution' $$d/README.md || \
	        grep -l '^## For instructors' $$d/labs/*/README.md; then \
	        echo "FAILED: the students' copy holds solutions, tests or instructor text"; exit 1; fi
	@cd $(TEST_B)/dist/memlab-student && $(MAKE) --no-print-directory grade LAB=$(DIST_LAB) \
	    GRADEFLAGS="--quiet --expect-below 0.5" >$(abspath $(TEST_B))/dist/grade.log 2>&1 || \
	    { cat $(abspath $(TEST_B))/dist/grade.log; echo "FAILED: make grade in the students' copy"; exit 1; }
	@grep -E '^Score' $(TEST_B)/dist/grade.log | sed 's/^/   /'
	@cd $(TEST_B)/dist/memlab-student && ! $(MAKE) --no-print-directory grade IMPL=solution \
	    >$(abspath $(TEST_B))/dist/solution.log 2>&1 && \
	    grep -q 'not part of this copy' $(abspath $(TEST_B))/dist/solution.log || \
	    { cat $(abspath $(TEST_B))/dist/solution.log; echo "FAILED: IMPL=solution in the students' copy"; exit 1; }

# An instructor's hidden suite, as `make grade HIDDEN=DIR` builds it: the
# example tests/hidden/layout.c (linked with the heap-block counter) gives
# the reference full marks, hidden points included (--strict), and takes its
# points from a mutant that keeps a buffer per read (its test alone, run with
# TEST=, must score below its maximum). Then that mutant's hidden suite is
# removed, as when a submission does not link with the hidden tests: the
# grader (--hidden) must report it, keep the hidden points in the maximum
# (from the reference's hidden suite) and fail --strict. Last, the
# reference graded again without HIDDEN: the hidden suite left in its build
# must not run (100/100, not 105). Each grading has a build of its own
# (build/hidden-*).
HIDDEN_MUTANT := tests/mutants/layout/maps_keeps_the_line_buffer.c
test-hidden:
	@echo "== a hidden suite (tests/hidden/layout.c): the reference keeps full marks, a leaking mutant loses its points"
	@rm -rf $(TEST_B)/hidden build/hidden-reference build/hidden-leak
	@mkdir -p $(TEST_B)/hidden/hidden-reference $(TEST_B)/hidden/hidden-leak
	@cp solutions/layout/layout.c $(TEST_B)/hidden/hidden-reference/
	@cp $(HIDDEN_MUTANT) $(TEST_B)/hidden/hidden-leak/layout.c
	@$(MAKE) --no-print-directory grade LAB=layout SUBMISSION=$(TEST_B)/hidden/hidden-reference \
	    HIDDEN=tests/hidden GRADE_BATCH=1 GRADEFLAGS="--quiet --strict" >$(TEST_B)/hidden/reference.log 2>&1 || \
	    { cat $(TEST_B)/hidden/reference.log; echo "FAILED: the reference with the hidden suite (log: $(TEST_B)/hidden/reference.log)"; exit 1; }
	@grep -E '^Score' $(TEST_B)/hidden/reference.log | sed 's/^/   reference, hidden suite included: /'
	@$(MAKE) --no-print-directory grade LAB=layout SUBMISSION=$(TEST_B)/hidden/hidden-leak \
	    HIDDEN=tests/hidden GRADE_BATCH=1 TEST='hidden/*' GRADEFLAGS="--quiet --expect-below 1" \
	    >$(TEST_B)/hidden/leak.log 2>&1 || \
	    { cat $(TEST_B)/hidden/leak.log; echo "FAILED: the hidden test did not take points from $(HIDDEN_MUTANT) (log: $(TEST_B)/hidden/leak.log)"; exit 1; }
	@grep -E '^ *Score' $(TEST_B)/hidden/leak.log | sed 's/^ */   $(notdir $(HIDDEN_MUTANT)), the hidden test alone: /'
	@rm -f build/hidden-leak/suites/layout.hidden
	@if $(GRADER) --build build/hidden-leak --labs layout --hidden tests/hidden \
	        --reference build/hidden-reference --out $(TEST_B)/hidden/unbuilt --strict \
	        >$(TEST_B)/hidden/unbuilt.log 2>&1; then \
	    cat $(TEST_B)/hidden/unbuilt.log; \
	    echo "FAILED: a hidden suite that was not built still gave full marks under --strict"; exit 1; fi
	@grep -q 'hidden tests for this lab did not build' $(TEST_B)/hidden/unbuilt.log && \
	    grep -qE '^ *Score: [0-9.]+/105 ' $(TEST_B)/hidden/unbuilt.log || \
	    { cat $(TEST_B)/hidden/unbuilt.log; echo "FAILED: a hidden suite that was not built is not reported, or its points left the maximum"; exit 1; }
	@grep -E '^ *Score' $(TEST_B)/hidden/unbuilt.log | sed 's/^ */   the hidden suite not built: /'
	@$(MAKE) --no-print-directory grade LAB=layout SUBMISSION=$(TEST_B)/hidden/hidden-reference \
	    GRADE_BATCH=1 GRADEFLAGS="--quiet --strict" >$(TEST_B)/hidden/without.log 2>&1 && \
	    grep -qE '^ *Score: 100/100' $(TEST_B)/hidden/without.log && \
	    [ ! -e build/hidden-reference/suites/layout.hidden ] || \
	    { cat $(TEST_B)/hidden/without.log; echo "FAILED: graded again without HIDDEN, the hidden suite of the earlier grading still ran"; exit 1; }
	@echo "   graded again without HIDDEN: 100/100, the earlier hidden suite removed"
