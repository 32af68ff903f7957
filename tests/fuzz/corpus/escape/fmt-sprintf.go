// Sprintf: its result escapes as an interface when printed; format does not escape.
package main

import "fmt"

func label(n int) string {
	return fmt.Sprintf("n=%d", n)
}

func main() {
	s := label(3)
	fmt.Println(s, len(s))
}
