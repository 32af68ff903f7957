// Leaking param content: what p points to leaks, not p itself.
package main

var g *int

func content(p **int) {
	g = *p
}

func main() {
	x := 1
	p := &x
	content(&p)
}
