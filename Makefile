# numgl — make targets. `make test` is what CI runs (.ci/run).
GO      ?= go
PKGS    := ./...
# Debian packages, as two lists. BENCH_PKGS: what `make bench` needs: a C
# compiler for cgo (the default build needs nothing more: EGL and GL are
# loaded at run time) and, to run the GPU device, libEGL with Mesa's EGL
# and its drivers (llvmpipe where there is no GPU). TEST_PKGS adds what
# the tests use: NumPy for cross-checks (numexpr and scikit-learn for
# gpubench -numpy and the MLP importer's tests), and for the GLFW context
# (-tags glfw, tested under Xvfb) X11's development headers, GL's and Xvfb.
BENCH_PKGS := gcc libc6-dev libegl1 libegl-mesa0 libgl1-mesa-dri
TEST_PKGS := $(BENCH_PKGS) git python3-numpy python3-numexpr python3-sklearn \
	pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev \
	libxxf86vm-dev xvfb xauth
DEB_PKGS := $(TEST_PKGS)

# need: install the Debian packages in $(1) that are missing (as root, by
# apt-get), or stop naming the one command that installs them.
define need
	@missing=""; for p in $(1); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "missing Debian packages:$$missing"; \
		echo "run:  sudo apt-get install -y --no-install-recommends$$missing"; \
		exit 1; \
	fi
endef

export PATH := $(PATH):/usr/local/go/bin

.PHONY: all test vet fmt-check bench deps test-deps bench-deps fuzz conformance accuracy readme

all: test

## test: installs what it needs (test-deps), gofmt and vet checks, then
## every package's tests (conformance included), the GLFW build's tests,
## and README's commands in a fresh clone of the last commit.
test: test-deps fmt-check vet
	$(GO) test -count=1 $(PKGS)
	$(GO) vet -tags glfw ./device/gpu
	$(GO) test -count=1 -tags glfw -run GLFW ./device/gpu
	.ci/readme-commands
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

## bench: installs what it needs (bench-deps), then gpubench's default
## suite on every device that opens (cmd/gpubench). Extra flags:
## make bench BENCHFLAGS='-numpy -plot bench.png'.
## The Go micro-benchmarks: go test -run '^$$' -bench . ./...
bench: bench-deps
	$(GO) run ./cmd/gpubench $(BENCHFLAGS)

## fuzz: a short run of every fuzz target.
fuzz:
	@for f in FuzzShapes FuzzSlice FuzzIndex; do \
		$(GO) test ./broadcast -run '^$$' -fuzz "^$$f$$" -fuzztime 10s || exit 1; done
	$(GO) test ./tensor -run '^$$' -fuzz '^FuzzGetItem$$' -fuzztime 10s
	$(GO) test ./tensor -run '^$$' -fuzz '^FuzzUfuncTypes$$' -fuzztime 10s
	$(GO) test ./npy -run '^$$' -fuzz '^FuzzRead$$' -fuzztime 10s
	$(GO) test ./npy -run '^$$' -fuzz '^FuzzReadNPZ$$' -fuzztime 10s

## deps: install every Debian package above that is missing (run as root).
deps:
	$(call need,$(DEB_PKGS))
	@echo "deps: all installed"

test-deps:
	$(call need,$(TEST_PKGS))

bench-deps:
	$(call need,$(BENCH_PKGS))

## readme: every shell command of README.md, checked in a fresh clone of
## the last commit (.ci/readme-commands).
readme:
	.ci/readme-commands
