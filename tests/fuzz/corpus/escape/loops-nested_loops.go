// Nested loops: depth counts each for.
package main

func f() int {
	var outer *int
	for i := 0; i < 2; i++ {
		var mid *int
		for j := 0; j < 2; j++ {
			x := i + j
			mid = &x
		}
		outer = mid
	}
	return *outer
}

func main() {
	_ = f()
}
