#!/usr/bin/env bash
# Fails when a C++ file of the project is not formatted by the root .clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run -Werror "${files[@]}"
echo "format: ${#files[@]} files clean"
