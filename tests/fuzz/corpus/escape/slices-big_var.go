// An explicit variable over 10 MiB moves to the heap; new of a large array over 64 KiB too.
package main

func f() int {
	var huge [2000000]int
	huge[1] = 2
	p := new([70000]byte)
	q := new([60000]byte)
	_ = p
	_ = q
	return huge[1]
}

func main() {
	_ = f()
}
