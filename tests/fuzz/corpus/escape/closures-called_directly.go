// A func literal called where it is written does not escape.
package main

func f() int {
	x := 1
	func() {
		x = 2
	}()
	return x
}

func main() {
	_ = f()
}
