# SPDX-License-Identifier: MIT
# A thin wrapper over CMake: installs missing Debian packages, configures,
# builds, runs. The real build is CMakeLists.txt.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# The build's own make prints no "Entering directory" lines.
MAKEFLAGS += --no-print-directory
DEBUG_DIR ?= build
RELEASE_DIR ?= build-release

.PHONY: all deps test-deps build release test demo bench clean

all: build

deps:
	@scripts/deps.sh build

test-deps:
	@scripts/deps.sh test

# The test build: clang, AddressSanitizer + UndefinedBehaviorSanitizer,
# warnings as errors, and the libFuzzer targets.
build: test-deps
	@cmake -S . -B $(DEBUG_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
	    -DIMR_SANITIZE=ON -DIMR_FUZZ=ON > /dev/null
	@cmake --build $(DEBUG_DIR) -j $(JOBS)

release: deps
	@cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF > /dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

# The release build (gcc, -O2) is built too: its warnings differ from
# clang's, and both must stay clean.
test: build release
	@cd $(DEBUG_DIR) && ctest --output-on-failure -j $(JOBS)

demo: release
	@scripts/demo.sh $(RELEASE_DIR)/imr

bench: release
	@scripts/deps.sh bench
	@bench/run.sh $(RELEASE_DIR) && bench/run_extract.sh $(RELEASE_DIR) && \
	    bench/run_review.sh $(RELEASE_DIR) && bench/run_store.sh $(RELEASE_DIR)

clean:
	rm -rf $(DEBUG_DIR) $(RELEASE_DIR)
