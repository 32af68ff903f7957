// The walk bounds the count of dereferences below at 0 after an
// address-of: `q = &l; l = v` gives q the address of l and the value of v,
// not v's address. In a batch, F passes &l into G's parameter q, and q's
// frame does not outlive F's l, so the walk from q goes on past l, at 0.
// G's loop passes &x into l: the address of x reaches q, which outlives x
// (x is declared in the loop), and x moves to the heap. K's loop passes y,
// a pointer, into H's l: y's value reaches q, not its address, so y stays;
// the new(int) y points to escapes.
package main

func F(l *int, n int) int {
	if n > 0 {
		return G(&l, n-1)
	}
	return *l
}

func G(q **int, n int) int {
	for i := 0; i < n; i++ {
		x := i
		F(&x, n)
	}
	return **q
}

func H(l *int, n int) int {
	if n > 0 {
		return K(&l, n-1)
	}
	return *l
}

func K(q **int, n int) int {
	for i := 0; i < n; i++ {
		y := new(int)
		H(y, n)
	}
	return **q
}

func main() {
	_ = F(nil, 2)
	_ = H(nil, 2)
}
