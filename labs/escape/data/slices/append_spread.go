// append(a, b...) copies b's elements into a's backing array, which may be
// reallocated on the heap: what b's elements point to leaks there.
package main

func join(a []*int, b []*int) []*int {
	return append(a, b...)
}

func main() {
	x := 1
	y := 2
	a := []*int{&x}
	b := []*int{&y}
	_ = join(a, b)
}
