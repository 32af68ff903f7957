// A 100,000-element slice is over 64 KiB: heap (seed example); a small one stays.
package main

func f() int {
	big := make([]int, 100000)
	small := make([]int, 10)
	return len(big) + len(small)
}

func main() {
	_ = f()
}
