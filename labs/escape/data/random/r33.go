// A random program of the escape lab's Go subset (seed 33).
package main

import "fmt"

type T struct {
	A int
	P *int
	Q *T
	S []*int
	I any
}

type I interface {
	M(p *int) *int
}

var g0 *int
var g1 *T
var g2 any
var g3 []*int
var g4 any

func (t *T) M(p0 *int) *int {
	var v0 []*int = nil
	t.I = "s2"
	v1 := v0
	g4 = nil
	var v2 *int = nil
	g4 = nil
	var v3 *int = t.P
	v4 := new(int)
	v5 := t.P
	g4 = nil
	_ = v0
	_ = v1
	_ = v2
	_ = v3
	_ = v4
	_ = v5
	return v1[0]
}

func f1(p0 I, p1 I) int {
	g0 = nil
	for i6 := 0; i6 < 2; i6++ {
		i6++
		if i6 > 2 {
			if i6 > 3 {
				if i6 > 3 {
					g3 = []*int{}
				}
				if i6 > 2 {
					v7 := i6 + 5
					if i6 < 3 {
						_ = f1(nil, nil)
					}
					_ = v7
				}
			}
		} else {
		}
		_ = i6
	}
	return 93
}

func f2(p0 int) any {
	for i8 := 0; i8 < 4; i8++ {
		_ = f1(nil, nil)
		v9 := func() int {
			return p0
		}
		fmt.Println(v9())
		_ = i8
	}
	if p0 > 0 {
		g0 = &p0
		p0 = p0
		p0++
	}
	if p0 > 0 {
		_ = f1(nil, nil)
	}
	return 64
}

func f3(p0 *int, p1 *T) {
	if p0 != nil {
		if g0 == nil {
			for i10 := 0; i10 < 4; i10++ {
				v11 := p1
				g2 = &T{}
				i10++
				_ = i10
				_ = v11
			}
			g2 = *p0
		} else {
			if p0 != nil {
				if g0 == nil {
					_ = p1.M(new(int))
				} else {
					g4 = nil
				}
			}
			var v12 []*int = []*int{p0}
			_ = v12
		}
		g3 = make([]*int, 8193)
	} else {
		for i13 := 0; i13 < 2; i13++ {
			g3 = []*int{}
			_ = i13
		}
	}
}

func f4(p0 int, p1 []*int, p2 I) int {
	func() {
		g4 = nil
	}()
	p0++
	if p0 > 1 {
		g1 = new(T)
	} else {
		var v15 *int = p1[0]
		_ = p2.M(v15)
		_ = v15
	}
	_ = f1(nil, nil)
	return p0
}

func main() {
	v16 := 70
	g0 = &v16
	v17 := func() int {
		return v16
	}
	fmt.Println(v17())
	v18 := make([]*int, 100000)
	if v16 > 0 {
		for i19 := 0; i19 < 1; i19++ {
			_ = f2(19)
			v20 := func() int {
				v16++
				return v16
			}
			fmt.Println(v20())
			if i19 > 1 {
				i19++
				for i21 := 0; i21 < 2; i21++ {
					v16++
					_ = i21
				}
			}
			_ = i19
		}
		v16++
	} else {
	}
	_ = v16
	_ = v18
	fmt.Println(g0, g1, g2, g3, g4)
}
