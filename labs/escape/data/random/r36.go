// A random program of the escape lab's Go subset (seed 36).
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
	func() {
		v1 := func() *int {
			return p0
		}
		_ = v1()
		g4 = v1
	}()
	_ = t.M(p0)
	fmt.Println(t)
	fmt.Println(any(66), "s3", nil)
	v2 := func() *int {
		return p0
	}
	_ = v2()
	g4 = v2
	return new(int)
}

func f1(p0 *T) []*int {
	g0 = new(int)
	v3 := new(int)
	g1 = p0
	p0 = &T{}
	g1 = p0
	g0 = new(int)
	if g0 == nil {
		for i5 := 0; i5 < 4; i5++ {
			p0 = p0
			func() {
				v7 := &T{P: v3}
				_ = v7
			}()
			_ = i5
		}
	} else {
	}
	_ = v3
	return p0.S
}

func main() {
	v8 := new(*int)
	g3 = []*int{}
	v9 := new(int)
	*v8 = new(int)
	if v9 != nil {
		g1 = new(T)
		fmt.Println(9, 92)
	} else {
	}
	_ = v8
	_ = v9
	fmt.Println(g0, g1, g2, g3, g4)
}
