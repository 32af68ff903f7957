// A variable declared in a loop whose address is kept outside it escapes.
package main

func f() int {
	var keep *int
	for i := 0; i < 2; i++ {
		v := i
		keep = &v
	}
	return *keep
}

func main() {
	_ = f()
}
