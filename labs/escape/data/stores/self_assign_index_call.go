// A store from one element of a slice into another is a self-assignment
// only when neither index can change memory. `s[0] = s[1]` is ignored;
// `s[next()] = s[0]` and `s[0] = s[1+next()]` call a function in an index
// (on either side, alone or inside an operation), so each is a store
// through a pointer like any other: what s points to leaks.
package main

var n int

func next() int {
	n++
	return n
}

func same(s []*int) {
	s[0] = s[1]
}

func callInDst(s []*int) {
	s[next()] = s[0]
}

func callInSrc(s []*int) {
	s[0] = s[1+next()]
}

func main() {
	same(make([]*int, 4))
	callInDst(make([]*int, 4))
	callInSrc(make([]*int, 4))
}
