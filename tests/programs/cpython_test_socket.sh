#!/usr/bin/env bash
# CPython's own test_socket suite, natively and under the shim in audit mode:
# the same number of tests run, failed, errored and skipped.
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 -c 'import test.test_socket' 2>/dev/null || skip "CPython test suite not installed (libpython3.*-testsuite)"

# test_socket connects to "localhost": a root without /etc/hosts (a bare
# debootstrap) cannot resolve it, and hundreds of tests then error out
# natively, some after DNS time-outs that differ from run to run.
getent hosts localhost >/dev/null || skip "localhost does not resolve here (no /etc/hosts)"

here=$(cd "$(dirname "$0")" && pwd)
summary() {   # MODE: prints the runner's count line
    local log="$WORK/test_socket.$1.log"
    (cd "$WORK" && under "$1" timeout 900 /usr/bin/python3 "$here/run_test_socket.py" "$WORK/failing.$1" 2>"$log") |
        tail -n 1
}

# A few of test_socket's tests depend on timing; a difference that does not
# survive one more pair of runs is a flake of the suite, not the shim.
for attempt in 1 2; do
    native=$(summary native)
    audit=$(summary audit)
    echo "native: $native"
    echo "audit:  $audit"
    case $native in run=[1-9]*) ;; *) echo "test_socket did not run"; tail -n 20 "$WORK/test_socket.native.log"; exit 1 ;; esac
    if [ "$native" = "$audit" ]; then
        echo "CPython test_socket: identical results natively and under the shim (audit)"
        exit 0
    fi
    echo "tests failing in only one of the runs (attempt $attempt):"
    diff "$WORK/failing.native" "$WORK/failing.audit" || true
done
exit 1
