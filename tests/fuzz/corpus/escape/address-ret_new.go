// new(T) and &T{} returned to the caller escape; kept locally they do not.
package main

type T struct {
	A int
	P *int
}

func make1() *T {
	return new(T)
}

func make2() *T {
	return &T{A: 1}
}

func local() int {
	t := &T{A: 2}
	u := new(T)
	return t.A + u.A
}

func main() {
	_ = make1()
	_ = make2()
	_ = local()
}
