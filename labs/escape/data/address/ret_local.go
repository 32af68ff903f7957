// A pointer to a local returned: the local moves to the heap (seed example).
package main

func newInt() *int {
	x := 42
	return &x
}

func main() {
	p := newInt()
	_ = p
}
