// A func literal inside a loop, then new(int) in the same call: the new int is made at the loop's depth, and p outlives it.
package main

func pick(g func(), q *int) *int {
	g()
	return q
}

func last() int {
	var p *int
	for i := 0; i < 3; i++ {
		p = pick(func() {}, new(int))
	}
	return *p
}

func main() {
	_ = last()
}
