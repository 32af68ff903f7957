// A random program of the escape lab's Go subset (seed 26).
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
	p0 = new(int)
	v0 := []*int{}
	v1 := 11
	var v2 []*int = append(v0, p0)
	_ = v0
	_ = v1
	_ = v2
	return &v1
}

func f1(p0 **int, p1 I, p2 **int) {
	v3 := 54
	v4 := new(*int)
	v5 := &v3
	g0 = &v3
	if v3 > 4 {
		v3++
	}
	func() {
		g2 = v5
	}()
	v7 := v5
	func() {
		fmt.Printf("%v\n", 15)
		g0 = &v3
	}()
	v9 := v7
	fmt.Println(v3, "s8", any(29))
	_ = v3
	_ = v4
	_ = v5
	_ = v7
	_ = v9
}

func f2() *T {
	v10 := new(int)
	f1(&v10, nil, &v10)
	if v10 != nil {
		if g0 == nil {
			v11 := &v10
			_ = v11
		} else {
			v12 := []*int{}
			_ = v12
		}
	} else {
		g4 = nil
	}
	for i14 := 0; i14 < 1; i14++ {
		f1(new(*int), nil, &v10)
		_ = i14
	}
	_ = v10
	return new(T)
}

func f3(p0 **int, p1 any) *T {
	var v15 *int = nil
	*p0 = new(int)
	for i16 := 0; i16 < 4; i16++ {
		f1(&v15, nil, p0)
		i16++
		for i17 := 0; i17 < 3; i17++ {
			v18 := func() int {
				return i17
			}
			_ = v18
			if i17 > 0 {
				v19 := &T{P: v15}
				_ = v19.M(v19.P)
				_ = v19
			}
			_ = i17
		}
		_ = i16
	}
	_ = v15
	return new(T)
}

func f4(p0 **int, p1 *T) int {
	var v20 any = new(int)
	_ = f2()
	_ = f3(p0, any(33))
	for i21 := 0; i21 < 1; i21++ {
		v22 := p1.P
		func() {
			v24 := func() int {
				i21++
				return i21
			}
			fmt.Println(v24())
			for i25 := 0; i25 < 2; i25++ {
				_ = i25
			}
		}()
		_ = i21
		_ = v22
	}
	_ = v20
	return 22
}

func main() {
	g1 = new(T)
	_ = f4(new(*int), new(T))
	var v27 *T = f3(new(*int), "s6")
	g4 = nil
	_ = v27.M(new(int))
	if g0 == nil {
		fmt.Println(70, "s5", new(int))
		fmt.Printf("%v\n", v27.A, new(int))
		g3 = []*int{}
	}
	func() {
		g2 = "s8"
	}()
	func() {
		func() {
		}()
	}()
	_ = v27
	fmt.Println(g0, g1, g2, g3, g4)
}
