// g = *p: what p points to leaks, not p: "leaking param content".
package main

var g *int

func f(p **int) {
	g = *p
}

func main() {
	x := 1
	p := &x
	f(&p)
}
