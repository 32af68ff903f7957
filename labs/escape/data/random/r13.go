// A random program of the escape lab's Go subset (seed 13).
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
	for i0 := 0; i0 < 1; i0++ {
		g0 = &i0
		_ = i0
	}
	var v1 any = "s0"
	var v2 *T = &T{P: p0}
	_ = v1
	_ = v2
	return new(int)
}

func f1() **int {
	g2 = 68
	v4 := new(T)
	g3 = nil
	g4 = nil
	for i5 := 0; i5 < 1; i5++ {
		var v6 int = i5
		_ = i5
		_ = v6
	}
	for i7 := 0; i7 < 1; i7++ {
		func() {
			if i7 < 3 {
				_ = f1()
			}
		}()
		_ = i7
	}
	_ = v4
	return new(*int)
}

func main() {
	v9 := new(*int)
	if g0 == nil {
		func() {
			for i11 := 0; i11 < 4; i11++ {
				v12 := 97
				if v12 > 2 {
					g3 = []*int{}
				} else {
					g4 = nil
					i11 = i11
				}
				func() {
					v14 := []*int{}
					var v15 int = i11
					_ = v14
					_ = v15
				}()
				_ = i11
				_ = v12
			}
		}()
	} else {
	}
	_ = v9
	fmt.Println(g0, g1, g2, g3, g4)
}
