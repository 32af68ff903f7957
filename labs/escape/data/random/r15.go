// A random program of the escape lab's Go subset (seed 15).
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
	g3 = []*int{}
	var v0 any = 93
	for i1 := 0; i1 < 1; i1++ {
		g3 = []*int{p0}
		g0 = &i1
		g3 = []*int{p0}
		_ = i1
	}
	var v2 **int = &t.P
	for i3 := 0; i3 < 2; i3++ {
		v4 := new(int)
		_ = i3
		_ = v4
	}
	_ = v0
	_ = v2
	return new(int)
}

func f1() **int {
	g1 = nil
	g3 = []*int{}
	v6 := 11
	var v7 []*int = nil
	for i8 := 0; i8 < 3; i8++ {
		v9 := 57
		if i8 < 3 {
			_ = f1()
		}
		v7 = []*int{}
		_ = i8
		_ = v9
	}
	g0 = new(int)
	g1 = &T{}
	if v6 > 1 {
		func() {
		}()
	}
	_ = v6
	_ = v7
	return new(*int)
}

func main() {
	for i11 := 0; i11 < 1; i11++ {
		v12 := new(T)
		_ = i11
		_ = v12
	}
	g3 = []*int{}
	v13 := new(T)
	_ = v13.M(new(int))
	v14 := new(int)
	_ = v13.M(new(int))
	g4 = nil
	v15 := *v14
	g3 = []*int{}
	v16 := v14
	var v17 any = 76
	v15 = 74
	_ = v13
	_ = v14
	_ = v15
	_ = v16
	_ = v17
	fmt.Println(g0, g1, g2, g3, g4)
}
