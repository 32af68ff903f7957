// append with seven values: each is stored into the slice's backing array,
// which the analysis takes for the heap, so the address of every one of the
// seven variables escapes, the last as well as the first.
package main

var sink []*int

func seven() {
	a := 1
	b := 2
	c := 3
	d := 4
	e := 5
	f := 6
	g := 7
	s := make([]*int, 0, 8)
	s = append(s, &a, &b, &c, &d, &e, &f, &g)
	sink = s
}

func main() {
	seven()
}
