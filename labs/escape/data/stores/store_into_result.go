// Storing into an element of a slice is a store through a pointer, and the
// slice expression is still evaluated: a call there passes its arguments
// where the callee's tags send them, and an allocation there is made (and
// judged) like any other.
package main

var sink *int

func keep(p *int) []int {
	sink = p
	return nil
}

func look(p *int) []int {
	return make([]int, *p)
}

func intoCallResult() {
	y := 1
	keep(&y)[0] = 2
}

func intoCallResultLocal() {
	v := 2
	look(&v)[0] = 3
}

func intoMake(n int) {
	make([]int, n)[0] = 3
	make([]int, 10)[1] = 4
}

func intoLiteral() {
	z := 5
	[]*int{&z}[0] = nil
}

func main() {
	intoCallResult()
	intoCallResultLocal()
	intoMake(5)
	intoLiteral()
}
