// A random program of the escape lab's Go subset (seed 3).
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
	p0 = nil
	g3 = []*int{}
	_ = t.M(t.P)
	fmt.Println(any(*p0), nil)
	v0 := func() *int {
		return p0
	}
	_ = v0()
	var v1 any = t.P
	for i2 := 0; i2 < 4; i2++ {
		v3 := []*int{}
		g4 = nil
		_ = i2
		_ = v3
	}
	_ = t.M(new(int))
	_ = v1
	return new(int)
}

func f1(p0 any, p1 []*int) **int {
	var v5 *int = new(int)
	var v6 *T = new(T)
	func() {
		p1 = append(p1, v5)
		p0 = 15
	}()
	for i8 := 0; i8 < 4; i8++ {
		g1 = &T{P: v5}
		v9 := func() int {
			i8++
			return i8
		}
		fmt.Println(v9())
		v10 := func() *int {
			return v5
		}
		_ = v10()
		g4 = v10
		_ = i8
	}
	if v5 != nil {
		v11 := 65
		for i12 := 0; i12 < 3; i12++ {
			_ = i12
		}
		_ = v11
	}
	_ = v5
	_ = v6
	return &v5
}

func main() {
	var v13 *T = new(T)
	if g0 == nil {
		g4 = nil
	}
	v14 := v13.S
	g0 = new(int)
	g4 = nil
	func() {
		fmt.Printf("%v\n", any(89), 70, new(T))
		v14 = v14
	}()
	_ = v13
	_ = v14
	fmt.Println(g0, g1, g2, g3, g4)
}
