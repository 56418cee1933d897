package npy

import (
	"fmt"
	"strconv"
	"strings"
)

// The header of a .npy file is a Python dict literal, which NumPy reads
// with ast.literal_eval. This file parses the subset of Python literals
// that can appear there: dicts, tuples, lists, strings, ints, True, False
// and None. It is a plain recursive-descent parser with a depth limit, so
// no input can make it recurse without bound.

// pyKind is the type of a parsed Python literal.
type pyKind int

const (
	pyDict pyKind = iota + 1
	pyTuple
	pyList
	pyStr
	pyInt
	pyBool
	pyNone
)

func (k pyKind) String() string {
	switch k {
	case pyDict:
		return "dict"
	case pyTuple:
		return "tuple"
	case pyList:
		return "list"
	case pyStr:
		return "str"
	case pyInt:
		return "int"
	case pyBool:
		return "bool"
	case pyNone:
		return "None"
	}
	return "?"
}

// pyValue is one parsed literal. Dict keys and values are in Items as
// pairs (key, value, key, value, ...).
type pyValue struct {
	Kind  pyKind
	Str   string
	Int   int64
	Bool  bool
	Items []pyValue
}

// maxPyDepth bounds the nesting of containers.
const maxPyDepth = 16

type pyParser struct {
	s          string
	pos        int
	longSuffix bool // accept Python 2's "3L" (format versions 1.0 and 2.0)
}

// parsePyLiteral parses s, which must hold exactly one literal
// (surrounding white space allowed).
func parsePyLiteral(s string, longSuffix bool) (pyValue, error) {
	p := &pyParser{s: s, longSuffix: longSuffix}
	v, err := p.value(0)
	if err != nil {
		return pyValue{}, err
	}
	p.space()
	if p.pos != len(p.s) {
		return pyValue{}, p.errorf("unexpected %q after the literal", p.rest())
	}
	return v, nil
}

func (p *pyParser) errorf(format string, args ...any) error {
	return fmt.Errorf("at offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

// rest returns a short excerpt of the input from the current position.
func (p *pyParser) rest() string {
	r := p.s[p.pos:]
	if len(r) > 16 {
		r = r[:16] + "..."
	}
	return r
}

func (p *pyParser) space() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			p.pos++
		default:
			return
		}
	}
}

func (p *pyParser) value(depth int) (pyValue, error) {
	if depth > maxPyDepth {
		return pyValue{}, p.errorf("literal nested more than %d deep", maxPyDepth)
	}
	p.space()
	if p.pos >= len(p.s) {
		return pyValue{}, p.errorf("unexpected end of header")
	}
	switch c := p.s[p.pos]; {
	case c == '{':
		return p.container(depth, '}', pyDict)
	case c == '(':
		return p.container(depth, ')', pyTuple)
	case c == '[':
		return p.container(depth, ']', pyList)
	case c == '\'' || c == '"':
		s, err := p.str()
		return pyValue{Kind: pyStr, Str: s}, err
	case c == '-' || c == '+' || (c >= '0' && c <= '9'):
		return p.integer()
	default:
		for _, w := range []struct {
			word string
			v    pyValue
		}{
			{"True", pyValue{Kind: pyBool, Bool: true}},
			{"False", pyValue{Kind: pyBool}},
			{"None", pyValue{Kind: pyNone}},
		} {
			if strings.HasPrefix(p.s[p.pos:], w.word) && !p.identAt(p.pos+len(w.word)) {
				p.pos += len(w.word)
				return w.v, nil
			}
		}
		return pyValue{}, p.errorf("unexpected %q", p.rest())
	}
}

// identAt reports whether an identifier character is at i (so "Truex" is
// not True).
func (p *pyParser) identAt(i int) bool {
	if i >= len(p.s) {
		return false
	}
	c := p.s[i]
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// container parses a dict, tuple or list whose opening bracket is at pos.
// "(x)" without a comma is x itself, as in Python.
func (p *pyParser) container(depth int, end byte, kind pyKind) (pyValue, error) {
	p.pos++ // the opening bracket
	v := pyValue{Kind: kind}
	sawComma := false
	for {
		p.space()
		if p.pos >= len(p.s) {
			return pyValue{}, p.errorf("unexpected end of header: missing %q", end)
		}
		if p.s[p.pos] == end {
			p.pos++
			break
		}
		if len(v.Items) > 0 && !sawComma {
			return pyValue{}, p.errorf("missing ',' before %q", p.rest())
		}
		item, err := p.value(depth + 1)
		if err != nil {
			return pyValue{}, err
		}
		v.Items = append(v.Items, item)
		if kind == pyDict {
			p.space()
			if p.pos >= len(p.s) || p.s[p.pos] != ':' {
				return pyValue{}, p.errorf("missing ':' after a dict key")
			}
			p.pos++
			val, err := p.value(depth + 1)
			if err != nil {
				return pyValue{}, err
			}
			v.Items = append(v.Items, val)
		}
		p.space()
		sawComma = p.pos < len(p.s) && p.s[p.pos] == ','
		if sawComma {
			p.pos++
		}
	}
	if kind == pyTuple && len(v.Items) == 1 && !sawComma {
		return v.Items[0], nil // a parenthesised value, not a tuple
	}
	return v, nil
}

// str parses a quoted string with Python's simple escapes. Prefixes (b,
// r, u) are not accepted: NumPy never writes them in a header.
func (p *pyParser) str() (string, error) {
	q := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		switch {
		case c == q:
			p.pos++
			return b.String(), nil
		case c == '\n':
			return "", p.errorf("newline in a string")
		case c == '\\':
			if p.pos+1 >= len(p.s) {
				return "", p.errorf("unterminated string")
			}
			e := p.s[p.pos+1]
			switch e {
			case '\\', '\'', '"':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				return "", p.errorf("unsupported escape \\%c in a string", e)
			}
			p.pos += 2
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return "", p.errorf("unterminated string")
}

// integer parses a decimal integer (with Python 2's L suffix when
// allowed).
func (p *pyParser) integer() (pyValue, error) {
	start := p.pos
	if c := p.s[p.pos]; c == '-' || c == '+' {
		p.pos++
	}
	digits := p.pos
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == digits {
		return pyValue{}, p.errorf("a sign without digits")
	}
	text := p.s[start:p.pos]
	if p.longSuffix && p.pos < len(p.s) && (p.s[p.pos] == 'L' || p.s[p.pos] == 'l') {
		p.pos++
	}
	if p.identAt(p.pos) || p.pos < len(p.s) && p.s[p.pos] == '.' {
		return pyValue{}, p.errorf("not an integer: %q", p.s[start:min(p.pos+1, len(p.s))])
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return pyValue{}, p.errorf("integer %s out of range", text)
	}
	return pyValue{Kind: pyInt, Int: n}, nil
}
