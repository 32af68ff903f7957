// Levels: returning *p is level 1, **p level 2.
package main

func one(p **int) *int {
	return *p
}

func two(p ***int) *int {
	return **p
}

func main() {
	x := 1
	px := &x
	ppx := &px
	_ = one(ppx)
	_ = two(&ppx)
}
