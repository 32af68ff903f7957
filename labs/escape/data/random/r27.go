// A random program of the escape lab's Go subset (seed 27).
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
		g3 = []*int{}
	}()
	v1 := []*int{}
	v2 := v1
	for i3 := 0; i3 < 1; i3++ {
		if p0 != nil {
			fmt.Println(nil, "s7", new(int))
		} else {
			p0 = v2[0]
			v4 := &p0
			_ = v4
		}
		_ = i3
	}
	var v5 any = len(v1)
	_ = v1
	_ = v2
	_ = v5
	return nil
}

func f1() {
	g4 = nil
	for i6 := 0; i6 < 2; i6++ {
		if i6 < 3 {
			f1()
		}
		var v7 any = 70
		_ = i6
		_ = v7
	}
	v8 := []*int{}
	v9 := []*int{}
	_ = v8
	_ = v9
}

func main() {
	g2 = 64
	g2 = new(int)
	if g0 == nil {
		for i12 := 0; i12 < 3; i12++ {
			_ = i12
		}
	} else {
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
