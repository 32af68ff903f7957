// return *p: p flows to the result through one dereference (level=1).
package main

func f(p **int) *int {
	return *p
}

func main() {
	x := 1
	px := &x
	_ = f(&px)
}
