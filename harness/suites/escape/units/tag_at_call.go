// The callee's tag (leaks to its result) decides at the call site.
package main

func id(p *int) *int {
	return p
}

func keep() *int {
	x := 1
	return id(&x)
}

func main() {
	_ = keep()
}
