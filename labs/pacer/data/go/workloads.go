// workloads.go — the pacer lab's five workloads written in Go, to run under
// GODEBUG=gctrace=1 with the same GOGC and GOMEMLIMIT as the lab's program
// (labs/pacer/support/workloads.c holds the C versions; keep the two the
// same). Every object is a 1 KiB record whose first word is a pointer.
//
//	go run workloads.go steady
package main

import (
	"fmt"
	"os"
)

type obj struct {
	next *obj
	pad  [127]uint64
}

const steps = 256 * 1024 // 256 MiB of records

var sink *obj

// A store of records kept for good, in chunks of 1024.
type store struct{ chunks [][]*obj }

func (s *store) keep(o *obj) {
	n := len(s.chunks)
	if n == 0 || len(s.chunks[n-1]) == cap(s.chunks[n-1]) {
		s.chunks = append(s.chunks, make([]*obj, 0, 1024))
		n++
	}
	s.chunks[n-1] = append(s.chunks[n-1], o)
}

var ring []*obj
var kept, spike *store

func steady() {
	ring = make([]*obj, 16384)
	for i := 0; i < steps; i++ {
		ring[i%len(ring)] = new(obj)
	}
}

func growing() {
	kept = &store{}
	for i := 0; i < steps; i++ {
		o := new(obj)
		if i%5 == 0 {
			kept.keep(o)
		} else {
			sink = o
		}
	}
}

func spikes() {
	ring = make([]*obj, 8192)
	for i := 0; i < steps; i++ {
		phase := i % 65536
		if phase == 16384 {
			spike = &store{}
		} else if phase == 49152 {
			spike = nil
		}
		o := new(obj)
		if spike != nil && phase < 16384+24576 {
			spike.keep(o)
		} else {
			ring[i%len(ring)] = o
		}
	}
}

func leak() {
	ring = make([]*obj, 8192)
	kept = &store{}
	for i := 0; i < steps; i++ {
		o := new(obj)
		if i%16 == 15 {
			kept.keep(o)
		} else {
			ring[i%len(ring)] = o
		}
	}
}

func overlimit() {
	ring = make([]*obj, 65536)
	for i := 0; i < steps; i++ {
		ring[i%len(ring)] = new(obj)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: workloads steady|growing|spikes|leak|overlimit")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "steady":
		steady()
	case "growing":
		growing()
	case "spikes":
		spikes()
	case "leak":
		leak()
	case "overlimit":
		overlimit()
	default:
		fmt.Fprintln(os.Stderr, "workloads: unknown workload", os.Args[1])
		os.Exit(2)
	}
}
