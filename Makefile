# SPDX-License-Identifier: Apache-2.0
# Entry points. Each target installs what is missing, configures and builds before it runs.
BUILD ?= build
# Release: what the package ships and the benchmarks measure, and the quickest build of the
# suite (no debug information). `make BUILD_TYPE=RelWithDebInfo` for a tree to debug in.
BUILD_TYPE ?= Release
JOBS ?= 2
MAKEFLAGS += --no-print-directory
CMAKE_FLAGS ?=

.PHONY: all setup configure build test demo clean format

all: build

setup:
	@scripts/setup.sh

$(BUILD)/CMakeCache.txt: | setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS) >/dev/null

configure: setup $(BUILD)/CMakeCache.txt

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	@rm -rf $(BUILD)

# Ecosystem checks. Each installs what it needs through scripts/setup.sh.
.PHONY: docs tidy format-check check-install
RECOVERY_VERSION := $(shell grep -m1 -o 'recovery VERSION [0-9.]*' CMakeLists.txt | cut -d' ' -f3)

# The API reference; fails on any doxygen warning, an undocumented public entity included.
# DOCS_STRICT=0: every entity extracted, warnings reported without failing.
DOCS_STRICT ?= 1
docs:
	@RECOVERY_SETUP_EXTRA="doxygen $(RECOVERY_SETUP_EXTRA)" scripts/setup.sh
	@mkdir -p $(BUILD)/docs
	@{ cat Doxyfile; [ "$(DOCS_STRICT)" = 1 ] || printf 'EXTRACT_ALL = YES\nWARN_AS_ERROR = NO\n'; } | \
	  DOCS_OUTPUT=$(BUILD)/docs RECOVERY_VERSION=$(RECOVERY_VERSION) doxygen -
	@echo "docs: $(BUILD)/docs/html/index.html"

tidy: configure
	@RECOVERY_SETUP_EXTRA="clang-tidy $(RECOVERY_SETUP_EXTRA)" scripts/setup.sh
	@JOBS=$(JOBS) scripts/tidy.sh $(BUILD)

format-check: setup
	@scripts/format-check.sh

check-install: setup
	@JOBS=$(JOBS) scripts/check-install.sh $(CHECK_INSTALL_FLAGS)

# The Debian package, from $(BUILD) itself: turns on the shared libraries and the man page (in a
# built tree only the shared libraries and the man page are built), builds what the package holds,
# runs CPack.
.PHONY: package
PACKAGE_TARGETS := recovery_shared recovery_testing_shared recoveryctl recoveryctl_man
package: configure
	@cmake -S . -B $(BUILD) -DBUILD_SHARED_LIBS=ON -DRECOVERY_MAN_PAGE=ON \
	  -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target $(PACKAGE_TARGETS)
	@cd $(BUILD) && cpack -G DEB

# Reliability: sanitizer builds of the whole suite and the libFuzzer targets, each in its
# own build directory. FUZZ_SECONDS is the time per fuzz target.
FUZZ_SECONDS ?= 10
.PHONY: test-asan test-tsan fuzz

test-asan: setup
	@JOBS=$(JOBS) scripts/sanitize.sh asan

test-tsan: setup
	@JOBS=$(JOBS) scripts/sanitize.sh tsan

fuzz: setup
	@JOBS=$(JOBS) scripts/fuzz.sh $(FUZZ_SECONDS)

# Performance: micro benchmarks and the side-by-side comparison (docs/PERFORMANCE.md).
# bench/compare configures $(BUILD) itself: Release when it is new (make bench BUILD=build-release).
.PHONY: bench
bench: setup
	@BUILD=$(BUILD) bench/compare $(BENCH_FLAGS)
