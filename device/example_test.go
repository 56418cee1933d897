package device_test

import (
	"fmt"

	"github.com/numgl/numgl/device"
)

// Get opens a device by name; unknown names are errors, not crashes.
func ExampleGet() {
	d, err := device.Get("cpu-loop")
	fmt.Println(d.Name(), err)
	_, err = device.Get("gpu:7")
	fmt.Println(err != nil)
	// Output:
	// cpu-loop <nil>
	// true
}
