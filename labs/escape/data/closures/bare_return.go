// A bare `return` in a function with a named result assigns the result (to
// itself): it is a reassignment like any other. In f and g the closure
// captures r and the return that follows reassigns it, so r is captured by
// reference; the closure is stored in a global, so r moves to the heap
// with it. g spells the same return out.
package main

var fn func() int

func f() (r int) {
	fn = func() int { return r }
	return
}

func g() (r int) {
	fn = func() int { return r }
	return r
}

func main() {
	f()
	g()
}
