// A random program of the escape lab's Go subset (seed 32).
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
	fmt.Println(any(88))
	fmt.Printf("%v\n", 12)
	for i0 := 0; i0 < 2; i0++ {
		for i1 := 0; i1 < 4; i1++ {
			for i2 := 0; i2 < 2; i2++ {
				v3 := func() int {
					return i0
				}
				_ = v3
				g0 = &i0
				_ = i2
			}
			g0 = &i1
			_ = i1
		}
		t = t.Q
		_ = i0
	}
	var v4 *T = &T{}
	_ = v4
	return new(int)
}

func f1() {
	v5 := new(*int)
	v6 := []*int{}
	for i7 := 0; i7 < 2; i7++ {
		if i7 < 3 {
			f1()
		}
		if i7 > 0 {
			g0 = &i7
			g2 = "s2"
		} else {
			g0 = &i7
			var v8 any = i7 + 2
			_ = v8
		}
		_ = i7
	}
	_ = v5
	_ = v6
}

func f2(p0 *int) *T {
	f1()
	v9 := 83
	v9++
	g1 = new(T)
	func() {
		if v9 < 3 {
			_ = f2(p0)
		}
	}()
	var v11 int = v9
	g0 = &v9
	g2 = new(T)
	if v9 > 1 {
		g2 = v9
		g4 = nil
	} else {
	}
	_ = v9
	_ = v11
	return new(T)
}

func f3(p0 *int) any {
	for i12 := 0; i12 < 2; i12++ {
		_ = f2(p0)
		v13 := new(T)
		var v14 int = i12 + 3
		_ = i12
		_ = v13
		_ = v14
	}
	for i15 := 0; i15 < 3; i15++ {
		if i15 < 3 {
			_ = f3(&i15)
		}
		if i15 > 1 {
			var v16 *int = new(int)
			_ = v16
		} else {
			v17 := func() *int {
				return p0
			}
			_ = v17()
			g4 = v17
			v18 := new(T)
			_ = v18
		}
		_ = i15
	}
	return new(int)
}

func f4(p0 *int, p1 []*int, p2 *T) {
	v19 := p2
	v20 := p0
	if v20 != nil {
		if g0 == nil {
			var v21 []*int = make([]*int, 10)
			_ = v21
		}
		if v20 != nil {
			g4 = nil
		} else {
		}
	}
	_ = v19
	_ = v20
}

func f5(p0 *T) {
	p0.Q = f2(new(int))
	var v22 *T = new(T)
	g3 = []*int{}
	g4 = nil
	p0.I = 55
	_ = v22
}

func main() {
	for i25 := 0; i25 < 4; i25++ {
		f1()
		for i26 := 0; i26 < 1; i26++ {
			var v27 any = &i26
			g0 = &i25
			if i26 > 3 {
				if i25 > 4 {
					g0 = new(int)
					g0 = &i25
				}
				f4(new(int), []*int{}, new(T))
			} else {
				v28 := new(*int)
				_ = v28
			}
			_ = i26
			_ = v27
		}
		_ = i25
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
