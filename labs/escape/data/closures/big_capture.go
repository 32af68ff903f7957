// A variable over 128 bytes is captured by reference even if never changed.
package main

func f() func() int {
	var a [20]int
	a[0] = 1
	return func() int {
		return a[0]
	}
}

func main() {
	_ = f()
}
