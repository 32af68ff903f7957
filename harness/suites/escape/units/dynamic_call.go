// An interface method call: the callee is unknown, receiver and argument leak.
package main

type S interface {
	Put(p *int)
}

func f(s S) {
	x := 1
	s.Put(&x)
}

func main() {
}
