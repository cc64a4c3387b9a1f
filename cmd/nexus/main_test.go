package main

import (
	"os"
	"testing"
)

// mainEnv, set to 1 in a test binary's environment, makes the binary
// `nexus` itself: TestMain runs main instead of the tests, so a test can
// start real `nexus` processes without building the binary.
const mainEnv = "NEXUS_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		main() // exits 1 on an error
		os.Exit(0)
	}
	os.Exit(m.Run())
}
