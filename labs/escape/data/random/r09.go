// A random program of the escape lab's Go subset (seed 9).
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
	if p0 != nil {
		v0 := new(T)
		_ = v0
	}
	g4 = nil
	var v1 int = 65
	g4 = nil
	_ = v1
	return &v1
}

func f1(p0 I) *T {
	_ = p0.M(new(int))
	if g0 == nil {
		for i2 := 0; i2 < 1; i2++ {
			if i2 > 3 {
				for i3 := 0; i3 < 4; i3++ {
					var v4 *int = new(int)
					v5 := v4
					g4 = nil
					_ = i3
					_ = v4
					_ = v5
				}
				for i6 := 0; i6 < 3; i6++ {
					if i6 < 3 {
						_ = f1(nil)
					}
					_ = i6
				}
			} else {
				v7 := func() int {
					return i2
				}
				_ = v7
			}
			_ = i2
		}
	} else {
	}
	return new(T)
}

func f2(p0 **int) any {
	v8 := 99
	v9 := func() int {
		return v8
	}
	_ = v9
	v8++
	func() {
		if v8 < 3 {
			_ = f2(new(*int))
		}
	}()
	g2 = new(T)
	_ = v8
	return 5
}

func f3(p0 I, p1 []*int) int {
	var v11 any = 86
	var v12 any = v11
	g2 = 2
	for i13 := 0; i13 < 1; i13++ {
		i13++
		if i13 > 1 {
			g3 = []*int{}
			i13++
		}
		_ = f1(nil)
		_ = i13
	}
	_ = p0.M(new(int))
	p1 = nil
	_ = v11
	_ = v12
	return 16
}

func main() {
	for i14 := 0; i14 < 3; i14++ {
		g3 = []*int{}
		g1 = new(T)
		if i14 > 2 {
			if i14 > 0 {
				if i14 > 3 {
				} else {
				}
			} else {
			}
		} else {
		}
		_ = i14
	}
	fmt.Println(g0, g1, g2, g3, g4)
}
