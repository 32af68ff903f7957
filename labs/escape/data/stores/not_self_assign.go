// A store is a self-assignment only when both sides select from the same
// variable: `a.P = b.Q` with a and b two different pointers is a store
// through a pointer like any other, and so is `s[0] = t[1]`.
package main

type T struct {
	P *int
	Q *int
}

func sameBase(a *T) {
	a.P = a.Q
}

func twoBases(a *T, b *T) {
	a.P = b.Q
}

func twoSlices(s []*int, t []*int) {
	s[0] = t[1]
}

func twoLocals() *int {
	x := 1
	var u T
	var w T
	w.P = &x
	u.P = w.P
	return u.P
}

func main() {
	sameBase(&T{})
	twoBases(&T{}, &T{})
	twoSlices(make([]*int, 2), make([]*int, 2))
	_ = twoLocals()
}
