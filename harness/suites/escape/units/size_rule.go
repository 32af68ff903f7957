// Sizes: over 64 KiB, or not constant, goes to the heap.
package main

func f(n int) int {
	a := make([]int, 100000)
	b := make([]int, n)
	c := make([]int, 100)
	return len(a) + len(b) + len(c)
}

func main() {
	_ = f(1)
}
