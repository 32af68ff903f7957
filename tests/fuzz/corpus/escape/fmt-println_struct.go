// Println of a struct boxes a copy on the heap.
package main

import "fmt"

type P struct {
	X int
	Y int
}

func main() {
	p := P{X: 1, Y: 2}
	fmt.Println(p, p.X)
}
