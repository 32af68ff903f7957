// A parameter stored in a global leaks.
package main

var g *int

func save(p *int) {
	g = p
}

func read(p *int) int {
	return *p
}

func main() {
	x := 1
	save(&x)
	y := 2
	_ = read(&y)
}
