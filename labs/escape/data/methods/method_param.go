// A method's parameters are tagged like a function's.
package main

type List struct {
	Items []*int
}

func (l *List) Add(p *int) {
	l.Items = append(l.Items, p)
}

func (l *List) Has(p *int) bool {
	return len(l.Items) > 0 && l.Items[0] == p
}

func main() {
	l := &List{}
	x := 1
	y := 2
	l.Add(&x)
	_ = l.Has(&y)
}
