// Regression: a directive inside a parameter list (which the parser skips)
// once ended up in the member's declaration, as unbalanced text.
struct params {
    int n;
    void (*cb)(int a,
#pragma pack(
               long c);
    char tail;
};
