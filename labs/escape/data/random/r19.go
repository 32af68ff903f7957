// A random program of the escape lab's Go subset (seed 19).
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
		g3 = make([]*int, 8193)
	}()
	v1 := new(T)
	v1 = new(T)
	for i2 := 0; i2 < 4; i2++ {
		v3 := v1
		if i2 > 2 {
			var v4 any = i2 + 1
			if i2 > 2 {
			}
			v4 = 24
			_ = v4
		}
		if p0 != nil {
			var v5 int = i2
			v6 := &p0
			if p0 != nil {
			}
			_ = v5
			_ = v6
		}
		_ = i2
		_ = v3
	}
	_ = v1
	return p0
}

func f1(p0 *T) *T {
	g4 = nil
	if g0 == nil {
		g3 = make([]*int, 8192)
		for i7 := 0; i7 < 4; i7++ {
			g0 = &i7
			_ = i7
		}
	}
	var v8 int = 4
	_ = p0.M(&v8)
	g0 = &v8
	g3 = []*int{}
	for i9 := 0; i9 < 4; i9++ {
		v10 := p0.A
		_ = i9
		_ = v10
	}
	_ = p0.M(new(int))
	_ = v8
	return p0
}

func f2() {
	fmt.Printf("%v\n", new(int), any(72), any(79))
	v11 := &T{}
	if g0 == nil {
		for i12 := 0; i12 < 1; i12++ {
			v13 := func() int {
				return i12
			}
			_ = v13
			_ = i12
		}
	} else {
		if g0 == nil {
			var v14 *int = new(int)
			_ = v14
		} else {
			v11.P = new(int)
		}
		v15 := 83
		_ = v15
	}
	_ = v11
}

func f3(p0 *T, p1 *T, p2 **int) []*int {
	_ = p1.M(new(int))
	if g0 == nil {
		g1 = p0
		if g0 == nil {
			if g0 == nil {
				g1 = new(T)
				f2()
				v16 := new(int)
				_ = v16
			}
			_ = p0.M(new(int))
		} else {
		}
	}
	return nil
}

func f4(p0 *T, p1 *T, p2 **int) **int {
	for i17 := 0; i17 < 1; i17++ {
		v18 := func() int {
			i17++
			return i17
		}
		_ = v18
		var v19 *int = *p2
		v20 := i17
		_ = i17
		_ = v19
		_ = v20
	}
	g4 = nil
	g3 = f3(p1, new(T), p2)
	g3 = []*int{}
	fmt.Printf("%v\n", 54, 1, 40)
	g2 = *p2
	for i21 := 0; i21 < 1; i21++ {
		f2()
		_ = i21
	}
	v22 := p2
	g3 = []*int{}
	for i23 := 0; i23 < 1; i23++ {
		_ = i23
	}
	_ = v22
	return new(*int)
}

func main() {
	g4 = nil
	g2 = 38
	g2 = 47
	g4 = nil
	_ = f1(new(T))
	fmt.Printf("%v\n", &T{}, 16, any(59))
	if g0 == nil {
		g4 = nil
	} else {
		func() {
			if g0 == nil {
			}
		}()
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
