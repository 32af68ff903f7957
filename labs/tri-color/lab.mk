# lab.mk — the tri-color lab: an incremental tri-color marker and its sweep.
# The student writes mark.c; the rest is the lab's own support code.
tri-color_ORDER   := 6
tri-color_STUDENT := mark.c
tri-color_SUPPORT := support/classics.c support/mark_hooks.c
tri-color_LDLIBS  := $(PKG_JANSSON)
tri-color_BENCH   := 1
# The lab's input is the core's scenario format; its parser is fuzzed as the
# core target `scenario` (tests/fuzz/fuzz.mk), seeded with this lab's data/.
tri-color_FUZZ    :=
tri-color_CHECKS  := tri-color-names-check

# `make tri-color-names-check`: every object of every generated scenario has
# a name, as its slots do: the reference program's step pictures (--dot)
# label no object by its index (o<i>), a saved scenario (--save) declares no
# object o<i>, and the saved file runs again to the same verdict.
.PHONY: tri-color-names-check
tri-color-names-check:
	@echo "== tri-color: generated scenarios name their objects (pictures, saved files)"
	@$(MAKE) --no-print-directory build/solution/bin/tri-color IMPL=solution SUBMISSION= SAN= \
	    >/dev/null
	@set -e; d=$(TOOL_B)/tri-color-names; rm -rf $$d; mkdir -p $$d; \
	for s in list:6 tree:2 cycle:3 diamond:2 gcbench:2 random:12; do \
	    n=$${s%%:*}; build/solution/bin/tri-color -s $$n -n $${s#*:} -q --dot $$d/$$n >/dev/null; \
	    build/solution/bin/tri-color -s $$n -n $${s#*:} --save $$d/$$n.scn; \
	    if grep -Eq '^  o[0-9]+ \[label="o[0-9]+\\n' $$d/$$n/step-001.dot; then \
	        echo "FAILED: $$d/$$n/step-001.dot labels an object of scenario $$n by its index"; exit 1; fi; \
	    grep -Eq '^  o[0-9]+ \[label="[A-Za-z_]+[A-Za-z0-9_]*\\nobj#' $$d/$$n/step-001.dot || \
	        { echo "FAILED: $$d/$$n/step-001.dot has no named object"; exit 1; }; \
	    if grep -Eq '^obj o[0-9]+ ' $$d/$$n.scn; then \
	        echo "FAILED: $$d/$$n.scn declares an object of scenario $$n by its index"; exit 1; fi; \
	    build/solution/bin/tri-color -q -f $$d/$$n.scn | grep -q '^verdict: OK' || \
	        { echo "FAILED: the saved $$d/$$n.scn does not run to the verdict OK"; exit 1; }; \
	done; echo "   every object named in 6 generated scenarios"
