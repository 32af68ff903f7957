// A parameter that reaches its function's result along two paths: through
// a local (q := p; r = q: no dereference) and through a field of what it
// points to (r = p.P: one dereference). The walk from r may reach p by the
// longer path first; the tag keeps the fewest: level=0 in f and in g,
// whichever assignment comes first.
package main

type T struct {
	P *T
}

func f(p *T) (r *T) {
	q := p
	r = q
	r = p.P
	return
}

func g(p *T) (r *T) {
	r = p.P
	q := p
	r = q
	return
}

func main() {
	var t T
	_ = f(&t)
	_ = g(&t)
}
