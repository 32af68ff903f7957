// Storing through a pointer parameter: the stored value goes to the heap.
package main

func set(pp **int, p *int) {
	*pp = p
}

func main() {
	x := 1
	var q *int
	set(&q, &x)
	_ = q
}
