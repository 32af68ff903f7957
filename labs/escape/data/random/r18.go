// A random program of the escape lab's Go subset (seed 18).
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
	var v0 int = *p0
	if v0 > 3 {
		for i1 := 0; i1 < 4; i1++ {
			i1++
			_ = i1
		}
		for i2 := 0; i2 < 3; i2++ {
			g2 = i2
			var v3 *int = new(int)
			_ = i2
			_ = v3
		}
	} else {
		if p0 != nil {
			t = &T{A: v0}
		}
	}
	for i4 := 0; i4 < 3; i4++ {
		_ = i4
	}
	_ = v0
	return &v0
}

func f1(p0 any) {
	v5 := new(T)
	if g0 == nil {
		_ = v5.M(new(int))
	} else {
		v6 := new(int)
		for i7 := 0; i7 < 4; i7++ {
			v8 := i7
			if v8 < 3 {
				f1(any(*v6))
			}
			_ = i7
			_ = v8
		}
		_ = v6
	}
	fmt.Println(nil)
	var v9 *T = v5
	g4 = nil
	_ = v5
	_ = v9
}

func f2(p0 I, p1 *T, p2 int) {
	for i10 := 0; i10 < 3; i10++ {
		i10++
		_ = i10
	}
	p2++
	var v11 any = 37
	g0 = &p2
	var v12 **int = new(*int)
	fmt.Printf("%v\n", p2 + 8)
	p1 = &T{}
	g2 = p1
	_ = v11
	_ = v12
}

func main() {
	if g0 == nil {
		var v13 any = new(int)
		_ = v13
	} else {
	}
	g4 = nil
	for i15 := 0; i15 < 1; i15++ {
		g1 = nil
		_ = i15
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
