// A random program of the escape lab's Go subset (seed 42).
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
		_ = t.M(p0)
		var v1 any = 82
		_ = i0
		_ = v1
	}
	var v2 any = new(int)
	v3 := 24
	t.P = nil
	var v4 any = v2
	v3++
	_ = v2
	_ = v3
	_ = v4
	return new(int)
}

func f1(p0 *int, p1 I, p2 []*int) int {
	v5 := func() *int {
		return p0
	}
	_ = v5()
	v6 := 64
	v7 := &T{A: v6}
	if v6 < 3 {
		_ = f1(p0, nil, append(p2, p0))
	}
	if v6 > 3 {
	}
	_ = v6
	_ = v7
	return len(p2)
}

func f2(p0 any, p1 I) {
	p0 = 66
	g3 = make([]*int, 100000)
	var v8 any = 86
	g4 = nil
	v9 := []*int{}
	_ = f1(nil, nil, v9)
	v10 := new(*int)
	for i11 := 0; i11 < 2; i11++ {
		if i11 > 3 {
			if i11 < 3 {
				f2(97, nil)
			}
			var v12 *T = new(T)
			_ = v12
		}
		var v13 *T = nil
		_ = i11
		_ = v13
	}
	g4 = nil
	_ = v8
	_ = v9
	_ = v10
}

func f3() {
	g1 = new(T)
	g4 = nil
	if g0 == nil {
		_ = f1(new(int), nil, []*int{})
	}
	var v14 **int = new(*int)
	var v15 **int = new(*int)
	g1 = new(T)
	var v16 any = 56
	_ = v14
	_ = v15
	_ = v16
}

func f4(p0 *int) int {
	v17 := new(*int)
	var v18 []*int = nil
	for i19 := 0; i19 < 1; i19++ {
		if p0 != nil {
			for i20 := 0; i20 < 4; i20++ {
				f2("s7", nil)
				_ = i20
			}
		} else {
			g0 = &i19
		}
		for i21 := 0; i21 < 4; i21++ {
			if i19 > 0 {
				if i21 > 1 {
					v22 := new(T)
					var v23 any = i21
					g3 = append(v18, p0)
					_ = v22
					_ = v23
				} else {
					v17 = &p0
				}
			} else {
			}
			_ = i21
		}
		_ = i19
	}
	_ = v17
	_ = v18
	return 93
}

func main() {
	for i24 := 0; i24 < 2; i24++ {
		for i25 := 0; i25 < 3; i25++ {
			f2(&T{}, nil)
			var v26 any = i25
			_ = i25
			_ = v26
		}
		_ = i24
	}
	g3 = []*int{}
	var v27 any = 34
	var v28 any = v27
	g4 = nil
	_ = v27
	_ = v28
	fmt.Println(g0, g1, g2, g3, g4)
}
