// A random program of the escape lab's Go subset (seed 31).
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
	v0 := []*int{}
	if p0 != nil {
		g2 = new(int)
		if p0 != nil {
			fmt.Printf("%v\n", nil)
		}
	} else {
	}
	_ = v0
	return t.P
}

func f1(p0 **int) **int {
	for i2 := 0; i2 < 3; i2++ {
		if i2 < 3 {
			_ = f1(new(*int))
		}
		g0 = &i2
		_ = i2
	}
	v3 := new(*int)
	g1 = new(T)
	g4 = nil
	_ = v3
	return v3
}

func f2(p0 I) **int {
	_ = f1(new(*int))
	for i4 := 0; i4 < 1; i4++ {
		v5 := []*int{}
		if i4 > 1 {
			i4++
		} else {
			var v6 *int = nil
			_ = v6
		}
		_ = i4
		_ = v5
	}
	v8 := new(*int)
	var v9 *T = new(T)
	for i10 := 0; i10 < 4; i10++ {
		v9 = new(T)
		v9 = &T{}
		_ = i10
	}
	for i12 := 0; i12 < 4; i12++ {
		v13 := v9.S
		_ = i12
		_ = v13
	}
	_ = v8
	_ = v9
	return new(*int)
}

func f3(p0 I) []*int {
	var v14 any = 19
	for i15 := 0; i15 < 1; i15++ {
		g4 = nil
		g1 = new(T)
		_ = i15
	}
	g4 = nil
	g1 = new(T)
	if g0 == nil {
		_ = f1(new(*int))
	}
	if g0 == nil {
		for i18 := 0; i18 < 1; i18++ {
			v19 := new(int)
			_ = i18
			_ = v19
		}
	} else {
	}
	_ = v14
	return make([]*int, 10)
}

func f4(p0 **int, p1 []*int, p2 *T) *int {
	p1 = p1
	g4 = nil
	p1[0] = new(int)
	_ = p2.M(new(int))
	func() {
		v22 := new(int)
		_ = v22
	}()
	for i23 := 0; i23 < 3; i23++ {
		v24 := func() int {
			return i23
		}
		fmt.Println(v24())
		for i25 := 0; i25 < 2; i25++ {
			if i25 > 3 {
				var v26 *T = p2.Q
				_ = v26
			} else {
			}
			_ = i25
		}
		_ = i23
	}
	return new(int)
}

func main() {
	var v27 any = 30
	for i28 := 0; i28 < 4; i28++ {
		g1 = &T{}
		g0 = &i28
		_ = i28
	}
	for i29 := 0; i29 < 1; i29++ {
		g4 = nil
		_ = i29
	}
	for i30 := 0; i30 < 4; i30++ {
		var v31 []*int = make([]*int, i30)
		v27 = v31[0]
		v32 := new(*int)
		_ = i30
		_ = v31
		_ = v32
	}
	_ = f4(new(*int), make([]*int, 8193), &T{})
	func() {
	}()
	_ = v27
	fmt.Println(g0, g1, g2, g3, g4)
}
