package tensor_test

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestReadmeExample: README.md's Go example is gofmt-clean, and its main
// is Example_readme (example_test.go), which go test compiles and runs
// against its // Output: they differ only in comments.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```go\n")
	src, _, ok2 := strings.Cut(rest, "```\n")
	if !ok || !ok2 {
		t.Fatal("README.md has no ```go block")
	}
	formatted, err := format.Source([]byte(src))
	if err != nil {
		t.Fatalf("README's example does not parse: %v", err)
	}
	if string(formatted) != src {
		t.Errorf("README's example is not gofmt-clean; gofmt gives:\n%s", formatted)
	}
	main := funcBody(t, "README.md", src, "main")
	example, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if ex := funcBody(t, "example_test.go", string(example), "Example_readme"); ex != main {
		t.Errorf("README's main and Example_readme differ:\nREADME:\n%s\nExample_readme:\n%s", main, ex)
	}
}

// funcBody prints the body of function name in src, comments and blank
// lines dropped.
func funcBody(t *testing.T, file, src, name string) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0) // no comments
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == name {
			var b bytes.Buffer
			if err := printer.Fprint(&b, fset, fn.Body); err != nil {
				t.Fatal(err)
			}
			return strings.ReplaceAll(b.String(), "\n\n", "\n") // blank lines left by comments

		}
	}
	t.Fatalf("%s has no func %s", file, name)
	return ""
}
