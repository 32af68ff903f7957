// A struct boxed in an interface is copied to a heap box.
package main

type P struct {
	X int
	Y int
}

var sink any

func store(p P) {
	sink = p
}

func keepPtr(p *P) {
	sink = p
}

func main() {
	store(P{X: 1})
	keepPtr(&P{Y: 2})
}
