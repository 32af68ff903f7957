// A random program of the escape lab's Go subset (seed 20).
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
	g3 = []*int{}
	func() {
		g3 = []*int{}
		g1 = t
	}()
	v2 := []*int{}
	_ = v2
	return p0
}

func f1(p0 []*int, p1 I, p2 I) any {
	_ = p2.M(new(int))
	g0 = new(int)
	v4 := new(int)
	_ = p2.M(p0[0])
	_ = v4
	return v4
}

func f2(p0 any) any {
	g0 = new(int)
	for i5 := 0; i5 < 1; i5++ {
		var v6 any = p0
		_ = i5
		_ = v6
	}
	var v7 any = 91
	_ = f1([]*int{}, nil, nil)
	if g0 == nil {
	}
	_ = v7
	return new(int)
}

func f3(p0 I) any {
	for i8 := 0; i8 < 3; i8++ {
		g3 = []*int{}
		for i9 := 0; i9 < 3; i9++ {
			for i10 := 0; i10 < 3; i10++ {
				g1 = new(T)
				g4 = nil
				_ = i10
			}
			_ = i9
		}
		_ = i8
	}
	v11 := 63
	g2 = new(int)
	g0 = new(int)
	_ = v11
	return v11
}

func f4(p0 *int, p1 *int, p2 **int) {
	_ = f1([]*int{}, nil, nil)
	if p1 != nil {
		g3 = []*int{}
	}
	g3 = []*int{}
	for i12 := 0; i12 < 4; i12++ {
		i12++
		_ = i12
	}
	for i13 := 0; i13 < 4; i13++ {
		v14 := &i13
		g3 = make([]*int, i13)
		_ = i13
		_ = v14
	}
}

func main() {
	g1 = new(T)
	g1 = new(T)
	if g0 == nil {
		for i16 := 0; i16 < 3; i16++ {
			v17 := 81
			g4 = nil
			func() {
				g3 = []*int{}
			}()
			_ = i16
			_ = v17
		}
	} else {
		v19 := new(T)
		func() {
			v21 := new(*int)
			v22 := v19.A
			_ = v21
			_ = v22
		}()
		_ = v19
	}
	var v23 any = 18
	v24 := new(T)
	_ = v23
	_ = v24
	fmt.Println(g0, g1, g2, g3, g4)
}
