// A method returning a field of its receiver: the receiver leaks to the result at level 1.
package main

type Node struct {
	Next *Node
	V    int
}

func (n *Node) Following() *Node {
	return n.Next
}

func main() {
	a := &Node{V: 1}
	b := &Node{V: 2, Next: a}
	_ = b.Following()
}
