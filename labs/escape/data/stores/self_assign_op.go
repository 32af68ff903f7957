// A compound assignment between two fields of the same variable (t.S +=
// t.U) is a self-assignment too: ignored by the analysis, and said so.
package main

type T struct {
	S int
	U int
}

func grow(t *T) {
	t.S += t.U
}

func main() {
	grow(&T{})
}
