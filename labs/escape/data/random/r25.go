// A random program of the escape lab's Go subset (seed 25).
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
			t.Q = new(T)
			if g0 == nil {
				p0 = new(int)
			}
			g4 = nil
		}
	}
	for i1 := 0; i1 < 4; i1++ {
		v2 := func() *int {
			return p0
		}
		_ = v2()
		g4 = v2
		_ = i1
	}
	return p0
}

func f1() {
	g4 = nil
	v3 := new(int)
	var v4 *int = nil
	v5 := 30
	v5++
	g1 = new(T)
	v6 := new(int)
	if v5 < 3 {
		f1()
	}
	v5++
	if v5 < 3 {
		f1()
	}
	for i7 := 0; i7 < 1; i7++ {
		if v5 < 3 {
			f1()
		}
		v5++
		_ = i7
	}
	_ = v3
	_ = v4
	_ = v5
	_ = v6
}

func f2(p0 I) *int {
	func() {
	}()
	v9 := new(int)
	for i10 := 0; i10 < 2; i10++ {
		g3 = []*int{}
		if i10 < 3 {
			_ = f2(nil)
		}
		if i10 > 3 {
			for i11 := 0; i11 < 4; i11++ {
				i10 = 85
				v12 := new(int)
				v13 := make([]*int, i10)
				_ = i11
				_ = v12
				_ = v13
			}
		}
		_ = i10
	}
	_ = v9
	return nil
}

func f3() {
	g4 = nil
	v14 := new(int)
	if v14 != nil {
		f1()
		v15 := 90
		_ = v15
	} else {
		g4 = nil
		_ = f2(nil)
	}
	_ = v14
}

func main() {
	f3()
	for i18 := 0; i18 < 3; i18++ {
		g0 = new(int)
		_ = f2(nil)
		for i19 := 0; i19 < 4; i19++ {
			v20 := func() int {
				i19++
				return i19
			}
			fmt.Println(v20())
			_ = i19
		}
		_ = i18
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
