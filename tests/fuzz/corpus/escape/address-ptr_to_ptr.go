// Dereference levels: returning *pp is a level-1 leak, pp itself is not moved.
package main

func inner() **int {
	x := 5
	p := &x
	return &p
}

func main() {
	pp := inner()
	_ = pp
}
