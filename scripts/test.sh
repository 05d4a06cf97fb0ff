#!/usr/bin/env bash
# The README's second command: install what is missing, build with warnings as errors,
# and run the whole test suite (unit and end-to-end) through ctest.
# PRESET=asan scripts/test.sh runs it under AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${PRESET:-dev}
scripts/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset"
