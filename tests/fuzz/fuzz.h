// fuzz.h — what every fuzz target in tests/fuzz/ provides and shares.
//
// A target is one file, fuzz_<name>.c, with LLVMFuzzerTestOneInput: it feeds
// the bytes to one parser and aborts (through ml_fuzz_check) when a checked
// property fails; AddressSanitizer and UBSan catch memory errors and
// undefined behaviour. The same object links either with libFuzzer
// (coverage-guided) or with fuzz_loop.c, a seeded mutation loop used where
// libFuzzer is not available (tests/fuzz/fuzz.mk picks).
//
// Besides LLVMFuzzerTestOneInput, a target defines the three ml_fuzz_*
// variables below, which the mutation loop prints in its summary.
#ifndef ML_FUZZ_H
#define ML_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

// The largest input either driver feeds (libFuzzer: -max_len).
#define ML_FUZZ_MAX_INPUT 8192

// LLVMFuzzerTestOneInput — check one input; returns 0 (libFuzzer's
// convention). A failed property aborts the process.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Defined by each target.
extern const char ml_fuzz_name[];           // "fuzz_cdecl": prefix of its messages
extern const char ml_fuzz_accepted_what[];  // "valid headers": what an accepted input is
extern unsigned long long ml_fuzz_accepted; // inputs the parser accepted so far

// ml_fuzz_check — abort with "<target>: invariant broken: what" unless ok.
void ml_fuzz_check(bool ok, const char *what);

// ml_fuzz_lines — the number of lines in data[0..size): one per '\n', plus
// one for an unterminated last line. 0 for empty input.
unsigned long ml_fuzz_lines(const uint8_t *data, size_t size);

// ml_fuzz_line_end — the offset just past line `line` (1-based) of data:
// after its '\n', or size if it is the last line. 0 for line 0.
size_t ml_fuzz_line_end(const uint8_t *data, size_t size, unsigned long line);

// ml_fuzz_error_line — check that err reads "name:LINE: text" (LINE decimal,
// text not empty) and return LINE; aborts if it does not.
unsigned long ml_fuzz_error_line(const char *err, const char *name);

// ml_fuzz_check_truncation — err_small is the message a parser wrote into a
// buffer of `small` bytes (small >= 1) for the input it rejected with the
// full message `err`; err_small[small] (one byte past the buffer) was 'X'
// before the call. Checks that it is the terminated prefix of err that fits
// and that nothing was written past the buffer.
void ml_fuzz_check_truncation(const char *err, const char *err_small, size_t small);

// ml_fuzz_open — a stream reading data[0..size), from memory even when size
// is 0 (never /dev/null, an ordinary file others write into on some
// machines); aborts if it cannot be opened.
FILE *ml_fuzz_open(const uint8_t *data, size_t size);

// ml_fuzz_rejects_fn — run a parser over data[0..size) with its message
// buffer err of errlen bytes; true when it rejected the input (whatever it
// accepted is freed).
typedef bool (*ml_fuzz_rejects_fn)(const uint8_t *data, size_t size, char *err, size_t errlen);

// ml_fuzz_check_line_error — for a parser that reads line by line and
// rejected data with message `err` ("fuzz:LINE: text"): LINE is a line of
// the input (1 for an empty input, where the parser has read nothing), the
// input cut after line LINE is rejected with the very same message (nothing
// after the line named may matter), and a short buffer gets the terminated
// prefix of the message.
void ml_fuzz_check_line_error(const uint8_t *data, size_t size, const char *err,
                              ml_fuzz_rejects_fn rejects);

#endif
