// The address of a local used only inside its function: it stays on the stack.
package main

func sum() int {
	x := 1
	p := &x
	*p = *p + 1
	return x
}

func main() {
	_ = sum()
}
