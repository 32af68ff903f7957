// Appending the address of a loop variable's copy: the copy escapes.
package main

func collect() []*int {
	var out []*int
	for i := 0; i < 3; i++ {
		v := i
		out = append(out, &v)
	}
	return out
}

func main() {
	_ = collect()
}
