// A random program of the escape lab's Go subset (seed 38).
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
	_ = t.M(new(int))
	v0 := []*int{}
	v1 := 20
	v0 = make([]*int, v1)
	var v2 **int = new(*int)
	t.P = &v1
	t = new(T)
	t = &T{}
	g0 = &v1
	g0 = new(int)
	_ = v0
	_ = v1
	_ = v2
	return *v2
}

func f1() []*int {
	for i3 := 0; i3 < 3; i3++ {
		var v4 *int = nil
		v4 = &i3
		func() {
			for i6 := 0; i6 < 2; i6++ {
				if i6 < 3 {
					_ = f1()
				}
				_ = i6
			}
		}()
		_ = i3
		_ = v4
	}
	return []*int{}
}

func f2(p0 *int, p1 int) **int {
	g0 = &p1
	g0 = &p1
	v7 := []*int{}
	g2 = 60
	v8 := &p0
	p1 = 43
	g0 = &p1
	v9 := new(T)
	_ = v9.M(nil)
	v10 := p1
	_ = v7
	_ = v8
	_ = v9
	_ = v10
	return v8
}

func f3(p0 **int) {
	g4 = nil
	v11 := new(T)
	for i12 := 0; i12 < 4; i12++ {
		i12++
		v13 := new(*int)
		_ = i12
		_ = v13
	}
	g4 = nil
	_ = f2(nil, 75)
	var v14 *T = v11.Q
	v15 := make([]*int, 8192)
	g4 = nil
	if g0 == nil {
		var v16 any = 2
		v17 := []*int{}
		_ = v16
		_ = v17
	}
	if g0 == nil {
	} else {
	}
	_ = v11
	_ = v14
	_ = v15
}

func f4(p0 *int) any {
	v18 := []*int{}
	var v19 *T = new(T)
	v21 := 19
	v21 = 45
	if v21 < 3 {
		_ = f4(new(int))
	}
	if p0 != nil {
		for i22 := 0; i22 < 1; i22++ {
			_ = f2(v18[0], len(v18))
			_ = v19.M(new(int))
			_ = i22
		}
		_ = v19.M(v19.P)
	} else {
	}
	_ = v18
	_ = v19
	_ = v21
	return any(v21)
}

func f5(p0 I) *int {
	if g0 == nil {
		var v23 []*int = []*int{}
		_ = v23
	} else {
		g4 = nil
		v24 := new(*int)
		_ = v24
	}
	v25 := new(*int)
	var v26 **int = new(*int)
	_ = v25
	_ = v26
	return new(int)
}

func main() {
	g2 = 91
	g1 = new(T)
	_ = f4(new(int))
	v30 := new(T)
	_ = f4(new(int))
	v31 := v30
	_ = v30
	_ = v31
	fmt.Println(g0, g1, g2, g3, g4)
}
