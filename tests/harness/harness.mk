# harness.mk — `make test-harness`: the grader against hostile code (included
# by tests/tests.mk).
#
# The fixture is a pseudo-lab built like a real one under build/test/fixture/
# (build/test/fixture-san/ for AddressSanitizer + UBSan):
#   suites/fixture         tests/harness/fixture_suite.c + the suite library
#   suites/fixture.hidden  tests/harness/fixture_hidden.c (instructor-only tests)
#   suites/hang            tests/harness/fixture_hang.c (a runner that hangs)
#   suites/hang.hidden     tests/harness/fixture_killer.c (a runner that is killed)
#   logs/broken.compile.log  the compiler's complaints about
#                          tests/harness/broken_student.c, and no suite: the
#                          pseudo-lab `broken` did not compile
# and build/test/solution[-san]/suites/broken is a reference suite, so the
# grader can list the tests the broken lab would have had.
# check_fixture (tests/harness/check_fixture.c) then runs the grader on
# `fixture broken` and checks every point, status and message it reports,
# its other outputs, its exit codes and its speed.

HARNESS_B   := $(TEST_B)/fixture$(VARIANT)
HARNESS_REF := $(TEST_B)/solution$(VARIANT)/suites/broken
HARNESS_SUITE_LIBS = $(SUITELIB) $(CORE_LIB) $(PKG_CRITERION) -lseccomp -lm -lpthread

$(HARNESS_B)/suites/fixture: tests/harness/fixture_suite.c $(SUITELIB) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $< $(HARNESS_SUITE_LIBS)

$(HARNESS_B)/suites/fixture.hidden: tests/harness/fixture_hidden.c $(SUITELIB) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $< $(HARNESS_SUITE_LIBS)

$(HARNESS_B)/suites/hang: tests/harness/fixture_hang.c $(SUITELIB) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $< $(HARNESS_SUITE_LIBS)

$(HARNESS_B)/suites/hang.hidden: tests/harness/fixture_killer.c $(SUITELIB) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $< $(HARNESS_SUITE_LIBS)

# The reference the grader finds beside the build: any suite binary will do.
$(HARNESS_REF): $(HARNESS_B)/suites/fixture.hidden
	@mkdir -p $(@D)
	cp $< $@

# Compiled exactly as the Makefile compiles student files; it must fail.
$(HARNESS_B)/logs/broken.compile.log: tests/harness/broken_student.c
	@mkdir -p $(@D)
	@if $(CC) $(STUDENT_CFLAGS) -c $< -o $(HARNESS_B)/broken.o 2>$@; then \
	    echo "$<: compiled, but it must not"; rm -f $@; exit 1; fi
	@rm -f $(HARNESS_B)/suites/broken

.PHONY: harness-fixture
harness-fixture: $(HARNESS_B)/suites/fixture $(HARNESS_B)/suites/fixture.hidden \
                 $(HARNESS_B)/suites/hang $(HARNESS_B)/suites/hang.hidden $(HARNESS_REF) \
                 $(HARNESS_B)/logs/broken.compile.log

$(TEST_B)/check_fixture: tests/harness/check_fixture.c
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $< $(PKG_JANSSON)

# The time bound: a looping test stopped by its own 1 s timeout lets the
# fixture's grading end in about 5 s (plain) or 10 s (sanitized, idle);
# were it stopped only by the suite's watchdog (the sum of its tests'
# timeouts, 81 s), grading would take over 80 s. 20 s and, for the slower
# sanitized build on a loaded machine, 40 s tell the two apart.
test-harness: $(GRADER) $(TEST_B)/check_fixture
	@$(MAKE) --no-print-directory harness-fixture SAN=
	@$(MAKE) --no-print-directory harness-fixture SAN=address,undefined
	@echo "== grader against the hostile fixture"
	@$(TEST_B)/check_fixture --grader $(GRADER) --build $(TEST_B)/fixture
	@echo "== grader against the hostile fixture, built with AddressSanitizer + UBSan"
	@$(TEST_B)/check_fixture --grader $(GRADER) --build $(TEST_B)/fixture-san --sanitized --max-seconds 40

# test-report: the page a student opens. The reference of a lab that draws
# charts while grading is graded into a build of its own; headless Chromium
# (Debian's chromium, scripts/deps.sh --test) loads report.html from disk and
# the page must show every chart it embeds, log nothing to the console and
# fetch nothing (its policy forbids it; a refusal would be logged). A
# screenshot is kept in build/test/report.png. Without Chromium it says so
# and skips.
REPORT_LAB := $(firstword $(filter write-barrier,$(LABS)) $(filter allocator,$(LABS)))
REPORT_B   := $(TEST_B)/report
CHROMIUM   ?= $(firstword $(shell command -v chromium chromium-browser 2>/dev/null))
CHROMIUM_FLAGS := --headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --enable-logging=stderr --v=0 --virtual-time-budget=5000
.PHONY: test-report
test-report:
	@echo "== report.html in a headless browser ($(REPORT_LAB))"
	@if [ -z "$(REPORT_LAB)" ]; then echo "   no lab draws charts while grading; nothing to check"; exit 0; fi
	@$(MAKE) --no-print-directory grade IMPL=solution LAB=$(REPORT_LAB) BUILD_DIR=$(REPORT_B) SAN= \
	    GRADEFLAGS=--quiet >$(TEST_B)/report-grade.log 2>&1 || \
	    { cat $(TEST_B)/report-grade.log; echo "FAILED: grading $(REPORT_LAB) for the report"; exit 1; }
	@if [ -z "$(CHROMIUM)" ]; then \
	    echo "   skipped: chromium is not installed (scripts/deps.sh --test installs it)"; exit 0; fi; \
	page="file://$(abspath $(REPORT_B))/grade/report.html"; \
	timeout 120 $(CHROMIUM) $(CHROMIUM_FLAGS) --dump-dom "$$page" \
	    >$(TEST_B)/report-dom.html 2>$(TEST_B)/report-chromium.log || \
	    { tail -20 $(TEST_B)/report-chromium.log; echo "FAILED: chromium could not load $$page"; exit 1; }; \
	shown=$$(grep -o 'data-charts-shown="[0-9]*/[0-9]*"' $(TEST_B)/report-dom.html | grep -o '[0-9]*/[0-9]*'); \
	drawn=$${shown%/*}; total=$${shown#*/}; \
	if [ -z "$$shown" ] || [ "$$total" -eq 0 ] || [ "$$drawn" != "$$total" ]; then \
	    echo "FAILED: report.html showed $${shown:-no} charts (drawn/embedded)"; exit 1; fi; \
	if grep -E 'CONSOLE|Uncaught|Refused to' $(TEST_B)/report-chromium.log; then \
	    echo "FAILED: report.html logged to the console (above)"; exit 1; fi; \
	timeout 120 $(CHROMIUM) $(CHROMIUM_FLAGS) --window-size=1200,1600 \
	    --screenshot=$(abspath $(TEST_B))/report.png "$$page" >/dev/null 2>&1 || true; \
	echo "   $$drawn of $$total charts drawn, no console messages; screenshot in $(TEST_B)/report.png"

# test-jail: student code that misbehaves before main(), in a constructor
# (tests/harness/fixture_ctor.c, one suite per behaviour), graded by the
# grader. Inside the jail (harness/grader/jail.c) no attempt may leave a
# trace: no marker in any log, no file in the repository, in another build
# or in the real /tmp, no process left running, the runaway allocation
# stopped (its lab scores 0), and the repository's state byte-for-byte what
# it was. Without bubblewrap it says so and skips.
JAIL_B     := $(TEST_B)/jail
JAIL_KINDS := writes-repo writes-other-build writes-tmp reads-solutions network forks allocates \
              allocates-asan
JAIL_SUITES := $(JAIL_KINDS:%=$(JAIL_B)/suites/ctor-%)

# The runaway allocation once more, built with AddressSanitizer: no address-
# space limit can hold it, the run's control group must.
$(JAIL_B)/suites/ctor-allocates-asan: tests/harness/fixture_ctor.c
	@mkdir -p $(@D)
	$(MAKE) --no-print-directory SAN=address,undefined build/tools-san/libmlgrade.a \
	    build/core-san/libmemlab.a
	$(CC) $(CSTD) $(OPT) $(WARN) -Werror $(CPPFLAGS_ALL) -fsanitize=address,undefined \
	    -DCTOR_ALLOCATES -o $@ $< build/tools-san/libmlgrade.a build/core-san/libmemlab.a \
	    $(PKG_CRITERION) -lseccomp -lm -lpthread

$(JAIL_B)/suites/ctor-%: tests/harness/fixture_ctor.c $(SUITELIB) $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(OPT) $(WARN) -Werror $(CPPFLAGS_ALL) \
	    -DCTOR_$(shell echo '$*' | tr 'a-z-' 'A-Z_') -o $@ $< $(HARNESS_SUITE_LIBS)

.PHONY: test-jail
test-jail: $(GRADER)
	@echo "== the jail: constructors that write, read, connect, fork and allocate"
	@if ! command -v bwrap >/dev/null || ! bwrap --ro-bind / / --unshare-net --unshare-pid true 2>/dev/null; then \
	    echo "   skipped: bubblewrap is missing or cannot create namespaces here"; exit 0; fi; \
	mkdir -p $(TEST_B); \
	$(MAKE) --no-print-directory $(JAIL_SUITES) SAN= >$(TEST_B)/jail-build.log 2>&1 || \
	    { cat $(TEST_B)/jail-build.log; echo "FAILED: building the constructor suites"; exit 1; }; \
	rm -rf $(TEST_B)/jail-other $(JAIL_B)/grade /tmp/memlab-jail-probe memlab-jail-probe; \
	mkdir -p $(TEST_B)/jail-other && echo '{}' >$(TEST_B)/jail-other/results.json; \
	before=$$( (git status --porcelain=v1 --untracked-files=all; git diff) 2>/dev/null | md5sum); \
	$(GRADER) --build $(JAIL_B) --labs "$(JAIL_KINDS:%=ctor-%)" --reference none --quiet \
	    >$(TEST_B)/jail-grade.log 2>&1 || \
	    { cat $(TEST_B)/jail-grade.log; echo "FAILED: the grader did not survive the constructors"; exit 1; }; \
	after=$$( (git status --porcelain=v1 --untracked-files=all; git diff) 2>/dev/null | md5sum); \
	fail=0; \
	if grep -r 'JAIL-BROKEN' $(JAIL_B)/grade/logs; then fail=1; fi; \
	for f in memlab-jail-probe $(TEST_B)/jail-other/memlab-jail-probe /tmp/memlab-jail-probe; do \
	    if [ -e $$f ]; then echo "FAILED: a constructor created $$f"; rm -f $$f; fail=1; fi; done; \
	if [ "$$before" != "$$after" ]; then echo "FAILED: the repository changed while grading"; fail=1; fi; \
	if grep -q '"limits": ".*control group' $(JAIL_B)/grade/results.json && \
	    grep -rq 'FORKED-ALL' $(JAIL_B)/grade/logs; then \
	    echo "FAILED: a constructor forked past the run's task limit"; fail=1; fi; \
	if pgrep -x ctor-forks >/dev/null; then \
	    echo "FAILED: processes forked by a constructor outlived the run"; pkill -9 -x ctor-forks; fail=1; fi; \
	if ! grep -q '^Score: 0/0 (ctor-allocates)\|^Score: 0/1 (ctor-allocates)' $(TEST_B)/jail-grade.log; then \
	    echo "FAILED: the runaway allocation before main() was not stopped:"; \
	    grep ctor-allocates $(TEST_B)/jail-grade.log; fail=1; fi; \
	if grep -q '"limits": ".*control group' $(JAIL_B)/grade/results.json && \
	    ! grep -q '^Score: 0/0 (ctor-allocates-asan)\|^Score: 0/1 (ctor-allocates-asan)' $(TEST_B)/jail-grade.log; then \
	    echo "FAILED: the runaway allocation of an AddressSanitizer build was not stopped:"; \
	    grep ctor-allocates-asan $(TEST_B)/jail-grade.log; fail=1; fi; \
	if ! grep -q '^Score: 1/1 (ctor-writes-tmp)' $(TEST_B)/jail-grade.log; then \
	    echo "FAILED: a suite that only used its private /tmp did not pass"; fail=1; fi; \
	[ $$fail = 0 ] || { cat $(TEST_B)/jail-grade.log; exit 1; }; \
	echo "   8 constructors, no trace left; each runaway allocation cost its lab"; \
	sed -n 's/.*"limits": "\(.*\)".*/   limits: \1/p' $(JAIL_B)/grade/results.json
