# mutation.mk — mutation testing of every lab's suite (included by
# tests/tests.mk).
#
# `make test-mutation [LAB=<lab>] [MUTANTS=N] [SEED=S] [OPS=a,b] [JOBS=N]`: for each
# lab, build/tools/mutate (harness/mutation/) applies classic mistakes one
# at a time to the reference student file(s) in solutions/<lab>/, writes a
# sample of MUTANTS of them (seeded by SEED; MUTANTS=all grades every one)
# as one submission each under build/mutation/<lab>/subs/<id>/, grades them
# as a class with `grader class` (the same program as `make gradebook`, so
# a run that was interrupted resumes), and reads the gradebook:
#   build/mutation/<lab>.md     the lab's figures and its survivors
#   build/mutation/summary.md   one line per lab: generated, graded, compiled,
#                               killed, equivalent, survived, score
# Equivalent mutants are listed in tests/mutants/<lab>/EQUIVALENT.md (its
# format: harness/mutation/report.c). A mutant costs a build and a run of
# the lab's suite: a few seconds on an idle machine, 30-60 s on two cores
# shared with a dozen other builds (load average 10-18). Measured under that
# load, JOBS=2: 8 mutants of each of seven labs in 40 min, 20 of the layout
# lab in 16 min (each lab's starter is built once first, for the maxima);
# the default of 6 per lab keeps the nine labs under about 40 min even so.
# Not part of `make test`.
#
# `make test-mutate` (part of `make test`, a few seconds): the generator
# itself — the mutants of tests/mutation/fixture.c are exactly
# tests/mutation/fixture.expected, every one of them compiles, a sample is
# the same twice and part of the whole list, a mutant file carries its
# header, and the report counts a fixture gradebook as expected.

MUTANTS ?= 6
SEED ?= 1
OPS ?=
# OPS=lock-drop,atomic-relax grades only those operators' mutants, into a
# directory of its own (build/mutation-lock-drop-atomic-relax/).
MUTATION_B := build/mutation$(if $(OPS),-$(subst $(comma),-,$(OPS)))
MUTATION_SAMPLE = $(if $(filter all,$(MUTANTS)),,--sample $(MUTANTS) --seed $(SEED)) $(if $(OPS),--only $(OPS))
mutation_files = $(addprefix solutions/$(1)/,$($(1)_STUDENT))

# One lab: its mutants, their grading as a class, the report.
define mutation_lab
	@echo "== mutation testing: $(1) ($(if $(filter-out all,$(MUTANTS)),a sample of $(MUTANTS) (seed $(SEED)),every mutant); $(JOBS) at a time)"
	@rm -rf $(MUTATION_B)/$(1)/subs && mkdir -p $(MUTATION_B)/$(1)
	@$(MUTATE) --out-dir $(MUTATION_B)/$(1)/subs $(MUTATION_SAMPLE) $(call mutation_files,$(1))
	@$(GRADER) class --class $(MUTATION_B)/$(1)/subs --labs "$(1)" \
	    --files "$(1):$(subst $(space),$(comma),$(strip $($(1)_STUDENT)))" \
	    --out $(MUTATION_B)/$(1)/gradebook.csv --dir $(MUTATION_B)/$(1)/class -j $(JOBS) \
	    --make "$(MAKE)" >$(MUTATION_B)/$(1)/class.log 2>&1 || \
	    { tail -20 $(MUTATION_B)/$(1)/class.log; echo "FAILED: grading the mutants of $(1) (log: $(MUTATION_B)/$(1)/class.log)"; exit 1; }
	@$(MUTATE) --report --gradebook $(MUTATION_B)/$(1)/gradebook.csv --lab $(1) \
	    --equivalent tests/mutants/$(1)/EQUIVALENT.md --md $(MUTATION_B)/$(1).md \
	    --row $(MUTATION_B)/$(1).row $(MUTATION_SAMPLE) $(call mutation_files,$(1))

endef

.PHONY: test-mutation test-mutate
test-mutation: deps
	@[ -d solutions ] || { echo "test-mutation: the reference solutions are not part of this copy"; exit 2; }
	@$(MAKE) --no-print-directory tools $(MUTATE) SAN=
	$(foreach l,$(SELECTED_LABS),$(call mutation_lab,$(l)))
	@{ echo "# Mutation testing: summary"; echo; \
	   echo "Each lab's reference student file, mutated one mistake at a time and graded as a"; \
	   echo "submission (\`make test-mutation\`). score = killed / (compiled - equivalent)."; \
	   echo "The survivors are listed in $(MUTATION_B)/<lab>.md."; echo; \
	   echo "| lab | generated | graded | compiled | killed | equivalent | survived | score |"; \
	   echo "|---|---|---|---|---|---|---|---|"; \
	   for l in $(LABS); do [ -f $(MUTATION_B)/$$l.row ] && cat $(MUTATION_B)/$$l.row; done; true; \
	 } >$(MUTATION_B)/.summary.md.tmp.$$$$ && mv $(MUTATION_B)/.summary.md.tmp.$$$$ $(MUTATION_B)/summary.md
	@echo "memlab: the figures are in $(MUTATION_B)/summary.md, the survivors in $(MUTATION_B)/<lab>.md"

MUTATE_T := $(TEST_B)/mutate
test-mutate: $(MUTATE)
	@echo "== the mutation generator: the expected mutants of a fixture, each one compiles"
	@rm -rf $(MUTATE_T) && mkdir -p $(MUTATE_T)
	@$(MUTATE) --list tests/mutation/fixture.c >$(MUTATE_T)/list.tsv
	@diff -u tests/mutation/fixture.expected $(MUTATE_T)/list.tsv || \
	    { echo "FAILED: the mutants of tests/mutation/fixture.c changed (expected: tests/mutation/fixture.expected)"; exit 1; }
	@$(MUTATE) --out-dir $(MUTATE_T)/subs tests/mutation/fixture.c
	@n=0; for d in $(MUTATE_T)/subs/*/; do n=$$((n + 1)); \
	    head -1 $$d/fixture.c | grep -Eq '^/\* mutant m[0-9]{4}: [a-z-]+, line [0-9]+: ".*" -> ".*" \*/$$' || \
	        { echo "FAILED: $$d/fixture.c has no one-line header naming the mutant"; exit 1; }; \
	    $(CC) $(CSTD) -Wall -fsyntax-only $$d/fixture.c 2>$(MUTATE_T)/cc.log || \
	        { cat $(MUTATE_T)/cc.log; echo "FAILED: mutant $$d does not compile"; exit 1; }; done; \
	    [ $$n -eq $$(wc -l <tests/mutation/fixture.expected) ] || { echo "FAILED: $$n mutant folders"; exit 1; }
	@$(MUTATE) --list --sample 7 --seed 3 tests/mutation/fixture.c >$(MUTATE_T)/a.tsv
	@$(MUTATE) --list --sample 7 --seed 3 tests/mutation/fixture.c >$(MUTATE_T)/b.tsv
	@$(MUTATE) --list --sample 7 --seed 4 tests/mutation/fixture.c >$(MUTATE_T)/c.tsv
	@cmp -s $(MUTATE_T)/a.tsv $(MUTATE_T)/b.tsv && [ $$(wc -l <$(MUTATE_T)/a.tsv) -eq 7 ] && \
	    ! cmp -s $(MUTATE_T)/a.tsv $(MUTATE_T)/c.tsv && \
	    [ -z "$$(comm -23 <(sort $(MUTATE_T)/a.tsv) <(sort tests/mutation/fixture.expected))" ] || \
	    { echo "FAILED: --sample 7 --seed 3 is not the same 7 mutants of the list twice (or seed 4 gives the same)"; exit 1; }
	@$(MUTATE) --apply m0022 tests/mutation/fixture.c | sed 1d | diff - tests/mutation/fixture.c | \
	    grep -Eqx '< +;' || { echo "FAILED: --apply m0022 does not drop the lock"; exit 1; }
	@$(MUTATE) --report --gradebook tests/mutation/gradebook.csv --lab fixture \
	    --equivalent tests/mutation/EQUIVALENT.md --md $(MUTATE_T)/fixture.md --row $(MUTATE_T)/fixture.row \
	    tests/mutation/fixture.c >/dev/null
	@diff -u tests/mutation/fixture.row $(MUTATE_T)/fixture.row && \
	    grep -q '| m0007 | stmt-delete | 26 | `- v = lo;` <br> `+ ;` | yes: ' $(MUTATE_T)/fixture.md && \
	    grep -q '| m0013 | stmt-delete | 36 | `- t--;` <br> `+ ;` | no |' $(MUTATE_T)/fixture.md || \
	    { cat $(MUTATE_T)/fixture.md; echo "FAILED: the report of tests/mutation/gradebook.csv"; exit 1; }
	@tr -d '\r' <tests/mutation/gradebook.csv >$(MUTATE_T)/gradebook-lf.csv && \
	    $(MUTATE) --report --gradebook $(MUTATE_T)/gradebook-lf.csv --lab fixture \
	    --equivalent tests/mutation/EQUIVALENT.md --md $(MUTATE_T)/fixture-lf.md --row $(MUTATE_T)/fixture-lf.row \
	    tests/mutation/fixture.c >/dev/null && diff -u tests/mutation/fixture.row $(MUTATE_T)/fixture-lf.row || \
	    { echo "FAILED: the same gradebook with LF line ends reads differently"; exit 1; }
	@echo "   $$(wc -l <tests/mutation/fixture.expected) mutants as expected, each compiles; sample and report right"
