// A random program of the escape lab's Go subset (seed 43).
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
	fmt.Println(30, "s4")
	for i0 := 0; i0 < 4; i0++ {
		for i1 := 0; i1 < 3; i1++ {
			v2 := []*int{}
			_ = i1
			_ = v2
		}
		if p0 != nil {
			v3 := t.P
			v4 := 11
			_ = v3
			_ = v4
		}
		_ = i0
	}
	return new(int)
}

func f1(p0 *int, p1 *int, p2 any) **int {
	v5 := &p1
	func() {
		for i7 := 0; i7 < 1; i7++ {
			i7++
			if p0 != nil {
				v8 := &i7
				_ = v8
			}
			i7 = 11
			_ = i7
		}
	}()
	g1 = &T{}
	_ = v5
	return &p0
}

func f2(p0 any, p1 I, p2 []*int) *int {
	p2 = []*int{}
	if g0 == nil {
		var v9 any = 91
		_ = v9
	} else {
		if g0 == nil {
			g1 = new(T)
			for i10 := 0; i10 < 3; i10++ {
				if i10 < 3 {
					_ = f2(i10 + 5, nil, make([]*int, i10))
				}
				_ = i10
			}
		}
	}
	return new(int)
}

func f3(p0 **int, p1 *T) {
	v11 := []*int{}
	for i12 := 0; i12 < 4; i12++ {
		_ = f1(new(int), new(int), len(v11))
		func() {
			for i14 := 0; i14 < 1; i14++ {
				p1 = p1.Q
				_ = i14
			}
		}()
		_ = i12
	}
	_ = v11
}

func f4(p0 any) any {
	for i15 := 0; i15 < 4; i15++ {
		v16 := new(T)
		g0 = &i15
		var v17 any = p0
		_ = i15
		_ = v16
		_ = v17
	}
	for i18 := 0; i18 < 1; i18++ {
		g3 = make([]*int, i18)
		_ = f2(i18, nil, make([]*int, 8193))
		_ = i18
	}
	return 0
}

func f5(p0 I) int {
	if g0 == nil {
		g3 = make([]*int, 100000)
		var v19 *int = new(int)
		_ = v19
	}
	g4 = nil
	var v20 **int = new(*int)
	g3 = nil
	var v21 int = 14
	v20 = v20
	*v20 = &v21
	for i22 := 0; i22 < 4; i22++ {
		g3 = make([]*int, i22)
		for i23 := 0; i23 < 2; i23++ {
			_ = i23
		}
		_ = i22
	}
	_ = v20
	_ = v21
	return 72
}

func main() {
	func() {
	}()
	if g0 == nil {
		v26 := 52
		g0 = &v26
		_ = v26
	} else {
		v27 := new(*int)
		for i28 := 0; i28 < 2; i28++ {
			if i28 > 0 {
				f3(new(*int), new(T))
			} else {
				i28++
			}
			_ = i28
		}
		_ = v27
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
