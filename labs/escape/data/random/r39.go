// A random program of the escape lab's Go subset (seed 39).
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
		v1 := func() int {
			i0++
			return i0
		}
		fmt.Println(v1())
		_ = i0
	}
	v2 := []*int{}
	t.I = new(int)
	for i3 := 0; i3 < 2; i3++ {
		for i4 := 0; i4 < 4; i4++ {
			v5 := &T{P: p0}
			v2 = v2
			v6 := v2
			_ = i4
			_ = v5
			_ = v6
		}
		v7 := func() int {
			return i3
		}
		_ = v7
		v8 := func() int {
			return i3
		}
		_ = v8
		_ = i3
	}
	_ = v2
	return v2[0]
}

func f1(p0 I) []*int {
	g3 = []*int{}
	g3 = []*int{}
	g4 = nil
	fmt.Printf("%v\n", 55, any(91), 39)
	v9 := new(int)
	if v9 != nil {
		v10 := new(T)
		var v11 any = &T{P: v9}
		v12 := make([]*int, 8193)
		_ = v10
		_ = v11
		_ = v12
	} else {
	}
	_ = v9
	return []*int{}
}

func f2(p0 []*int, p1 *T, p2 *T) []*int {
	g4 = nil
	g4 = nil
	if g0 == nil {
		fmt.Println(46, any(55))
	} else {
		g2 = new(int)
		for i14 := 0; i14 < 4; i14++ {
			for i15 := 0; i15 < 2; i15++ {
				for i16 := 0; i16 < 2; i16++ {
					p0 = p0
					_ = i16
				}
				_ = i15
			}
			_ = i14
		}
	}
	return []*int{}
}

func main() {
	for i17 := 0; i17 < 2; i17++ {
		var v18 any = i17
		_ = i17
		_ = v18
	}
	var v19 any = 31
	v20 := []*int{}
	v21 := new(*int)
	_ = f2([]*int{}, &T{}, new(T))
	for i22 := 0; i22 < 3; i22++ {
		v23 := func() int {
			return i22
		}
		_ = v23
		for i24 := 0; i24 < 3; i24++ {
			v25 := v21
			_ = f1(nil)
			_ = i24
			_ = v25
		}
		_ = i22
	}
	var v26 *T = new(T)
	_ = v19
	_ = v20
	_ = v21
	_ = v26
	fmt.Println(g0, g1, g2, g3, g4)
}
