// A random program of the escape lab's Go subset (seed 12).
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
	v0 := &p0
	v1 := &p0
	var v2 *T = &T{P: p0}
	p0 = nil
	v3 := v2.Q
	_ = v0
	_ = v1
	_ = v2
	_ = v3
	return t.P
}

func f1(p0 I, p1 any, p2 *T) *T {
	for i4 := 0; i4 < 1; i4++ {
		v5 := func() int {
			i4++
			return i4
		}
		fmt.Println(v5())
		var v6 any = new(int)
		fmt.Println("s2", p1)
		_ = i4
		_ = v6
	}
	for i7 := 0; i7 < 1; i7++ {
		i7++
		_ = i7
	}
	p1 = p2.A
	for i8 := 0; i8 < 1; i8++ {
		g0 = new(int)
		_ = i8
	}
	v9 := new(T)
	v10 := 26
	for i11 := 0; i11 < 4; i11++ {
		_ = i11
	}
	_ = v9
	_ = v10
	return p2
}

func f2() {
	g0 = new(int)
	g1 = new(T)
	v13 := []*int{}
	if g0 == nil {
		g4 = nil
	} else {
		g4 = nil
	}
	v14 := 0
	_ = v13
	_ = v14
}

func main() {
	g3 = []*int{}
	_ = f1(nil, 6, new(T))
	g4 = nil
	if g0 == nil {
		if g0 == nil {
		}
	} else {
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
