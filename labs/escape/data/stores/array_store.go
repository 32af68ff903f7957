// Storing into an array element is a store into the array variable itself.
package main

func f() int {
	x := 1
	var a [2]*int
	a[0] = &x
	return *a[0]
}

func main() {
	_ = f()
}
