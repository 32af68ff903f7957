// Storing the address of a local in a global moves the local to the heap.
package main

var g *int

func keep() {
	x := 7
	g = &x
}

func main() {
	keep()
}
