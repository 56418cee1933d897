//go:build cgo && !nogpu

package gpu

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/numgl/numgl/internal/gl"

	"github.com/numgl/numgl/shaders"
)

// EnvCacheDir names the directory of the on-disk program cache; the
// default is numgl/programs under os.UserCacheDir. "off" disables it.
const EnvCacheDir = "NUMGL_CACHE_DIR"

// Program is a linked compute program and the uniforms its source
// declares, with their locations.
type Program struct {
	id       uint32
	declared [shaders.NumUniforms]bool
	loc      [shaders.NumUniforms]int32
	source   string
}

// newProgram wraps linked program id of source, reading the locations of
// the uniforms source declares. GL thread only.
func newProgram(id uint32, source string) (*Program, error) {
	us, err := shaders.Uniforms(source)
	if err != nil {
		return nil, err
	}
	p := &Program{id: id, source: source}
	for _, u := range us {
		p.declared[u] = true
		p.loc[u] = gl.GetUniformLocation(id, gl.Str(u.String()+"\x00"))
	}
	return p, nil
}

// uniform returns the location of u (-1 when the compiler removed it as
// unused: setting it is then a no-op, as GL specifies). Setting a uniform
// the kernel does not declare is a bug of this package, not a no-op: it
// panics.
func (p *Program) uniform(u shaders.Uniform) int32 {
	if u >= shaders.NumUniforms || !p.declared[u] {
		panic(fmt.Sprintf("gpu: setting %v, which the kernel does not declare:\n%s", u, p.source))
	}
	return p.loc[u]
}

// programCache holds linked programs by key (a kernel's specialisation:
// a plan's Key, or the name and parameters of a fixed kernel), in memory,
// and as program binaries on disk keyed by the hash of the source. GL
// thread only, except the counters.
type programCache struct {
	dev    *Device
	mem    map[string]*Program
	dir    string // "" when the disk cache is off
	prefix string // vendor, renderer and driver version: binaries are only valid for them

	compiles, memHits, diskHits atomic.Int64
}

// CacheStats counts program compilations and cache hits.
type CacheStats struct {
	Compiles, MemoryHits, DiskHits int64
}

// CacheStats returns the counters of the program cache.
func (d *Device) CacheStats() CacheStats {
	return CacheStats{d.programs.compiles.Load(), d.programs.memHits.Load(), d.programs.diskHits.Load()}
}

func (c *programCache) init(d *Device) {
	c.dev = d
	c.mem = map[string]*Program{}
	c.prefix = d.caps.Vendor + "\x00" + d.caps.Renderer + "\x00" + d.caps.Version
	dir := os.Getenv(EnvCacheDir)
	if dir == "off" {
		return
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return
		}
		dir = filepath.Join(base, "numgl", "programs")
	}
	if err := os.MkdirAll(dir, 0o755); err == nil {
		c.dir = dir
	}
}

// get returns the program of key, whose source gen writes (called only
// when the program is not in memory yet), compiling it at most once per
// process and, with a disk cache, once per driver. GL thread only.
func (c *programCache) get(key string, gen func() string) (*Program, error) {
	if p, ok := c.mem[key]; ok {
		c.memHits.Add(1)
		return p, nil
	}
	source := gen()
	hash := c.keyOf(source)
	if p := c.load(hash, source); p != nil {
		c.diskHits.Add(1)
		c.mem[key] = p
		return p, nil
	}
	p, err := compile(source)
	c.compiles.Add(1)
	if err != nil {
		return nil, err
	}
	c.mem[key] = p
	c.store(hash, p)
	return p, nil
}

// keyOf is the cache key of source for this driver: a hash of vendor,
// renderer, driver version and source.
func (c *programCache) keyOf(source string) string {
	sum := sha256.Sum256([]byte(c.prefix + "\x00" + source))
	return hex.EncodeToString(sum[:16])
}

// load links a program from its cached binary; any failure is a miss.
func (c *programCache) load(key, source string) *Program {
	if c.dir == "" {
		return nil
	}
	raw, err := os.ReadFile(filepath.Join(c.dir, key+".bin"))
	if err != nil || len(raw) < 4 {
		return nil
	}
	format := binary.LittleEndian.Uint32(raw)
	body := raw[4:]
	if len(body) == 0 {
		return nil
	}
	id := gl.CreateProgram()
	gl.ProgramBinary(id, format, gl.Ptr(body), int32(len(body)))
	var ok int32
	gl.GetProgramiv(id, gl.LINK_STATUS, &ok)
	if ok == 0 || gl.GetError() != gl.NO_ERROR {
		gl.DeleteProgram(id)
		return nil
	}
	p, err := newProgram(id, source)
	if err != nil {
		gl.DeleteProgram(id)
		return nil
	}
	return p
}

// store writes a program's binary; a failure only costs a later compile.
func (c *programCache) store(key string, p *Program) {
	if c.dir == "" {
		return
	}
	var n int32
	gl.GetProgramiv(p.id, gl.PROGRAM_BINARY_LENGTH, &n)
	if n <= 0 {
		return
	}
	body := make([]byte, n)
	var format uint32
	var got int32
	gl.GetProgramBinary(p.id, n, &got, &format, gl.Ptr(body))
	if gl.GetError() != gl.NO_ERROR || got <= 0 {
		return
	}
	raw := binary.LittleEndian.AppendUint32(nil, format)
	raw = append(raw, body[:got]...)
	tmp, err := os.CreateTemp(c.dir, key+".*.tmp")
	if err != nil {
		return
	}
	_, werr := tmp.Write(raw)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	os.Rename(tmp.Name(), filepath.Join(c.dir, key+".bin"))
}

// CompileError is a shader that failed to compile or link: the driver's
// info log and the numbered source.
type CompileError struct {
	Stage, Log, Source string
}

func (e *CompileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "gpu: %s failed:\n%s\n", e.Stage, strings.TrimSpace(e.Log))
	for i, line := range strings.Split(e.Source, "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, line)
	}
	return b.String()
}

// compile compiles and links a compute shader, releasing what it made on
// failure. GL thread only.
func compile(source string) (*Program, error) {
	sh := gl.CreateShader(gl.COMPUTE_SHADER)
	if sh == 0 {
		return nil, fmt.Errorf("gpu: glCreateShader failed: GL error 0x%04x", gl.GetError())
	}
	defer gl.DeleteShader(sh)
	src, free := gl.Strs(source + "\x00")
	gl.ShaderSource(sh, 1, src, nil)
	free()
	gl.CompileShader(sh)
	var ok int32
	gl.GetShaderiv(sh, gl.COMPILE_STATUS, &ok)
	if ok == 0 {
		return nil, &CompileError{Stage: "compiling a compute shader", Log: shaderLog(sh), Source: source}
	}
	id := gl.CreateProgram()
	gl.AttachShader(id, sh)
	gl.ProgramParameteri(id, gl.PROGRAM_BINARY_RETRIEVABLE_HINT, gl.TRUE)
	gl.LinkProgram(id)
	gl.DetachShader(id, sh)
	gl.GetProgramiv(id, gl.LINK_STATUS, &ok)
	if ok == 0 {
		log := programLog(id)
		gl.DeleteProgram(id)
		return nil, &CompileError{Stage: "linking a compute program", Log: log, Source: source}
	}
	p, err := newProgram(id, source)
	if err != nil {
		gl.DeleteProgram(id)
		return nil, err
	}
	return p, nil
}

func shaderLog(sh uint32) string {
	var n int32
	gl.GetShaderiv(sh, gl.INFO_LOG_LENGTH, &n)
	if n <= 1 {
		return ""
	}
	buf := make([]byte, n)
	gl.GetShaderInfoLog(sh, n, nil, &buf[0])
	return strings.TrimRight(string(buf), "\x00")
}

func programLog(p uint32) string {
	var n int32
	gl.GetProgramiv(p, gl.INFO_LOG_LENGTH, &n)
	if n <= 1 {
		return ""
	}
	buf := make([]byte, n)
	gl.GetProgramInfoLog(p, n, nil, &buf[0])
	return strings.TrimRight(string(buf), "\x00")
}
