# labs.mk — the validity tests of every lab (included by tests/tests.mk).
#
# For each lab that exists:
#   - the reference solution scores full marks (--strict), and its
#     correctness tests also pass under AddressSanitizer + UBSan;
#   - the starter code builds, runs and scores below half marks, and the
#     grader stays up;
#   - every mutant in tests/mutants/<lab>/*.c, graded as a submission with
#     the lab's student file name, loses points in the tests its header
#     names (`// Killed by: suite/test ...`, tests/mutants/README.md);
#   - the lab's own extra checks, $(<lab>_CHECKS) from its lab.mk.
# The starter and the mutants are graded as an instructor grades a class's
# students with `make gradebook` (tests/lab_class.sh): each is copied to
# build/mutants/<lab>/subs/<row>/<student file> and graded with
# `make grade SUBMISSION=... GRADE_BATCH=1` (no bench, no charts) in a build
# of its own, LAB_TEST_JOBS at a time (default: the number of CPUs); the
# starter runs the whole suite, each mutant only the tests its header names
# (TEST=, the grader's --filter), unless MUTANTS_FULL=1: then every mutant
# runs the whole suite too. Then every row is held to its bound.

MUTANT_B := build/mutants
# The starter and the mutants of a lab are graded this many at a time.
LAB_TEST_JOBS ?= $(JOBS)
# MUTANTS_FULL=1: every mutant runs the whole suite, not only the tests its
# header names (slower; it shows every test a mutant loses points in).
MUTANTS_FULL ?=
# The reference under ASan + UBSan is held to its correctness tests only
# (--strict-correctness), not to timings, so its suite runs this many tests
# at a time (the grader's --jobs; Criterion's underneath), and as one grading
# of many (GRADE_BATCH=1: the plain grading just before checked the
# dependencies and built the tools; `make test-prebuild` builds the
# sanitized bench, which grading never runs; the charts are the plain
# grading's).
LAB_SAN_JOBS ?= 2

# $(call lab_check,LAB,MAKE-ARGS,GRADER-EXPECTATION,WHAT)
define lab_check
	@echo "== $(1): $(4)"
	@$(MAKE) --no-print-directory grade LAB=$(1) $(2) GRADEFLAGS="--quiet $(3)" >$(TEST_B)/$(1).$(5).log 2>&1 || \
	    { cat $(TEST_B)/$(1).$(5).log; echo "FAILED: $(1): $(4)"; exit 1; }
	@grep -E '^Score|Total' $(TEST_B)/$(1).$(5).log | sed 's/^/   /' || true
endef

# test-lab-<lab> is the lab's checks, then test-lab-<lab>-grade: its
# gradings (`make test` runs the two in different lanes, tests/tests.mk;
# they write to different places).
define LAB_TEST_RULES
.PHONY: test-lab-$(1) test-lab-$(1)-grade
test-lab-$(1): $$($(1)_CHECKS) test-lab-$(1)-grade
test-lab-$(1)-grade: $(TEST_B)/lost_points
	@mkdir -p $(TEST_B)
	$(call lab_check,$(1),IMPL=solution,--strict,the solution scores full marks,solution)
	$(call lab_check,$(1),IMPL=solution SAN=address$$(comma)undefined GRADE_BATCH=1,--strict-correctness --jobs $(LAB_SAN_JOBS),the solution passes every correctness test under ASan + UBSan,solution-san)
	@tests/lab_class.sh $(1) $$(firstword $$($(1)_STUDENT)) $(TEST_B)/lost_points "$$(MAKE)" \
	    $$(LAB_TEST_JOBS) $$(if $$(filter 1,$$(MUTANTS_FULL)),full,killed-by)
endef
$(foreach l,$(LABS),$(eval $(call LAB_TEST_RULES,$(l))))

test-labs: $(foreach l,$(LABS),test-lab-$(l)) $(if $(LABS),test-gradebook)
	@$(if $(LABS),true,echo "memlab: no labs yet; nothing to grade.")

# The instructor's path end to end: a class graded with `make gradebook`, in
# the shapes students upload — a folder name with a space, one named like a
# build (`solution`), quotes and a comma in a name, the file in a
# repository-shaped upload or a subfolder, two candidates, a file that does
# not compile, nothing at all. tests/harness/check_gradebook.c holds the
# gradebook to every row; a second run must regrade nothing and say so, and
# a run after a file the suite reads has changed must regrade every row.
# The lab is the first in the README order, unless GRADEBOOK_LAB= names another.
GRADEBOOK_LAB ?= $(firstword $(LABS))
GRADEBOOK_FILE = $(firstword $($(GRADEBOOK_LAB)_STUDENT))
GRADEBOOK_CLASS := $(MUTANT_B)/class
.PHONY: test-gradebook
test-gradebook: $(TEST_B)/check_gradebook
	@echo "== gradebook: a class of six submissions ($(GRADEBOOK_LAB))"
	@rm -rf $(GRADEBOOK_CLASS) build/class build/gradebook.csv
	@set -e; c=$(GRADEBOOK_CLASS); f=$(GRADEBOOK_FILE); l=$(GRADEBOOK_LAB); \
	mkdir -p "$$c/ref student/labs/$$l" "$$c/solution" "$$c/qu\"ote, x/src" "$$c/two/a" "$$c/two/b" \
	         "$$c/broken" "$$c/empty"; \
	cp solutions/$$l/$$f "$$c/ref student/labs/$$l/"; cp labs/$$l/$$f "$$c/solution/"; \
	cp solutions/$$l/$$f "$$c/qu\"ote, x/src/"; cp solutions/$$l/$$f "$$c/two/a/"; \
	cp labs/$$l/$$f "$$c/two/b/"; printf 'int broken = ;\n' >"$$c/broken/$$f"; \
	echo "a text file, not a submission" >"$$c/empty/README"
	@$(MAKE) --no-print-directory gradebook CLASS=$(GRADEBOOK_CLASS) LAB=$(GRADEBOOK_LAB) \
	    >$(TEST_B)/gradebook.log 2>&1 || { cat $(TEST_B)/gradebook.log; echo "FAILED: make gradebook"; exit 1; }
	@$(TEST_B)/check_gradebook build/gradebook.csv 'ref student|full|full|' 'solution|*|*|' \
	    'qu"ote, x|full|full|' 'two|full|full|2 files named $(GRADEBOOK_FILE)' \
	    'broken|0|0|did not compile' 'empty||0|no $(GRADEBOOK_FILE) in this submission' || \
	    { cat build/gradebook.csv; exit 1; }
	@$(MAKE) --no-print-directory gradebook CLASS=$(GRADEBOOK_CLASS) LAB=$(GRADEBOOK_LAB) \
	    >$(TEST_B)/gradebook2.log 2>&1 && [ $$(grep -c 'unchanged since the last run' $(TEST_B)/gradebook2.log) = 5 ] || \
	    { cat $(TEST_B)/gradebook2.log; echo "FAILED: a second run regraded unchanged submissions"; exit 1; }
	@f=$$(find labs/$(GRADEBOOK_LAB)/data harness/suites/$(GRADEBOOK_LAB) -type f ! -name "*.[ch]" 2>/dev/null | sort | head -1); \
	    f=$${f:-labs/$(GRADEBOOK_LAB)/README.md}; touch "$$f"; \
	    $(MAKE) --no-print-directory gradebook CLASS=$(GRADEBOOK_CLASS) LAB=$(GRADEBOOK_LAB) \
	    >$(TEST_B)/gradebook3.log 2>&1 && ! grep -q 'unchanged since the last run' $(TEST_B)/gradebook3.log || \
	    { cat $(TEST_B)/gradebook3.log; echo "FAILED: a run after $$f changed reused old grades"; exit 1; }
	@grep -q '^| $(GRADEBOOK_LAB) | 5 | 1 |' build/class/summary.md && test -s build/class/charts/gradebook-scores.svg || \
	    { cat build/class/summary.md; echo "FAILED: no class summary or histogram"; exit 1; }
	@sed 's/^/   /' build/gradebook.csv

$(TEST_B)/lost_points: tests/harness/lost_points.c
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $< $(PKG_JANSSON)

$(TEST_B)/check_gradebook: tests/harness/check_gradebook.c
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $<
