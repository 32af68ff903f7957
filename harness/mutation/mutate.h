// mutate.h — the mutation generator's parts: a C tokenizer, the mutation
// operators, and the report that joins a graded class of mutants with the
// lab's list of equivalent mutants (`make test-mutation`).
//
// Data flow: each student file is read whole (mt_file_t), cut into tokens
// (mt_lex: comments, strings, character literals and preprocessor lines are
// skipped or kept opaque, and every token knows whether it lies in a
// function body), the operators (mt_generate) turn the tokens of function
// bodies into mutants — each one byte range of one file and its
// replacement — numbered in file and source order, so the same files always
// give the same ids. A mutant is written out as the whole file with the
// range replaced and a one-line header comment naming it.
#ifndef MEMLAB_MUTATE_H
#define MEMLAB_MUTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
    MT_IDENT,  // identifier or keyword
    MT_NUMBER, // a preprocessing number (integer or floating)
    MT_STRING, // a string literal, prefix included
    MT_CHAR,   // a character literal, prefix included
    MT_PUNCT,  // an operator or punctuator
} mt_kind_t;

typedef struct {
    mt_kind_t kind;
    size_t off, len; // bytes of the file
    unsigned line;   // 1-based line of its first byte
    bool in_body;    // inside a function body (the braces themselves excluded)
} mt_token_t;

typedef struct {
    const char *path; // as given on the command line
    const char *name; // its basename, the name in a submission
    char *text;       // the whole file, NUL-terminated
    size_t size;
    mt_token_t *tok;
    size_t ntok;
} mt_file_t;

typedef struct {
    char id[16];     // "m0001", ... in generation order
    const char *op;  // the operator's name (static string)
    size_t file;     // index into the files
    size_t off, len; // the byte range replaced
    char *repl;      // its replacement
    unsigned line;   // line of the range's first byte
    char *before;    // the whole lines the range touches, whitespace collapsed
    char *after;     // the same lines once mutated, whitespace collapsed
} mt_mutant_t;

typedef struct {
    mt_mutant_t *m;
    size_t n, cap;
} mt_list_t;

// Where the tokenizer and the report print what is wrong with an input:
// stderr unless set (the fuzz target collects the messages).
extern FILE *mt_errors;
FILE *mt_err(void);

// mt_file_load — reads `path` whole into f (text NUL-terminated; a NUL
// byte inside is mt_lex's to report). Returns 0, or -1 after printing
// "path: reason" (cannot open or read).
int mt_file_load(mt_file_t *f, const char *path);
void mt_file_free(mt_file_t *f);

// mt_lex — tokenizes f->text into f->tok and marks the tokens of function
// bodies. Returns 0, or -1 after printing "path:line: what is wrong" to
// mt_err() (a NUL byte, an unterminated comment, string or character literal, a stray
// character, unbalanced brackets). Preprocessor lines (with their
// continuation lines) yield no tokens.
int mt_lex(mt_file_t *f);

// mt_generate — appends to `out` every mutant of file number `fi`, in source
// order. The operator names are listed by mt_operators. Returns 0, or -1 on
// exhaustion of memory (after a message).
int mt_generate(const mt_file_t *files, size_t fi, mt_list_t *out);

// mt_operators — the operators' names and a line about each, for --help.
extern const char *const mt_operators[][2];

// mt_render — writes file `fi` to `out` with mutant m applied when it
// belongs to that file (with the header comment first), else unchanged.
// Returns 0 or -1 on a write error.
int mt_render(FILE *out, const mt_file_t *files, size_t fi, const mt_mutant_t *m);

// mt_collapse — a new string of text[from, to) with every run of white
// space made one space and both ends trimmed. Never NULL (aborts on
// exhaustion of memory).
char *mt_collapse(const char *text, size_t from, size_t to);
// A copy of the n bytes at s, terminated; aborts with a message when out of memory.
char *mt_strndup(const char *s, size_t n);

// The report (report.c) — options of `mutate --report`.
typedef struct {
    const char *lab;        // the lab's name, for the tables
    const char *gradebook;  // the class grader's CSV, one row per mutant id
    const char *equivalent; // tests/mutants/<lab>/EQUIVALENT.md (may be absent)
    const char *out_md;     // the lab's table of survivors
    const char *out_row;    // the lab's line of the summary table
    size_t generated;       // mutants the files give
    size_t candidates;      // of which are of the operators chosen (--only)
    const char *only;       // those operators, or NULL for all
    size_t sampled;         // of which were graded (the sample)
    unsigned long long seed;
} mt_report_opts_t;

// mt_report — joins the gradebook with the mutants and the equivalent list
// and writes out_md and out_row. Returns 0, or 1 after printing
// "file:line: what is wrong" for bad input (a malformed CSV or
// EQUIVALENT.md) or a failed write.
// `keep` (nkeep indices into all, ascending) is the sample that was graded.
int mt_report(const mt_report_opts_t *o, const mt_file_t *files, const mt_list_t *all,
              const size_t *keep, size_t nkeep);

#endif
