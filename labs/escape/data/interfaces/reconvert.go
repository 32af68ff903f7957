// Converting an interface to an interface type changes nothing: the value
// inside still flows where the conversion's result goes.
package main

func wrap(p *int) any {
	var i any = p
	return any(i)
}

func main() {
	x := 1
	_ = wrap(&x)
}
