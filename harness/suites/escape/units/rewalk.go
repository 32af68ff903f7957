// y escapes only once out is walked; then x, which y points to, escapes too.
package main

func f() {
	x := 0
	var out **int
	for i := 0; i < 1; i++ {
		y := &x
		out = &y
	}
	_ = out
}

func main() {
	f()
}
