# packages.mk — `make test-packages`: the Gradescope and Autolab packages run
# as the platforms run them (included by tests/tests.mk).
#
# Gradescope: the zip is unpacked into a fake /autograder tree
# (AUTOGRADER_ROOT), setup.sh builds it, and run_autograder grades three
# uploads — the reference in a folder, a file that does not compile, and the
# reference with a constructor that forges results.json
# (tests/packages/forge_results.c). Each time results.json must be valid
# (tests/packages/check_results.c): full marks, 0, full marks and nothing
# forged. Autolab: the tar is unpacked, the autograde-Makefile grades the
# reference and the broken file; its last line must be the scores. The
# reference's handin builds the package from scratch; the broken handin's
# tree starts with that build of the core, the tools and the lab's own code
# (unchanged: the same package), so only its student file is compiled again.
PKG_B   := $(TEST_B)/packages
PKG_LAB ?= $(firstword $(LABS))
PKG_FILE = $(firstword $($(PKG_LAB)_STUDENT))

$(TEST_B)/check_results: tests/packages/check_results.c
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) -o $@ $< $(PKG_JANSSON)

.PHONY: test-packages
test-packages: $(TEST_B)/check_results
	@echo "== the Gradescope and Autolab packages, in a fake /autograder ($(PKG_LAB))"
	@rm -rf $(PKG_B) && mkdir -p $(PKG_B)/autograder/source $(PKG_B)/uploads/good/src \
	    $(PKG_B)/uploads/broken $(PKG_B)/uploads/hostile
	@scripts/package.sh gradescope $(PKG_B) $(PKG_LAB) >/dev/null
	@cd $(PKG_B)/autograder/source && unzip -q ../../gradescope.zip
	@AUTOGRADER_ROOT=$(abspath $(PKG_B))/autograder sh $(PKG_B)/autograder/source/setup.sh \
	    >$(PKG_B)/setup.log 2>&1 || { tail -30 $(PKG_B)/setup.log; echo "FAILED: setup.sh"; exit 1; }
	@cp solutions/$(PKG_LAB)/$(PKG_FILE) $(PKG_B)/uploads/good/src/
	@printf 'int broken = ;\n' >$(PKG_B)/uploads/broken/$(PKG_FILE)
	@cat solutions/$(PKG_LAB)/$(PKG_FILE) tests/packages/forge_results.c >$(PKG_B)/uploads/hostile/$(PKG_FILE)
	@set -e; root=$(abspath $(PKG_B))/autograder; for u in good:full broken:zero hostile:full; do \
	    name=$${u%%:*}; want=$${u#*:}; \
	    rm -rf $$root/submission $$root/results; cp -R $(PKG_B)/uploads/$$name $$root/submission; \
	    AUTOGRADER_ROOT=$$root $$root/source/run_autograder >$(PKG_B)/$$name.log 2>&1 || true; \
	    $(TEST_B)/check_results $$root/results/results.json $$want || \
	        { tail -20 $(PKG_B)/$$name.log; echo "FAILED: Gradescope, the $$name upload"; exit 1; }; \
	    if [ -e $$root/source/FORGED ]; then echo "FAILED: the hostile upload wrote into the package"; exit 1; fi; \
	done
	@scripts/package.sh autolab $(PKG_B) $(PKG_LAB) >/dev/null
	@set -e; for u in good broken; do d=$(PKG_B)/autolab-$$u; rm -rf $$d; mkdir -p $$d; \
	    tar -C $$d -xf $(PKG_B)/autolab-$(PKG_LAB).tar; \
	    if [ $$u = broken ]; then mkdir -p $$d/memlab/build && \
	        cp -a $(addprefix $(PKG_B)/autolab-good/memlab/build/,core tools labs) $$d/memlab/build/; fi; \
	    cp $$(find $(PKG_B)/uploads/$$u -name '*.c') $$d/; \
	    $(MAKE) --no-print-directory -C $$d -f autograde-Makefile >$$d.log 2>&1 || true; \
	    last=$$(tail -n 1 $$d.log); \
	    case "$$u:$$last" in \
	        'good:{"scores": {"$(PKG_LAB)": 100}}'|'broken:{"scores": {"$(PKG_LAB)": 0}}') \
	            echo "   Autolab, $$u: $$last" ;; \
	        *) tail -20 $$d.log; echo "FAILED: Autolab, the $$u handin: last line '$$last'"; exit 1 ;; \
	    esac; done
