// cdecl.h — the alignment lab's parser for C struct declarations (provided;
// not student work). It turns a header into a tree of types; the student's
// structlayout.c decides where every byte of those types goes.
//
// What it accepts (the subset; README.md has the full list and examples):
//   - `struct T { ... };`, `union T { ... };`, `typedef struct [T] {...} N;`,
//     `typedef <any supported type> N;`, `enum [T] { A, B = 2 };`,
//     forward declarations `struct T;`;
//   - member types: char, short, int, long, long long with signed/unsigned,
//     _Bool/bool, float, double, long double, enums, <stdint.h> and
//     <stddef.h>/<sys/types.h> names (int8_t..uint64_t, intptr_t, size_t,
//     ssize_t, ptrdiff_t, off_t, ...), typedef names declared earlier,
//     pointers (to anything, function pointers included), arrays with
//     constant sizes (multi-dimensional), a flexible array member `T x[];`
//     as the last member, structs and unions declared earlier or defined in
//     place, anonymous struct and union members, `_Alignas(N)` on members,
//     const/volatile/restrict qualifiers (no effect on layout);
//   - constant expressions in array sizes, enumerators and _Alignas:
//     integers, character constants, enumerators, + - * / % << >> & | ^ ~ !
//     comparisons, && || ?:, casts, and sizeof/_Alignof of basic types;
//   - comments; preprocessor lines are skipped (never evaluated), except
//     that `#if 0` blocks are skipped and `#pragma pack` is refused.
// What it rejects, with "file:line: what is wrong": bit-fields,
// __attribute__, _Atomic, _Complex, __int128, _Alignas(type), zero-length
// arrays, sizeof of structs, unknown type names, redefinitions, and
// everything else outside the subset. Declarations of variables and
// functions define no type: they are skipped (see cdecl_file_t.skipped).
//
// Every type the parser returns is complete where it is used by value, is
// smaller than 2^48 bytes (no size computation over it overflows) and has
// fewer than 2^20 nodes when every nested struct is expanded (a recursive
// walk over it is quick).
#ifndef CDECL_H
#define CDECL_H

#include <stdbool.h>
#include <stddef.h>

// The basic (arithmetic) types of C. Typedefs such as size_t or int32_t
// resolve to one of these; the type's `name` keeps the spelling.
typedef enum cdecl_scalar {
    CDECL_BOOL,    // _Bool
    CDECL_CHAR,    // char (signed on x86-64)
    CDECL_SCHAR,   // signed char
    CDECL_UCHAR,   // unsigned char
    CDECL_SHORT,   // short
    CDECL_USHORT,  // unsigned short
    CDECL_INT,     // int, and every enum
    CDECL_UINT,    // unsigned int
    CDECL_LONG,    // long
    CDECL_ULONG,   // unsigned long
    CDECL_LLONG,   // long long
    CDECL_ULLONG,  // unsigned long long
    CDECL_FLOAT,   // float
    CDECL_DOUBLE,  // double
    CDECL_LDOUBLE, // long double
    CDECL_NSCALARS
} cdecl_scalar_t;

typedef enum cdecl_kind {
    CDECL_SCALAR,   // a basic type: see `scalar`
    CDECL_POINTER,  // any pointer: see `elem` (the pointed-to type)
    CDECL_ARRAY,    // `count` elements of `elem`
    CDECL_STRUCT,   // members laid out one after another
    CDECL_UNION,    // members all at offset 0
    CDECL_FUNCTION, // only ever the `elem` of a pointer
    CDECL_VOID,     // only ever the `elem` of a pointer
} cdecl_kind_t;

typedef struct cdecl_type cdecl_type_t;
typedef struct cdecl_member cdecl_member_t;

// One member of a struct or union, in declaration order.
struct cdecl_member {
    const char *name;         // NULL for an anonymous struct/union member
    const cdecl_type_t *type; // never incomplete, never a function or void
    size_t alignas;           // N from _Alignas(N) (a power of two); 0 = none
    const char *decl;         // the declaration, normalized: "char *name[4]"
    const char *type_name;    // its type alone: "char *[4]", "struct {...}"
    int line;                 // where it is declared
};

struct cdecl_type {
    cdecl_kind_t kind;
    const char *name;         // spelling: "int", "size_t", "struct point",
                              // "union {...}", "point_t", "char *"
    cdecl_scalar_t scalar;    // CDECL_SCALAR: which basic type
    const cdecl_type_t *elem; // CDECL_ARRAY: the element type;
                              // CDECL_POINTER: the target (any kind)
    size_t count;             // CDECL_ARRAY: elements; 0 only for a
                              // flexible array member (the last member)
    const char *tag;          // CDECL_STRUCT/UNION: the tag, or NULL
    size_t nmembers;          // CDECL_STRUCT/UNION: at least 1
    const cdecl_member_t *members;
    bool complete;     // CDECL_STRUCT/UNION: its body has been read
    bool has_flexible; // CDECL_STRUCT: the last member is `T x[]`
    int line;          // CDECL_STRUCT/UNION: where it is defined
    // Private to the parser.
    int state_;                // 0, or being defined (1), or skipped (2)
    unsigned long long bound_; // an upper bound of its size in bytes
    unsigned long long nodes_; // type nodes when nested structs are expanded
};

// A parsed header. Everything it points to lives until cdecl_free.
typedef struct cdecl_file {
    const char *path;
    // Every struct and union that has a name (a tag or a typedef name), in
    // the order their definitions end: inner ones before outer ones.
    size_t naggregates;
    const cdecl_type_t *const *aggregates;
    // Declarations that define no type (functions, variables) are skipped;
    // this counts them.
    size_t skipped;
    // With CDECL_KEEP_GOING: one "file:line: skipped ...: reason" line for
    // each type-defining declaration outside the subset that was skipped.
    size_t nnotes;
    const char *const *notes;
    struct cdecl_arena *arena_; // private
} cdecl_file_t;

// Flags for cdecl_parse.
enum {
    // Skip a struct/union/typedef/enum declaration outside the subset (and
    // record a note) instead of failing. Lexical errors still fail.
    CDECL_KEEP_GOING = 1u << 0,
};

// cdecl_parse — parse `len` bytes of `text` (not necessarily NUL-terminated)
// as a header named `path` (used in messages only). Returns the parsed file;
// on bad input returns NULL and writes "path:line: what is wrong" (no newline)
// into err[0..errlen). Never crashes on any input. Returns NULL with
// "out of memory" when allocation fails.
cdecl_file_t *cdecl_parse(const char *path, const char *text, size_t len, unsigned flags, char *err,
                          size_t errlen);

// cdecl_parse_file — read `path` ("-" is standard input) and parse it as
// cdecl_parse does. Returns NULL with "path: reason" when it cannot be read.
cdecl_file_t *cdecl_parse_file(const char *path, unsigned flags, char *err, size_t errlen);

// cdecl_find — the struct or union of `f` called `name`: a tag ("point" or
// "struct point"/"union point") or a typedef name. NULL if there is none.
const cdecl_type_t *cdecl_find(const cdecl_file_t *f, const char *name);

// cdecl_free — release `f` and every type it holds. NULL is allowed.
void cdecl_free(cdecl_file_t *f);

// cdecl_scalar_name — the C spelling of a basic type ("unsigned long").
const char *cdecl_scalar_name(cdecl_scalar_t s);

#endif
