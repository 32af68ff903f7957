// Parameter tags: a parameter returned leaks to the result, level 0.
package main

func id(p *int) *int {
	return p
}

func main() {
	x := 1
	y := id(&x)
	_ = y
}
