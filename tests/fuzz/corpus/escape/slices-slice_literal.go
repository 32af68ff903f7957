// Slice literals returned or stored escape; used locally they do not.
package main

func mk() []int {
	return []int{1, 2}
}

func local() int {
	s := []int{3, 4}
	return s[0]
}

func main() {
	_ = mk()
	_ = local()
}
