//go:build cgo && !nogpu

package gpu

import (
	"testing"

	"github.com/numgl/numgl/internal/numerr"
)

// TestSizeString: byte counts as NumPy's MemoryError writes them
// (numpy.core._exceptions._ArrayMemoryError._size_to_string, NumPy 1.24).
func TestSizeString(t *testing.T) {
	for _, c := range []struct {
		bytes uint64
		want  string
	}{
		{1, "1 bytes"}, {512, "512 bytes"}, {1023, "1023 bytes"}, {1024, "1.00 KiB"}, {1025, "1.00 KiB"},
		{1536, "1.50 KiB"}, {10240, "10.0 KiB"}, {102400, "100. KiB"}, {1024000, "1000. KiB"},
		{1048552, "1.00 MiB"}, {1<<64 - 1, "16.0 EiB"}, {5497558138880, "5.00 TiB"},
		{1048141824, "1000. MiB"}, {1048576000, "1000. MiB"}, {3344682261, "3.11 GiB"},
	} {
		if got := numerr.SizeString(c.bytes); got != c.want {
			t.Errorf("SizeString(%d) = %q, want %q", c.bytes, got, c.want)
		}
	}
}
