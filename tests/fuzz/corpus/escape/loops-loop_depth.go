// Loop depth: the address of a variable declared inside a loop stored in one declared outside escapes.
package main

func last() int {
	var p *int
	for i := 0; i < 3; i++ {
		v := i
		p = &v
	}
	return *p
}

func main() {
	_ = last()
}
