// g = &x: the address of x flows to the heap (an edge of weight -1).
package main

var g *int

func f() {
	x := 1
	g = &x
}

func main() {
	f()
}
