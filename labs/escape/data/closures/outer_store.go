// A closure's frame ends before that of the function enclosing it. A value
// made in the closure and stored in a variable of the enclosing function
// outlives the closure's frame, so it escapes (even when the closure is
// called where it is written and the variable itself stays put); but a
// result of a closure called where it is written lands in the enclosing
// frame, so the address of an enclosing variable returned by it does not
// make that variable escape.
package main

func fill() int {
	var l *int
	func() {
		l = new(int)
	}()
	return *l
}

func pick() int {
	y := 0
	p := func() *int { return &y }()
	return *p
}

func main() {
	_ = fill()
	_ = pick()
}
