// A small function the compiler would inline (with -l it does not; see the handout).
package main

import "fmt"

type Pair struct {
	A int
	B int
}

func add(a int, b int) int {
	return a + b
}

func newPair(a int) *Pair {
	return &Pair{A: a, B: a}
}

func main() {
	s := add(1, 2)
	p := newPair(s)
	fmt.Println(s, p.A)
}
