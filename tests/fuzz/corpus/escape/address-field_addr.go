// The address of a field is the address of the struct: returning &t.A moves t.
package main

type T struct {
	A int
	B int
}

func fieldPtr() *int {
	var t T
	t.B = 3
	return &t.A
}

func main() {
	_ = fieldPtr()
}
