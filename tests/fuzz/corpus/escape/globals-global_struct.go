// Storing into a field of a global struct pointer is a store through a pointer: to the heap.
package main

type T struct {
	P *int
	N *T
}

var gt *T

func attach(t *T) {
	gt = t
}

func link(p *int) {
	gt.P = p
}

func main() {
	attach(&T{})
	v := 3
	link(&v)
}
