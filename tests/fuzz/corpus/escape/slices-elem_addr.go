// The address of a slice element points into the backing array: returning it moves the array.
package main

func second() *int {
	s := []int{1, 2, 3}
	return &s[1]
}

func main() {
	_ = second()
}
