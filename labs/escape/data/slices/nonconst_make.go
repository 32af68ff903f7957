// make with a non-constant size always allocates on the heap.
package main

func f(n int) int {
	s := make([]int, n)
	return len(s)
}

func main() {
	_ = f(3)
}
