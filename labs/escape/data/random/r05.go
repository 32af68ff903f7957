// A random program of the escape lab's Go subset (seed 5).
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
		g4 = nil
		if g0 == nil {
			func() {
				fmt.Println(48)
				if g0 == nil {
					g4 = nil
				} else {
					fmt.Println(10, nil)
				}
			}()
		}
	}()
	var v4 []*int = nil
	_ = v4
	return p0
}

func f1(p0 any) *int {
	if g0 == nil {
		var v5 any = new(int)
		g1 = new(T)
		_ = v5
	} else {
	}
	var v7 any = 75
	g4 = nil
	_ = v7
	return new(int)
}

func f2(p0 []*int) any {
	if g0 == nil {
		var v9 *int = new(int)
		_ = v9
	}
	v10 := []*int{}
	_ = f1(any(37))
	fmt.Println(p0[0], 19, any(10))
	var v11 *T = new(T)
	fmt.Printf("%v\n", v11.P)
	if g0 == nil {
		v13 := 34
		_ = v13
	}
	v14 := 27
	v14++
	v11 = v11
	_ = v10
	_ = v11
	_ = v14
	return 89
}

func f3(p0 any, p1 *int, p2 *T) {
	var v15 any = new(int)
	for i17 := 0; i17 < 3; i17++ {
		if p1 != nil {
			v18 := []*int{}
			_ = v18
		}
		g4 = nil
		_ = f1("s4")
		_ = i17
	}
	if g0 == nil {
		var v19 *T = new(T)
		if p1 != nil {
			p0 = "s5"
			v21 := v19
			_ = v21
		} else {
		}
		_ = v19
	}
	_ = v15
}

func main() {
	g3 = []*int{}
	var v22 *int = new(int)
	if g0 == nil {
		var v23 any = any(89)
		v24 := f1(v23)
		_ = v23
		_ = v24
	} else {
		v25 := func() *int {
			return v22
		}
		_ = v25()
		g4 = v25
	}
	if v22 != nil {
		if v22 != nil {
			g2 = any(8)
		} else {
		}
	} else {
	}
	_ = v22
	fmt.Println(g0, g1, g2, g3, g4)
}
