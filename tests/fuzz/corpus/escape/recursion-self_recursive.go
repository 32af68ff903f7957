// A recursive function is analysed with itself in one batch.
package main

func depth(p *int, n int) *int {
	if n > 0 {
		return depth(p, n - 1)
	}
	return p
}

func main() {
	x := 1
	_ = depth(&x, 3)
}
