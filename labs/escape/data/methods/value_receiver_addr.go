// Calling a pointer method on a local struct takes its address; a leaking receiver moves it.
package main

type T struct {
	A int
}

var keep *T

func (t *T) Save() {
	keep = t
}

func (t *T) Get() int {
	return t.A
}

func main() {
	var a T
	a.Save()
	var b T
	_ = b.Get()
}
