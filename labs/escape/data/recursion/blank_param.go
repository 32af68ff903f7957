// In a batch (recursion), an argument flows into its parameter's location,
// except for a blank (`_`) or unnamed parameter: nothing can read it, so
// what is passed to it goes nowhere. named's loop passes &x into p, which
// lives outside the loop, and x moves to the heap; count and box pass the
// same into `_`, and unnamed into a parameter without a name: x and the
// box of i stay in the frame.
package main

var g int

func named(p *int, n int) int {
	for i := 0; i < n; i++ {
		x := i
		named(&x, n-1)
	}
	return n
}

func count(_ *int, n int) int {
	for i := 0; i < n; i++ {
		x := i
		count(&x, n-1)
	}
	return n
}

func box(_ any, n int) int {
	for i := 0; i < n; i++ {
		box(i, n-1)
	}
	return n
}

func unnamed(*int, int) int {
	for i := 0; i < g; i++ {
		x := i
		unnamed(&x, 1)
	}
	return g
}

func main() {
	_ = named(nil, 3)
	_ = count(nil, 3)
	_ = box(nil, 3)
	_ = unnamed(nil, 3)
}
