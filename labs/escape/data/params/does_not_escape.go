// A pointer parameter only read does not escape; a non-pointer parameter gets no tag.
package main

func read(p *int, n int) int {
	return *p + n
}

func main() {
	x := 5
	_ = read(&x, 2)
}
