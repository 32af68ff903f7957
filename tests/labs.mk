# labs.mk — the validity tests of every lab (included by tests/tests.mk).
#
# For each lab that exists:
#   - the reference solution scores full marks (--strict), and its
#     correctness tests also pass under AddressSanitizer + UBSan;
#   - the starter code builds, runs and scores below half marks, and the
#     grader stays up;
#   - every mutant in tests/mutants/<lab>/*.c, graded as a submission with
#     the lab's student file name, loses points;
#   - the lab's own extra checks, $(<lab>_CHECKS) from its lab.mk.
# A mutant is copied to build/mutants/<lab>-<mutant>/<student file> and
# graded with SUBMISSION=, exactly as an instructor grades a student.

MUTANT_B := build/mutants

# $(call lab_check,LAB,MAKE-ARGS,GRADER-EXPECTATION,WHAT)
define lab_check
	@echo "== $(1): $(4)"
	@$(MAKE) --no-print-directory grade LAB=$(1) $(2) GRADEFLAGS="--quiet $(3)" >$(TEST_B)/$(1).$(5).log 2>&1 || \
	    { cat $(TEST_B)/$(1).$(5).log; echo "FAILED: $(1): $(4)"; exit 1; }
	@grep -E '^Score|Total' $(TEST_B)/$(1).$(5).log | sed 's/^/   /' || true
endef

define LAB_TEST_RULES
.PHONY: test-lab-$(1)
test-lab-$(1): $$($(1)_CHECKS)
	@mkdir -p $(TEST_B)
	$(call lab_check,$(1),IMPL=solution,--strict,the solution scores full marks,solution)
	$(call lab_check,$(1),IMPL=solution SAN=address$$(comma)undefined,--strict-correctness,the solution passes every correctness test under ASan + UBSan,solution-san)
	$(call lab_check,$(1),IMPL=student,--expect-below 0.5,the starter scores below half marks,starter)
	@set -e; for m in $$(wildcard tests/mutants/$(1)/*.c); do \
	    name=$(1)-$$$$(basename $$$$m .c); dir=$(MUTANT_B)/$$$$name; \
	    rm -rf $$$$dir; mkdir -p $$$$dir; cp $$$$m $$$$dir/$$(firstword $$($(1)_STUDENT)); \
	    printf '== %s: mutant %s loses points\n' $(1) $$$$(basename $$$$m .c); \
	    if ! $(MAKE) --no-print-directory grade LAB=$(1) SUBMISSION=$$$$dir \
	         GRADEFLAGS="--quiet --expect-below 1" >$(TEST_B)/$$$$name.log 2>&1; then \
	        cat $(TEST_B)/$$$$name.log; echo "FAILED: mutant $$$$m was not caught"; exit 1; fi; \
	    grep -E '^Score' $(TEST_B)/$$$$name.log | sed 's/^/   /' || true; \
	done
endef
comma := ,
$(foreach l,$(LABS),$(eval $(call LAB_TEST_RULES,$(l))))

test-labs: $(foreach l,$(LABS),test-lab-$(l)) $(if $(LABS),test-gradebook)
	@$(if $(LABS),true,echo "memlab: no labs yet; nothing to grade.")

# The instructor's path end to end: a class of two submissions of one lab
# (the reference and the starter), graded with `make gradebook`; the
# gradebook must give the first full marks and the second less. The lab is
# the first in the README order, unless GRADEBOOK_LAB= names another.
GRADEBOOK_LAB ?= $(firstword $(LABS))
.PHONY: test-gradebook
test-gradebook:
	@echo "== gradebook: a class of two submissions ($(GRADEBOOK_LAB))"
	@rm -rf $(MUTANT_B)/class && mkdir -p $(MUTANT_B)/class/ref-student $(MUTANT_B)/class/starter-student
	@for f in $($(GRADEBOOK_LAB)_STUDENT); do \
	    cp solutions/$(GRADEBOOK_LAB)/$$f $(MUTANT_B)/class/ref-student/; \
	    cp labs/$(GRADEBOOK_LAB)/$$f $(MUTANT_B)/class/starter-student/; done
	@$(MAKE) --no-print-directory gradebook CLASS=$(MUTANT_B)/class LAB=$(GRADEBOOK_LAB) >$(TEST_B)/gradebook.log 2>&1 || \
	    { cat $(TEST_B)/gradebook.log; echo "FAILED: make gradebook"; exit 1; }
	@awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$$i] = i; next } \
	    { total[$$1] = $$col["total"]; max[$$1] = $$col["max"] } \
	    END { ok = ("ref-student" in total) && ("starter-student" in total) && \
	               total["ref-student"] == max["ref-student"] && max["ref-student"] > 0 && \
	               total["starter-student"] < max["starter-student"]; \
	          if (!ok) { print "FAILED: gradebook rows are wrong"; exit 1 } }' build/gradebook.csv || \
	    { cat build/gradebook.csv; exit 1; }
	@sed 's/^/   /' build/gradebook.csv
