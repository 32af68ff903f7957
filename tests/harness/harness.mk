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

test-harness: $(GRADER) $(TEST_B)/check_fixture
	@$(MAKE) --no-print-directory harness-fixture SAN=
	@$(MAKE) --no-print-directory harness-fixture SAN=address,undefined
	@echo "== grader against the hostile fixture"
	@$(TEST_B)/check_fixture --grader $(GRADER) --build $(TEST_B)/fixture
	@echo "== grader against the hostile fixture, built with AddressSanitizer + UBSan"
	@$(TEST_B)/check_fixture --grader $(GRADER) --build $(TEST_B)/fixture-san --sanitized

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
