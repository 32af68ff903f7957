// Explicit conversions print as written: any(x), (interface {})(x).
package main

var g any

func f(x int, s string) {
	g = any(x)
	g = interface{}(s)
	var k any = any(x + 1)
	_ = k
}

func main() {
	f(1, "a")
}
