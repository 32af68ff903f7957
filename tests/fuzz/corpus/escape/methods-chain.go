// A method chain: each call's tag decides what the next sees.
package main

type T struct {
	N *T
}

func (t *T) Next() *T {
	return t.N
}

func (t *T) Self() *T {
	return t
}

func use() *T {
	t := &T{}
	return t.Self().Next()
}

func main() {
	_ = use()
}
