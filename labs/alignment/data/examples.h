// examples.h — the examples of the alignment lab's handout (README.md), one
// struct per idea. Try: build/student/bin/alignment labs/alignment/data/examples.h
// The grading suite checks your layout of each one against the C compiler.

// 1. A hole and tail padding: `long` must start at a multiple of 8.
struct s1 {
    char c;
    long l;
    int i;
};

// 2. Every basic type of the ABI.
struct basics {
    _Bool b;
    char c;
    short s;
    int i;
    long l;
    long long ll;
    float f;
    double d;
    long double ld;
    void *p;
};

// 3. Arrays and nested structs: an array aligns like its element, a struct
//    like its most aligned member.
struct point {
    int x, y;
};

struct rect {
    char tag;
    struct point corners[2];
    short id[3];
};

// 4. Unions: every member at offset 0; as big as the biggest, rounded up.
union value {
    char c;
    int i;
    double d;
    char name[12];
};

struct tagged {
    int kind;
    union value v;
    char flag;
};

// 5. Anonymous members: laid out as one member; their fields are reached
//    as if they were the outer struct's own.
struct packet {
    char type;
    union {
        int i;
        float f;
    };
    struct {
        short lo, hi;
    };
    char crc;
};

// 6. _Alignas raises one member's alignment, and so the struct's.
struct counters {
    char name[3];
    _Alignas(64) long hits;
    long misses;
};

// 7. A flexible array member: size 0, but it still has an alignment.
struct message {
    unsigned short len;
    char kind;
    char body[];
};

struct frame {
    long seq;
    char flag;
    double samples[];
};

// 8. Pointer bytes: the garbage collector scans up to the last pointer.
struct gcobj {
    long id;
    char *name;
    long size;
    void *next;
};

// 9. Cache lines: 64 bytes each; a member may straddle two.
struct wide {
    char a;
    double d[9];
    char b;
    void *p;
};

// 10. An over-aligned member: sorting by alignment is not enough.
struct over {
    _Alignas(16) char tag;
    long a;
    int x;
};

// 11. Sort by alignment, not by size: an array is as big as all its
//     elements but aligned like one.
struct mix {
    char name[3];
    short id;
    char flag;
};
