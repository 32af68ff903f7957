// A closure stored in a global escapes, and takes its by-reference captures with it.
package main

var hook func() int

func install() {
	n := 1
	m := 2
	m = 3
	hook = func() int {
		n = n + 1
		return n + m
	}
}

func main() {
	install()
}
