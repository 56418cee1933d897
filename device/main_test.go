package device_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/numgl/numgl/device"
)

func TestMain(m *testing.M) {
	if os.Getenv("NUMGL_TEST_PRINT_DEFAULT") != "" {
		fmt.Printf("default=%s\n", device.Default().Name())
		os.Exit(0)
	}
	os.Exit(m.Run())
}
