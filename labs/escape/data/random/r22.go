// A random program of the escape lab's Go subset (seed 22).
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
	t = &T{P: p0}
	var v0 any = 62
	g4 = nil
	v1 := make([]*int, 10)
	v2 := func() *int {
		return p0
	}
	_ = v2()
	g4 = nil
	v3 := &T{}
	for i4 := 0; i4 < 1; i4++ {
		var v5 any = v0
		_ = i4
		_ = v5
	}
	for i6 := 0; i6 < 3; i6++ {
		v7 := 80
		_ = i6
		_ = v7
	}
	_ = v0
	_ = v1
	_ = v3
	return new(int)
}

func f1(p0 int, p1 int, p2 *T) **int {
	p1 = 44
	g2 = "s9"
	g2 = any(93)
	var v8 int = p0 + 6
	func() {
		p0++
	}()
	v10 := []*int{}
	var v11 any = &p0
	p1++
	v11 = any(74)
	v12 := new(*int)
	_ = v8
	_ = v10
	_ = v11
	_ = v12
	return new(*int)
}

func f2(p0 []*int, p1 any, p2 **int) *T {
	var v13 any = len(p0)
	v14 := new(int)
	for i15 := 0; i15 < 2; i15++ {
		v16 := func() *int {
			return v14
		}
		_ = v16()
		_ = i15
	}
	_ = f1(50, 56, &T{P: v14})
	fmt.Printf("%v\n", 5, p1, 8)
	v17 := func() *int {
		return v14
	}
	_ = v17()
	p0 = append(p0, v14)
	var v18 **int = &v14
	v19 := &T{P: v14}
	v20 := v19
	_ = v13
	_ = v14
	_ = v18
	_ = v19
	_ = v20
	return &T{}
}

func f3(p0 *T, p1 *int) {
	g2 = *p1
	for i21 := 0; i21 < 1; i21++ {
		var v22 *T = new(T)
		for i23 := 0; i23 < 4; i23++ {
			v24 := 81
			g0 = &v24
			_ = i23
			_ = v24
		}
		p1 = new(int)
		_ = i21
		_ = v22
	}
	v26 := func() *int {
		return p1
	}
	_ = v26()
	p1 = p1
	for i27 := 0; i27 < 3; i27++ {
		_ = i27
	}
}

func f4(p0 int, p1 **int) {
	p0 = 93
	if p0 < 3 {
		f4(69, new(*int))
	}
	v28 := func() int {
		return p0
	}
	fmt.Println(v28())
	g2 = 79
	if p0 > 1 {
		g0 = &p0
	}
	if p0 > 1 {
		if p0 > 1 {
		} else {
		}
	}
}

func f5(p0 **int, p1 *int) *int {
	if p1 != nil {
		_ = f1(66, 68, &T{P: p1})
		v29 := new(T)
		f3(f2(v29.S, p1, &p1), new(int))
		_ = v29
	} else {
		func() {
			_ = f1(80, 7, new(T))
		}()
	}
	v31 := []*int{}
	for i32 := 0; i32 < 3; i32++ {
		i32++
		_ = i32
	}
	_ = v31
	return new(int)
}

func main() {
	if g0 == nil {
		g4 = nil
		g3 = []*int{}
	} else {
		f4(63, new(*int))
	}
	if g0 == nil {
		v34 := new(T)
		_ = f2([]*int{}, "s2", new(*int))
		_ = v34
	}
	if g0 == nil {
		g4 = nil
		var v35 *int = new(int)
		v36 := v35
		_ = v35
		_ = v36
	}
	f3(new(T), f5(new(*int), new(int)))
	fmt.Println(g0, g1, g2, g3, g4)
}
