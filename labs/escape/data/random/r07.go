// A random program of the escape lab's Go subset (seed 7).
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
	for i0 := 0; i0 < 3; i0++ {
		g3 = []*int{}
		i0 = i0
		_ = i0
	}
	for i1 := 0; i1 < 1; i1++ {
		v2 := &p0
		_ = i1
		_ = v2
	}
	v3 := &p0
	if p0 != nil {
		if p0 != nil {
			if p0 != nil {
				g3 = []*int{}
				t.I = 85
			} else {
			}
		} else {
		}
	}
	_ = v3
	return *v3
}

func f1(p0 **int, p1 *T) {
	if g0 == nil {
	} else {
		if g0 == nil {
			p0 = p0
			v4 := &p1.P
			_ = v4
		}
		v5 := []*int{}
		_ = v5
	}
	var v7 **int = p0
	v8 := new(*int)
	if g0 == nil {
	} else {
	}
	_ = v7
	_ = v8
}

func main() {
	for i9 := 0; i9 < 1; i9++ {
		v10 := func() int {
			i9++
			return i9
		}
		_ = v10
		_ = i9
	}
	g3 = []*int{}
	fmt.Println(new(T), 10, any(8))
	g4 = nil
	g0 = new(int)
	v12 := new(*int)
	f1(v12, new(T))
	_ = v12
	fmt.Println(g0, g1, g2, g3, g4)
}
