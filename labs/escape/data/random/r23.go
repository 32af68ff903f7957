// A random program of the escape lab's Go subset (seed 23).
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
	if p0 != nil {
		if p0 != nil {
			v0 := t
			v1 := 58
			_ = v0
			_ = v1
		} else {
			for i2 := 0; i2 < 3; i2++ {
				v3 := &t.P
				_ = i2
				_ = v3
			}
			g4 = nil
		}
		if p0 != nil {
			var v4 **int = &p0
			_ = v4
		} else {
		}
	}
	return new(int)
}

func f1(p0 I) {
	if g0 == nil {
	} else {
		v5 := new(int)
		_ = v5
	}
	v6 := new(*int)
	if g0 == nil {
		if g0 == nil {
			g1 = new(T)
		} else {
			func() {
			}()
			g2 = new(int)
		}
		g4 = nil
	}
	if g0 == nil {
	}
	_ = v6
}

func f2(p0 **int, p1 []*int, p2 *int) {
	if p2 != nil {
		for i10 := 0; i10 < 1; i10++ {
			fmt.Println("s1")
			_ = i10
		}
	} else {
		g3 = append(p1, p2)
		v11 := []*int{p2}
		_ = v11
	}
	v12 := func() *int {
		return p2
	}
	_ = v12()
	g4 = v12
}

func f3(p0 []*int, p1 *int) {
	p1 = p1
	v13 := p1
	g4 = nil
	func() {
		f2(&p1, p0, nil)
	}()
	g2 = 87
	v15 := 3
	_ = v13
	_ = v15
}

func f4() {
	v16 := 49
	g0 = new(int)
	g0 = new(int)
	v17 := []*int{}
	var v18 int = v16
	fmt.Println(18)
	_ = v16
	_ = v17
	_ = v18
}

func main() {
	v19 := 90
	v20 := []*int{}
	g2 = "s2"
	fmt.Printf("%v\n", v19)
	f2(new(*int), make([]*int, v19), new(int))
	v21 := make([]*int, v19)
	f3([]*int{}, &v19)
	g2 = 95
	v22 := v19
	f2(new(*int), []*int{}, new(int))
	var v23 any = 16
	v19 = v22 + 2
	func() {
	}()
	_ = v19
	_ = v20
	_ = v21
	_ = v22
	_ = v23
	fmt.Println(g0, g1, g2, g3, g4)
}
