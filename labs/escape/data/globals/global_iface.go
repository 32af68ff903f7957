// A value stored in a global interface is boxed on the heap.
package main

var g any

func box(n int) {
	g = n
}

func keepPtr(p *int) {
	g = p
}

func main() {
	box(1)
	x := 2
	keepPtr(&x)
}
