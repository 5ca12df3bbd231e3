# Shared by scripts/*: find the project, install what is missing, build.
# shellcheck shell=bash

WSP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WSP_BUILD=${WSP_BUILD:-$WSP_ROOT/build}

wsp_say() { printf '%s\n' "$*" >&2; }

# Debian packages the build and the tests need; installed only when absent.
WSP_PACKAGES_BUILD=(gcc libc6-dev meson ninja-build pkg-config check)
WSP_PACKAGES_TEST=(curl socat python3 procps netbase g++ mandoc make binutils python3-jsonschema python3-sarif-python-om
                  libcap2-bin)
# scripts/bench only (benchmarks are not part of scripts/test): instruction
# counts, the peer interposer, and real servers with their load generators
WSP_PACKAGES_BENCH=(valgrind libsocket-wrapper redis-server redis-tools nginx-light wrk)
# tests/conformance: the probe built for Windows and run under Wine
WSP_PACKAGES_CONFORMANCE=(gcc-mingw-w64-x86-64 wine64)

wsp_missing_packages() {
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    printf '%s\n' "${missing[@]}"
}

wsp_install() {
    local missing
    mapfile -t missing < <(wsp_missing_packages "$@" | sed '/^$/d')
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
            return
        fi
        wsp_say "wspshim: missing Debian packages: ${missing[*]} (run as root, or install them)"
        return 1
    fi
    wsp_say "wspshim: installing ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# wsp_build DIR [meson options...]: configure once, then build quietly.
wsp_build() {
    local dir=$1
    shift
    mkdir -p "$(dirname "$dir")"
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$WSP_ROOT" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log" >&2; return 1; }
    fi
    ninja -C "$dir" >"$dir.ninja.log" 2>&1 || { cat "$dir.ninja.log" >&2; return 1; }
}
