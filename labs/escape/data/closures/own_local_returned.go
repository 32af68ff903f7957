// A closure called where it is written returns into its caller's frame, but
// its own locals live in its own frame, which ends at its return. The
// address of a local of the closure, returned by it, still outlives that
// local, even when the caller drops the result.
package main

func own() {
	func() *int {
		z := 0
		return &z
	}()
}

func main() {
	own()
}
