// A random program of the escape lab's Go subset (seed 21).
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
	var v0 *T = nil
	g3 = []*int{}
	var v1 *int = t.P
	for i3 := 0; i3 < 1; i3++ {
		g0 = &i3
		v4 := v0.S
		_ = i3
		_ = v4
	}
	if p0 != nil {
		v5 := new(int)
		_ = v5
	} else {
		var v6 *T = v0
		_ = v6
	}
	_ = v0
	_ = v1
	return v1
}

func f1(p0 int, p1 int) *T {
	g3 = []*int{}
	v7 := new(*int)
	var v8 *T = nil
	v9 := func() int {
		p1++
		return p1
	}
	_ = v9
	v10 := p0
	v8.I = v8
	v11 := new(*int)
	v12 := make([]*int, 100000)
	v13 := v12
	v12 = []*int{}
	p1++
	g2 = 98
	g0 = &p1
	for i14 := 0; i14 < 1; i14++ {
		v13 = v13
		_ = i14
	}
	_ = v7
	_ = v8
	_ = v10
	_ = v11
	_ = v12
	_ = v13
	return &T{}
}

func f2(p0 *int, p1 any, p2 **int) any {
	if g0 == nil {
		for i16 := 0; i16 < 2; i16++ {
			for i17 := 0; i17 < 2; i17++ {
				v18 := make([]*int, i17)
				_ = i17
				_ = v18
			}
			i16++
			_ = i16
		}
		for i19 := 0; i19 < 2; i19++ {
			_ = f1(9, 86)
			_ = i19
		}
	}
	v20 := 21
	g1 = new(T)
	v21 := 96
	_ = v20
	_ = v21
	return "s2"
}

func f3(p0 *int, p1 int, p2 I) any {
	_ = f2(&p1, &p1, &p0)
	if p0 != nil {
		p1++
		g1 = f1(11, *p0)
		var v22 *T = new(T)
		_ = v22
	}
	for i23 := 0; i23 < 3; i23++ {
		g2 = 73
		fmt.Println(any(43), 73, new(int))
		_ = i23
	}
	g2 = p1
	g2 = new(T)
	return "s3"
}

func main() {
	g4 = nil
	g2 = 44
	if g0 == nil {
		if g0 == nil {
			_ = f2(new(int), &T{}, new(*int))
			if g0 == nil {
				var v24 []*int = nil
				_ = f3(new(int), 61, nil)
				_ = v24
			} else {
				v25 := new(int)
				_ = v25
			}
		}
	} else {
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
