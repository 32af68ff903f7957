// A box that stays in its function does not escape; a pointer needs no box.
package main

func f(x int, p *int) int {
	var i any = x
	var j any = p
	_ = i
	_ = j
	return x
}

func main() {
	y := 1
	_ = f(1, &y)
}
