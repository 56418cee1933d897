package conformance

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/numgl/numgl/device"
	"github.com/numgl/numgl/internal/numerr"
	"github.com/numgl/numgl/tensor"
)

// Status is the verdict on one case on one device.
type Status int

// The verdicts. Skip is never a pass: it says numgl (or the device) does
// not do the op yet.
const (
	Pass Status = iota
	Fail
	Skip
)

// String returns "PASS", "FAIL" or "SKIP".
func (s Status) String() string {
	switch s {
	case Pass:
		return "PASS"
	case Fail:
		return "FAIL"
	case Skip:
		return "SKIP"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Outcome is a verdict and why.
type Outcome struct {
	Status Status
	Reason string
}

func pass() Outcome { return Outcome{Status: Pass} }

func fail(format string, args ...any) Outcome {
	return Outcome{Status: Fail, Reason: fmt.Sprintf(format, args...)}
}

func skip(format string, args ...any) Outcome {
	return Outcome{Status: Skip, Reason: fmt.Sprintf(format, args...)}
}

// KindError lets an op adapter give an error kind to an error that the
// API returns rather than panics with (Kind "linalg" for a singular
// matrix, say). The runner judges it as it judges a *tensor.Error.
type KindError struct {
	Kind string
	Err  error
}

func (e *KindError) Error() string { return e.Kind + ": " + e.Err.Error() }
func (e *KindError) Unwrap() error { return e.Err }

// KindSatisfies reports whether an error of kind got (numerr.Kind's
// names: "shape", "axis", "index", "value", "dtype", or a KindError's
// kind) satisfies a case that expects kind want. It mirrors NumPy's
// exception hierarchy, in which AxisError subclasses both IndexError and
// ValueError and shape errors are ValueErrors:
//
//	got == want
//	got "axis"  satisfies "index" and "value"
//	got "shape" satisfies "value"
func KindSatisfies(got, want string) bool {
	switch {
	case got == want:
		return true
	case got == numerr.Axis.String():
		return want == "index" || want == "value"
	case got == numerr.Shape.String():
		return want == "value"
	}
	return false
}

// apiKind returns the kind of a caller error: a *numerr.Error (what the
// tensor API panics with) or a *KindError, anywhere in err's chain.
func apiKind(err error) (string, bool) {
	var ne *numerr.Error
	if errors.As(err, &ne) {
		return ne.Kind.String(), true
	}
	var ke *KindError
	if errors.As(err, &ke) {
		return ke.Kind, true
	}
	return "", false
}

// callResult is what protect saw.
type callResult struct {
	err      error  // returned, or the recovered panic value as an error
	panicked bool   // err came from a panic
	stack    string // the stack, for a panic that is not a caller error
}

// protect runs f and recovers a panic, so that one case cannot stop the
// run. A panic value that is not an error becomes one.
func protect(f func() error) (r callResult) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		r.panicked = true
		if err, ok := p.(error); ok {
			r.err = err
		} else {
			r.err = fmt.Errorf("panic: %v", p)
		}
		if _, ok := apiKind(r.err); !ok && !errors.Is(r.err, device.ErrUnsupported) {
			r.stack = shortStack()
		}
	}()
	return callResult{err: f()}
}

// shortStack returns the panicking goroutine's stack, cut to the frames
// that say where the panic happened.
func shortStack() string {
	lines := strings.Split(string(debug.Stack()), "\n")
	// Drop the frames of debug.Stack, shortStack, protect's deferred
	// function and the runtime's panic machinery.
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			lines = lines[i:]
			break
		}
	}
	if len(lines) > 24 {
		lines = append(lines[:24], "\t...")
	}
	return strings.Join(lines, "\n")
}

// describe formats a failed call for a FAIL message.
func (r callResult) describe() string {
	switch {
	case !r.panicked:
		return "op adapter error: " + r.err.Error()
	case r.stack != "":
		return fmt.Sprintf("panic that is not a *tensor.Error (%T): %v\n%s", r.err, r.err, r.stack)
	}
	return fmt.Sprintf("panic: %v", r.err)
}

// Run runs case c on dev and judges it:
//
//   - an op not in Ops, or a device that reports ErrUnsupported (while
//     building arguments, running the op or reading results back): Skip;
//   - a malformed case, arguments that cannot be built: Fail;
//   - a case that expects a result: Pass when the op returns results that
//     Compare accepts and leaves its inputs unchanged (but for the
//     arguments it assigns to, Op.Writes); any panic or error is a Fail;
//   - a case that expects an error: Pass when the op panics with a
//     *tensor.Error (or returns a *KindError) whose kind satisfies the
//     expected one (KindSatisfies) and every input is unchanged. A panic
//     that is not a *tensor.Error, such as a runtime index out of range,
//     is a Fail, as is a result.
func Run(dev device.Device, c *Case) Outcome {
	op, ok := Ops[c.Op]
	if !ok {
		return skip("op %q is not in the runner's table: numgl does not implement it yet", c.Op)
	}
	if err := c.Check(); err != nil {
		return fail("malformed case: %v", err)
	}

	var ins []Input
	var snaps []snapshot
	r := protect(func() error {
		var err error
		if ins, err = BuildArgs(dev, c); err != nil {
			return err
		}
		snaps = takeSnapshots(ins)
		return nil
	})
	if r.err != nil {
		if errors.Is(r.err, device.ErrUnsupported) {
			return skip("building arguments: %v", r.err)
		}
		return fail("building arguments: %s", r.describe())
	}

	var results []*tensor.Array
	r = protect(func() error {
		var err error
		results, err = op.Run(dev, ins, Kwargs(c.Kwargs))
		return err
	})
	if r.err != nil && errors.Is(r.err, device.ErrUnsupported) {
		return skip("%v", r.err)
	}

	if want := c.Expect.Error; want != "" {
		if r.err == nil {
			return fail("expected error %q, got %s", want, describeResults(results))
		}
		got, isAPI := apiKind(r.err)
		if !isAPI {
			return fail("expected error %q, got %s", want, r.describe())
		}
		if !KindSatisfies(got, want) {
			return fail("expected error %q, got error kind %q: %v", want, got, r.err)
		}
		return checkUnchanged(snaps, nil)
	}

	if r.err != nil {
		if got, isAPI := apiKind(r.err); isAPI {
			return fail("expected a result, got error kind %q: %v", got, r.err)
		}
		return fail("expected a result, got %s", r.describe())
	}
	wants := c.Expect.Results()
	if len(results) != len(wants) {
		return fail("got %d results, want %d", len(results), len(wants))
	}
	var mismatch error
	r = protect(func() error {
		for i, res := range results {
			if res == nil {
				mismatch = fmt.Errorf("result %d is nil", i)
				return nil
			}
			if err := Compare(res, wants[i], *c.Rtol, *c.Atol); err != nil {
				if len(results) > 1 {
					err = fmt.Errorf("result %d: %w", i, err)
				}
				mismatch = err
				return nil
			}
		}
		return nil
	})
	switch {
	case r.err != nil && errors.Is(r.err, device.ErrUnsupported):
		return skip("reading results: %v", r.err)
	case r.err != nil:
		return fail("reading results: %s", r.describe())
	case mismatch != nil:
		return fail("%v", mismatch)
	}
	return checkUnchanged(snaps, op.Writes)
}

// checkUnchanged passes when no input (but the written ones) changed.
func checkUnchanged(snaps []snapshot, writes []int) Outcome {
	var changed error
	r := protect(func() error {
		changed = changedInputs(snaps, writes)
		return nil
	})
	switch {
	case r.err != nil && errors.Is(r.err, device.ErrUnsupported):
		return skip("reading inputs back: %v", r.err)
	case r.err != nil:
		return fail("reading inputs back: %s", r.describe())
	case changed != nil:
		return fail("%v", changed)
	}
	return pass()
}

// describeResults names the shapes and dtypes of results, for a case that
// expected an error.
func describeResults(results []*tensor.Array) string {
	if len(results) == 0 {
		return "no error and no result"
	}
	parts := make([]string, len(results))
	for i, a := range results {
		if a == nil {
			parts[i] = "nil"
			continue
		}
		parts[i] = a.DType().String() + fmtShape(a.Shape())
	}
	return "no error and a result " + strings.Join(parts, ", ")
}
