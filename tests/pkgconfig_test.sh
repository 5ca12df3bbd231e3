#!/usr/bin/env bash
# A program written only against the Windows headers builds and runs with
# nothing but `pkg-config --cflags --libs wsp` (uninstalled .pc from Meson).
set -euo pipefail
build=$1 src=$2
export PKG_CONFIG_PATH="$build/meson-uninstalled"
flags=$(pkg-config --cflags --libs wsp)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# shellcheck disable=SC2086
${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$out/hello_wsp" "$src/examples/hello_wsp.c" $flags
LD_LIBRARY_PATH="$build/spi${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$out/hello_wsp"
echo "pkg-config wsp: $flags"
