// Regression (with CDECL_KEEP_GOING): a struct whose first body ends in a
// flexible array member but fails (a duplicate member) is skipped; its
// second, valid body once kept has_flexible from the first.
struct basics {
    float f;   float f;
    char data[];
};
struct basics {
    float f;
    double d;
};
struct user {
    struct basics b;
};
