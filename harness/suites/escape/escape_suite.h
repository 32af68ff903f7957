// escape_suite.h — what the escape suite's files share (harness/suites/escape/).
#ifndef ESCAPE_SUITE_H
#define ESCAPE_SUITE_H

#include <stdbool.h>

// suite_corpus_concept — grade every program of labs/escape/data/<concept>/
// line by line against its .expected: awards the fraction of lines in
// agreement (a missing line and an extra line each cost one), with a note
// per wrong line and the command that replays it.
void suite_corpus_concept(const char *concept);
// suite_corpus_random — grade the random programs of labs/escape/data/random/
// (`escape --generate N`, N = 1..48, with the compiler's output) whole: awards
// the fraction of programs whose lines all agree, with notes on the first
// two that do not and the command that replays each.
void suite_corpus_random(void);
// suite_frees_what_it_allocates — pass/fail: the programs of three concepts
// and the random ones, each parsed, analysed and freed in turn, leave no
// more heap blocks held than before (ml_heap_blocks).
void suite_frees_what_it_allocates(void);
// suite_corpus_order — pass/fail: in every program whose lines all agree,
// they come in the compiler's order.
void suite_corpus_order(void);
// suite_unit — one unit program of harness/suites/escape/units/NAME.go:
// the listed diagnostic lines ("LINE:COL: message") must be among the
// student's and the listed absent ones must not; on failure, `explain`
// (in the student's terms, never the answer) and the replay command.
void suite_unit(const char *name, const char *const *want, const char *const *absent,
                const char *explain);
// Direct tests of the graph: holes, flows, weights.
void suite_graph_flow_weights(void);
void suite_graph_flow_into_escaping(void);
void suite_graph_tee(void);
void suite_graph_walk_paths(void);

#endif
