// Regression: member declarations are printed (reports, the suggested
// order) from their tokens; adjacent tokens must not run together into
// others ("3 - -1" once came out as "3--1", which is not C).
struct spacing {
    char a[3 - -1];
    int b[+ +2];
    char c[2 - - -1 + 10];
    long d[1 ? 2 : 3];
    void (*e)(int x / *y, int z / / w, long . 5, char ! = 1);
};
