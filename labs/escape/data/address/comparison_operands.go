// Both operands of a comparison are evaluated: a new(int) or a call on
// either side is analysed like any other, so keep's parameter leaks and x
// moves to the heap although the comparison's result is a bool.
package main

var g *int

func keep(p *int) *int {
	g = p
	return p
}

func same(p *int) bool {
	return p == new(int)
}

func kept() bool {
	x := 1
	y := 2
	return &y == keep(&x)
}

func main() {
	_ = same(nil)
	_ = kept()
}
