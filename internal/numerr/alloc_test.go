package numerr

import "testing"

// The expected strings are NumPy 1.24's
// numpy.core._exceptions._ArrayMemoryError._size_to_string(n).
func TestSizeString(t *testing.T) {
	for _, c := range []struct {
		n    uint64
		want string
	}{
		{0, "0 bytes"}, {1, "1 bytes"}, {512, "512 bytes"}, {1023, "1023 bytes"},
		{1024, "1.00 KiB"}, {1025, "1.00 KiB"}, {1535, "1.50 KiB"}, {2047, "2.00 KiB"},
		{1000000, "977. KiB"}, {1048552, "1.00 MiB"}, {1048064, "1.00 MiB"},
		{1048063, "1023. KiB"}, {1023576, "1000. KiB"}, {1024000, "1000. KiB"},
		{1047552, "1023. KiB"}, {274877906944, "256. GiB"}, {26388279066624, "24.0 TiB"},
		{52776558133248, "48.0 TiB"}, {1152921504606846976, "1.00 EiB"},
		{18446744073709551615, "16.0 EiB"}, {3221225477, "3.00 GiB"},
	} {
		if got := SizeString(c.n); got != c.want {
			t.Errorf("SizeString(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// NumPy: np.zeros((6, 2**40), np.float32) and np.ones(2**36, np.float32).
func TestAllocFailed(t *testing.T) {
	for _, c := range []struct {
		shape []int
		dt    string
		bytes uint64
		want  string
	}{
		{[]int{6, 1 << 40}, "float32", 24 << 40, "Unable to allocate 24.0 TiB for an array with shape (6, 1099511627776) and data type float32"},
		{[]int{1 << 36}, "float32", 1 << 38, "Unable to allocate 256. GiB for an array with shape (68719476736,) and data type float32"},
		{[]int{}, "bool", 1, "Unable to allocate 1 bytes for an array with shape () and data type bool"},
	} {
		e := AllocFailed(c.shape, c.dt, c.bytes)
		if e.Kind != Memory || e.Msg != c.want {
			t.Errorf("AllocFailed(%v) = %v %q, want memory %q", c.shape, e.Kind, e.Msg, c.want)
		}
	}
}
