// Storing into an interface field of a struct: the stored value is boxed.
package main

type Holder struct {
	V any
}

func put(h *Holder, n int) {
	h.V = n
}

func main() {
	var h Holder
	put(&h, 5)
	_ = h
}
