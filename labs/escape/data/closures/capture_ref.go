// A closure capturing a variable it changes captures it by reference: returned, the variable moves (seed example).
package main

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func main() {
	c := counter()
	_ = c()
}
