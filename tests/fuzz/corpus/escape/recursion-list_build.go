// Building a linked list recursively: every node escapes through the result.
package main

type Node struct {
	Next *Node
	V    int
}

func build(n int) *Node {
	if n == 0 {
		return nil
	}
	return &Node{V: n, Next: build(n - 1)}
}

func main() {
	_ = build(3)
}
