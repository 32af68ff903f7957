// A store between two elements of the same slice is a self-assignment only
// when evaluating neither index can change memory. An index that reads
// another slice at a call's result (idx[next()]) may: the call is inside
// the index, one level down, and still counts. So both stores below are
// real flows, and t's content leaks.
package main

var idx []int

func next() int {
	return 1
}

type T struct {
	S []*int
}

func f(t *T) {
	t.S[0] = t.S[idx[next()]]
}

func g(t *T) {
	t.S[idx[next()]] = t.S[1]
}

func main() {
	t := &T{}
	f(t)
	g(t)
}
