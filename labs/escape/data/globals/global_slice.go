// Appending to a global slice sends the appended pointer to the heap.
package main

var all []*int

func remember(p *int) {
	all = append(all, p)
}

func main() {
	x := 4
	remember(&x)
}
