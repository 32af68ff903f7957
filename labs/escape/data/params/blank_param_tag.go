// A blank parameter leaks nothing. ignore is analysed before use, so the
// call in use reads ignore's tags: the blank parameter's say the argument
// goes nowhere, and x stays in use's frame.
package main

func ignore(_ *int, n int) int {
	return n
}

func use() int {
	x := 1
	return ignore(&x, 2)
}

func main() {
	_ = use()
}
