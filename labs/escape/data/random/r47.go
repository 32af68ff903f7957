// A random program of the escape lab's Go subset (seed 47).
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
	v1 := t
	v2 := p0
	t = nil
	for i3 := 0; i3 < 4; i3++ {
		i3++
		_ = i3
	}
	var v4 *T = new(T)
	fmt.Println(26)
	v5 := func() *int {
		return v2
	}
	_ = v5()
	if p0 != nil {
		v6 := &v2
		_ = v6
	}
	_ = v0
	_ = v1
	_ = v2
	_ = v4
	return new(int)
}

func f1(p0 **int, p1 int) {
	g1 = nil
	p1 = p1
	v7 := []*int{}
	var v8 *int = new(int)
	g2 = len(v7)
	if p1 < 3 {
		f1(new(*int), len(v7))
	}
	v9 := func() int {
		return p1
	}
	_ = v9
	g1 = new(T)
	_ = v7
	_ = v8
}

func f2(p0 **int) []*int {
	g3 = []*int{}
	g3 = []*int{}
	g4 = nil
	p0 = new(*int)
	if g0 == nil {
		g1 = new(T)
		var v10 any = 36
		_ = v10
	} else {
		for i11 := 0; i11 < 4; i11++ {
			v12 := new(T)
			_ = i11
			_ = v12
		}
		if g0 == nil {
			g0 = new(int)
		}
	}
	return []*int{}
}

func f3(p0 *int) *T {
	g4 = nil
	v13 := []*int{}
	fmt.Printf("%v\n", 99)
	func() {
		if p0 != nil {
			g4 = nil
		}
	}()
	if g0 == nil {
		g4 = nil
	}
	v17 := append(v13, p0)
	_ = v13
	_ = v17
	return new(T)
}

func f4(p0 *T, p1 *int, p2 any) []*int {
	var v18 *int = new(int)
	if v18 != nil {
		for i19 := 0; i19 < 2; i19++ {
			v20 := new(int)
			_ = i19
			_ = v20
		}
	} else {
		v21 := &p0.P
		_ = v21
	}
	v22 := []*int{}
	if g0 == nil {
		v23 := new(int)
		_ = v23
	} else {
		func() {
			p0 = new(T)
		}()
		v25 := p1
		_ = v25
	}
	p2 = p2
	_ = v18
	_ = v22
	return p0.S
}

func f5(p0 any) **int {
	for i26 := 0; i26 < 2; i26++ {
		var v27 any = p0
		_ = i26
		_ = v27
	}
	f1(new(*int), 58)
	p0 = new(int)
	_ = f3(new(int))
	_ = f3(nil)
	var v28 *T = new(T)
	for i29 := 0; i29 < 3; i29++ {
		_ = i29
	}
	_ = v28
	return new(*int)
}

func main() {
	var v30 int = 97
	var v31 any = 12
	var v32 **int = new(*int)
	for i33 := 0; i33 < 3; i33++ {
		if i33 > 0 {
			g0 = new(int)
		} else {
			if i33 > 0 {
				for i34 := 0; i34 < 4; i34++ {
					v32 = v32
					var v35 *T = f3(new(int))
					g0 = v35.P
					_ = i34
					_ = v35
				}
				g0 = &v30
			}
		}
		_ = i33
	}
	_ = v30
	_ = v31
	_ = v32
	fmt.Println(g0, g1, g2, g3, g4)
}
