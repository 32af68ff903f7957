// A value converted to an interface: the box escapes when the interface does.
package main

var g any

func f(a int, b int) {
	g = a
	var local any = b
	_ = local
}

func main() {
	f(1, 2)
}
