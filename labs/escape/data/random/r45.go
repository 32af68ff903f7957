// A random program of the escape lab's Go subset (seed 45).
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
	func() {
		v1 := &p0
		if g0 == nil {
			v2 := []*int{}
			g2 = *p0
			_ = v2
		}
		_ = v1
	}()
	return new(int)
}

func f1(p0 []*int) int {
	p0 = make([]*int, 10)
	v3 := new(*int)
	v3 = new(*int)
	v4 := len(p0)
	v5 := new(T)
	v5 = nil
	func() {
		v7 := func() int {
			return v4
		}
		_ = v7
		if v4 < 3 {
			_ = f1(make([]*int, 8192))
		}
	}()
	if v4 > 0 {
		func() {
			v9 := v5
			_ = v9
		}()
	}
	_ = v3
	_ = v4
	_ = v5
	return v4
}

func f2(p0 []*int) {
	for i10 := 0; i10 < 4; i10++ {
		fmt.Printf("%v\n", nil, i10 + 5, any(9))
		_ = i10
	}
	if g0 == nil {
		p0 = nil
		if g0 == nil {
		} else {
		}
	}
}

func f3(p0 int, p1 int) *T {
	for i12 := 0; i12 < 4; i12++ {
		v13 := new(int)
		var v14 []*int = []*int{}
		_ = i12
		_ = v13
		_ = v14
	}
	for i15 := 0; i15 < 3; i15++ {
		g0 = &p0
		v16 := func() int {
			p1++
			return p1
		}
		fmt.Println(v16())
		_ = i15
	}
	v17 := []*int{}
	_ = v17
	return &T{}
}

func main() {
	if g0 == nil {
		v18 := &T{}
		_ = v18
	}
	f2([]*int{})
	var v20 **int = new(*int)
	g2 = any(37)
	g3 = []*int{}
	_ = v20
	fmt.Println(g0, g1, g2, g3, g4)
}
