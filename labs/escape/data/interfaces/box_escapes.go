// A value boxed in an interface that is returned escapes (seed example).
package main

func box(v int) any {
	return v
}

func main() {
	_ = box(3)
}
