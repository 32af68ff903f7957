// A random program of the escape lab's Go subset (seed 24).
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
	for i0 := 0; i0 < 1; i0++ {
		g0 = &i0
		for i1 := 0; i1 < 4; i1++ {
			if p0 != nil {
				v2 := new(int)
				if p0 != nil {
					v3 := &t.P
					g3 = []*int{}
					_ = v3
				} else {
					var v4 any = "s4"
					_ = v4
				}
				_ = v2
			}
			_ = i1
		}
		_ = i0
	}
	if p0 != nil {
		t = t
		g4 = nil
	} else {
		v5 := func() *int {
			return p0
		}
		_ = v5()
	}
	return nil
}

func f1(p0 int) **int {
	v6 := []*int{}
	fmt.Printf("%v\n", new(int), p0 + 1)
	fmt.Println(any(p0), p0)
	g3 = []*int{}
	v7 := func() int {
		p0++
		return p0
	}
	fmt.Println(v7())
	g0 = &p0
	v8 := 7
	for i9 := 0; i9 < 2; i9++ {
		v8 = 19
		p0++
		var v10 **int = new(*int)
		_ = i9
		_ = v10
	}
	g4 = nil
	var v11 **int = new(*int)
	var v12 int = p0 + 6
	v8++
	_ = v6
	_ = v8
	_ = v11
	_ = v12
	return new(*int)
}

func main() {
	_ = f1(97)
	g2 = "s1"
	g1 = new(T)
	_ = f1(49)
	v13 := new(*int)
	var v14 any = new(int)
	if g0 == nil {
		v15 := []*int{}
		v16 := new(int)
		_ = v15
		_ = v16
	}
	_ = v13
	_ = v14
	fmt.Println(g0, g1, g2, g3, g4)
}
