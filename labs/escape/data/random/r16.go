// A random program of the escape lab's Go subset (seed 16).
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
		v1 := func() int {
			return i0
		}
		_ = v1
		_ = i0
	}
	v2 := func() *int {
		return p0
	}
	_ = v2()
	g4 = v2
	g3 = []*int{}
	v3 := func() *int {
		return p0
	}
	_ = v3()
	g2 = 55
	t.I = 62
	v4 := new(T)
	v4 = new(T)
	v5 := new(*int)
	for i6 := 0; i6 < 4; i6++ {
		g0 = &i6
		fmt.Printf("%v\n", i6, any(i6))
		_ = i6
	}
	_ = v4
	_ = v5
	return *v5
}

func f1(p0 []*int, p1 I, p2 any) *int {
	v7 := 84
	if v7 > 1 {
		g0 = new(int)
	}
	var v8 []*int = []*int{}
	if v7 < 3 {
		_ = f1([]*int{}, nil, p2)
	}
	var v9 **int = new(*int)
	v10 := make([]*int, 100000)
	for i11 := 0; i11 < 2; i11++ {
		_ = i11
	}
	_ = v7
	_ = v8
	_ = v9
	_ = v10
	return v8[0]
}

func f2(p0 []*int, p1 int) int {
	p1++
	p0 = []*int{}
	v12 := new(int)
	if p1 > 3 {
		v13 := func() *int {
			return v12
		}
		_ = v13()
	}
	var v14 any = any(*v12)
	v15 := func() int {
		p1++
		return p1
	}
	_ = v15
	if v12 != nil {
		g0 = &p1
	}
	_ = v12
	_ = v14
	return p1
}

func f3(p0 []*int, p1 any, p2 **int) {
	for i16 := 0; i16 < 4; i16++ {
		v17 := new(*int)
		_ = i16
		_ = v17
	}
	v18 := 25
	g1 = new(T)
	v18 = v18
	if v18 < 3 {
		f3(nil, len(p0), new(*int))
	}
	_ = v18
}

func f4(p0 *int) **int {
	v19 := new(T)
	_ = f2([]*int{}, 5)
	var v20 *T = new(T)
	v21 := &p0
	g2 = 62
	for i22 := 0; i22 < 1; i22++ {
		v23 := &p0
		v19 = &T{P: p0}
		for i24 := 0; i24 < 4; i24++ {
			_ = i24
		}
		_ = i22
		_ = v23
	}
	_ = v19
	_ = v20
	_ = v21
	return &p0
}

func main() {
	g4 = nil
	if g0 == nil {
	}
	for i25 := 0; i25 < 4; i25++ {
		g4 = nil
		_ = i25
	}
	for i26 := 0; i26 < 1; i26++ {
		v27 := f1([]*int{}, nil, new(int))
		_ = i26
		_ = v27
	}
	v28 := new(int)
	var v29 any = any(14)
	f3([]*int{}, 54, &v28)
	_ = v28
	_ = v29
	fmt.Println(g0, g1, g2, g3, g4)
}
