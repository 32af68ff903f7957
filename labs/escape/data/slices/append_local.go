// append(s, v) sends v to the heap (the backing array may be reallocated
// there), and what s's elements point to, but not s itself: a slice that is
// only appended to and measured stays in its frame.
package main

func total() int {
	s := make([]int, 0, 8)
	s = append(s, 1, 2)
	return len(s)
}

func pointers() int {
	x := 1
	s := make([]*int, 0, 4)
	s = append(s, &x)
	return len(s)
}

func main() {
	_ = total()
	_ = pointers()
}
