// A random program of the escape lab's Go subset (seed 1).
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
		t.Q = nil
	}
	for i0 := 0; i0 < 4; i0++ {
		g3 = []*int{}
		p0 = new(int)
		_ = i0
	}
	return new(int)
}

func f1(p0 **int, p1 **int, p2 **int) *T {
	v1 := new(int)
	for i2 := 0; i2 < 1; i2++ {
		var v3 any = "s7"
		_ = i2
		_ = v3
	}
	if v1 != nil {
		g4 = nil
	} else {
		for i4 := 0; i4 < 3; i4++ {
			if i4 < 3 {
				_ = f1(&v1, new(*int), p0)
			}
			v5 := new(T)
			_ = i4
			_ = v5
		}
		v6 := new(int)
		_ = v6
	}
	var v7 *int = nil
	_ = v1
	_ = v7
	return &T{P: v7}
}

func f2() *T {
	if g0 == nil {
		_ = f1(new(*int), new(*int), new(*int))
		func() {
			_ = f1(new(*int), new(*int), new(*int))
		}()
	}
	if g0 == nil {
	}
	return &T{}
}

func f3() any {
	fmt.Println(82)
	g4 = nil
	v10 := f2()
	_ = v10.M(v10.P)
	for i11 := 0; i11 < 4; i11++ {
		v12 := func() int {
			i11++
			return i11
		}
		fmt.Println(v12())
		_ = i11
	}
	_ = v10.M(v10.P)
	for i13 := 0; i13 < 2; i13++ {
		_ = v10.M(v10.P)
		_ = i13
	}
	_ = v10
	return new(T)
}

func f4(p0 any, p1 **int) any {
	p1 = p1
	var v14 any = 55
	v15 := new(*int)
	for i16 := 0; i16 < 3; i16++ {
		_ = f3()
		_ = i16
	}
	func() {
		g4 = nil
	}()
	if g0 == nil {
		v18 := []*int{}
		_ = v18
	} else {
		_ = f1(p1, new(*int), new(*int))
		_ = f2()
	}
	func() {
		_ = f3()
	}()
	v20 := new(T)
	_ = v14
	_ = v15
	_ = v20
	return *v15
}

func main() {
	v21 := new(T)
	if g0 == nil {
		v22 := new(*int)
		v22 = new(*int)
		for i23 := 0; i23 < 1; i23++ {
			v24 := func() int {
				i23++
				return i23
			}
			fmt.Println(v24())
			fmt.Println(&T{})
			i23++
			_ = i23
		}
		_ = v22
	}
	for i25 := 0; i25 < 4; i25++ {
		for i26 := 0; i26 < 1; i26++ {
			_ = f2()
			fmt.Println(any(i25 + 5), v21.A, 95)
			_ = v21.M(&i25)
			_ = i26
		}
		_ = i25
	}
	_ = v21
	fmt.Println(g0, g1, g2, g3, g4)
}
