// The 64 KiB boundary: 8192 ints (64 KiB) stay, 8193 go.
package main

func f() int {
	a := make([]int, 8192)
	b := make([]int, 8193)
	c := make([]byte, 65536)
	d := make([]byte, 65537)
	return len(a) + len(b) + len(c) + len(d)
}

func main() {
	_ = f()
}
