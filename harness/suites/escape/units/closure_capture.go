// A closure that escapes takes its by-reference captures to the heap.
package main

var hook func() int

func f() {
	n := 0
	k := 1
	hook = func() int {
		n = n + k
		return n
	}
}

func main() {
	f()
}
