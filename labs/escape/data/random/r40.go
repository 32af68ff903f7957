// A random program of the escape lab's Go subset (seed 40).
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
	v0 := &p0
	v1 := func() *int {
		return p0
	}
	_ = v1()
	g4 = v1
	_ = t.M(*v0)
	if p0 != nil {
		v2 := []*int{}
		_ = v2
	}
	var v3 any = 2
	var v4 any = 61
	g0 = p0
	v5 := p0
	_ = v0
	_ = v3
	_ = v4
	_ = v5
	return v5
}

func f1(p0 *int) int {
	fmt.Printf("%v\n", 0)
	for i6 := 0; i6 < 2; i6++ {
		for i7 := 0; i7 < 3; i7++ {
			if p0 != nil {
				i6++
				g0 = &i6
			}
			g2 = 75
			_ = i7
		}
		g2 = 55
		func() {
			for i9 := 0; i9 < 3; i9++ {
				v10 := &i6
				_ = i9
				_ = v10
			}
		}()
		_ = i6
	}
	g2 = any(88)
	g3 = []*int{}
	p0 = p0
	return 47
}

func main() {
	g4 = nil
	g0 = nil
	g1 = new(T)
	if g0 == nil {
		var v11 any = any(68)
		_ = v11
	} else {
		if g0 == nil {
			for i12 := 0; i12 < 2; i12++ {
				_ = f1(new(int))
				func() {
					i12 = i12
				}()
				_ = i12
			}
		}
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
