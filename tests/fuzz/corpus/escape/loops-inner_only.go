// Inside one iteration only: no escape.
package main

func total() int {
	s := 0
	for i := 0; i < 3; i++ {
		v := i
		p := &v
		s = s + *p
	}
	return s
}

func main() {
	_ = total()
}
