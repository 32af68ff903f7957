// Storing into a field through a pointer parameter leaks the stored value, not the holder.
package main

type T struct {
	P *int
}

func fill(t *T, p *int) {
	t.P = p
}

func main() {
	var t T
	v := 9
	fill(&t, &v)
	_ = t
}
