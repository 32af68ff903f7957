// A random program of the escape lab's Go subset (seed 44).
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
	for i0 := 0; i0 < 4; i0++ {
		v1 := &p0
		_ = i0
		_ = v1
	}
	g4 = nil
	for i2 := 0; i2 < 4; i2++ {
		v3 := new(int)
		_ = i2
		_ = v3
	}
	func() {
		v5 := &p0
		g4 = nil
		_ = v5
	}()
	v6 := &p0
	_ = v6
	return p0
}

func f1(p0 *T) *int {
	v7 := new(int)
	v8 := func() *int {
		return v7
	}
	_ = v8()
	g4 = v8
	_ = p0.M(nil)
	p0 = nil
	v9 := new(int)
	_ = p0.M(v7)
	if v9 != nil {
	}
	_ = v7
	_ = v9
	return nil
}

func f2() {
	v10 := []*int{}
	v11 := new(int)
	for i12 := 0; i12 < 3; i12++ {
		if i12 < 3 {
			f2()
		}
		_ = i12
	}
	if g0 == nil {
		fmt.Println("s1", new(int), 81)
		for i13 := 0; i13 < 4; i13++ {
			v14 := new(T)
			func() {
				if i13 < 3 {
					f2()
				}
			}()
			_ = i13
			_ = v14
		}
	} else {
		v16 := 76
		_ = v16
	}
	_ = v10
	_ = v11
}

func main() {
	var v17 *T = new(T)
	var v18 any = 12
	var v19 int = 99
	g0 = &v19
	v20 := v17
	var v21 **int = new(*int)
	_ = f1(new(T))
	for i22 := 0; i22 < 1; i22++ {
		_ = i22
	}
	_ = v17
	_ = v18
	_ = v19
	_ = v20
	_ = v21
	fmt.Println(g0, g1, g2, g3, g4)
}
