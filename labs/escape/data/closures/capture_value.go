// A small variable never reassigned is captured by value: it stays on the stack.
package main

func adder(k int) func(int) int {
	return func(v int) int {
		return v + k
	}
}

func main() {
	f := adder(2)
	_ = f(3)
}
