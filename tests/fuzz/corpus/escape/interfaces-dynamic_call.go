// An interface method call is dynamic: receiver and arguments leak.
package main

type Shape interface {
	Area(scale *int) int
}

func measure(s Shape, k *int) int {
	return s.Area(k)
}

func main() {
}
