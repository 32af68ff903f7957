// A random program of the escape lab's Go subset (seed 6).
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
	g3 = make([]*int, 10)
	p0 = new(int)
	if g0 == nil {
		g4 = nil
		v0 := p0
		var v1 int = 93
		_ = v0
		_ = v1
	} else {
		p0 = new(int)
	}
	var v2 int = t.A
	v3 := &T{A: v2}
	_ = v2
	_ = v3
	return new(int)
}

func f1(p0 []*int, p1 any) **int {
	v4 := new(*int)
	var v5 *T = new(T)
	v6 := v5.S
	v7 := v5.P
	_ = v4
	_ = v5
	_ = v6
	_ = v7
	return &v7
}

func f2(p0 any, p1 *T) int {
	_ = p1.M(new(int))
	g4 = nil
	if g0 == nil {
		for i9 := 0; i9 < 2; i9++ {
			v10 := func() int {
				return i9
			}
			fmt.Println(v10())
			_ = i9
		}
		if g0 == nil {
			v11 := p1
			_ = v11
		} else {
			g0 = new(int)
		}
		for i13 := 0; i13 < 3; i13++ {
			i13 = i13
			_ = i13
		}
	}
	return 69
}

func f3() *T {
	if g0 == nil {
		fmt.Println(8, new(int))
		var v14 **int = new(*int)
		g1 = nil
		_ = v14
	} else {
		if g0 == nil {
			v15 := 18
			for i16 := 0; i16 < 3; i16++ {
				g0 = new(int)
				func() {
					g0 = new(int)
				}()
				var v18 any = 85
				_ = i16
				_ = v18
			}
			if v15 > 3 {
				v15 = v15
			} else {
				for i19 := 0; i19 < 2; i19++ {
					_ = i19
				}
			}
			_ = v15
		}
	}
	return new(T)
}

func f4(p0 *int, p1 I, p2 any) {
	if p0 != nil {
		if g0 == nil {
			var v20 any = p2
			_ = f1(make([]*int, 8193), 81)
			_ = v20
		}
		v21 := new(T)
		_ = v21
	} else {
	}
	p2 = p2
	g4 = nil
	p2 = 40
	v22 := 78
	_ = v22
}

func f5() *int {
	g2 = 46
	g2 = 32
	var v23 *T = new(T)
	_ = v23.M(new(int))
	v23.P = new(int)
	for i24 := 0; i24 < 1; i24++ {
		if i24 > 3 {
		} else {
		}
		_ = i24
	}
	_ = v23
	return new(int)
}

func main() {
	v25 := []*int{}
	g0 = new(int)
	_ = f5()
	g4 = nil
	var v26 []*int = make([]*int, 8192)
	g1 = new(T)
	var v27 any = "s6"
	fmt.Println(new(int), &T{})
	for i28 := 0; i28 < 4; i28++ {
		var v29 *T = &T{A: i28}
		_ = i28
		_ = v29
	}
	_ = v25
	_ = v26
	_ = v27
	fmt.Println(g0, g1, g2, g3, g4)
}
