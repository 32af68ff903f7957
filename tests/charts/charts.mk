# charts.mk — `make test-charts`: the charts a student or an author reads are
# readable (included by tests/tests.mk).
#
#   tests/charts/data/<lab>/<chart>.csv   data as the benches and the grading
#                                         suites write it, every peer there
#                                         (a few charts leave one out by
#                                         design: `# left out: PEER: REASON`)
#   tests/charts/data-without-peers/      the same where the peers are missing
#                                         (not installed, --no-go, --no-vs):
#                                         each such chart must still draw and
#                                         name them
#   tests/charts/data-starter/            what grading the starter writes (every
#                                         bar at 0): each chart must still draw
#   tests/charts/check_charts.c           reads each drawn SVG (libxml2): a
#                                         title, axis labels (a unit on the y
#                                         axis), the footnote, and every peer
#                                         of the chart's `# peers:` line drawn
#                                         or named under it as left out
#   tests/charts/broken.sh                charts broken on purpose, which the
#                                         check must refuse, naming the fault
#
# Every plots/*.gp with fixture data is drawn (SVG only) by scripts/plots.sh,
# as `make plots` and `make grade` draw it. About 10 s.
CHARTS_B := $(TEST_B)/charts

$(TEST_B)/check_charts: tests/charts/check_charts.c
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) $(PKG_XML_CFLAGS) -o $@ $< $(PKG_XML_LIBS)

.PHONY: test-charts
test-charts: $(TEST_B)/check_charts
	@echo "== charts: title, axis labels with units, footnote, every peer drawn or named as left out"
	@rm -rf $(CHARTS_B) && mkdir -p $(CHARTS_B)
	@set -o pipefail; PLOTS_FORMATS=svg scripts/plots.sh tests/charts/data $(CHARTS_B)/svg | sed 's/^/   /'
	@set -o pipefail; $(TEST_B)/check_charts --plots plots --data tests/charts/data \
	    --charts $(CHARTS_B)/svg | sed 's/^/   /'
	@set -o pipefail; PLOTS_FORMATS=svg scripts/plots.sh tests/charts/data-without-peers \
	    $(CHARTS_B)/svg-without-peers | sed 's/^/   without peers: /'
	@set -o pipefail; $(TEST_B)/check_charts --plots plots --data tests/charts/data-without-peers \
	    --charts $(CHARTS_B)/svg-without-peers | sed 's/^/   without peers: /'
	@set -o pipefail; PLOTS_FORMATS=svg scripts/plots.sh tests/charts/data-starter \
	    $(CHARTS_B)/svg-starter | sed 's/^/   starter: /'
	@set -o pipefail; $(TEST_B)/check_charts --plots plots --data tests/charts/data-starter \
	    --charts $(CHARTS_B)/svg-starter | sed 's/^/   starter: /'
	@tests/charts/broken.sh $(TEST_B)/check_charts $(CHARTS_B)
