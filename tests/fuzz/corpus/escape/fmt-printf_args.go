// fmt.Printf arguments are boxed and escape; the ... slice does not (seed example).
package main

import "fmt"

func show(name string, age int) {
	fmt.Printf("%s is %d\n", name, age)
}

func main() {
	show("gopher", 13)
}
