// A random program of the escape lab's Go subset (seed 48).
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
		i0++
		_ = i0
	}
	v1 := 93
	g4 = nil
	p0 = t.P
	g0 = &v1
	func() {
		if v1 > 0 {
			if p0 != nil {
				if p0 != nil {
					t = t.Q
				}
			} else {
			}
		} else {
		}
	}()
	_ = v1
	return p0
}

func f1(p0 *T) []*int {
	g4 = nil
	v3 := make([]*int, 4)
	var v4 *int = new(int)
	g4 = nil
	fmt.Printf("%v\n", 11, any(p0.A), 97)
	_ = p0.M(v4)
	if v4 != nil {
		var v5 int = 27
		_ = v5
	}
	_ = v3
	_ = v4
	return nil
}

func main() {
	g1 = new(T)
	v6 := new(int)
	if g0 == nil {
		v7 := func() *int {
			return v6
		}
		_ = v7()
		g4 = v7
		for i8 := 0; i8 < 4; i8++ {
			if v6 != nil {
				if i8 > 4 {
					g4 = nil
					g1 = &T{}
				} else {
				}
			}
			_ = i8
		}
	}
	_ = v6
	fmt.Println(g0, g1, g2, g3, g4)
}
