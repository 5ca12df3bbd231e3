#!/usr/bin/env bash
# WSP_* is ignored in secure-exec processes, proven on a real one: the probe
# is built against a copy of the shim in a temporary directory on a
# filesystem that honours setuid, made setuid root (and, if setcap exists, given a file capability instead)
# and run as an unprivileged user with WSP_MODE=audit, WSP_REPORT,
# WSP_DEBUG_FILE and WSP_LOG set.  The same probe without the bit, run by the
# same user, shows that those variables do work -- so the secure run's
# default behaviour comes from ignoring them, not from a broken setup.
#   secure_exec_test.sh PROBE_SOURCE SHIM SANITIZE "CC COMMAND"
# Needs root (to make the binary setuid); skips (77) otherwise, and in
# sanitizer builds (the instrumented shim needs its runtime, which a
# secure-exec process will not preload).
set -euo pipefail
src=$1 shim=$2 sanitize=${3:-none} cc=${4:-cc}
skip() { echo "skip: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || skip "not root: a setuid test binary needs root to create (CI runs as root)"
[ "$sanitize" = none ] || skip "sanitizer build ($sanitize): runs in the release build"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
# The unprivileged user must be able to run anything at all: in a chroot whose
# root directory is not world-searchable (mktemp -d makes it 0700) it cannot.
setpriv --reuid=65534 --regid=65534 --clear-groups -- /bin/true 2>/dev/null ||
    skip "user 65534 cannot run /bin/true here (is / world-searchable?)"

dir=""
for base in /tmp /var/tmp /dev/shm; do
    [ -d "$base" ] || continue
    if ! findmnt -n -o OPTIONS -T "$base" | tr ',' '\n' | grep -qx nosuid; then
        dir=$(mktemp -d "$base/wsp-secure.XXXXXX")
        break
    fi
done
[ -n "$dir" ] || skip "no directory on a filesystem without nosuid (/tmp, /var/tmp, /dev/shm)"
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
mkdir -m 777 "$dir/out"
cp "$shim" "$dir/libwspshim.so"
chmod 644 "$dir/libwspshim.so"
# shellcheck disable=SC2086  # CC may be a command with arguments (ccache cc)
$cc -o "$dir/probe" "$src" -L"$dir" -lwspshim -Wl,-rpath,"$dir" || fail "cannot build the probe"
install -m 755 "$dir/probe" "$dir/plain"
install -m 4755 -o root "$dir/probe" "$dir/setuid"

nobody=65534
# run NAME BINARY MODE: as the unprivileged user, with every WSP_* variable
# set.  The SO_DEBUG trace only exists in enforce mode, hence MODE.
run() {
    local name=$1 bin=$2 mode=$3
    setpriv --reuid=$nobody --regid=$nobody --clear-groups -- env -i PATH=/usr/bin:/bin \
        WSP_MODE="$mode" WSP_LOG=1 WSP_REPORT="$dir/out/$name.report" WSP_DEBUG_FILE="$dir/out/$name.trace" \
        "$bin" >"$dir/out/$name.stdout" 2>"$dir/out/$name.stderr" ||
        fail "$name: probe failed: $(cat "$dir/out/$name.stderr")"
}

run plain "$dir/plain" audit
grep -qx 'active=1 secure=0 dontroute=0 errno=0' "$dir/out/plain.stdout" || fail "plain: $(cat "$dir/out/plain.stdout")"
[ -s "$dir/out/plain.report" ] || fail "plain: WSP_REPORT not written: the control run does not exercise it"
grep -q '^libwspshim' "$dir/out/plain.stderr" || fail "plain: WSP_LOG had no effect"
run plain-enforce "$dir/plain" enforce
[ -s "$dir/out/plain-enforce.trace" ] || fail "plain: WSP_DEBUG_FILE not written: the control run does not exercise it"
echo "ok: not secure-exec: WSP_MODE, WSP_REPORT, WSP_DEBUG_FILE and WSP_LOG all take effect"

# secure_run NAME: the probe NAME must behave as if no WSP_* were set
secure_run() {
    local name=$1
    run "$name" "$dir/$name" audit
    grep -qx "active=1 secure=1 dontroute=-1 errno=92" "$dir/out/$name.stdout" ||
        fail "$name: $(cat "$dir/out/$name.stdout") (want secure=1 and enforce's ENOPROTOOPT)"
    [ ! -e "$dir/out/$name.report" ] || fail "$name: WSP_REPORT honoured in a secure-exec process"
    ! grep -q '^libwspshim' "$dir/out/$name.stderr" || fail "$name: WSP_LOG honoured in a secure-exec process"
    run "$name-enforce" "$dir/$name" enforce
    [ ! -e "$dir/out/$name-enforce.trace" ] || fail "$name: WSP_DEBUG_FILE honoured in a secure-exec process"
    grep -q '^wsp\[' "$dir/out/$name-enforce.stderr" || fail "$name: the SO_DEBUG trace did not fall back to stderr"
    echo "ok: $name: secure-exec, every WSP_* ignored (enforce mode, no report, no trace file, no log)"
}
secure_run setuid

if command -v setcap >/dev/null; then
    install -m 755 "$dir/probe" "$dir/capability"
    setcap cap_net_bind_service+ep "$dir/capability"
    secure_run capability
else
    echo "note: setcap (libcap2-bin) not installed: the file-capability case was not run"
fi
