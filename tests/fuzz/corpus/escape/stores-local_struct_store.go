// Storing into a local struct value keeps everything on the stack.
package main

type T struct {
	P *int
	A int
}

func f() int {
	x := 3
	var t T
	t.P = &x
	return *t.P
}

func main() {
	_ = f()
}
