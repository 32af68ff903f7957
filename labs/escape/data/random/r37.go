// A random program of the escape lab's Go subset (seed 37).
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
	var v0 any = 57
	for i1 := 0; i1 < 1; i1++ {
		var v2 *int = nil
		g4 = nil
		if i1 > 0 {
			var v3 any = 88
			_ = v3
		} else {
		}
		_ = i1
		_ = v2
	}
	_ = v0
	return nil
}

func f1(p0 **int, p1 I, p2 *int) *T {
	v4 := []*int{}
	v5 := len(v4)
	g2 = new(T)
	var v6 *int = p2
	if p2 != nil {
		v7 := &T{}
		_ = v7
	}
	_ = v4
	_ = v5
	_ = v6
	return new(T)
}

func f2(p0 any, p1 *T, p2 []*int) any {
	var v9 any = new(int)
	_ = p1.M(new(int))
	for i10 := 0; i10 < 3; i10++ {
		_ = f1(new(*int), nil, new(int))
		if i10 < 3 {
			_ = f2(p0, new(T), p1.S)
		}
		_ = i10
	}
	v11 := p1
	if g0 == nil {
		for i12 := 0; i12 < 4; i12++ {
			_ = i12
		}
	} else {
	}
	_ = v9
	_ = v11
	return "s2"
}

func f3() **int {
	for i13 := 0; i13 < 3; i13++ {
		v14 := func() int {
			return i13
		}
		_ = v14
		_ = i13
	}
	g4 = nil
	v15 := new(*int)
	if g0 == nil {
		fmt.Printf("%v\n", 89, 89)
	} else {
		if g0 == nil {
			for i17 := 0; i17 < 2; i17++ {
				if i17 > 1 {
				}
				_ = i17
			}
		} else {
		}
	}
	_ = v15
	return new(*int)
}

func f4(p0 []*int, p1 int, p2 I) int {
	for i18 := 0; i18 < 2; i18++ {
		var v19 int = p1 + 6
		for i20 := 0; i20 < 1; i20++ {
			g1 = new(T)
			i18++
			_ = i20
		}
		_ = i18
		_ = v19
	}
	var v21 *int = nil
	g1 = new(T)
	v22 := make([]*int, p1)
	v23 := func() int {
		return p1
	}
	fmt.Println(v23())
	for i24 := 0; i24 < 1; i24++ {
		_ = i24
	}
	_ = v21
	_ = v22
	return 57
}

func f5() int {
	var v25 any = &T{}
	for i26 := 0; i26 < 1; i26++ {
		v27 := func() int {
			return i26
		}
		_ = v27
		_ = i26
	}
	for i28 := 0; i28 < 2; i28++ {
		i28++
		_ = i28
	}
	v29 := new(*int)
	v30 := 37
	g0 = &v30
	_ = v25
	_ = v29
	_ = v30
	return v30
}

func main() {
	func() {
		g3 = []*int{}
		g2 = 56
	}()
	g4 = nil
	v33 := 41
	_ = v33
	fmt.Println(g0, g1, g2, g3, g4)
}
