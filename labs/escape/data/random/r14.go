// A random program of the escape lab's Go subset (seed 14).
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
	var v0 *T = nil
	g2 = p0
	v1 := 2
	v2 := func() *int {
		return p0
	}
	_ = v2()
	g4 = v2
	t = &T{}
	fmt.Printf("%v\n", &v1, any(91))
	_ = v0.M(v0.P)
	var v3 []*int = make([]*int, 4)
	_ = t.M(new(int))
	_ = v0.M(nil)
	v1++
	v4 := v1
	p0 = p0
	t.P = v0.P
	_ = v0
	_ = v1
	_ = v3
	_ = v4
	return new(int)
}

func f1() {
	var v5 **int = new(*int)
	v6 := v5
	for i7 := 0; i7 < 3; i7++ {
		v8 := new(*int)
		g0 = &i7
		_ = i7
		_ = v8
	}
	v9 := v5
	v10 := 99
	v11 := []*int{}
	v12 := func() int {
		v10++
		return v10
	}
	_ = v12
	func() {
		v14 := new(T)
		_ = v14
	}()
	_ = v5
	_ = v6
	_ = v9
	_ = v10
	_ = v11
}

func f2() {
	g0 = new(int)
	g3 = []*int{}
	v16 := 72
	for i17 := 0; i17 < 1; i17++ {
		func() {
			if v16 < 3 {
				f2()
			}
			var v19 []*int = make([]*int, 8192)
			_ = v19
		}()
		v20 := 91
		_ = i17
		_ = v20
	}
	v16 = v16
	func() {
		v22 := &v16
		_ = v22
	}()
	_ = v16
}

func main() {
	if g0 == nil {
		f1()
	}
	fmt.Printf("%v\n", 67, 14)
	var v23 *T = new(T)
	if g0 == nil {
		for i24 := 0; i24 < 4; i24++ {
			for i25 := 0; i25 < 3; i25++ {
				_ = i25
			}
			_ = i24
		}
	}
	_ = v23
	fmt.Println(g0, g1, g2, g3, g4)
}
