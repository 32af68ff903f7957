// A random program of the escape lab's Go subset (seed 11).
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
	if g0 == nil {
		p0 = new(int)
		var v0 *T = nil
		fmt.Println(new(int), &T{P: p0}, new(T))
		_ = v0
	}
	if g0 == nil {
		g2 = 99
		for i1 := 0; i1 < 1; i1++ {
			_ = i1
		}
	} else {
	}
	return new(int)
}

func f1(p0 []*int) **int {
	v2 := new(T)
	for i4 := 0; i4 < 2; i4++ {
		if i4 < 3 {
			_ = f1(v2.S)
		}
		_ = i4
	}
	g2 = 46
	v5 := new(*int)
	if g0 == nil {
		var v6 any = 7
		_ = v6
	} else {
	}
	_ = v2
	_ = v5
	return new(*int)
}

func f2(p0 any, p1 any) **int {
	g3 = []*int{}
	g4 = nil
	g3 = []*int{}
	for i9 := 0; i9 < 1; i9++ {
		g0 = &i9
		func() {
		}()
		_ = i9
	}
	return new(*int)
}

func f3(p0 *T, p1 *int) {
	p1 = new(int)
	for i11 := 0; i11 < 2; i11++ {
		for i12 := 0; i12 < 4; i12++ {
			func() {
				for i14 := 0; i14 < 3; i14++ {
					_ = f1([]*int{})
					_ = i14
				}
				v15 := new(int)
				_ = v15
			}()
			v16 := func() int {
				return i11
			}
			_ = v16
			_ = i12
		}
		_ = i11
	}
}

func f4(p0 int, p1 int, p2 any) any {
	if p1 > 4 {
		if p1 > 4 {
			v17 := []*int{}
			v18 := func() int {
				p0++
				return p0
			}
			_ = v18
			_ = v17
		} else {
			if p1 < 3 {
				_ = f4(p1, p0, p2)
			}
			g0 = &p0
		}
	}
	v19 := func() int {
		return p0
	}
	_ = v19
	v20 := func() int {
		p0++
		return p0
	}
	_ = v20
	p0++
	for i21 := 0; i21 < 1; i21++ {
		_ = f1(make([]*int, p0))
		_ = i21
	}
	return "s7"
}

func f5() {
	if g0 == nil {
	} else {
		v25 := []*int{}
		_ = v25
	}
	if g0 == nil {
		g1 = nil
	}
	g4 = nil
	g0 = new(int)
	for i26 := 0; i26 < 4; i26++ {
		_ = f4(i26, i26, i26)
		_ = i26
	}
	_ = f4(54, 96, new(int))
}

func main() {
	for i27 := 0; i27 < 1; i27++ {
		if i27 > 0 {
			func() {
				v29 := func() int {
					return i27
				}
				_ = v29
			}()
		} else {
			if i27 > 0 {
			} else {
			}
		}
		_ = i27
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
