package device_test

import (
	"os"
	"strings"
	"testing"

	_ "github.com/numgl/numgl/cpu"
	"github.com/numgl/numgl/device"
)

func TestGet(t *testing.T) {
	d, err := device.Get("cpu-loop")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name() != "cpu-loop" {
		t.Errorf("Name() = %q", d.Name())
	}
	d0, err := device.Get("cpu-loop:0")
	if err != nil || d0 != d {
		t.Errorf("cpu-loop:0 = %v, %v; want the same device as cpu-loop", d0, err)
	}
	for _, bad := range []string{"tpu", "cpu-loop:1", "cpu-loop:x", "cpu-loop:-1", "cpu-loop:01"} {
		if _, err := device.Get(bad); err == nil {
			t.Errorf("Get(%q) succeeded", bad)
		}
	}
	_, err = device.Get("tpu")
	if !strings.Contains(err.Error(), "cpu-loop") {
		t.Errorf("unknown-device error does not list the devices: %v", err)
	}
}

func TestBackendsListsCPULoop(t *testing.T) {
	found := false
	for _, n := range device.Backends() {
		found = found || n == "cpu-loop"
	}
	if !found {
		t.Fatalf("Backends() = %v, want cpu-loop among them", device.Backends())
	}
}

func TestDefaultNeverFails(t *testing.T) {
	if os.Getenv(device.EnvDevice) != "" {
		t.Skipf("$%s is set", device.EnvDevice)
	}
	d := device.Default()
	if d == nil {
		t.Fatal("Default() returned nil")
	}
	if device.Default() != d {
		t.Error("Default() changed between calls")
	}
	got, c, err := device.Choose()
	if got != d || err != nil || c.Device != d.Name() || c.FromEnv {
		t.Errorf("Choose() = %v, %+v, %v; want %s chosen automatically", got, c, err, d.Name())
	}
}
