// A random program of the escape lab's Go subset (seed 2).
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
		var v0 any = 86
		for i1 := 0; i1 < 1; i1++ {
			v2 := i1
			v3 := t.Q
			func() {
				t = t
			}()
			_ = i1
			_ = v2
			_ = v3
		}
		_ = v0
	} else {
	}
	return p0
}

func f1(p0 **int) **int {
	g2 = new(int)
	v6 := []*int{}
	for i8 := 0; i8 < 4; i8++ {
		fmt.Printf("%v\n", i8, v6[0])
		_ = i8
	}
	if g0 == nil {
		v10 := new(int)
		_ = v10
	}
	if g0 == nil {
	}
	_ = v6
	return p0
}

func main() {
	for i11 := 0; i11 < 2; i11++ {
		for i12 := 0; i12 < 3; i12++ {
			v13 := []*int{}
			var v14 int = 40
			var v15 []*int = []*int{}
			_ = i12
			_ = v13
			_ = v14
			_ = v15
		}
		g4 = nil
		_ = i11
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
