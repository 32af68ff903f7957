// fixture_hidden.c — the fixture's instructor-only suite, built as
// suites/fixture.hidden: its tests must be graded with visibility "hidden"
// and their failure text and replay command kept off the student's terminal
// and every report. One failure message holds "]]>", which breaks
// Criterion's --xml report (it writes messages as CDATA unescaped): the
// grader must still grade every test, from the suite library's runner
// records. One test lacks grading info, which the grader must report as a
// suite error.
#include <string.h>

#include "memlab/grade.h"

// 3/3, passed, hidden.
ML_TEST(secret, passes, 3, 5)
{
    cr_assert(strlen("abc") == 3, "strlen is broken");
}

// 0/2, failed, hidden: "secret detail" never reaches the terminal.
ML_TEST(secret, breaks_xml, 2, 5)
{
    ml_replay("{build}/bin/fixture --secret-replay"); // never shown: a hidden test
    cr_assert(0, "secret detail ]]> <b> & </b>");
}

// Declared with Test(), not ML_TEST: no points; a suite error.
Test(secret, untagged, .timeout = 5)
{
    cr_assert(1);
}
