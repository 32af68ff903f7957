// A closure kept in a local variable and called: the call is static, nothing escapes.
package main

func f(p *int) int {
	get := func() int {
		return *p
	}
	return get()
}

func main() {
	x := 1
	_ = f(&x)
}
