// Reading an element of an array variable reads the array itself (the
// elements are inside it, not behind a pointer): what the element points to
// goes wherever the element goes.
package main

var g *int

func second(a [2]*int) *int {
	return a[1]
}

func f() {
	x := 1
	var a [2]*int
	a[0] = &x
	g = a[0]
}

func h() *int {
	y := 2
	var b [2]*int
	b[1] = &y
	return second(b)
}

func k() int {
	z := 3
	var c [2]*int
	c[0] = &z
	p := c[0]
	return *p
}

func main() {
	f()
	_ = h()
	_ = k()
}
