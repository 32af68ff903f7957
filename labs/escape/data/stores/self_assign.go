// A self-assignment through a pointer is ignored by the analysis (and said so).
package main

type T struct {
	P *int
	Q *int
}

func swapIn(t *T) {
	t.P = t.Q
}

func main() {
	swapIn(&T{})
}
