// test_trace.c — unit tests of the .rep trace reader, writer and summary
// (common/src/trace.c). The fixtures live in tests/core/data/traces/:
// valid-*.rep must be read, bad-*.rep must be rejected with the exact
// "path:line: message" given here. Paths are relative to the repository
// root, where `make test-core` runs the tests.
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memlab/trace.h"
#include "scratch.h"

#define TRACES "tests/core/data/traces/"

// read_ok — read a fixture that must be valid; fails the test otherwise.
static ml_trace_t *read_ok(const char *path)
{
    char err[512] = "";
    ml_trace_t *t = ml_trace_read(path, err, sizeof err);
    cr_assert(t != NULL, "%s should be a valid trace, but the reader said: %s", path, err);
    return t;
}

// expect_error — the fixture must be rejected with an error that starts
// with "path:want".
static void expect_error(const char *file, const char *want)
{
    char path[256], err[512] = "", prefix[512];
    snprintf(path, sizeof path, TRACES "%s", file);
    snprintf(prefix, sizeof prefix, "%s:%s", path, want);
    ml_trace_t *t = ml_trace_read(path, err, sizeof err);
    if (t)
        ml_trace_free(t);
    cr_assert(t == NULL, "%s should be rejected, but it was read", path);
    cr_assert(strncmp(err, prefix, strlen(prefix)) == 0,
              "wrong error for %s:\n  got:  %s\n  want: %s...", path, err, prefix);
}

// parse_string — parse a trace held in memory under the name "mem".
static ml_trace_t *parse_string(const char *text, char *err, size_t errlen)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    cr_assert(f != NULL, "fmemopen failed");
    ml_trace_t *t = ml_trace_parse(f, "mem", err, errlen);
    fclose(f);
    return t;
}

static void expect_parse_error(const char *text, const char *want)
{
    char err[512] = "";
    ml_trace_t *t = parse_string(text, err, sizeof err);
    if (t)
        ml_trace_free(t);
    cr_assert(t == NULL, "this trace should be rejected:\n%s", text);
    cr_assert(strncmp(err, want, strlen(want)) == 0, "wrong error:\n  got:  %s\n  want: %s...", err,
              want);
}

static void expect_op(const ml_trace_t *t, size_t i, ml_op_kind_t kind, uint32_t id, size_t size,
                      unsigned line)
{
    cr_assert(i < t->num_ops, "op %zu missing (trace has %zu)", i, t->num_ops);
    const ml_trace_op_t *op = &t->ops[i];
    cr_assert(op->kind == kind && op->id == id && op->size == size && op->line == line,
              "op %zu: got '%c %u %zu' from line %u, want '%c %u %zu' from line %u", i,
              (char)op->kind, op->id, op->size, op->line, (char)kind, id, size, line);
}

// ---- valid files ------------------------------------------------------------

Test(trace, reads_header_and_every_operation_of_a_plain_trace, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-basic.rep");
    cr_assert_str_eq(t->name, TRACES "valid-basic.rep");
    cr_assert(t->sugg_heapsize == 4096 && t->num_ids == 3 && t->num_ops == 8 && t->weight == 1,
              "header read as %zu/%u/%zu/%d, want 4096/3/8/1", t->sugg_heapsize, t->num_ids,
              t->num_ops, t->weight);
    expect_op(t, 0, ML_OP_ALLOC, 0, 200, 5);
    expect_op(t, 2, ML_OP_REALLOC, 0, 300, 7);
    expect_op(t, 4, ML_OP_FREE, 1, 0, 9);
    expect_op(t, 7, ML_OP_FREE, 2, 0, 12);
    ml_trace_free(t);
}

Test(trace, crlf_file_reads_the_same_as_its_lf_twin, .timeout = 5)
{
    ml_trace_t *a = read_ok(TRACES "valid-basic.rep");
    ml_trace_t *b = read_ok(TRACES "valid-crlf.rep");
    cr_assert(a->num_ops == b->num_ops && a->num_ids == b->num_ids &&
              a->sugg_heapsize == b->sugg_heapsize && a->weight == b->weight);
    for (size_t i = 0; i < a->num_ops; i++)
        expect_op(b, i, a->ops[i].kind, a->ops[i].id, a->ops[i].size, a->ops[i].line);
    ml_trace_free(a);
    ml_trace_free(b);
}

Test(trace, comments_blank_lines_and_extra_blanks_are_ignored_and_lines_still_counted, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-comments.rep");
    cr_assert(t->sugg_heapsize == 4096 && t->num_ids == 3 && t->num_ops == 6 && t->weight == 1);
    expect_op(t, 0, ML_OP_ALLOC, 0, 24, 10);
    expect_op(t, 1, ML_OP_ALLOC, 1, 40, 11);
    expect_op(t, 2, ML_OP_ALLOC, 2, 8, 12);
    expect_op(t, 3, ML_OP_FREE, 1, 0, 14);
    expect_op(t, 4, ML_OP_FREE, 0, 0, 16);
    expect_op(t, 5, ML_OP_FREE, 2, 0, 17);
    ml_trace_free(t);
}

Test(trace, header_may_declare_more_ids_than_the_operations_use, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-extra-ids.rep");
    cr_assert(t->num_ids == 10 && t->num_ops == 4 && t->sugg_heapsize == 1);
    expect_op(t, 1, ML_OP_ALLOC, 3, 48, 6);
    ml_trace_free(t);
}

Test(trace, last_line_without_newline_and_blocks_live_at_the_end_are_fine, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-no-final-newline.rep");
    cr_assert(t->num_ops == 3);
    expect_op(t, 2, ML_OP_ALLOC, 2, 18, 7);
    ml_trace_free(t);
}

Test(trace, cmu_2016_header_layout_with_trailing_blanks_is_kept_verbatim, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-2016-header.rep");
    cr_assert(t->sugg_heapsize == 0 && t->weight == 90036 && t->num_ops == 8);
    expect_op(t, 6, ML_OP_ALLOC, 3, 0, 11); // a zero-byte request is valid
    ml_trace_free(t);
}

Test(trace, trace_with_zero_operations_is_valid, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-empty-trace.rep");
    cr_assert(t->num_ops == 0 && t->num_ids == 0);
    ml_trace_summary_t s = ml_trace_summarize(t);
    cr_assert(s.peak_live_bytes == 0 && s.nalloc == 0 && s.nfree == 0);
    ml_trace_free(t);
}

Test(trace, size_of_exactly_one_gib_is_accepted, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-max-size.rep");
    cr_assert(t->ops[0].size == ML_TRACE_MAX_SIZE);
    ml_trace_free(t);
}

// ---- operations on NULL: the variants of CMU's trace sets --------------------

Test(trace, f_minus_one_is_free_of_null_with_the_null_id, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-free-null.rep");
    cr_assert(t->num_ids == 3 && t->num_ops == 9);
    expect_op(t, 0, ML_OP_FREE, ML_TRACE_NULL_ID, 0, 5); // before any allocation
    expect_op(t, 1, ML_OP_ALLOC, 0, 1, 6);
    expect_op(t, 2, ML_OP_FREE, ML_TRACE_NULL_ID, 0, 7);  // "f<TAB>-1"
    expect_op(t, 6, ML_OP_FREE, ML_TRACE_NULL_ID, 0, 11); // "f -1 " before CRLF
    expect_op(t, 7, ML_OP_FREE, 1, 0, 12);
    ml_trace_summary_t s = ml_trace_summarize(t);
    cr_assert(s.nfree == 6 && s.nfree_null == 3 && s.nalloc == 3 && s.nrealloc == 0,
              "counts %zu/%zu/%zu (null frees %zu), want 3 a, 0 r, 6 f of which 3 of NULL",
              s.nalloc, s.nrealloc, s.nfree, s.nfree_null);
    cr_assert(s.peak_live_bytes == 4096, "peak %zu, want 4096", s.peak_live_bytes);
    ml_trace_free(t);
}

Test(trace, realloc_of_a_block_not_live_is_realloc_of_null_and_makes_it_live, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-realloc-null.rep");
    expect_op(t, 0, ML_OP_REALLOC, 0, 100, 5); // block 0 never allocated
    expect_op(t, 4, ML_OP_REALLOC, 1, 30, 9);  // block 1 freed at line 8
    expect_op(t, 5, ML_OP_REALLOC, 2, 0, 10);  // realloc(NULL, 0)
    expect_op(t, 7, ML_OP_REALLOC, 0, 64, 12); // block 0 freed at line 11
    expect_op(t, 8, ML_OP_FREE, 1, 0, 13);     // live again since line 9
    ml_trace_summary_t s = ml_trace_summarize(t);
    cr_assert(s.nalloc == 1 && s.nrealloc == 5 && s.nfree == 3,
              "counts %zu/%zu/%zu, want 1 a, 5 r, 3 f", s.nalloc, s.nrealloc, s.nfree);
    cr_assert(s.nrealloc_null == 4 && s.nfree_null == 0,
              "%zu reallocs of NULL (want 4), %zu frees of NULL (want 0)", s.nrealloc_null,
              s.nfree_null);
    // live: 100, 150, 250 (peak), 200, 230, 230, 30, 94, 64
    cr_assert(s.peak_live_bytes == 250, "peak %zu, want 250", s.peak_live_bytes);
    cr_assert(s.total_alloc_bytes == 100 + 50 + 200 + 30 + 0 + 64 && s.max_size == 200);
    ml_trace_free(t);
}

Test(trace, free_of_null_needs_no_ids_and_changes_no_block, .timeout = 5)
{
    char err[256];
    ml_trace_t *t = parse_string("0\n0\n2\n1\nf -1\nf -1\n", err, sizeof err);
    cr_assert(t != NULL, "%s", err);
    expect_op(t, 1, ML_OP_FREE, ML_TRACE_NULL_ID, 0, 6);
    ml_trace_free(t);
    // free(NULL) does not free block 0: the free after it is still valid
    // and the allocation after that is not a double allocation.
    t = parse_string("0\n1\n4\n1\na 0 8\nf -1\nf 0\na 0 8\n", err, sizeof err);
    cr_assert(t != NULL, "%s", err);
    ml_trace_free(t);
    expect_parse_error("0\n1\n3\n1\na 0 8\nf -1\na 0 8\n",
                       "mem:7: block 0 is allocated again while it is still live");
}

Test(trace, a_block_made_live_by_realloc_of_null_is_checked_like_any_live_block, .timeout = 5)
{
    expect_parse_error("0\n1\n2\n1\nr 0 8\na 0 8\n",
                       "mem:6: block 0 is allocated again while it is still live");
    char err[256];
    ml_trace_t *t = parse_string("0\n1\n3\n1\nr 0 8\nf 0\nr 0 8\n", err, sizeof err);
    cr_assert(t != NULL, "%s", err);
    ml_trace_free(t);
    expect_parse_error("0\n1\n3\n1\nr 0 8\nf 0\nf 0\n",
                       "mem:7: free of block 0, which was already freed");
}

Test(trace, minus_one_is_null_only_as_the_id_of_a_free, .timeout = 5)
{
    expect_parse_error("0\n1\n1\n1\na -1 8\n", "mem:5: block id -1 is negative");
    expect_parse_error("0\n1\n1\n1\nr -1 8\n", "mem:5: block id -1 is negative");
    expect_parse_error("0\n1\n1\n1\nf -01\n", "mem:5: block id -01 is negative");
    expect_parse_error("0\n1\n1\n1\nf -1 8\n", "mem:5: extra field '8': expected 'f <id>'");
    expect_parse_error("0\n1\n1\n1\nf - 1\n", "mem:5: extra field '1': expected 'f <id>'");
    expect_parse_error("0\n1\n1\n1\nf -1x\n", "mem:5: block id '-1x' is not a number");
    expect_parse_error("0\n4294967295\n1\n1\nf -1\n",
                       "mem:2: number of ids 4294967295 is more than memlab's limit");
}

// ---- malformed files: the exact file:line and message -----------------------

Test(trace, empty_file_is_reported_at_line_1, .timeout = 5)
{
    expect_error("bad-empty.rep", "1: empty trace: expected a header of four numbers");
}

Test(trace, file_of_only_comments_is_reported_as_empty_after_its_last_line, .timeout = 5)
{
    expect_error("bad-only-comments.rep", "4: empty trace");
}

Test(trace, truncated_header_names_the_missing_field, .timeout = 5)
{
    expect_error("bad-header-truncated.rep",
                 "3: header truncated: the file ends where the number of operations "
                 "(header line 3 of 4) was expected");
}

Test(trace, operation_inside_the_header_is_a_truncated_header, .timeout = 5)
{
    expect_error("bad-header-op.rep", "4: header truncated: found an operation where the weight "
                                      "(header line 4 of 4) was expected");
}

Test(trace, header_on_one_line_is_rejected, .timeout = 5)
{
    expect_error("bad-header-one-line.rep",
                 "1: header line 1 of 4 (the suggested heap size) has extra text '3'");
}

Test(trace, non_numeric_header_field_is_reported, .timeout = 5)
{
    expect_error("bad-header-number.rep", "2: number of ids 'three' is not a number");
}

Test(trace, weight_that_overflows_an_int_is_reported, .timeout = 5)
{
    expect_error("bad-weight-overflow.rep",
                 "4: weight 38654727413 is too large (at most 2147483647)");
}

Test(trace, absurd_number_of_ids_is_reported_before_any_allocation, .timeout = 5)
{
    expect_error("bad-too-many-ids.rep",
                 "2: number of ids 4294967295 is more than memlab's limit of 16777216");
}

Test(trace, fewer_operations_than_declared_is_a_truncated_file, .timeout = 5)
{
    expect_error("bad-fewer-ops.rep",
                 "9: the file ends after 4 of the 6 operations that the header (line 3) declares");
}

Test(trace, more_operations_than_declared_is_reported_at_the_first_extra_one, .timeout = 5)
{
    expect_error("bad-more-ops.rep",
                 "9: more operations than the 4 that the header (line 3) declares");
}

Test(trace, file_cut_in_the_middle_of_a_line_is_a_missing_field, .timeout = 5)
{
    expect_error("bad-truncated.rep", "9: missing field: expected 'a <id> <size>'");
}

Test(trace, unknown_operation_letter_is_reported, .timeout = 5)
{
    expect_error("bad-unknown-op.rep", "6: unknown operation 'm' (expected a, r or f)");
}

Test(trace, size_with_letters_is_not_a_number, .timeout = 5)
{
    expect_error("bad-number.rep", "6: size '16k' is not a number");
}

Test(trace, negative_id_is_reported, .timeout = 5)
{
    expect_error("bad-negative.rep", "6: block id -2 is negative");
}

Test(trace, number_beyond_64_bits_is_reported, .timeout = 5)
{
    expect_error("bad-overflow.rep",
                 "5: size 99999999999999999999999 is too large to be a 64-bit number");
}

Test(trace, size_above_one_gib_is_reported, .timeout = 5)
{
    expect_error("bad-size-cap.rep", "5: size 1073741825 is more than memlab's limit of 1 GiB");
}

Test(trace, id_out_of_range_names_the_valid_range, .timeout = 5)
{
    expect_error("bad-id-range.rep",
                 "6: block id 3 is out of range: the header (line 2) declares 3 ids, 0..2");
}

Test(trace, missing_field_is_reported, .timeout = 5)
{
    expect_error("bad-missing-field.rep", "5: missing field: expected 'a <id> <size>'");
}

Test(trace, extra_field_is_reported, .timeout = 5)
{
    expect_error("bad-extra-field.rep", "6: extra field '8': expected 'f <id>'");
}

Test(trace, allocating_a_live_block_again_is_reported, .timeout = 5)
{
    expect_error("bad-double-alloc.rep", "7: block 0 is allocated again while it is still live");
}

Test(trace, double_free_is_reported_as_already_freed, .timeout = 5)
{
    expect_error("bad-double-free.rep", "8: free of block 0, which was already freed");
}

Test(trace, free_of_a_never_allocated_block_is_reported, .timeout = 5)
{
    expect_error("bad-free-never.rep", "6: free of block 2, which was never allocated");
}

Test(trace, errors_in_a_crlf_file_count_lines_correctly, .timeout = 5)
{
    expect_error("bad-crlf-error.rep", "8: free of block 1, which was never allocated");
}

Test(trace, binary_garbage_is_rejected_at_line_1, .timeout = 5)
{
    expect_error("bad-binary.rep", "1: line contains a NUL byte");
}

Test(trace, unprintable_text_is_rejected_and_shown_safely, .timeout = 5)
{
    expect_error("bad-garbage-text.rep", "1: suggested heap size '?[31m%PDF-1.4' is not a number");
}

Test(trace, missing_file_reports_path_and_reason, .timeout = 5)
{
    char err[256];
    cr_assert_null(ml_trace_read(TRACES "no-such-file.rep", err, sizeof err));
    cr_assert_str_eq(err, TRACES "no-such-file.rep: cannot open: No such file or directory");
}

Test(trace, directory_instead_of_a_file_is_a_read_error, .timeout = 5)
{
    char err[256];
    cr_assert_null(ml_trace_read("tests/core/data/traces", err, sizeof err));
    cr_assert_str_eq(err, "tests/core/data/traces:1: read error: Is a directory");
}

// ---- robustness of the parser ---------------------------------------------------

Test(trace, a_very_long_line_is_rejected_without_overflowing_anything, .timeout = 5)
{
    size_t n = 200000;
    char *text = malloc(n + 64);
    cr_assert(text);
    strcpy(text, "0\n1\n1\n1\na 0 ");
    size_t k = strlen(text);
    memset(text + k, '7', n);
    text[k + n] = '\0';
    expect_parse_error(text, "mem:5: size 777777777777777777777777...");
    free(text);
}

Test(trace, small_error_buffer_is_truncated_and_terminated, .timeout = 5)
{
    char err[12];
    memset(err, 'x', sizeof err);
    ml_trace_t *t = parse_string("0\n1\n1\n1\nq 0 1\n", err, sizeof err);
    cr_assert_null(t);
    cr_assert_str_eq(err, "mem:5: unkn");
    cr_assert_null(parse_string("0\n1\n1\n1\nq 0 1\n", NULL, 0), "NULL err is allowed");
}

Test(trace, id_in_a_header_without_ids_is_out_of_range, .timeout = 5)
{
    expect_parse_error("0\n0\n1\n1\na 0 8\n",
                       "mem:5: block id 0 is out of range: the header (line 2) declares no ids");
}

Test(trace, minus_zero_and_plus_signs_are_not_numbers_memlab_accepts, .timeout = 5)
{
    expect_parse_error("0\n1\n1\n1\na -0 8\n", "mem:5: block id -0 is negative");
    expect_parse_error("0\n1\n1\n1\na +0 8\n", "mem:5: block id '+0' is not a number");
    expect_parse_error("0\n1\n1\n1\na 0 0x10\n", "mem:5: size '0x10' is not a number");
}

Test(trace, multi_letter_operation_is_unknown, .timeout = 5)
{
    expect_parse_error("0\n1\n1\n1\nalloc 0 8\n", "mem:5: unknown operation 'alloc'");
}

Test(trace, a_block_can_be_reused_after_it_is_freed, .timeout = 5)
{
    char err[256];
    ml_trace_t *t = parse_string("0\n1\n4\n1\na 0 8\nf 0\na 0 16\nf 0\n", err, sizeof err);
    cr_assert(t != NULL, "%s", err);
    ml_trace_free(t);
}

Test(trace, free_of_null_trace_is_harmless, .timeout = 5)
{
    ml_trace_free(NULL);
}

// ---- summary ----------------------------------------------------------------

Test(trace, summary_tracks_peak_live_bytes_through_reallocs, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-basic.rep");
    ml_trace_summary_t s = ml_trace_summarize(t);
    // live: 200, 272, 372, 468, 396, 516 (peak), 96, 0
    cr_assert(s.peak_live_bytes == 516, "peak_live_bytes %zu, want 516", s.peak_live_bytes);
    cr_assert(s.total_alloc_bytes == 200 + 72 + 300 + 96 + 420, "total_alloc_bytes %zu, want 1088",
              s.total_alloc_bytes);
    cr_assert(s.nalloc == 3 && s.nrealloc == 2 && s.nfree == 3);
    cr_assert(s.max_size == 420);
    ml_trace_free(t);
}

Test(trace, summary_of_a_shrinking_realloc_lowers_live_bytes, .timeout = 5)
{
    char err[256];
    ml_trace_t *t =
        parse_string("0\n2\n5\n1\na 0 1000\nr 0 10\na 1 500\nf 0\nf 1\n", err, sizeof err);
    cr_assert(t != NULL, "%s", err);
    ml_trace_summary_t s = ml_trace_summarize(t);
    cr_assert(s.peak_live_bytes == 1000, "peak %zu, want 1000 (510 after the shrink)",
              s.peak_live_bytes);
    ml_trace_free(t);
}

// ---- writer -----------------------------------------------------------------

static void expect_same_trace(const ml_trace_t *a, const ml_trace_t *b)
{
    cr_assert(a->sugg_heapsize == b->sugg_heapsize && a->num_ids == b->num_ids &&
                  a->num_ops == b->num_ops && a->weight == b->weight,
              "headers differ: %zu/%u/%zu/%d vs %zu/%u/%zu/%d", a->sugg_heapsize, a->num_ids,
              a->num_ops, a->weight, b->sugg_heapsize, b->num_ids, b->num_ops, b->weight);
    for (size_t i = 0; i < a->num_ops; i++)
        cr_assert(a->ops[i].kind == b->ops[i].kind && a->ops[i].id == b->ops[i].id &&
                      a->ops[i].size == b->ops[i].size,
                  "operation %zu differs", i);
}

Test(trace, written_trace_reads_back_identical, .timeout = 5)
{
    const char *files[] = { "valid-basic.rep",     "valid-comments.rep",    "valid-2016-header.rep",
                            "valid-extra-ids.rep", "valid-empty-trace.rep", "valid-max-size.rep",
                            "valid-free-null.rep", "valid-realloc-null.rep" };
    char *dir = scratch_dir();
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char in[256], out[256];
        snprintf(in, sizeof in, TRACES "%s", files[i]);
        snprintf(out, sizeof out, "%s/%s", dir, files[i]);
        ml_trace_t *a = read_ok(in);
        cr_assert(ml_trace_write(a, out) == 0, "writing %s: %s", out, strerror(errno));
        ml_trace_t *b = read_ok(out);
        expect_same_trace(a, b);
        // Written files are plain: ops start right after the 4 header lines.
        for (size_t k = 0; k < b->num_ops; k++)
            cr_assert(b->ops[k].line == k + 5);
        ml_trace_free(a);
        ml_trace_free(b);
    }
    cr_assert(scratch_entries(dir) == 8, "only the 8 traces should be left, no temporaries");
    scratch_remove(dir);
}

Test(trace, writer_output_is_the_canonical_text, .timeout = 5)
{
    char *dir = scratch_dir(), out[256], buf[256];
    snprintf(out, sizeof out, "%s/t.rep", dir);
    ml_trace_t *t = read_ok(TRACES "valid-crlf.rep");
    cr_assert(ml_trace_write(t, out) == 0);
    FILE *f = fopen(out, "r");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    cr_assert_str_eq(buf,
                     "4096\n3\n8\n1\na 0 200\na 1 72\nr 0 300\na 2 96\nf 1\nr 0 420\nf 0\nf 2\n");
    struct stat st;
    cr_assert(stat(out, &st) == 0 && (st.st_mode & 0777) == 0644, "mode should be 0644");
    ml_trace_free(t);
    // free(NULL) is written as CMU's traces write it; a realloc of a block
    // that is not live is an ordinary `r`.
    t = read_ok(TRACES "valid-free-null.rep");
    cr_assert(ml_trace_write(t, out) == 0);
    f = fopen(out, "r");
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    cr_assert_str_eq(buf, "1\n3\n9\n4096\nf -1\na 0 1\nf -1\na 1 0\na 2 4095\nf 0\nf -1\n"
                          "f 1\nf 2\n");
    ml_trace_free(t);
    scratch_remove(dir);
}

Test(trace, writer_replaces_an_existing_file_whole, .timeout = 5)
{
    char *dir = scratch_dir(), out[256];
    snprintf(out, sizeof out, "%s/t.rep", dir);
    ml_trace_t *big = read_ok(TRACES "valid-basic.rep");
    ml_trace_t *small = read_ok(TRACES "valid-empty-trace.rep");
    cr_assert(ml_trace_write(big, out) == 0);
    cr_assert(ml_trace_write(small, out) == 0);
    ml_trace_t *back = read_ok(out);
    expect_same_trace(small, back);
    ml_trace_free(big);
    ml_trace_free(small);
    ml_trace_free(back);
    scratch_remove(dir);
}

Test(trace, writer_refuses_an_invalid_trace_and_leaves_the_old_file, .timeout = 5)
{
    char *dir = scratch_dir(), out[256];
    snprintf(out, sizeof out, "%s/t.rep", dir);
    ml_trace_t *t = read_ok(TRACES "valid-basic.rep");
    cr_assert(ml_trace_write(t, out) == 0);
    t->ops[3].id = 0; // "a 0" while block 0 is live
    errno = 0;
    cr_assert(ml_trace_write(t, out) == -1 && errno == EINVAL,
              "an invalid trace must not be written (errno %d)", errno);
    t->ops[3].id = 2;
    t->ops[6].id = 1; // "f 1" a second time
    cr_assert(ml_trace_write(t, out) == -1 && errno == EINVAL, "a double free must be refused");
    t->ops[6].id = 0;
    // ML_TRACE_NULL_ID names NULL only in a free: not in an `a` or an `r`.
    t->ops[0].id = ML_TRACE_NULL_ID;
    cr_assert(ml_trace_write(t, out) == -1 && errno == EINVAL, "a of NULL must be refused");
    t->ops[0].id = 0;
    t->ops[2].id = ML_TRACE_NULL_ID;
    cr_assert(ml_trace_write(t, out) == -1 && errno == EINVAL, "r of NULL must be refused");
    t->ops[2].id = 0;
    t->ops[4].id = ML_TRACE_NULL_ID - 1;
    cr_assert(ml_trace_write(t, out) == -1 && errno == EINVAL, "id out of range must be refused");
    t->ops[4].id = 1;
    t->ops[0].size = ML_TRACE_MAX_SIZE + 1;
    cr_assert(ml_trace_write(t, out) == -1 && errno == EINVAL, "oversized request must be refused");
    t->ops[0].size = 200;
    ml_trace_t *back = read_ok(out);
    expect_same_trace(t, back);
    cr_assert(scratch_entries(dir) == 1, "no temporary file may be left behind");
    ml_trace_free(t);
    ml_trace_free(back);
    scratch_remove(dir);
}

Test(trace, writer_into_a_missing_directory_fails_with_enoent, .timeout = 5)
{
    ml_trace_t *t = read_ok(TRACES "valid-basic.rep");
    errno = 0;
    cr_assert(ml_trace_write(t, "/tmp/memlab-no-such-dir-for-sure/x/t.rep") == -1);
    cr_assert(errno == ENOENT, "errno %d, want ENOENT", errno);
    ml_trace_free(t);
}
