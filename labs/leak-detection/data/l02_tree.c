// l02_tree.c — a binary tree of 15 nodes whose root pointer is dropped: the
// root is definitely lost, the 14 nodes below it indirectly lost.
#include <stdlib.h>

struct node {
    struct node *left, *right;
    long key;
};

static struct node *build(int depth, long key)
{
    if (depth == 0)
        return NULL;
    struct node *n = malloc(sizeof *n);
    n->key = key;
    n->left = build(depth - 1, 2 * key);
    n->right = build(depth - 1, 2 * key + 1);
    return n;
}

int main(void)
{
    struct node *root = build(4, 1);
    root = NULL;
    return root != NULL;
}
