// Storing into a slice element is a store through a pointer (the backing array).
package main

func put(s []*int, p *int) {
	s[0] = p
}

func main() {
	s := make([]*int, 2)
	x := 1
	put(s, &x)
}
