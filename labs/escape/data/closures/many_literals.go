// Twelve func literals in one function: the analysis keeps every one of
// them, however many a function holds. The first eleven are only called in
// the function, so none escapes; the last is stored in a global and does.
package main

var sink func() int

func many() int {
	n := 0
	f1 := func() int {
		return n + 1
	}
	f2 := func() int {
		return n + 2
	}
	f3 := func() int {
		return n + 3
	}
	f4 := func() int {
		return n + 4
	}
	f5 := func() int {
		return n + 5
	}
	f6 := func() int {
		return n + 6
	}
	f7 := func() int {
		return n + 7
	}
	f8 := func() int {
		return n + 8
	}
	f9 := func() int {
		return n + 9
	}
	f10 := func() int {
		return n + 10
	}
	f11 := func() int {
		return n + 11
	}
	f12 := func() int {
		return n + 12
	}
	sink = f12
	return f1() + f2() + f3() + f4() + f5() + f6() + f7() + f8() + f9() + f10() + f11()
}

func main() {
	_ = many()
}
