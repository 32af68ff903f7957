// A setter storing its argument into the receiver: the argument leaks to the heap.
package main

type Box struct {
	P *int
}

func (b *Box) Set(p *int) {
	b.P = p
}

func main() {
	var b Box
	x := 3
	b.Set(&x)
	_ = b
}
