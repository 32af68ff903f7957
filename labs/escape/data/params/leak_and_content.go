// A parameter that reaches the heap along two paths: p itself is stored in
// a global (no dereference), and what p points to is copied into x, whose
// address is stored in another global, so x moves to the heap and p reaches
// it through one dereference. The tag keeps the fewest over every root the
// walk starts from: `leaking param: p`, not `leaking param content: p`, and
// at the call in main &y leaks, so y moves to the heap.
package main

var g **int
var gp **int

func f(p **int) {
	g = p
	x := *p
	gp = &x
}

func main() {
	var y *int
	f(&y)
}
