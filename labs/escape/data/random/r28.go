// A random program of the escape lab's Go subset (seed 28).
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
	for i0 := 0; i0 < 2; i0++ {
		fmt.Println(t.A, &T{P: p0}, i0)
		_ = i0
	}
	var v1 int = 42
	v1++
	v1 = v1 + 2
	v2 := func() *int {
		return p0
	}
	_ = v2()
	v3 := []*int{}
	p0 = p0
	v4 := v1
	v5 := t.A
	_ = v1
	_ = v3
	_ = v4
	_ = v5
	return new(int)
}

func f1(p0 int, p1 **int) {
	v6 := new(int)
	v7 := new(*int)
	if p0 > 2 {
		v8 := &v6
		_ = v8
	}
	v9 := 73
	if v6 != nil {
		g1 = new(T)
	} else {
		v10 := func() int {
			v9++
			return v9
		}
		fmt.Println(v10())
	}
	func() {
		g2 = 91
		v12 := &T{}
		_ = v12
	}()
	_ = v6
	_ = v7
	_ = v9
}

func f2(p0 any, p1 any, p2 I) *int {
	v13 := []*int{}
	var v14 int = 27
	v15 := new(int)
	if v14 > 1 {
		v13 = []*int{}
	}
	fmt.Println(any(len(v13)))
	v16 := &v15
	fmt.Println(p1, nil, "s9")
	g4 = nil
	v17 := new(T)
	var v18 *int = nil
	v19 := len(v13)
	v13 = make([]*int, v14)
	_ = v13
	_ = v14
	_ = v15
	_ = v16
	_ = v17
	_ = v18
	_ = v19
	return &v19
}

func main() {
	if g0 == nil {
		func() {
			v21 := new(int)
			_ = v21
		}()
		g4 = nil
	}
	var v22 *T = new(T)
	v23 := 84
	_ = v22.M(&v23)
	v22 = new(T)
	func() {
		v25 := &v23
		_ = v25
	}()
	v26 := []*int{}
	if v23 > 2 {
		if v23 > 1 {
		}
	}
	_ = v22
	_ = v23
	_ = v26
	fmt.Println(g0, g1, g2, g3, g4)
}
