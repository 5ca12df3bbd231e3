#!/usr/bin/env bash
# CPython's own test_socket suite, natively and under the shim in audit mode:
# the same number of tests run, failed, errored and skipped.
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 -c 'import test.test_socket' 2>/dev/null || skip "CPython test suite not installed (libpython3.*-testsuite)"

summary() {   # MODE: prints the runner's count line
    local log="$WORK/test_socket.$1.log"
    (cd "$WORK" && under "$1" timeout 900 /usr/bin/python3 "$(dirname "$0")/run_test_socket.py" 2>"$log") | tail -n 1
}

native=$(summary native)
audit=$(summary audit)
echo "native: $native"
echo "audit:  $audit"
case $native in run=[1-9]*) ;; *) echo "test_socket did not run"; tail -n 20 "$WORK/test_socket.native.log"; exit 1 ;; esac
[ "$native" = "$audit" ]
echo "CPython test_socket: identical results natively and under the shim (audit)"
