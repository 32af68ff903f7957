// Call sites use the callee's tag: passing &x to a result-leaking function whose result is returned moves x.
package main

func id(p *int) *int {
	return p
}

func keep() *int {
	x := 1
	return id(&x)
}

func drop() int {
	y := 2
	return *id(&y)
}

func main() {
	_ = keep()
	_ = drop()
}
