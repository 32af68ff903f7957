// A named result: the tag names it.
package main

func pick(p *int, q *int) (r *int) {
	r = p
	if *q > 0 {
		r = q
	}
	return
}

func main() {
	a := 1
	b := 2
	_ = pick(&a, &b)
}
