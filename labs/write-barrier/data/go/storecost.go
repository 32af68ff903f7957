// storecost.go — the write-barrier lab's store-cost loops written in Go, to
// measure what Go's own write barrier costs while the collector is off: the
// same loop storing a *node (the compiler emits Go's barrier test before
// the store: a load of runtime.writeBarrier, a compare and a branch to an
// out-of-line call) and storing a uintptr (no barrier: the plain store).
// GOGC=off keeps the collector from running, so the barrier's flag stays
// off and every pointer store takes the fast path, as in the lab's "GC off"
// row. Two patterns, as labs/write-barrier/support/cost.c:
//
//	random      slot and value picked by an LCG (a serial chain);
//	sequential  slot i, value 5 i, both modulo the number of slots.
//
// The loops run on one locked thread (GOMAXPROCS=1), timed in the thread's
// CPU time, in a mirrored order (A B B A, the first letter alternating from
// one round to the next), each timed pass after an untimed one. It prints,
// per pattern, the medians over the rounds of the ns per store of each
// loop and of the ratio pointer/uintptr of each round (below: one run on
// the 2-core machine of the handout's figures):
//
//	GOGC=off GOMAXPROCS=1 go run storecost.go [rounds [stores]]
//	random 1.158 1.210 1.035
//	sequential 0.583 0.698 1.236
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"syscall"
	"unsafe"
)

// A node as the lab's CostNode: three words, the first two pointer slots.
type node struct {
	a, b *node
	pad  uintptr
}

const objects = 4096
const nslots = 2 * objects
const mask = nslots - 1

// threadNs — the calling thread's CPU time in ns (CLOCK_THREAD_CPUTIME_ID).
func threadNs() int64 {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}

// The loops: go:noinline keeps each a function of its own, as in cost.c.

//go:noinline
func seqPtr(slots []**node, vals []*node, n int) {
	for i := 0; i < n; i++ {
		*slots[i&mask] = vals[(i*5)&mask]
	}
}

//go:noinline
func seqWord(slots []*uintptr, vals []uintptr, n int) {
	for i := 0; i < n; i++ {
		*slots[i&mask] = vals[(i*5)&mask]
	}
}

//go:noinline
func rndPtr(slots []**node, vals []*node, n int) {
	x := uint32(12345)
	for i := 0; i < n; i++ {
		x = x*1664525 + 1013904223
		*slots[x&mask] = vals[(x>>12)&mask]
	}
}

//go:noinline
func rndWord(slots []*uintptr, vals []uintptr, n int) {
	x := uint32(12345)
	for i := 0; i < n; i++ {
		x = x*1664525 + 1013904223
		*slots[x&mask] = vals[(x>>12)&mask]
	}
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func arg(i, def int) int {
	if len(os.Args) > i {
		if v, err := strconv.Atoi(os.Args[i]); err == nil && v > 0 {
			return v
		}
		fmt.Fprintf(os.Stderr, "storecost: %q is not a positive number\n", os.Args[i])
		os.Exit(2)
	}
	return def
}

func main() {
	runtime.LockOSThread()
	rounds, stores := arg(1, 21), arg(2, 2000000)
	// The same data for both loops: the pointer loop stores node pointers
	// into the nodes' pointer slots; the word loop stores the same
	// addresses as uintptrs into the same words, seen as uintptrs.
	nodes := make([]node, objects)
	pslots := make([]**node, nslots)
	pvals := make([]*node, nslots)
	wslots := make([]*uintptr, nslots)
	wvals := make([]uintptr, nslots)
	for i := range nodes {
		pslots[2*i], pslots[2*i+1] = &nodes[i].a, &nodes[i].b
		wslots[2*i] = (*uintptr)(unsafe.Pointer(&nodes[i].a))
		wslots[2*i+1] = (*uintptr)(unsafe.Pointer(&nodes[i].b))
		pvals[2*i], wvals[2*i] = &nodes[i], uintptr(unsafe.Pointer(&nodes[i]))
	}
	for p, name := range []string{"random", "sequential"} {
		ptr, word, ratio := make([]float64, rounds), make([]float64, rounds), make([]float64, rounds)
		for r := 0; r < rounds; r++ {
			for j := 0; j < 4; j++ {
				isPtr := (j == 0 || j == 3) == (r%2 == 0)
				var t int64
				for pass := 0; pass < 2; pass++ {
					t0 := threadNs()
					switch {
					case p == 0 && isPtr:
						rndPtr(pslots, pvals, stores)
					case p == 0:
						rndWord(wslots, wvals, stores)
					case isPtr:
						seqPtr(pslots, pvals, stores)
					default:
						seqWord(wslots, wvals, stores)
					}
					t = threadNs() - t0
				}
				ns := float64(t) / float64(stores) / 2
				if isPtr {
					ptr[r] += ns
				} else {
					word[r] += ns
				}
			}
			ratio[r] = ptr[r] / word[r]
		}
		fmt.Printf("%s %.3f %.3f %.3f\n", name, median(word), median(ptr), median(ratio))
	}
	runtime.KeepAlive(nodes)
}
