// A random program of the escape lab's Go subset (seed 35).
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
	v0 := *p0
	g4 = nil
	v1 := *p0
	if v1 > 4 {
		var v2 []*int = []*int{}
		for i3 := 0; i3 < 3; i3++ {
			g0 = &v1
			_ = i3
		}
		_ = v2
	}
	_ = v0
	_ = v1
	return &v0
}

func f1(p0 []*int, p1 *T, p2 *int) []*int {
	for i4 := 0; i4 < 3; i4++ {
		g2 = p1.A
		for i5 := 0; i5 < 1; i5++ {
			v6 := func() *int {
				return p2
			}
			_ = v6()
			var v7 any = 64
			_ = i5
			_ = v7
		}
		_ = i4
	}
	v8 := p2
	g4 = nil
	v9 := new(int)
	v10 := p1.S
	v11 := func() *int {
		return v8
	}
	_ = v11()
	_ = v8
	_ = v9
	_ = v10
	return p0
}

func f2(p0 **int) any {
	_ = f1([]*int{}, new(T), new(int))
	g3 = []*int{}
	for i12 := 0; i12 < 3; i12++ {
		v13 := i12
		var v14 int = 66
		_ = i12
		_ = v13
		_ = v14
	}
	for i15 := 0; i15 < 3; i15++ {
		if i15 < 3 {
			_ = f2(p0)
		}
		_ = i15
	}
	return 96
}

func main() {
	if g0 == nil {
		for i16 := 0; i16 < 1; i16++ {
			for i17 := 0; i17 < 1; i17++ {
				v18 := new(*int)
				fmt.Printf("%v\n", new(int), i16, new(T))
				_ = i17
				_ = v18
			}
			fmt.Println(13, 69, i16 + 5)
			_ = i16
		}
		_ = f2(new(*int))
	} else {
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
