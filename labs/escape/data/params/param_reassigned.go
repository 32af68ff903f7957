// A parameter is a variable of its function like any other: pointing it at
// a local keeps that local where it is.
package main

func first(p *int) int {
	x := 1
	p = &x
	return *p
}

func main() {
	y := 2
	_ = first(&y)
}
