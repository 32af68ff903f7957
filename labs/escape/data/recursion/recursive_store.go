// A recursive function storing into a global leaks its parameter.
package main

var g *int

func walk(p *int, n int) {
	if n > 0 {
		walk(p, n - 1)
	} else {
		g = p
	}
}

func main() {
	x := 1
	walk(&x, 2)
}
