// A random program of the escape lab's Go subset (seed 41).
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
	var v0 int = 44
	g3 = []*int{p0}
	g4 = nil
	v1 := &v0
	for i2 := 0; i2 < 3; i2++ {
		for i3 := 0; i3 < 2; i3++ {
			g0 = &v0
			for i4 := 0; i4 < 1; i4++ {
				v5 := v1
				var v6 int = 49
				_ = i4
				_ = v5
				_ = v6
			}
			_ = i3
		}
		_ = i2
	}
	_ = v0
	_ = v1
	return v1
}

func f1(p0 []*int, p1 any) int {
	func() {
		func() {
			for i10 := 0; i10 < 3; i10++ {
				if i10 < 3 {
					_ = f1(make([]*int, i10), i10)
				}
				g4 = nil
				_ = i10
			}
		}()
		v11 := 12
		_ = v11
	}()
	var v12 *T = new(T)
	p0 = []*int{}
	for i13 := 0; i13 < 2; i13++ {
		p0 = nil
		_ = i13
	}
	_ = v12
	return 89
}

func f2() {
	if g0 == nil {
	}
	var v14 any = new(int)
	for i15 := 0; i15 < 3; i15++ {
		v16 := func() int {
			i15++
			return i15
		}
		fmt.Println(v16())
		v14 = i15
		_ = i15
	}
	v14 = new(int)
	if g0 == nil {
		v17 := new(int)
		v14 = any(79)
		_ = v17
	}
	v14 = 37
	if g0 == nil {
		g4 = nil
	} else {
	}
	_ = v14
}

func main() {
	var v18 []*int = []*int{}
	fmt.Println(new(int), len(v18), 93)
	_ = f1([]*int{}, "s9")
	v19 := new(*int)
	g4 = nil
	var v20 int = 66
	g0 = &v20
	_ = v18
	_ = v19
	_ = v20
	fmt.Println(g0, g1, g2, g3, g4)
}
