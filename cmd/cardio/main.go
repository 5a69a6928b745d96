// Command cardio is a budget and capacity planning engine for sales
// operations. See the README and `cardio --help`.
package main

import (
	"os"

	"github.com/cardio-planning/cardio/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.SystemStreams()))
}
