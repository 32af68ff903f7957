// A random program of the escape lab's Go subset (seed 30).
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
	v0 := 44
	v1 := func() *int {
		return p0
	}
	_ = v1()
	if p0 != nil {
		v2 := &p0
		if p0 != nil {
			v3 := v2
			_ = t.M(p0)
			_ = v3
		}
		for i4 := 0; i4 < 3; i4++ {
			v2 = v2
			_ = i4
		}
		_ = v2
	}
	v5 := new(*int)
	if v0 > 1 {
		_ = t.M(&v0)
		t = t
	} else {
	}
	_ = v0
	_ = v5
	return *v5
}

func f1() any {
	g1 = &T{}
	g0 = new(int)
	v6 := 80
	g0 = &v6
	if v6 > 0 {
		var v7 any = new(T)
		if v6 < 3 {
			_ = f1()
		}
		v8 := new(int)
		_ = v7
		_ = v8
	} else {
	}
	_ = v6
	return &T{A: v6}
}

func main() {
	v9 := new(*int)
	if g0 == nil {
		_ = f1()
		g2 = any(91)
	}
	if g0 == nil {
	}
	_ = v9
	fmt.Println(g0, g1, g2, g3, g4)
}
