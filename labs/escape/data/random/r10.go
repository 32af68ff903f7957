// A random program of the escape lab's Go subset (seed 10).
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
	var v1 []*int = []*int{p0}
	_ = t.M(v1[0])
	if p0 != nil {
		var v2 []*int = []*int{}
		var v3 []*int = nil
		_ = v2
		_ = v3
	}
	g2 = 16
	_ = v1
	return t.P
}

func f1() *T {
	var v4 any = new(int)
	v5 := 83
	if v5 < 3 {
		_ = f1()
	}
	v6 := new(T)
	v7 := func() int {
		return v5
	}
	_ = v7
	_ = v6.M(new(int))
	if v5 < 3 {
		_ = f1()
	}
	for i8 := 0; i8 < 4; i8++ {
		v9 := new(*int)
		_ = i8
		_ = v9
	}
	_ = v4
	_ = v5
	_ = v6
	return v6
}

func f2(p0 int, p1 I, p2 []*int) {
	var v10 **int = new(*int)
	g0 = *v10
	v11 := new(int)
	if v11 != nil {
		if p0 < 3 {
			f2(*v11, nil, append(p2, v11))
		}
		v10 = new(*int)
	} else {
		var v12 any = p0
		_ = v12
	}
	var v13 any = any(*v11)
	if p0 > 1 {
		v14 := func() *int {
			return v11
		}
		_ = v14()
	} else {
		if p0 < 3 {
			f2(p0, nil, nil)
		}
	}
	v15 := new(*int)
	_ = v10
	_ = v11
	_ = v13
	_ = v15
}

func f3(p0 *T, p1 int, p2 **int) {
	v16 := new(int)
	for i17 := 0; i17 < 2; i17++ {
		g0 = v16
		fmt.Printf("%v\n", 62)
		*p2 = &i17
		_ = i17
	}
	g0 = &p1
	g0 = &p1
	var v18 any = p1
	func() {
		g0 = &p1
		if v16 != nil {
			_ = f1()
			_ = f1()
			if p1 < 3 {
				f3(f1(), p1, &v16)
			}
		} else {
			v20 := func() *int {
				return v16
			}
			_ = v20()
			g4 = v20
		}
	}()
	_ = v16
	_ = v18
}

func main() {
	if g0 == nil {
		v21 := new(int)
		_ = v21
	} else {
		f3(new(T), 82, new(*int))
	}
	if g0 == nil {
		f3(&T{}, 86, new(*int))
	} else {
		v22 := []*int{}
		fmt.Println(new(int), 74)
		_ = v22
	}
	for i23 := 0; i23 < 3; i23++ {
		_ = i23
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
