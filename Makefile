# numgl — make targets. `make test` is what CI runs (.ci/run).
GO      ?= go
PKGS    := ./...
# Debian packages the build and tests use: EGL/GL headers and Mesa's
# llvmpipe for the GPU backend, X11 headers for GLFW (built from source by
# go-gl/glfw) and Xvfb to test it, NumPy for cross-checks against NumPy
# (and numexpr, gpubench -numpy's second baseline for expressions).
DEB_PKGS := pkg-config gcc libc6-dev libegl-dev libgl-dev libgl1-mesa-dri \
	libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev \
	xvfb xauth python3-numpy python3-numexpr python3-sklearn

export PATH := $(PATH):/usr/local/go/bin

.PHONY: all test vet fmt-check bench deps fuzz conformance accuracy

all: test

## test: gofmt and vet checks, then every package's tests (conformance included).
test: fmt-check vet
	$(GO) test -count=1 $(PKGS)
	$(GO) test -count=1 -race -run 'Concurrent|Leaks|Reuse' ./device/gpu ./cpu ./nnforward
	$(GO) test -count=1 -race -run 'Concurrent|Fused' ./tensor
	$(GO) test -count=1 -tags purego ./cpu

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## conformance: the NumPy conformance cases on every device, verbose.
conformance:
	$(GO) test ./conformance -count=1 -v -run TestConformance

## accuracy: every math function on every device against NumPy's ULP
## validation files (found through python3's NumPy): max ulp per function,
## dtype and device, failing on any point over the file's bound.
accuracy:
	$(GO) test ./conformance -count=1 -v -run 'TestValidation$$'

## bench: gpubench's default suite on every device that opens (about a
## minute; cmd/gpubench). Extra flags: make bench BENCHFLAGS='-numpy -plot bench.png'.
## The Go micro-benchmarks: go test -run '^$$' -bench . ./...
bench:
	$(GO) run ./cmd/gpubench $(BENCHFLAGS)

## fuzz: a short run of every fuzz target.
fuzz:
	@for f in FuzzShapes FuzzSlice FuzzIndex; do \
		$(GO) test ./broadcast -run '^$$' -fuzz "^$$f$$" -fuzztime 10s || exit 1; done
	$(GO) test ./tensor -run '^$$' -fuzz '^FuzzGetItem$$' -fuzztime 10s
	$(GO) test ./tensor -run '^$$' -fuzz '^FuzzUfuncTypes$$' -fuzztime 10s
	$(GO) test ./npy -run '^$$' -fuzz '^FuzzRead$$' -fuzztime 10s
	$(GO) test ./npy -run '^$$' -fuzz '^FuzzReadNPZ$$' -fuzztime 10s

## deps: install the Debian packages above when they are missing (run as root).
deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "deps: all installed"; fi
