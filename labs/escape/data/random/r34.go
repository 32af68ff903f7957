// A random program of the escape lab's Go subset (seed 34).
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
	v0 := t.S
	var v1 any = 91
	if g0 == nil {
		v2 := new(int)
		g4 = nil
		_ = v2
	} else {
		var v3 int = t.A
		v4 := v3
		_ = v3
		_ = v4
	}
	var v5 any = nil
	_ = t.M(new(int))
	var v6 *int = new(int)
	var v7 *int = nil
	var v8 any = t.A
	_ = v0
	_ = v1
	_ = v5
	_ = v6
	_ = v7
	_ = v8
	return v6
}

func f1() *T {
	g4 = nil
	v9 := new(T)
	g0 = new(int)
	g0 = new(int)
	v10 := 81
	v11 := new(int)
	for i12 := 0; i12 < 3; i12++ {
		if i12 > 1 {
			fmt.Printf("%v\n", i12, 87)
			if v10 < 3 {
				_ = f1()
			}
		} else {
			for i13 := 0; i13 < 1; i13++ {
				if v11 != nil {
				} else {
				}
				_ = i13
			}
		}
		_ = i12
	}
	_ = v9
	_ = v10
	_ = v11
	return new(T)
}

func f2(p0 I, p1 I) {
	v14 := new(T)
	var v15 *int = new(int)
	g4 = nil
	g4 = nil
	if g0 == nil {
		for i16 := 0; i16 < 3; i16++ {
			i16 = 19
			_ = i16
		}
	} else {
	}
	_ = v14
	_ = v15
}

func f3(p0 []*int) **int {
	g0 = new(int)
	var v17 []*int = []*int{}
	g2 = new(int)
	func() {
		if g0 == nil {
		} else {
			var v19 *int = new(int)
			_ = v19
		}
		g0 = new(int)
	}()
	for i20 := 0; i20 < 2; i20++ {
		if i20 > 0 {
			i20++
			p0 = []*int{}
		} else {
		}
		_ = i20
	}
	_ = v17
	return new(*int)
}

func main() {
	if g0 == nil {
		var v21 any = new(int)
		v22 := []*int{}
		_ = v21
		_ = v22
	} else {
		if g0 == nil {
			for i23 := 0; i23 < 3; i23++ {
				var v24 []*int = []*int{}
				for i25 := 0; i25 < 3; i25++ {
					_ = f3([]*int{})
					g0 = new(int)
					g0 = &i23
					_ = i25
				}
				for i26 := 0; i26 < 2; i26++ {
					fmt.Printf("%v\n", &T{}, new(T), 24)
					v27 := new(int)
					v28 := new(int)
					_ = i26
					_ = v27
					_ = v28
				}
				_ = i23
				_ = v24
			}
			v29 := 6
			_ = v29
		} else {
		}
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
