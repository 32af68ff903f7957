# memlab — the one entry point. `make` or `make help` lists the targets.
#
# Layout of what this builds (all under build/, never committed):
#   build/core[-san]/libmemlab.a      the shared runtime core (common/)
#   build/tools[-san]/                the grader, plot helper, harness library
#   build/<impl>[-san]/bin/<lab>      each lab's program, over the chosen impl
#   build/<impl>[-san]/suites/<lab>   each lab's grading suite (Criterion)
#   build/<impl>[-san]/grade/         results.json, junit.xml, report.md
# where <impl> is `student` (labs/), `solution` (solutions/) or the basename
# of SUBMISSION=DIR. Each lab describes itself in labs/<lab>/lab.mk.

.DEFAULT_GOAL := help
SHELL := /bin/bash
.DELETE_ON_ERROR:
# Every rule here is explicit: make's built-in rules would only have it look
# for ways to remake each of the hundreds of headers the .d files name (RCS,
# SCCS, yacc...), which costs every make invocation about a third of its
# time (a class of submissions runs two per grading).
MAKEFLAGS += --no-builtin-rules

# The labs that exist are the ones with a labs/<lab>/lab.mk (see "the labs"
# below); these names only let `make help` and `make <lab>` speak of the
# labs that are planned but not in this checkout. A lab whose lab.mk exists
# is not planned, whether or not it is named here.
LABS_PLANNED_NAMES := escape pools leak-detection pacer

# ---- user variables ---------------------------------------------------------
IMPL ?= student
SUBMISSION ?=
LAB ?=
SAN ?=
HIDDEN ?=
GRADEFLAGS ?=

ifneq ($(SUBMISSION),)
  SUBMISSION_ABS := $(abspath $(SUBMISSION))
  IMPL_NAME := $(notdir $(SUBMISSION_ABS))
  impl_src = $(SUBMISSION_ABS)
  ifeq ($(wildcard $(SUBMISSION_ABS)/.),)
    $(error SUBMISSION=$(SUBMISSION): no such directory)
  endif
  ifeq ($(BUILD_DIR),)
  ifneq ($(filter $(IMPL_NAME),core tools test mutants solution student gradebook class fuzz dist),)
    $(error SUBMISSION=$(SUBMISSION): the directory name '$(IMPL_NAME)' is reserved under build/; rename it)
  endif
  endif
else ifeq ($(IMPL),solution)
  ifeq ($(wildcard solutions/.),)
    $(error IMPL=solution: the reference solutions are not part of this copy of memlab)
  endif
  IMPL_NAME := solution
  impl_src = solutions/$(1)
else ifeq ($(IMPL),student)
  IMPL_NAME := student
  impl_src = labs/$(1)
else
  $(error IMPL must be 'student' or 'solution' (or use SUBMISSION=DIR), not '$(IMPL)')
endif

VARIANT := $(if $(SAN),-san)
# BUILD_DIR (set by `make gradebook` for each submission it grades) puts the
# build of the chosen impl in a directory of its own instead of
# build/<impl>[-san]; its last component names the build in reports.
BUILD_DIR ?=
ifneq ($(BUILD_DIR),)
  B := $(BUILD_DIR)
  IMPL_NAME := $(notdir $(BUILD_DIR))
else
  B := build/$(IMPL_NAME)$(VARIANT)
endif
CORE_B := build/core$(VARIANT)
TOOL_B := build/tools$(VARIANT)

# ---- compiler ---------------------------------------------------------------
CC ?= cc
CSTD     := -std=gnu11
OPT      := -O2 -g
WARN     := -Wall -Wextra
SANFLAGS := $(if $(SAN),-fsanitize=$(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=all)
INCLUDES := -Icommon/include -Iharness/include
CPPFLAGS_ALL := $(INCLUDES) -D_GNU_SOURCE -MMD -MP
# Project code is held to -Werror; student files are not.
PROJECT_CFLAGS := $(CSTD) $(OPT) $(WARN) -Werror $(SANFLAGS) $(CPPFLAGS_ALL)
STUDENT_CFLAGS := $(CSTD) $(OPT) $(WARN) $(SANFLAGS) $(CPPFLAGS_ALL)
LDFLAGS_ALL := $(SANFLAGS)

# Each library's flags are asked of pkg-config when a rule first needs them,
# once per make (the first use replaces the variable by its value): most
# make invocations link nothing, and each question costs a shell and a
# pkg-config.
pkg_once = $(eval $(1) := $$(shell pkg-config $(2) 2>/dev/null || echo $(3)))$($(1))
PKG_CRITERION  = $(call pkg_once,PKG_CRITERION,--cflags --libs criterion,-lcriterion)
PKG_JANSSON    = $(call pkg_once,PKG_JANSSON,--libs jansson,-ljansson)
PKG_XML_CFLAGS = $(call pkg_once,PKG_XML_CFLAGS,--cflags libxml-2.0,-I/usr/include/libxml2)
PKG_XML_LIBS   = $(call pkg_once,PKG_XML_LIBS,--libs libxml-2.0,-lxml2)

# ---- dependencies -----------------------------------------------------------
# Quick when everything is installed; installs what is missing otherwise.
.PHONY: deps deps-test
deps:
	@scripts/deps.sh
# `make test` and `make bench` also want the real tools the labs are compared
# with (Go); where they cannot be installed, the comparisons say so and skip.
deps-test:
	@scripts/deps.sh --test || { scripts/deps.sh && \
	    echo "memlab: the ground-truth tools (scripts/deps.sh --list --test) could not be installed; the comparisons with them will be skipped"; }

# ---- the core library -------------------------------------------------------
CORE_SRCS := $(wildcard common/src/*.c)
CORE_LIB  := $(CORE_B)/libmemlab.a
# The plain core, whatever SAN says: the grader links it (the grader runs no
# student code, and a sanitized grader would only slow grading down).
CORE_PLAIN_LIB := build/core/libmemlab.a

build/core/obj/%.o: common/src/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(OPT) $(WARN) -Werror $(CPPFLAGS_ALL) -c $< -o $@

build/core-san/obj/%.o: common/src/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(OPT) $(WARN) -Werror $(if $(SAN),$(SANFLAGS),-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all) $(CPPFLAGS_ALL) -c $< -o $@

build/core/libmemlab.a: $(CORE_SRCS:common/src/%.c=build/core/obj/%.o)
	@rm -f $@
	ar rcs $@ $^

build/core-san/libmemlab.a: $(CORE_SRCS:common/src/%.c=build/core-san/obj/%.o)
	@rm -f $@
	ar rcs $@ $^

# The core compiled with ThreadSanitizer, whatever SAN says, for the labs'
# race probes (harness/probes/<lab>_race.c, built into $(B)/tsan/ from the
# student's file compiled with $(TSAN_CFLAGS); memlab/tsan_probe.h runs them
# from a suite).
TSAN_CFLAGS   := $(CSTD) -O1 -g -fsanitize=thread $(WARN) $(CPPFLAGS_ALL)
CORE_TSAN_LIB := build/core-tsan/libmemlab.a

build/core-tsan/obj/%.o: common/src/%.c
	@mkdir -p $(@D)
	$(CC) $(TSAN_CFLAGS) -Werror -c $< -o $@

$(CORE_TSAN_LIB): $(CORE_SRCS:common/src/%.c=build/core-tsan/obj/%.o)
	@rm -f $@
	ar rcs $@ $^

.PHONY: core
core: $(CORE_LIB)

# ---- the harness: suite library, grader, plot helper ------------------------
SUITELIB_SRCS := $(wildcard harness/suitelib/*.c)
SUITELIB_OBJS := $(SUITELIB_SRCS:harness/suitelib/%.c=$(TOOL_B)/suitelib/%.o)
SUITELIB      := $(TOOL_B)/libmlgrade.a
# The link flags of a suite that counts heap blocks with ml_heap_blocks()
# (harness/suitelib/heapcount.c): <lab>_SUITE_LDFLAGS := $(ML_HEAP_COUNT_LDFLAGS).
ML_HEAP_COUNT_FUNCS   := malloc calloc realloc strdup strndup getline getdelim __getdelim free
ML_HEAP_COUNT_LDFLAGS := $(foreach f,$(ML_HEAP_COUNT_FUNCS),-Wl,--wrap=$(f))

$(TOOL_B)/suitelib/%.o: harness/suitelib/%.c
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -c $< -o $@

$(SUITELIB): $(SUITELIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

GRADER_SRCS := $(wildcard harness/grader/*.c)
GRADER_OBJS := $(GRADER_SRCS:harness/grader/%.c=build/tools/grader-obj/%.o)
GRADER      := build/tools/grader

build/tools/grader-obj/%.o: harness/grader/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(OPT) $(WARN) -Werror $(CPPFLAGS_ALL) $(PKG_XML_CFLAGS) -c $< -o $@

$(GRADER): $(GRADER_OBJS) $(CORE_PLAIN_LIB)
	$(CC) -o $@ $(GRADER_OBJS) $(CORE_PLAIN_LIB) $(PKG_JANSSON) $(PKG_XML_LIBS) -lm

# The mutation generator (harness/mutation/): runs no student code, built
# plain like the grader; `make test-mutation` (tests/mutation.mk) uses it.
MUTATE_SRCS := $(wildcard harness/mutation/*.c)
MUTATE_OBJS := $(MUTATE_SRCS:harness/mutation/%.c=build/tools/mutate-obj/%.o)
MUTATE      := build/tools/mutate

build/tools/mutate-obj/%.o: harness/mutation/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(OPT) $(WARN) -Werror $(CPPFLAGS_ALL) -c $< -o $@

$(MUTATE): $(MUTATE_OBJS) $(CORE_PLAIN_LIB)
	$(CC) -o $@ $(MUTATE_OBJS) $(CORE_PLAIN_LIB) -lm

.PHONY: tools
tools: $(GRADER) $(SUITELIB) $(CORE_LIB)

# ---- the labs ---------------------------------------------------------------
# A lab exists once labs/<lab>/lab.mk does; nothing else names it. Its lab.mk
# sets, for its lab:
#   <lab>_ORDER    its position in the README order (1, 2, ...); the labs are
#                  listed, built, graded and tested in this order
#   <lab>_STUDENT  the student file(s), found in labs/<lab>/ or solutions/<lab>/
#   <lab>_SUPPORT  the lab's provided sources, relative to labs/<lab>/ (not
#                  main.c): support/foo.c, included as "support/foo.h"; optional
#   <lab>_LDLIBS   extra libraries, optional
#   <lab>_BENCH    1 if harness/bench/<lab>.c exists and `make bench` runs it
#   <lab>_FUZZ     its parsers' fuzz targets, each T with its FUZZ_*_T
#                  variables in the same lab.mk (tests/fuzz/fuzz.mk), optional
#   <lab>_CHECKS   extra make targets, defined in the lab.mk, that
#                  `make test-lab-<lab>` runs (tests/labs.mk), optional
#   <lab>_TEST_BUILDS  what those checks build (programs, probes), so that
#                  `make test-prebuild` builds it, two at a time, optional
#   <lab>_SUITE_LDFLAGS  extra link flags of the grading suite only (e.g.
#                  -Wl,--wrap=mmap, with the wrapper in the suite), optional
LAB_MKS := $(wildcard labs/*/lab.mk)
include $(LAB_MKS)
# The labs, sorted by <lab>_ORDER (a lab without one comes last, by name).
LABS := $(shell printf '%s %s\n' $(foreach m,$(LAB_MKS),$(or $($(m:labs/%/lab.mk=%)_ORDER),999999) \
            $(m:labs/%/lab.mk=%)) | sort -k1,1n -k2,2 | cut -d' ' -f2)
LABS := $(strip $(LABS))
PLANNED_LABS := $(filter-out $(LABS),$(LABS_PLANNED_NAMES))

# ASSIGNMENT=FILE: a course's setup in one file (harness/grader/assignment.c);
# its `labs` line selects the labs, the grader reads the rest.
ASSIGNMENT ?=
ifneq ($(ASSIGNMENT),)
  ifeq ($(wildcard $(ASSIGNMENT)),)
    $(error ASSIGNMENT=$(ASSIGNMENT): no such file)
  endif
  ASSIGNMENT_LABS := $(strip $(shell sed -e 's/\#.*//' -e 's/\r//' $(ASSIGNMENT) | awk '$$1 == "labs" { $$1 = ""; print }'))
  ifneq ($(ASSIGNMENT_LABS),)
    override LAB := $(ASSIGNMENT_LABS)
  endif
  override GRADEFLAGS += --assignment $(abspath $(ASSIGNMENT))
endif

ifneq ($(LAB),)
  ifneq ($(filter-out $(LABS) $(PLANNED_LABS),$(LAB)),)
    $(error LAB: '$(filter-out $(LABS) $(PLANNED_LABS),$(LAB))' is not a lab; the labs are: $(LABS)$(if $(PLANNED_LABS), (planned: $(PLANNED_LABS))))
  endif
  SELECTED_LABS := $(filter $(LAB),$(LABS))
else
  SELECTED_LABS := $(LABS)
endif

# Student files compile with warnings but without -Werror. A file that does
# not compile leaves its message in $(B)/logs/<lab>.compile.log for the
# grader, and removes the lab's old binaries so nothing stale gets graded.
# Only the student objects belong to one impl ($(B)/obj/<lab>/student/); the
# lab's own code — support, main, suite and bench objects — is the same for
# every impl and submission, so it is compiled once into $(LAB_OBJ)/<lab>/.
LAB_OBJ := build/labs$(VARIANT)/obj
define LAB_RULES
$(1)_SRCDIR   := $$(call impl_src,$(1))
$(1)_STU_OBJS := $$(addprefix $(B)/obj/$(1)/student/,$$($(1)_STUDENT:.c=.o))
$(1)_SUP_OBJS := $$(addprefix $(LAB_OBJ)/$(1)/lab/,$$($(1)_SUPPORT:.c=.o))
# A suite may be split into harness/suites/<lab>.c and harness/suites/<lab>/*.c.
$(1)_SUITE_OBJS := $(LAB_OBJ)/$(1)/suite.o $$(patsubst harness/suites/$(1)/%.c,$(LAB_OBJ)/$(1)/suite-%.o,$$(wildcard harness/suites/$(1)/*.c))

$(B)/obj/$(1)/student/%.o: $$($(1)_SRCDIR)/%.c
	@mkdir -p $$(@D) $(B)/logs
	@echo "CC (student) $$<"
	@if ! $$(CC) $$(STUDENT_CFLAGS) -Ilabs/$(1) -c $$< -o $$@ 2>$(B)/logs/$(1).compile.log; then \
	    cat $(B)/logs/$(1).compile.log >&2; \
	    rm -f $$@ $(B)/bin/$(1) $(B)/suites/$(1) $(B)/suites/$(1).hidden $(B)/bench/$(1); exit 1; fi; \
	cat $(B)/logs/$(1).compile.log >&2

$(LAB_OBJ)/$(1)/lab/%.o: labs/$(1)/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(PROJECT_CFLAGS) -Ilabs/$(1) -c $$< -o $$@

$(LAB_OBJ)/$(1)/main.o: labs/$(1)/main.c
	@mkdir -p $$(@D)
	$$(CC) $$(PROJECT_CFLAGS) -Ilabs/$(1) -c $$< -o $$@

$(LAB_OBJ)/$(1)/suite.o: harness/suites/$(1).c
	@mkdir -p $$(@D)
	$$(CC) $$(PROJECT_CFLAGS) -Ilabs/$(1) -Iharness/suites/$(1) -c $$< -o $$@

$(LAB_OBJ)/$(1)/suite-%.o: harness/suites/$(1)/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(PROJECT_CFLAGS) -Ilabs/$(1) -Iharness/suites/$(1) -c $$< -o $$@

$(LAB_OBJ)/$(1)/bench.o: harness/bench/$(1).c
	@mkdir -p $$(@D)
	$$(CC) $$(PROJECT_CFLAGS) -Ilabs/$(1) -c $$< -o $$@

$(B)/bin/$(1): $(LAB_OBJ)/$(1)/main.o $$($(1)_STU_OBJS) $$($(1)_SUP_OBJS) $(CORE_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$(filter %.o,$$^) $(CORE_LIB) $$($(1)_LDLIBS) -lm -lpthread

$(B)/suites/$(1): $$($(1)_SUITE_OBJS) $$($(1)_STU_OBJS) $$($(1)_SUP_OBJS) $(SUITELIB) $(CORE_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS_ALL) $$($(1)_SUITE_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(SUITELIB) $(CORE_LIB) $$($(1)_LDLIBS) $$(PKG_CRITERION) -lseccomp -lm -lpthread

$(B)/bench/$(1): $(LAB_OBJ)/$(1)/bench.o $$($(1)_STU_OBJS) $$($(1)_SUP_OBJS) $(CORE_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$(filter %.o,$$^) $(CORE_LIB) $$($(1)_LDLIBS) -lm -lpthread -ldl

.PHONY: $(1)
$(1): deps $(B)/bin/$(1) $(B)/suites/$(1)
endef
$(foreach l,$(LABS),$(eval $(call LAB_RULES,$(l))))

# A planned lab that is not in this checkout yet says so instead of "no rule".
.PHONY: $(PLANNED_LABS)
$(PLANNED_LABS):
	@echo "memlab: '$@' is a planned lab, not in this checkout yet (labs present: $(LABS))"; exit 1

# Hidden suites: HIDDEN=DIR holds <lab>.c files, compiled like a lab's suite
# and linked with the heap-block counter, so that every hidden test may call
# ml_heap_blocks(). Not with <lab>_SUITE_LDFLAGS: those wrap functions whose
# wrappers live in the visible suite's objects, which a hidden suite lacks.
ifneq ($(HIDDEN),)
define HIDDEN_RULES
$(B)/obj/$(1)/hidden.o: $(abspath $(HIDDEN))/$(1).c
	@mkdir -p $$(@D)
	$$(CC) $$(PROJECT_CFLAGS) -Wno-error -Ilabs/$(1) -c $$< -o $$@
$(B)/suites/$(1).hidden: $(B)/obj/$(1)/hidden.o $$($(1)_STU_OBJS) $$($(1)_SUP_OBJS) $(SUITELIB) $(CORE_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(LDFLAGS_ALL) $(ML_HEAP_COUNT_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(SUITELIB) $(CORE_LIB) $$($(1)_LDLIBS) $$(PKG_CRITERION) -lseccomp -lm -lpthread
endef
$(foreach l,$(LABS),$(if $(wildcard $(HIDDEN)/$(l).c),$(eval $(call HIDDEN_RULES,$(l)))))
HIDDEN_SUITES := $(foreach l,$(SELECTED_LABS),$(if $(wildcard $(HIDDEN)/$(l).c),$(B)/suites/$(l).hidden))
endif

# The selected labs whose student files are all there: `make grade` builds
# only these (a lab without its file is reported by the grader, with no make
# noise about a missing rule).
PRESENT_LABS := $(foreach l,$(SELECTED_LABS),$(if $(strip $(foreach f,$($(l)_STUDENT),$(if $(wildcard $(call impl_src,$(l))/$(f)),,missing))),,$(l)))
PRESENT_BUILDS := $(foreach l,$(PRESENT_LABS),$(B)/bin/$(l) $(B)/suites/$(l) \
    $(if $(GRADE_BATCH),,$(if $(filter 1,$($(l)_BENCH)),$(B)/bench/$(l))) \
    $(filter $(B)/suites/$(l).hidden,$(HIDDEN_SUITES)))
# Hidden suites a grading without HIDDEN (or whose HIDDEN has no <lab>.c)
# must not run: one left in the build by an earlier grading holds that
# grading's tests and the student code it was linked with then.
STALE_HIDDEN := $(foreach l,$(SELECTED_LABS),$(if $(and $(HIDDEN),$(wildcard $(HIDDEN)/$(l).c)),,$(B)/suites/$(l).hidden))
LAB_BINS   := $(foreach l,$(SELECTED_LABS),$(B)/bin/$(l))
LAB_SUITES := $(foreach l,$(SELECTED_LABS),$(B)/suites/$(l))
LAB_BENCHES := $(foreach l,$(SELECTED_LABS),$(if $(filter 1,$($(l)_BENCH)),$(B)/bench/$(l)))

.PHONY: all
all: deps tools $(LAB_BINS) $(LAB_SUITES)

# ---- grading ----------------------------------------------------------------
# Project code must build; student code may fail to, which the grader reports
# as a lab that did not compile. Exit 0 whenever grading ran.
# GRADE_BATCH=1: one grading of many (each submission of a class, each
# mutant in `make test`), after the dependencies were checked and the tools
# built once: grade without those checks, the benches and the charts.
# A single grading builds JOBS compilers at a time (the number of CPUs), unless
# make already runs in parallel (`make -jN grade` shares its job slots) or the
# grading is one of a batch (the batch already runs its gradings in parallel).
GRADE_J = $(if $(GRADE_BATCH),,$(if $(findstring -j,$(MAKEFLAGS)),,-j$(JOBS)))
# TEST=GLOB grades only the tests whose SUITE/TEST matches GLOB, in each
# selected lab (the grader's --filter; Criterion's --filter underneath); the
# score is of that subset, and a glob that matches nothing fails.
.PHONY: grade
grade: $(if $(GRADE_BATCH),,deps)
	@$(if $(filter-out $(LABS),$(LAB)),echo "memlab: '$(LAB)' is a planned lab and not in this checkout yet (labs present: $(LABS))",true)
	@$(if $(GRADE_BATCH),true,$(MAKE) --no-print-directory $(GRADE_J) tools SAN=$(SAN))
	@mkdir -p $(B)/logs
	@rm -f $(STALE_HIDDEN)
	@$(foreach l,$(SELECTED_LABS),$(foreach f,$($(l)_STUDENT),\
	  if [ ! -f "$(call impl_src,$(l))/$(f)" ]; then \
	    echo "no $(f) in this submission ($(call impl_src,$(l))/; lab $(l) needs $(f))" >$(B)/logs/$(l).compile.log; \
	    rm -f $(B)/bin/$(l) $(B)/suites/$(l) $(B)/suites/$(l).hidden $(B)/bench/$(l); fi;)) true
	@$(if $(strip $(PRESENT_BUILDS)),$(MAKE) --no-print-directory -k $(GRADE_J) $(PRESENT_BUILDS) || \
	    echo "memlab: some lab code did not build; the grader reports it below.",true)
	@$(GRADER) --build $(B) --impl $(IMPL_NAME) --labs "$(SELECTED_LABS)" \
	    $(if $(GRADE_BATCH),,--plots scripts/plots.sh) $(if $(HIDDEN),--hidden '$(abspath $(HIDDEN))') \
	    $(if $(TEST),--filter '$(subst ','\'',$(TEST))') $(GRADEFLAGS)

# Grade a class: every folder of CLASS=DIR is one student's submission, with
# any name. `grader class` (harness/grader/class.c) finds each student's files,
# grades them in a build of their own under build/class/, JOBS at a time, and
# writes build/gradebook.csv, build/class/summary.md and a score histogram.
# ROSTER=file.csv adds id, name and email columns; FRESH=1 regrades even the
# submissions graded before and unchanged since.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
comma := ,
space := $(empty) $(empty)
.PHONY: gradebook
gradebook: deps
	@[ -n "$(CLASS)" ] && [ -d "$(CLASS)" ] || { echo "usage: make gradebook CLASS=DIR (one folder per student)" >&2; exit 2; }
	@$(MAKE) --no-print-directory tools SAN=
	@$(GRADER) class --class "$(CLASS)" --labs "$(SELECTED_LABS)" \
	    --files "$(foreach l,$(SELECTED_LABS),$(l):$(subst $(space),$(comma),$(strip $($(l)_STUDENT))))" \
	    --out build/gradebook.csv --dir build/class -j $(JOBS) --make "$(MAKE)" \
	    --plots scripts/plots.sh $(if $(ROSTER),--roster "$(ROSTER)") \
	    $(if $(HIDDEN),--hidden "$(abspath $(HIDDEN))") $(if $(FRESH),--fresh) \
	    $(if $(ASSIGNMENT),--assignment "$(abspath $(ASSIGNMENT))")

# Every selected lab's program and grading suite (hidden suite too), without
# grading: `grader class` builds the starter this way first, so the lab
# objects that every submission shares exist before submissions are built in
# parallel.
.PHONY: prebuild
prebuild: tools $(LAB_BINS) $(LAB_SUITES) $(HIDDEN_SUITES)
	@rm -f $(STALE_HIDDEN)

# ---- benchmarks and charts --------------------------------------------------
.PHONY: bench
bench: deps-test tools $(LAB_BENCHES)
	@if [ -z "$(strip $(LAB_BENCHES))" ]; then echo "memlab: no lab has benchmarks yet."; fi
	@set -e; for b in $(LAB_BENCHES); do \
	    lab=$$(basename $$b); mkdir -p $(B)/data/$$lab; \
	    echo "== bench $$lab"; $$b --out $(B)/data/$$lab; done

# In the full repository the charts drawn are then checked as `make
# test-charts` checks its fixtures (tests/charts/check_charts.c): a title,
# axis labels with units, the footnote, every peer drawn or named as left out.
.PHONY: plots
plots: bench
	@scripts/plots.sh $(B)/data $(B)/plots
	@if [ -f tests/charts/check_charts.c ]; then \
	    $(MAKE) --no-print-directory build/test/check_charts >/dev/null && \
	    build/test/check_charts --plots plots --data $(B)/data --charts $(B)/plots; fi

# ---- tests of the project itself --------------------------------------------
ifneq ($(wildcard tests/tests.mk),)
include tests/tests.mk
else
.PHONY: test
test:
	@echo "memlab: this is the students' copy; the project's own tests are in the full repository."
endif

# ---- packages for the autograding platforms -------------------------------------
# `make gradescope` → build/dist/gradescope.zip; `make autolab LAB=<lab>` →
# build/dist/autolab-<lab>.tar (scripts/package.sh). LAB=, HIDDEN= and
# ASSIGNMENT= make one package per assignment.
.PHONY: gradescope autolab
gradescope:
	@scripts/package.sh gradescope build/dist "$(SELECTED_LABS)" "$(HIDDEN)" "$(ASSIGNMENT)"
autolab:
	@[ $(words $(SELECTED_LABS)) = 1 ] || { echo "usage: make autolab LAB=<lab> (one lab per Autolab assessment)" >&2; exit 2; }
	@scripts/package.sh autolab build/dist "$(SELECTED_LABS)" "$(HIDDEN)" "$(ASSIGNMENT)"

# ---- the students' copy -------------------------------------------------------
# `make dist-student`: the repository without solutions/, tests/ and .ci/, in
# build/dist/memlab-student/ and build/dist/memlab-student.tar.gz.
.PHONY: dist-student
dist-student:
	@scripts/dist-student.sh build/dist

# ---- the house layout ---------------------------------------------------------
# `make format-check`: clang-format (the root .clang-format) in dry-run mode
# over memlab's own C; lists every file that differs and fails if one does.
# Student files (and the mutants, whole student files) are exempt; the
# labs' provided code, programs, suites and tests are not.
CLANG_FORMAT ?= clang-format
FORMAT_FILES_ALL = $(sort $(wildcard common/include/memlab/*.h common/src/*.[ch] \
                   harness/include/memlab/*.h harness/*/*.[ch] harness/suites/*/*.[ch] \
                   labs/*/main.c $(foreach l,$(LABS),$(shell find labs/$(l)/support -name '*.[ch]' 2>/dev/null)) \
                   scripts/*.c tests/core/*.[ch] tests/hidden/*.c tests/harness/*.[ch] tests/fuzz/*.[ch] tests/charts/*.[ch]))
# (tests/harness/broken_student.c stands for a student file that does not compile.)
# Expanded only when format-check runs (the finds cost every other make its time).
FORMAT_FILES = $(filter-out tests/harness/broken_student.c,$(FORMAT_FILES_ALL))
.PHONY: format-check
format-check:
	@command -v $(CLANG_FORMAT) >/dev/null || \
	    { echo "format-check: $(CLANG_FORMAT) is not installed (scripts/deps.sh --test)"; exit 1; }
	@mkdir -p build
	@$(CLANG_FORMAT) --style=file --dry-run --Werror $(FORMAT_FILES) 2>build/format-check.log; \
	bad=$$(grep -oE '^[^:]+:[0-9]+:[0-9]+: error' build/format-check.log | cut -d: -f1 | sort -u); \
	if [ -n "$$bad" ]; then \
	    for f in $$bad; do echo "format-check: $$f differs from .clang-format (clang-format -i $$f)"; done; \
	    echo "format-check: $$(echo $$bad | wc -w) of $(words $(FORMAT_FILES)) files differ" \
	         "(details: build/format-check.log)"; exit 1; fi; \
	echo "format-check: $(words $(FORMAT_FILES)) files follow .clang-format"

# ---- editor support, cleaning, help -----------------------------------------
.PHONY: compile_commands.json
compile_commands.json: deps
	@command -v bear >/dev/null || { echo "compile_commands.json needs 'bear' (apt-get install bear)"; exit 1; }
	$(MAKE) clean-impl
	bear --output $@ -- $(MAKE) --no-print-directory all IMPL=$(IMPL)

.PHONY: clean clean-impl
clean:
	rm -rf build compile_commands.json
clean-impl:
	rm -rf $(B) $(CORE_B) $(TOOL_B) build/labs$(VARIANT)

.PHONY: help
help:
	@echo "memlab — labs on Go-style memory management, in C."
	@echo
	@echo "Main commands:"
	@echo "  make grade            build every lab and grade it (installs missing packages)"
	@echo "  make test             run memlab's own tests (core, sanitizers, fuzzers, grader, labs, programs)"
	@echo
	@echo "Targets:"
	@echo "  help                  this list (the default)"
	@echo "  all                   build every lab's program and grading suite"
	@echo "  <lab>                 build one lab: $(LABS)"
	@echo "  grade                 grade; writes $(B)/grade/{results.json,junit.xml,report.md}"
	@echo "  gradebook CLASS=DIR   grade every submission in DIR; writes build/gradebook.csv"
	@echo "  test                  the project's test suite; its parts: test-core test-core-san"
	@echo "                        test-fuzz test-harness test-mutate test-labs test-cli test-dist test-hidden,"
	@echo "                        test-lab-<lab> (MUTANTS_FULL=1: each mutant with the whole suite)"
	@echo "  test-mutation         grade a sample of each lab's generated mutants (MUTANTS=N SEED=S,"
	@echo "                        LAB=, JOBS=); figures in build/mutation/summary.md"
	@echo "  bench                 run the benchmarks; data in $(B)/data/"
	@echo "  plots                 benchmarks, then charts in $(B)/plots/ (SVG and PNG)"
	@echo "  gradescope            build/dist/gradescope.zip (LAB=, HIDDEN=, ASSIGNMENT=)"
	@echo "  autolab LAB=<lab>     build/dist/autolab-<lab>.tar"
	@echo "  dist-student          the copy to hand to students (no solutions, no tests): build/dist/"
	@echo "  format-check          project C against .clang-format (student files exempt)"
	@echo "  clean                 remove build/"
	@echo "  compile_commands.json for editors (needs bear)"
	@echo
	@echo "Variables:"
	@echo "  IMPL=student|solution grade your files (labs/) or the reference (solutions/)"
	@echo "  SUBMISSION=DIR        grade the student files in DIR; builds in build/<basename of DIR>/"
	@echo "  LAB=<lab>             only this lab (several: LAB=\"tri-color pacer\")"
	@echo "  TEST=GLOB             only the tests whose SUITE/TEST matches GLOB, e.g. TEST='budget/*'"
	@echo "  SAN=address,undefined build with sanitizers (into build/<impl>-san/)"
	@echo "  HIDDEN=DIR            add instructor-only suites DIR/<lab>.c (hidden in results.json)"
	@echo "  GRADEFLAGS=...        extra grader options, e.g. --strict, --autolab"
	@echo "  ASSIGNMENT=FILE       labs, points per lab, hidden tests' visibility, timing repeats"
	@echo "  JOBS=N                compilers at once in make grade, submissions at once in"
	@echo "                        make gradebook (default: the number of CPUs)"
	@echo "  CLASS=DIR ROSTER=CSV FRESH=1  for make gradebook"
	@echo
	@echo "Labs present: $(if $(LABS),$(LABS),none yet)$(if $(PLANNED_LABS),; planned: $(PLANNED_LABS))"

# The dependency files of the builds this invocation may touch (not of every
# build under build/: a class of submissions holds hundreds).
-include $(shell find $(wildcard $(B) $(CORE_B) $(TOOL_B) build/tools build/core build/labs$(VARIANT) build/fuzz build/test) -name '*.d' 2>/dev/null)
