// new(int) in a loop kept in an outer variable escapes.
package main

func f() int {
	var p *int
	for i := 0; i < 4; i++ {
		p = new(int)
	}
	return *p
}

func g() int {
	n := 0
	for i := 0; i < 4; i++ {
		q := new(int)
		n = n + *q
	}
	return n
}

func main() {
	_ = f()
	_ = g()
}
