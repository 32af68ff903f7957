# cli.mk — `make test-cli`: every program's answer to bad input (included
# by tests/tests.mk).
#
# Builds the reference solution's programs, plain and under AddressSanitizer
# + UBSan, and runs tests/cli/check_cli.sh over both: each case of
# tests/cli/cases.txt must give its exit status and its `file:line` message,
# leave no output file behind and raise no sanitizer report.
.PHONY: test-cli
test-cli:
	@echo "== programs: bad input gives a clear message and the documented exit status"
	@mkdir -p $(TEST_B)
	@$(MAKE) --no-print-directory all IMPL=solution SUBMISSION= SAN= >$(TEST_B)/cli-build.log 2>&1 || \
	    { cat $(TEST_B)/cli-build.log; echo "FAILED: building the solution's programs"; exit 1; }
	@$(MAKE) --no-print-directory all IMPL=solution SUBMISSION= SAN=address,undefined \
	    >$(TEST_B)/cli-build-san.log 2>&1 || \
	    { cat $(TEST_B)/cli-build-san.log; echo "FAILED: building the solution's programs with sanitizers"; exit 1; }
	@$(MAKE) --no-print-directory $(MUTATE) SAN= >>$(TEST_B)/cli-build.log 2>&1 || \
	    { cat $(TEST_B)/cli-build.log; echo "FAILED: building the mutation generator"; exit 1; }
	@tests/cli/check_cli.sh build/solution/bin build/tools/grader
	@tests/cli/check_cli.sh build/solution-san/bin build/tools/grader
