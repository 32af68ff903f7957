// The boundaries of the two size rules, exactly at and one past: new(T)
// and &T{} stay up to 64 KiB, an explicit variable up to 10 MiB.
package main

func f() byte {
	p := new([65536]byte)
	q := new([65537]byte)
	r := &[65536]byte{}
	s := &[65537]byte{}
	var v [10485760]byte
	var w [10485761]byte
	v[1] = 1
	w[1] = 2
	_ = p
	_ = q
	_ = r
	_ = s
	return v[1] + w[1]
}

func main() {
	_ = f()
}
