// A random program of the escape lab's Go subset (seed 8).
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
	g3 = []*int{}
	if p0 != nil {
	} else {
		v0 := 91
		_ = v0
	}
	v1 := &p0
	g3 = []*int{}
	p0 = p0
	if p0 != nil {
		v2 := func() *int {
			return p0
		}
		_ = v2()
	}
	_ = t.M(p0)
	if g0 == nil {
		var v3 *int = *v1
		_ = v3
	}
	_ = v1
	return nil
}

func f1(p0 []*int, p1 **int) []*int {
	if g0 == nil {
	}
	v5 := 55
	for i6 := 0; i6 < 2; i6++ {
		for i7 := 0; i7 < 4; i7++ {
			var v8 any = &i7
			func() {
				g0 = &i7
			}()
			if v5 < 3 {
				_ = f1(p0, new(*int))
			}
			_ = i7
			_ = v8
		}
		_ = i6
	}
	_ = v5
	return []*int{}
}

func f2(p0 *int, p1 *int, p2 *int) int {
	g2 = 27
	if p2 != nil {
		for i10 := 0; i10 < 4; i10++ {
			v11 := &T{P: p2}
			v12 := f1([]*int{p2}, &p0)
			_ = i10
			_ = v11
			_ = v12
		}
		g4 = nil
	} else {
		for i13 := 0; i13 < 3; i13++ {
			var v14 **int = new(*int)
			i13 = i13
			_ = i13
			_ = v14
		}
		for i15 := 0; i15 < 2; i15++ {
			g4 = nil
			v16 := make([]*int, i15)
			_ = i15
			_ = v16
		}
	}
	return 96
}

func f3() *T {
	v17 := []*int{}
	if g0 == nil {
		g2 = 0
	} else {
		if g0 == nil {
			g1 = &T{}
			var v18 any = any(52)
			for i19 := 0; i19 < 1; i19++ {
				var v20 *T = new(T)
				_ = i19
				_ = v20
			}
			_ = v18
		} else {
		}
	}
	_ = v17
	return new(T)
}

func f4(p0 I) *int {
	g3 = []*int{}
	_ = p0.M(new(int))
	g2 = 30
	v21 := 29
	v22 := func() int {
		v21++
		return v21
	}
	_ = v22
	g2 = v21
	var v23 any = new(T)
	var v24 any = v21
	v25 := new(int)
	v21 = *v25
	_ = v21
	_ = v23
	_ = v24
	_ = v25
	return &v21
}

func f5(p0 **int) {
	g3 = make([]*int, 4)
	_ = f4(nil)
	for i26 := 0; i26 < 1; i26++ {
		for i27 := 0; i27 < 1; i27++ {
			v28 := func() int {
				return i27
			}
			_ = v28
			g1 = &T{A: i26}
			_ = i27
		}
		_ = i26
	}
}

func main() {
	v29 := new(int)
	v30 := 4
	g0 = v29
	fmt.Println(v30, new(T))
	g1 = &T{P: v29}
	g2 = 11
	if v30 > 4 {
	}
	_ = v29
	_ = v30
	fmt.Println(g0, g1, g2, g3, g4)
}
