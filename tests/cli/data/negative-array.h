struct s { int x; };
struct t { struct nope *p; int a[-1]; };
