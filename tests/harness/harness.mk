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
