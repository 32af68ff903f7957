// A struct or array literal is a value, not an allocation: each element
// goes where the literal goes. An address stored in a literal that is
// returned or stored in a global leaves with it; in a literal kept in a
// local variable it stays.
package main

type T struct {
	P *int
	A int
}

type Pair struct {
	In  T
	Arr [2]*int
}

var gt T
var ga [2]*int

func toGlobal() {
	x := 1
	gt = T{P: &x, A: 2}
}

func returned() T {
	y := 2
	return T{P: &y}
}

func arrayToGlobal() {
	z := 3
	ga = [2]*int{&z, nil}
}

func nested() Pair {
	u := 4
	v := 5
	return Pair{In: T{P: &u}, Arr: [2]*int{nil, &v}}
}

func behindPointer() *T {
	w := 6
	return &T{P: &w}
}

func kept() int {
	k := 7
	t := T{P: &k}
	a := [2]*int{&k, nil}
	return *t.P + *a[0]
}

func main() {
	toGlobal()
	_ = returned()
	arrayToGlobal()
	_ = nested()
	_ = behindPointer()
	_ = kept()
}
