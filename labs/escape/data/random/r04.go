// A random program of the escape lab's Go subset (seed 4).
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
	if g0 == nil {
		if g0 == nil {
			if p0 != nil {
				g3 = make([]*int, 100000)
			}
		} else {
			g0 = p0
			g4 = nil
		}
		_ = t.M(new(int))
	}
	p0 = new(int)
	return new(int)
}

func f1() {
	g3 = []*int{}
	g1 = new(T)
	if g0 == nil {
		v0 := new(int)
		_ = v0
	} else {
		func() {
			for i2 := 0; i2 < 3; i2++ {
				if i2 > 1 {
					if i2 < 3 {
						f1()
					}
					v3 := new(*int)
					_ = v3
				} else {
				}
				_ = i2
			}
		}()
	}
}

func f2() {
	g3 = []*int{}
	v5 := []*int{}
	if g0 == nil {
		var v6 any = 13
		_ = v6
	} else {
		if g0 == nil {
			v5 = v5
		} else {
			v8 := new(int)
			_ = v8
		}
	}
	_ = v5
}

func f3(p0 *int, p1 *T, p2 []*int) int {
	v9 := func() *int {
		return p0
	}
	_ = v9()
	func() {
		v11 := new(int)
		p1.Q = p1
		_ = v11
	}()
	for i12 := 0; i12 < 4; i12++ {
		f2()
		f2()
		v13 := &T{A: i12}
		_ = i12
		_ = v13
	}
	var v14 int = 29
	v15 := new(int)
	_ = v14
	_ = v15
	return v14
}

func f4(p0 **int, p1 any) {
	g4 = nil
	f1()
	var v16 any = "s6"
	var v17 []*int = []*int{}
	f1()
	g1 = new(T)
	v18 := v17
	v19 := 35
	g0 = &v19
	f1()
	v19++
	g0 = &v19
	v19++
	func() {
	}()
	_ = v16
	_ = v17
	_ = v18
	_ = v19
}

func f5() *int {
	v21 := 7
	g3 = make([]*int, 8192)
	var v22 *T = &T{}
	v23 := func() int {
		return v21
	}
	fmt.Println(v23())
	var v24 any = v21
	_ = f3(new(int), new(T), []*int{})
	if v21 > 1 {
		g4 = nil
	}
	var v25 any = v22.Q
	g4 = nil
	for i26 := 0; i26 < 1; i26++ {
		if v21 > 2 {
			g0 = v22.P
			if v21 > 4 {
			} else {
			}
		}
		_ = i26
	}
	_ = v21
	_ = v22
	_ = v24
	_ = v25
	return nil
}

func main() {
	var v27 *int = new(int)
	var v28 any = 78
	if v27 != nil {
		if v27 != nil {
			if g0 == nil {
				fmt.Println(new(int))
				v28 = 18
			} else {
				v27 = new(int)
			}
			v29 := func() *int {
				return v27
			}
			_ = v29()
		}
		f2()
	} else {
		g3 = []*int{}
	}
	_ = f5()
	_ = v27
	_ = v28
	fmt.Println(g0, g1, g2, g3, g4)
}
