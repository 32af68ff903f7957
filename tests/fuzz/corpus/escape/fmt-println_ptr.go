// Println of a pointer leaks what it points to: the pointee moves to the heap.
package main

import "fmt"

func main() {
	x := 1
	fmt.Println(&x)
	y := 2
	fmt.Println(y)
}
