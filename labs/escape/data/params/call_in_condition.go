// A call is analysed wherever it stands: as an if's condition, an operand
// of + or ==, behind !, as an index. Its arguments go where the callee's
// tags send them, although the call's own value (a bool, an int) holds no
// pointer.
package main

var sink *int

func keep(p *int) bool {
	sink = p
	return true
}

func count(p *int) int {
	return *p
}

func idx(p *int) int {
	sink = p
	return 0
}

func inCondition() int {
	x := 1
	if keep(&x) {
		return 1
	}
	return 0
}

func inSum() int {
	return count(new(int)) + 1
}

func inComparison() bool {
	w := 3
	return keep(&w) == true
}

func underNot() bool {
	v := 4
	return !keep(&v)
}

func asIndex(a []int) int {
	u := 5
	return a[idx(&u)]
}

func main() {
	_ = inCondition()
	_ = inSum()
	_ = inComparison()
	_ = underNot()
	_ = asIndex([]int{1})
}
