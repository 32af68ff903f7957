// escape.c — the grading suite of the escape lab (labs/escape): the
// student's escape analysis (escape.c) against the real Go compiler.
//
// Ground truth is the output of `go build -gcflags='-m -l'` (Go 1.19),
// committed beside each program, so grading needs no Go:
//   - the corpus (labs/escape/data/<concept>/*.go), one scored test per
//     concept: the fraction of diagnostic lines that agree, where a line
//     the compiler prints and the student's analysis does not costs one,
//     and so does a line the student prints and the compiler does not;
//   - 48 random programs of the subset (labs/escape/data/random/, written
//     by `escape --generate N`), one scored test: the fraction of programs
//     whose lines all agree, so that a rule no concept's program exercises
//     still shows up;
//   - the order of the lines, on the programs whose lines all agree;
//   - unit tests of the graph (holes, dereference weights, flows) on
//     hand-built locations, and of the walk, one mechanism per small
//     program (harness/suites/escape/units/), with failure messages in the
//     student's terms and the command that replays the case.
//
// This file is the rubric: every graded test with its points and timeout,
// in the order of the report. The bodies live in escape/:
//   escape/corpus.c  the corpus and the unit programs against the compiler
//   escape/graph.c   holes and flows on a hand-built batch
#include "escape_suite.h"
#include "memlab/grade.h"

// ---- the graph: holes, weights, flows (8 points) --------------------------------

ML_TEST(graph, flow_weights, 3, 10)
{
    suite_graph_flow_weights();
}

ML_TEST(graph, flow_into_escaping_location, 2, 10)
{
    suite_graph_flow_into_escaping();
}

ML_TEST(graph, tee_feeds_every_hole, 1, 10)
{
    suite_graph_tee();
}

ML_TEST(graph, walk_leaves_paths_for_explain, 2, 10)
{
    suite_graph_walk_paths();
}

// ---- the walk, one mechanism at a time (22 points) ------------------------------

ML_TEST(walk, address_to_the_heap, 2, 10)
{
    static const char *const want[] = { "7:2: moved to heap: x", 0 };
    suite_unit("addr_edge", want, NULL,
               "x escapes: &x flows to the heap through g = &x at 8:4 (g is a global).");
}

ML_TEST(walk, dereference_levels, 2, 10)
{
    static const char *const want[] = { "4:8: leaking param: p to result ~r0 level=1", 0 };
    suite_unit("deref_weight", want, NULL,
               "return *p: p reaches the result through one dereference; the level counts them.");
}

ML_TEST(walk, loop_depth, 3, 10)
{
    static const char *const want[] = { "7:3: moved to heap: v", 0 };
    suite_unit("loop_depth", want, NULL,
               "v is declared inside the loop and keep outside it; keep = &v at 8:8 keeps the "
               "address of one iteration's v after the iteration ends.");
}

ML_TEST(walk, rewalk_after_escape, 2, 10)
{
    static const char *const want[] = { "5:2: moved to heap: x", "8:3: moved to heap: y", 0 };
    suite_unit("rewalk", want, NULL,
               "y escapes (out = &y at 9:7, and out lives outside the loop); y holds &x (8:8). "
               "Your analysis keeps x on the stack although y, which points to it, is on the "
               "heap: see the handout, The walk.");
}

ML_TEST(walk, param_tags_at_call_sites, 3, 10)
{
    static const char *const want[] = { "4:9: leaking param: p to result ~r0 level=0",
                                        "9:2: moved to heap: x", 0 };
    suite_unit("tag_at_call", want, NULL,
               "keep returns id(&x); id's tag says its parameter flows to its result, so at the "
               "call &x flows to keep's result.");
}

ML_TEST(walk, content_leak_is_not_a_leak, 2, 10)
{
    static const char *const want[] = { "6:8: leaking param content: p", "11:2: moved to heap: x",
                                        0 };
    static const char *const absent[] = { "6:8: leaking param: p", 0 };
    suite_unit("content_leak", want, absent,
               "g = *p stores what p points to, one dereference away from p itself.");
}

ML_TEST(walk, size_rules, 2, 10)
{
    static const char *const want[] = { "5:11: make([]int, 100000) escapes to heap",
                                        "6:11: make([]int, n) escapes to heap",
                                        "7:11: make([]int, 100) does not escape", 0 };
    suite_unit("size_rule", want, NULL,
               "Some allocations go to the heap whatever flows: the handout lists Go 1.19's size "
               "rules.");
}

ML_TEST(walk, closure_captures, 2, 10)
{
    static const char *const want[] = { "7:2: moved to heap: n",
                                        "9:9: func literal escapes to heap", 0 };
    static const char *const absent[] = { "8:2: moved to heap: k", 0 };
    suite_unit("closure_capture", want, absent,
               "The closure is stored in a global; it captures n (assigned inside it) and k (never "
               "assigned): the handout says which is captured how.");
}

ML_TEST(walk, dynamic_calls, 1, 10)
{
    static const char *const want[] = { "8:8: leaking param: s", "9:2: moved to heap: x", 0 };
    suite_unit("dynamic_call", want, NULL,
               "s.Put(&x) calls a method of an interface: the callee is unknown at compile time.");
}

ML_TEST(walk, boxing, 1, 10)
{
    static const char *const want[] = { "7:2: a escapes to heap", "8:18: b does not escape", 0 };
    suite_unit("boxing", want, NULL,
               "Converting an int to an interface allocates a box; whether the box escapes is "
               "decided like any allocation.");
}

ML_TEST(walk, closure_size_limit, 1, 10)
{
    static const char *const want[] = { "551:7: func literal does not escape",
                                        "1637:7: func literal escapes to heap",
                                        "2705:7: func literal escapes to heap",
                                        "1104:6: moved to heap: e",
                                        "1105:6: moved to heap: q",
                                        "1106:6: moved to heap: r",
                                        "2192:6: moved to heap: e",
                                        0 };
    static const char *const absent[] = { "551:7: func literal escapes to heap",
                                          "1637:7: func literal does not escape",
                                          "2705:7: func literal does not escape", 0 };
    suite_unit("closure_size", want, absent,
               "No closure leaves its function; f's (551:7) is exactly at the 64 KiB limit, g's "
               "(1637:7) holds one bool more, and h's (2705:7) is one byte over. Count each "
               "capture's bytes, and the padding before it, as the handout lays a closure out "
               "(Rules that do not depend on flow).");
}

ML_TEST(walk, frees_what_it_allocates, 1, 60)
{
    suite_frees_what_it_allocates();
}

// ---- the corpus by concept, line by line (60 points) ----------------------------

ML_SCORED_TEST(corpus, address_taken_and_returned, 6, 60)
{
    suite_corpus_concept("address");
}

ML_SCORED_TEST(corpus, globals, 5, 60)
{
    suite_corpus_concept("globals");
}

ML_SCORED_TEST(corpus, stores_through_pointers, 6, 60)
{
    suite_corpus_concept("stores");
}

ML_SCORED_TEST(corpus, parameter_tags_and_levels, 6, 60)
{
    suite_corpus_concept("params");
}

ML_SCORED_TEST(corpus, methods, 5, 60)
{
    suite_corpus_concept("methods");
}

ML_SCORED_TEST(corpus, loops, 5, 60)
{
    suite_corpus_concept("loops");
}

ML_SCORED_TEST(corpus, slices_and_sizes, 6, 60)
{
    suite_corpus_concept("slices");
}

ML_SCORED_TEST(corpus, recursion, 5, 60)
{
    suite_corpus_concept("recursion");
}

ML_SCORED_TEST(corpus, interfaces, 5, 60)
{
    suite_corpus_concept("interfaces");
}

ML_SCORED_TEST(corpus, closures, 6, 60)
{
    suite_corpus_concept("closures");
}

ML_SCORED_TEST(corpus, fmt_calls, 5, 60)
{
    suite_corpus_concept("fmt");
}

// ---- random programs, each whole (6 points) -------------------------------------

ML_SCORED_TEST(corpus, random_programs, 6, 60)
{
    suite_corpus_random();
}

// ---- the compiler's order (4 points) --------------------------------------------

ML_TEST(corpus, lines_in_the_compilers_order, 4, 60)
{
    suite_corpus_order();
}
