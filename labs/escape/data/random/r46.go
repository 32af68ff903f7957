// A random program of the escape lab's Go subset (seed 46).
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
	g4 = nil
	v0 := new(int)
	_ = t.M(new(int))
	v1 := func() *int {
		return v0
	}
	_ = v1()
	g4 = v1
	g3 = []*int{}
	fmt.Printf("%v\n", p0, 26)
	var v2 *int = new(int)
	func() {
		for i4 := 0; i4 < 4; i4++ {
			v5 := &v2
			t.P = t.P
			_ = i4
			_ = v5
		}
		v0 = new(int)
	}()
	_ = v0
	_ = v2
	return new(int)
}

func f1(p0 int, p1 *int) {
	func() {
		var v7 any = p1
		v8 := new(*int)
		_ = v7
		_ = v8
	}()
	if p0 < 3 {
		f1(63, new(int))
	}
	if p0 < 3 {
		f1(78, p1)
	}
	p1 = new(int)
	if p0 > 4 {
		v9 := func() *int {
			return p1
		}
		_ = v9()
		g4 = v9
		g4 = nil
		if p1 != nil {
			if p0 < 3 {
				f1(p0, p1)
			}
			var v10 **int = new(*int)
			if p0 > 2 {
				p1 = *v10
				v11 := 0
				_ = v11
			}
			_ = v10
		}
	}
}

func main() {
	f1(2, new(int))
	func() {
		v13 := []*int{}
		_ = v13
	}()
	var v14 []*int = []*int{}
	var v15 *int = new(int)
	for i16 := 0; i16 < 3; i16++ {
		var v17 **int = &v15
		_ = i16
		_ = v17
	}
	v15 = v15
	for i18 := 0; i18 < 4; i18++ {
		g2 = any(i18)
		_ = i18
	}
	_ = v14
	_ = v15
	fmt.Println(g0, g1, g2, g3, g4)
}
