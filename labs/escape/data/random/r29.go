// A random program of the escape lab's Go subset (seed 29).
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
	g2 = 98
	var v0 []*int = nil
	v1 := 97
	g4 = nil
	g0 = &v1
	g2 = v1
	g4 = nil
	v2 := append(v0, p0)
	if p0 != nil {
		for i3 := 0; i3 < 1; i3++ {
			v4 := func() int {
				return i3
			}
			_ = v4
			_ = i3
		}
	}
	_ = v0
	_ = v1
	_ = v2
	return t.P
}

func f1() int {
	func() {
		fmt.Println(21, 28, new(int))
		g2 = "s4"
	}()
	g0 = new(int)
	v6 := 52
	func() {
		if v6 < 3 {
			_ = f1()
		}
	}()
	v8 := new(int)
	g3 = []*int{}
	v9 := func() *int {
		return v8
	}
	_ = v9()
	g4 = v9
	_ = v6
	_ = v8
	return v6
}

func f2(p0 int) any {
	if p0 > 2 {
		p0 = 13
		if p0 > 0 {
			if p0 > 2 {
				g1 = new(T)
			} else {
				var v10 []*int = []*int{}
				for i11 := 0; i11 < 2; i11++ {
					fmt.Printf("%v\n", new(T), len(v10), p0)
					_ = i11
				}
				_ = v10
			}
			fmt.Println(p0)
			var v12 any = p0 + 2
			_ = v12
		}
	} else {
	}
	return 22
}

func f3(p0 I) **int {
	v13 := 64
	v14 := func() int {
		return v13
	}
	fmt.Println(v14())
	g0 = &v13
	v15 := func() int {
		v13++
		return v13
	}
	_ = v15
	g0 = &v13
	for i16 := 0; i16 < 2; i16++ {
		if i16 < 3 {
			_ = f3(nil)
		}
		_ = i16
	}
	_ = v13
	return new(*int)
}

func f4(p0 I, p1 *int, p2 *int) int {
	if g0 == nil {
		for i17 := 0; i17 < 1; i17++ {
			func() {
				if p2 != nil {
					g1 = &T{}
					g4 = nil
				}
			}()
			_ = i17
		}
	} else {
	}
	return *p2
}

func f5() {
	fmt.Println(23, 78)
	if g0 == nil {
		v20 := []*int{}
		_ = v20
	}
	v21 := new(int)
	var v22 any = 65
	var v23 any = 5
	g4 = nil
	_ = f2(16)
	g4 = nil
	_ = v21
	_ = v22
	_ = v23
}

func main() {
	g2 = "s7"
	_ = f4(nil, new(int), new(int))
	for i24 := 0; i24 < 2; i24++ {
		if i24 > 4 {
			g0 = new(int)
			v25 := func() int {
				return i24
			}
			fmt.Println(v25())
		} else {
			g3 = []*int{}
			fmt.Printf("%v\n", 49)
		}
		g2 = any(18)
		_ = i24
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
