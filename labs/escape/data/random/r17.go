// A random program of the escape lab's Go subset (seed 17).
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
	g4 = nil
	if g0 == nil {
		var v0 any = t.A
		_ = v0
	}
	var v1 *T = nil
	t.I = t.A
	v1 = new(T)
	for i2 := 0; i2 < 3; i2++ {
		v3 := *p0
		if v3 > 2 {
			if p0 != nil {
				if v3 > 1 {
					g0 = &v3
					var v4 **int = &t.P
					_ = v4
				} else {
				}
			}
		} else {
		}
		_ = i2
		_ = v3
	}
	_ = v1
	return p0
}

func f1(p0 []*int, p1 **int, p2 int) {
	var v5 any = p2 + 1
	for i6 := 0; i6 < 4; i6++ {
		for i7 := 0; i7 < 3; i7++ {
			if p2 > 4 {
				p0 = []*int{}
				for i8 := 0; i8 < 2; i8++ {
					i6++
					_ = i8
				}
			} else {
				v5 = &i7
			}
			v9 := p0
			v10 := make([]*int, i6)
			_ = i7
			_ = v9
			_ = v10
		}
		v5 = "s1"
		_ = i6
	}
	v11 := new(T)
	v12 := make([]*int, p2)
	fmt.Println(38)
	_ = v5
	_ = v11
	_ = v12
}

func f2(p0 int, p1 int) {
	f1(make([]*int, p1), new(*int), p0)
	if p0 > 1 {
		g0 = new(int)
	} else {
		p1++
		g4 = nil
	}
	fmt.Printf("%v\n", any(79), any(p0 + 8))
	for i13 := 0; i13 < 2; i13++ {
		for i14 := 0; i14 < 2; i14++ {
			v15 := func() int {
				return i13
			}
			_ = v15
			g4 = nil
			_ = i14
		}
		v16 := new(*int)
		_ = i13
		_ = v16
	}
	v17 := func() int {
		p0++
		return p0
	}
	_ = v17
}

func f3(p0 []*int, p1 []*int, p2 *T) *T {
	fmt.Println("s8", 79, "s7")
	for i18 := 0; i18 < 1; i18++ {
		f2(p2.A, i18)
		_ = i18
	}
	for i19 := 0; i19 < 2; i19++ {
		v20 := p0[0]
		_ = i19
		_ = v20
	}
	if g0 == nil {
		var v21 any = "s7"
		var v23 *T = nil
		_ = v21
		_ = v23
	}
	return new(T)
}

func main() {
	v24 := 8
	v25 := func() int {
		v24++
		return v24
	}
	_ = v25
	g4 = nil
	g0 = &v24
	g3 = nil
	v24++
	v26 := v24
	if v24 > 2 {
		var v27 *T = new(T)
		for i28 := 0; i28 < 3; i28++ {
			_ = i28
		}
		_ = v27
	}
	_ = v24
	_ = v26
	fmt.Println(g0, g1, g2, g3, g4)
}
